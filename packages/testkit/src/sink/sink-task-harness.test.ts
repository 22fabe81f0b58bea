import { RetriableError, Schema, type SinkRecord, SinkTask, TopicPartition } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { SinkTaskHarness } from "./sink-task-harness.js";

/** A sink task that records what it is given and does what the test asks of it through its context. */
class ProbeSinkTask extends SinkTask {
  readonly batches: (readonly SinkRecord[])[] = [];
  readonly opened: TopicPartition[][] = [];
  readonly closed: TopicPartition[][] = [];
  failNextPut = false;
  seekOnOpen: bigint | undefined;
  stopped = false;

  version(): string {
    return "1.0.0";
  }

  start(): void {}

  override open(partitions: readonly TopicPartition[]): void {
    this.opened.push([...partitions]);
    if (this.seekOnOpen !== undefined) {
      for (const partition of partitions) this.context.offset(partition, this.seekOnOpen);
    }
  }

  put(records: readonly SinkRecord[]): void {
    this.batches.push(records);
    if (this.failNextPut) {
      this.failNextPut = false;
      this.context.timeout(250);
      throw new RetriableError("destination busy");
    }
    for (const record of records) {
      if (record.value === "bad")
        void this.context.errantRecordReporter()?.report(record, new Error("bad value"));
    }
    this.context.requestCommit();
  }

  override close(partitions: readonly TopicPartition[]): void {
    this.closed.push([...partitions]);
  }

  stop(): void {
    this.stopped = true;
  }
}

const tp0 = TopicPartition.of("test-topic", 0);
const tp1 = TopicPartition.of("test-topic", 1);

async function started(): Promise<SinkTaskHarness<ProbeSinkTask>> {
  const harness = new SinkTaskHarness({ createTask: () => new ProbeSinkTask() });
  await harness.start({ topics: "test-topic" });
  return harness;
}

describe("SinkTaskHarness", () => {
  it("puts records with increasing offsets per partition and the given fields", async () => {
    const h = await started();
    await h.open([tp0, tp1]);
    expect(h.task.opened).toEqual([[tp0, tp1]]);
    const batch = await h.put([
      { value: "a", valueSchema: Schema.STRING_SCHEMA },
      { value: "b", partition: 1, key: 7, timestamp: 1000 },
      { value: "c" },
    ]);
    expect(batch.map((r) => [r.value, r.kafkaPartition, r.kafkaOffset])).toEqual([
      ["a", 0, 0n],
      ["b", 1, 0n],
      ["c", 0, 1n],
    ]);
    expect(batch[0]?.valueSchema).toBe(Schema.STRING_SCHEMA);
    expect([batch[1]?.key, batch[1]?.timestamp, batch[1]?.timestampType]).toEqual([7, 1000, "CREATE_TIME"]);
    const next = await h.put([{ value: "d" }]);
    expect(next[0]?.kafkaOffset).toBe(2n);
    expect(h.task.batches).toHaveLength(2);
    await h.stop();
  });

  it("redelivers the last batch with the same offsets after a retriable failure", async () => {
    const h = await started();
    await h.open();
    h.task.failNextPut = true;
    await expect(h.put([{ value: "a" }, { value: "b" }])).rejects.toThrow("destination busy");
    expect(h.timeoutMs).toBe(250);
    const again = await h.redeliver();
    expect(again.map((r) => r.kafkaOffset)).toEqual([0n, 1n]);
    expect(h.task.batches[1]).toBe(h.task.batches[0]);
    expect(h.records).toHaveLength(4);
    await h.stop();
  });

  it("commits what preCommit() returns, given the offset after the last record put", async () => {
    const h = await started();
    await h.open([tp0, tp1]);
    await h.put([{ value: "a" }, { value: "b" }]);
    const committed = await h.commit();
    // Like a consumer's positions, an assigned partition with no records yet is at its starting offset.
    expect([...committed]).toEqual([
      [tp0, 2n],
      [tp1, 0n],
    ]);
    expect(h.committed.get(tp0)).toBe(2n);
    expect(h.commitRequests).toBe(1);
    await h.stop();
    expect(h.task.closed).toEqual([[tp0, tp1]]);
    expect(h.task.stopped).toBe(true);
  });

  it("starts a partition at the offset the task seeks to in open()", async () => {
    const harness = new SinkTaskHarness({
      createTask: () => Object.assign(new ProbeSinkTask(), { seekOnOpen: 40n }),
    });
    await harness.start({});
    await harness.open();
    expect(harness.seeks.get(tp0)).toBe(40n);
    const batch = await harness.put([{ value: "x" }]);
    expect(batch[0]?.kafkaOffset).toBe(40n);
    await harness.stop();
  });

  it("restarts a new task that continues from the committed offsets", async () => {
    const h = await started();
    await h.open();
    await h.put([{ value: "a" }, { value: "b" }]);
    await h.commit();
    await h.put([{ value: "c" }]);
    const first = h.task;
    await h.restart();
    expect(first.stopped).toBe(true);
    expect(h.task).not.toBe(first);
    expect(h.task.opened).toEqual([[tp0]]);
    const batch = await h.put([{ value: "c" }]);
    expect(batch[0]?.kafkaOffset).toBe(2n);
    await h.stop();
  });

  it("refuses records of partitions not assigned or paused, as a worker would not deliver them", async () => {
    const h = await started();
    await expect(h.put([{ value: "a" }])).rejects.toThrow("test-topic-0: that partition is not assigned");
    await h.open();
    (h.task as unknown as { context: { pause(p: TopicPartition): void } }).context.pause(tp0);
    expect(h.paused.has(tp0)).toBe(true);
    await expect(h.put([{ value: "a" }])).rejects.toThrow("the task paused that partition");
    await h.close();
    expect(h.assignment.size).toBe(0);
    await h.stop();
  });

  it("collects records reported to the errant record reporter, unless there is none", async () => {
    const h = await started();
    await h.open();
    await h.put([{ value: "ok" }, { value: "bad" }]);
    expect(h.reported.map(({ record, error }) => [record.value, (error as Error).message])).toEqual([
      ["bad", "bad value"],
    ]);
    await h.stop();

    const without = new SinkTaskHarness({
      createTask: () => new ProbeSinkTask(),
      errantRecordReporter: false,
    });
    await without.start({});
    await without.open();
    await without.put([{ value: "bad" }]);
    expect(without.reported).toEqual([]);
    await without.stop();
  });

  it("refuses calls before start() and redeliver() before any put()", async () => {
    const h = new SinkTaskHarness({ createTask: () => new ProbeSinkTask() });
    await expect(h.open()).rejects.toThrow("no task is running");
    expect(() => h.task).toThrow("call start(props) first");
    await h.start({});
    await expect(h.redeliver()).rejects.toThrow("Nothing to redeliver");
    await h.stop();
  });
});
