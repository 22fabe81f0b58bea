import { ConnectError, RetriableError, SinkRecord } from "@tributary/api";
import { describe, expect, it } from "vitest";
import type { SearchResponse } from "../http/search-client.js";
import { type BulkItem, BulkWriter, type BulkWriterOptions } from "./bulk-writer.js";

function item(n: number, text = `{"index":{"_id":"${n}"}}\n{}\n`): BulkItem {
  const record = new SinkRecord({ topic: "t", kafkaPartition: 0, kafkaOffset: BigInt(n) });
  return {
    operation: "index",
    text,
    bytes: Buffer.byteLength(text),
    record,
    slot: { offset: BigInt(n), done: false },
  };
}

/** The ids in a bulk body, in order. */
function idsOf(body: string): number[] {
  return [...body.matchAll(/"_id":"(\d+)"/g)].map((match) => Number(match[1]));
}

function answer(statuses: readonly (number | [number, string])[]): SearchResponse {
  const items = statuses.map((status) =>
    typeof status === "number"
      ? { index: { status } }
      : { index: { status: status[0], error: { type: status[1], reason: "r" } } },
  );
  return {
    status: 200,
    headers: {},
    body: JSON.stringify({ errors: items.some((i) => i.index.status >= 300), items }),
  };
}

const ok = (body: string): SearchResponse => answer(idsOf(body).map(() => 201));

function writer(options: Partial<BulkWriterOptions>): BulkWriter {
  return new BulkWriter({
    batchSize: 100,
    bulkSizeBytes: 1 << 20,
    maxInFlight: 1,
    // Batches go at flush() unless a test says otherwise, so each test sees whole batches.
    lingerMs: 10_000,
    maxRetries: 3,
    retryBackoffMs: 0,
    send: async (body) => ok(body),
    onMalformed: () => {},
    onConflict: () => {},
    ...options,
  });
}

describe("BulkWriter", () => {
  it("cuts batches at batch.size and bulk.size.bytes", async () => {
    const sent: number[][] = [];
    const bytes = item(0).bytes;
    const w = writer({
      batchSize: 3,
      bulkSizeBytes: bytes * 2,
      lingerMs: 10_000,
      maxInFlight: 5,
      send: async (body) => {
        sent.push(idsOf(body));
        return ok(body);
      },
    });
    const items = [0, 1, 2, 3, 4].map((n) => item(n));
    for (const i of items) w.add(i);
    expect(await w.flush(1000)).toBe(true);
    expect(sent).toEqual([[0, 1], [2, 3], [4]]);
    expect(items.every((i) => i.slot.done)).toBe(true);
    expect(w.pending).toBe(0);
  });

  it("keeps at most max.in.flight.requests requests in flight", async () => {
    let inFlight = 0;
    let most = 0;
    const w = writer({
      batchSize: 1,
      maxInFlight: 2,
      lingerMs: 0,
      send: async (body) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        return ok(body);
      },
    });
    for (let n = 0; n < 6; n++) w.add(item(n));
    expect(await w.flush(5000)).toBe(true);
    expect(most).toBe(2);
  });

  it("sends again only the items refused with 429 or 503", async () => {
    const sent: number[][] = [];
    const w = writer({
      send: async (body) => {
        const ids = idsOf(body);
        sent.push(ids);
        if (sent.length === 1) return answer([201, [429, "es_rejected_execution_exception"], 201, 503]);
        return ok(body);
      },
    });
    const items = [0, 1, 2, 3].map((n) => item(n));
    for (const i of items) w.add(i);
    expect(await w.flush(1000)).toBe(true);
    expect(sent).toEqual([
      [0, 1, 2, 3],
      [1, 3],
    ]);
    expect(items.every((i) => i.slot.done)).toBe(true);
  });

  it("sends a whole request again after a retriable failure or status", async () => {
    let calls = 0;
    const w = writer({
      send: async (body) => {
        calls++;
        if (calls === 1) throw new RetriableError("no node answered");
        if (calls === 2) return { status: 503, headers: {}, body: '{"error":{"type":"x","reason":"busy"}}' };
        return ok(body);
      },
    });
    w.add(item(0));
    expect(await w.flush(1000)).toBe(true);
    expect(calls).toBe(3);
  });

  it("fails after max.retries retries, leaving the items unwritten", async () => {
    const w = writer({ maxRetries: 2, send: async () => answer([[429, "es_rejected_execution_exception"]]) });
    const i = item(0);
    w.add(i);
    await expect(w.flush(1000)).rejects.toThrow(/after 2 retries \(max\.retries\)/);
    expect(i.slot.done).toBe(false);
    expect(w.failure).toBeInstanceOf(ConnectError);
  });

  it("counts a request that timed out as a retry, and ends the message with one period", async () => {
    let sends = 0;
    const w = writer({
      maxRetries: 1,
      send: async () => {
        sends++;
        throw new RetriableError(
          "The node at http://n did not answer POST /_bulk within read.timeout.ms=5. Raise it.",
        );
      },
    });
    w.add(item(0));
    const error = await w.flush(1000).catch((e: unknown) => e);
    expect(sends).toBe(2);
    expect(String(error)).toMatch(
      /after 1 retries \(max\.retries\): .*read\.timeout\.ms=5\. Raise it\. Raise max\.retries/,
    );
    expect(String(error)).not.toMatch(/\.\./);
  });

  it("fails on a refusal that is not a record error, with the engine's reason", async () => {
    const w = writer({ send: async () => answer([[403, "security_exception"]]) });
    w.add(item(0));
    await expect(w.flush(1000)).rejects.toThrow(/t-0@0 \(index, HTTP 403\): security_exception: r/);
  });

  it("fails on a request refused outright, with a hint for 413", async () => {
    const w = writer({ send: async () => ({ status: 413, headers: {}, body: "" }) });
    w.add(item(0));
    await expect(w.flush(1000)).rejects.toThrow(/HTTP 413.*bulk\.size\.bytes/);
  });

  it("hands malformed documents and version conflicts to their callbacks and marks them written", async () => {
    const malformed: string[] = [];
    const conflicts: string[] = [];
    const w = writer({
      send: async () =>
        answer([
          [400, "mapper_parsing_exception"],
          [409, "version_conflict_engine_exception"],
        ]),
      onMalformed: (i, error) => malformed.push(`${i.record.kafkaOffset}: ${error}`),
      onConflict: (i) => conflicts.push(String(i.record.kafkaOffset)),
    });
    const items = [item(0), item(1)];
    for (const i of items) w.add(i);
    expect(await w.flush(1000)).toBe(true);
    expect(malformed).toEqual(["0: mapper_parsing_exception: r"]);
    expect(conflicts).toEqual(["1"]);
    expect(items.every((i) => i.slot.done)).toBe(true);
  });

  it("fails when the malformed callback throws", async () => {
    const w = writer({
      send: async () => answer([[400, "mapper_parsing_exception"]]),
      onMalformed: () => {
        throw new ConnectError("behavior.on.malformed.documents=fail");
      },
    });
    w.add(item(0));
    await expect(w.flush(1000)).rejects.toThrow("behavior.on.malformed.documents=fail");
  });

  it("answers false when a flush runs out of time, and lets waiters wait for room", async () => {
    let release: () => void = () => {};
    const w = writer({
      send: (body) =>
        new Promise((resolve) => {
          release = () => resolve(ok(body));
        }),
    });
    w.add(item(0));
    w.add(item(1));
    expect(await w.flush(20)).toBe(false);
    expect(w.pending).toBe(2);
    const room = w.waitFor(() => w.pending < 1, 5000, "full");
    release();
    await room;
    await expect(w.waitFor(() => false, 10, "still full after 10 ms")).rejects.toThrow(
      "still full after 10 ms",
    );
  });
});

describe("BulkWriter linger", () => {
  it("sends a batch that is not full once linger.ms has passed", async () => {
    const sent: number[][] = [];
    const w = writer({
      lingerMs: 5,
      send: async (body) => {
        sent.push(idsOf(body));
        return ok(body);
      },
    });
    w.add(item(0));
    w.add(item(1));
    expect(sent).toEqual([]);
    await w.waitFor(() => w.pending === 0, 5000, "not sent");
    expect(sent).toEqual([[0, 1]]);
  });
});
