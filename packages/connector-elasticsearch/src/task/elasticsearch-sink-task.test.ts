import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DataError, RetriableError, Schema, SchemaBuilder, Struct, TopicPartition } from "@tributary/api";
import { SinkTaskHarness } from "@tributary/testkit";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ElasticsearchSinkTask } from "./elasticsearch-sink-task.js";

/**
 * A stand-in for the engine's HTTP API, enough to drive the task without a server: `GET /` answers as `root`,
 * indices exist, and each bulk request is recorded and answered by `bulk` (all written by default).
 */
class FakeEngine {
  root: object = { version: { distribution: "opensearch", number: "2.19.1" } };
  bulk: (lines: string[]) => object = (lines) => ({
    errors: false,
    items: actionsOf(lines).map(() => ({ index: { status: 201 } })),
  });
  readonly bodies: string[] = [];
  /** While set, bulk requests are answered only once it resolves. */
  hold: Promise<void> | undefined;
  readonly #server: Server;

  constructor() {
    this.#server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on("end", async () => {
        if (request.url?.startsWith("/_bulk")) {
          await this.hold;
        }
        let answer: object = {};
        if (request.url === "/") answer = this.root;
        else if (request.url?.startsWith("/_bulk")) {
          this.bodies.push(body);
          answer = this.bulk(body.split("\n").filter((line) => line !== ""));
        }
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  /** Every line sent, in order. */
  get lines(): string[] {
    return this.bodies.flatMap((body) => body.split("\n").filter((line) => line !== ""));
  }
}

/** The action lines of a bulk body (those naming an operation). */
function actionsOf(lines: readonly string[]): string[] {
  return lines.filter((line) => /^\{"(index|create|update|delete)":\{"_index"/.test(line));
}

const topic = "orders";
const partition = TopicPartition.of(topic, 0);
let engine: FakeEngine;
let url: string;
let harness: SinkTaskHarness<ElasticsearchSinkTask> | undefined;

beforeEach(async () => {
  engine = new FakeEngine();
  url = await engine.start();
});

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  await engine.close();
});

async function started(
  props: Record<string, string> = {},
  errantRecordReporter = true,
): Promise<SinkTaskHarness<ElasticsearchSinkTask>> {
  harness = new SinkTaskHarness({
    createTask: () => new ElasticsearchSinkTask(),
    topic,
    errantRecordReporter,
  });
  await harness.start({ "connection.url": url, topics: topic, "schema.ignore": "true", ...props });
  await harness.open();
  return harness;
}

describe("ElasticsearchSinkTask", () => {
  it("reads the engine at start and refuses Elasticsearch 6", async () => {
    const task = (await started()).task;
    expect(task.engine).toMatchObject({ distribution: "opensearch", major: 2 });
    await harness?.stop();
    engine.root = { version: { number: "6.8.23" } };
    harness = new SinkTaskHarness({ createTask: () => new ElasticsearchSinkTask(), topic });
    await expect(harness.start({ "connection.url": url, topics: topic })).rejects.toThrow(
      /Elasticsearch 6\.8\.23/,
    );
    harness = undefined;
  });

  it("writes versioned index actions with ids from keys and exact documents", async () => {
    const h = await started();
    await h.put([{ key: "a", value: new Map<string, unknown>([["n", 2n ** 62n]]) }]);
    expect(await h.commit()).toEqual(new Map([[partition, 1n]]));
    expect(engine.lines).toEqual([
      '{"index":{"_index":"orders","_id":"a","version":0,"version_type":"external"}}',
      '{"n":4611686018427387904}',
    ]);
  });

  it("sends JSON object text as it is, on one line", async () => {
    const h = await started({ "key.ignore": "true" });
    await h.put([{ value: '{\n  "a": 12345678901234567890\n}' }]);
    await h.commit();
    expect(engine.lines.at(-1)).toBe('{   "a": 12345678901234567890 }');
  });

  it("reports records that cannot become documents and commits past them", async () => {
    const h = await started();
    await h.put([
      { key: null, value: new Map([["a", 1]]) },
      { key: "b", value: 42 },
      { key: "c", value: null },
    ]);
    expect(await h.commit()).toEqual(new Map([[partition, 3n]]));
    expect(h.reported.map((r) => [r.record.kafkaOffset, String(r.error)])).toEqual([
      [0n, expect.stringMatching(/null key.*key\.ignore=true/)],
      [1n, expect.stringMatching(/value of INT64|value of number|must be an object/)],
      [2n, expect.stringMatching(/null value.*behavior\.on\.null\.values/)],
    ]);
    expect(engine.bodies).toEqual([]);
  });

  it("fails on such a record without a dead-letter queue, or skips it with drop.invalid.message", async () => {
    const failing = await started({}, false);
    await expect(failing.put([{ key: null, value: new Map([["a", 1]]) }])).rejects.toThrow(DataError);
    await failing.stop();
    const warning = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    const dropping = await started({ "drop.invalid.message": "true" }, false);
    await dropping.put([{ key: null, value: new Map([["a", 1]]) }]);
    expect(await dropping.commit()).toEqual(new Map([[partition, 1n]]));
    expect(String(warning.mock.calls[0]?.[0])).toMatch(/Skipped: .*null key/);
    warning.mockRestore();
  });

  it("skips malformed documents without a dead-letter queue under behavior.on.malformed.documents=warn", async () => {
    engine.bulk = (lines) => ({
      errors: true,
      items: actionsOf(lines).map((_, i) =>
        i === 0
          ? { index: { status: 400, error: { type: "mapper_parsing_exception", reason: "bad n" } } }
          : { index: { status: 201 } },
      ),
    });
    const warning = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    const h = await started({ "behavior.on.malformed.documents": "warn" }, false);
    await h.put([
      { key: "a", value: new Map([["n", "x"]]) },
      { key: "b", value: new Map([["n", 1]]) },
    ]);
    expect(await h.commit()).toEqual(new Map([[partition, 2n]]));
    expect(String(warning.mock.calls[0]?.[0])).toMatch(
      /orders-0@0 as malformed: mapper_parsing_exception: bad n/,
    );
    warning.mockRestore();
  });

  it("sends malformed documents to the errant-record reporter even under behavior.on.malformed.documents=fail", async () => {
    engine.bulk = (lines) => ({
      errors: true,
      items: actionsOf(lines).map((_, i) =>
        i === 0
          ? { index: { status: 400, error: { type: "mapper_parsing_exception", reason: "bad n" } } }
          : { index: { status: 201 } },
      ),
    });
    const h = await started({ "behavior.on.malformed.documents": "fail" });
    await h.put([
      { key: "a", value: new Map([["n", "x"]]) },
      { key: "b", value: new Map([["n", 1]]) },
    ]);
    expect(await h.commit()).toEqual(new Map([[partition, 2n]]));
    expect(h.reported.map((r) => [r.record.kafkaOffset, String(r.error)])).toEqual([
      [0n, expect.stringMatching(/as malformed: mapper_parsing_exception: bad n/)],
    ]);
  });

  it("writes upserts and tombstone deletes", async () => {
    const h = await started({ "write.method": "upsert", "behavior.on.null.values": "delete" });
    await h.put([
      { key: 7, value: new Map([["a", 1]]) },
      { key: 7, value: null },
    ]);
    await h.commit();
    expect(engine.lines).toEqual([
      '{"update":{"_index":"orders","_id":"7","retry_on_conflict":3}}',
      '{"doc":{"a":1},"doc_as_upsert":true}',
      '{"delete":{"_index":"orders","_id":"7"}}',
    ]);
  });

  it("takes a tombstone for a document in an index not there yet as done", async () => {
    engine.bulk = (lines) => ({
      errors: true,
      items: actionsOf(lines).map(() => ({
        delete: {
          status: 404,
          error: { type: "index_not_found_exception", reason: "no such index [orders]" },
        },
      })),
    });
    const h = await started({ "behavior.on.null.values": "delete" });
    await h.put([{ key: "gone", value: null }]);
    expect(await h.commit()).toEqual(new Map([[partition, 1n]]));
  });

  it("creates data stream documents with @timestamp from a field or the record's timestamp", async () => {
    const schema = SchemaBuilder.struct()
      .field("at", Schema.INT64_SCHEMA)
      .field("msg", Schema.STRING_SCHEMA)
      .build();
    const h = await started({
      "data.stream.type": "logs",
      "data.stream.dataset": "shop",
      "data.stream.timestamp.field": "at",
      "key.ignore": "true",
    });
    await h.put([
      { value: new Struct(schema).put("at", 99n).put("msg", "m"), valueSchema: schema, timestamp: 5 },
      { value: new Map([["msg", "n"]]), timestamp: 6 },
    ]);
    await h.commit();
    expect(engine.lines).toEqual([
      '{"create":{"_index":"logs-shop-orders","_id":"orders+0+0"}}',
      '{"@timestamp":99,"at":99,"msg":"m"}',
      '{"create":{"_index":"logs-shop-orders","_id":"orders+0+1"}}',
      '{"@timestamp":6,"msg":"n"}',
    ]);
  });

  it("with flush.synchronously, returns from put() only once its records are written", async () => {
    const h = await started({ "flush.synchronously": "true", "linger.ms": "60000", "key.ignore": "true" });
    await h.put([{ value: new Map([["a", 1]]) }]);
    expect(engine.bodies).toHaveLength(1);
  });

  it("when the buffer stays full for flush.timeout.ms, throws a retriable error and commits all after redelivery", async () => {
    let release = (): void => {};
    engine.hold = new Promise((resolve) => {
      release = resolve;
    });
    const h = await started({
      "max.buffered.records": "2",
      "flush.timeout.ms": "50",
      "batch.size": "1",
      "linger.ms": "0",
    });
    const error = await h
      .put([
        { key: "a", value: new Map([["n", 1]]) },
        { key: "b", value: new Map([["n", 2]]) },
        { key: "c", value: new Map([["n", 3]]) },
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriableError);
    expect((error as RetriableError).retriable).toBe(true);
    expect(String(error)).toMatch(/max\.buffered\.records.*flush\.timeout\.ms=?.*delivers this batch again/);
    release();
    engine.hold = undefined;
    await h.redeliver();
    expect(await h.commit()).toEqual(new Map([[partition, 3n]]));
    // The records taken before the throw are sent again with the same ids and versions.
    expect(actionsOf(engine.lines).map((line) => JSON.parse(line).index._id)).toEqual([
      "a",
      "b",
      "a",
      "b",
      "c",
    ]);
  });
});
