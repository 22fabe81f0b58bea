import { describe, expect, it } from "vitest";
import { TopicPartition } from "../connector/topic-partition.js";
import { Schema } from "../data/schema.js";
import { SinkRecord } from "./sink-record.js";
import { SinkTask } from "./sink-task.js";

/** A task that buffers records in `put()` and writes them in `flush()`, relying on the default `preCommit()`. */
class BufferingSinkTask extends SinkTask {
  readonly buffered: SinkRecord[] = [];
  readonly written: unknown[] = [];
  readonly flushedWith: ReadonlyMap<TopicPartition, bigint>[] = [];

  version(): string {
    return "1.0.0";
  }
  start(): void {}
  put(records: readonly SinkRecord[]): void {
    this.buffered.push(...records);
  }
  override async flush(currentOffsets: ReadonlyMap<TopicPartition, bigint>): Promise<void> {
    await Promise.resolve(); // a real task would await its destination here
    this.flushedWith.push(currentOffsets);
    this.written.push(...this.buffered.splice(0).map((record) => record.value));
  }
  stop(): void {}
}

function record(offset: bigint, value: string): SinkRecord {
  return new SinkRecord({
    topic: "orders",
    kafkaPartition: 0,
    kafkaOffset: offset,
    valueSchema: Schema.STRING_SCHEMA,
    value,
  });
}

describe("SinkTask", () => {
  it("default preCommit() awaits flush() with the current offsets and returns them", async () => {
    const task = new BufferingSinkTask();
    await task.put([record(7n, "a"), record(8n, "b")]);
    const current = new Map([[TopicPartition.of("orders", 0), 9n]]);

    const committable = await task.preCommit(current);

    expect(task.flushedWith).toEqual([current]);
    expect(task.written).toEqual(["a", "b"]);
    expect(committable).toBe(current);
    expect(committable.get(TopicPartition.of("orders", 0))).toBe(9n);
  });

  it("default flush(), open() and close() do nothing", async () => {
    class MinimalSinkTask extends SinkTask {
      version(): string {
        return "1.0.0";
      }
      start(): void {}
      put(): void {}
      stop(): void {}
    }
    const task = new MinimalSinkTask();
    const offsets = new Map([[TopicPartition.of("t", 0), 1n]]);
    expect(task.flush(offsets)).toBeUndefined();
    expect(task.open([TopicPartition.of("t", 0)])).toBeUndefined();
    expect(task.close([TopicPartition.of("t", 0)])).toBeUndefined();
    await expect(task.preCommit(offsets)).resolves.toBe(offsets);
  });

  it("lets a task that keeps offsets in its destination override preCommit() to commit nothing", async () => {
    class SelfManagedSinkTask extends BufferingSinkTask {
      override preCommit(): ReadonlyMap<TopicPartition, bigint> {
        return new Map();
      }
    }
    const task = new SelfManagedSinkTask();
    await task.put([record(1n, "a")]);
    const committable = await task.preCommit();
    expect(committable.size).toBe(0);
    expect(task.flushedWith).toEqual([]);
  });

  it("names the topic keys as Kafka does", () => {
    expect(SinkTask.TOPICS_CONFIG).toBe("topics");
    expect(SinkTask.TOPICS_REGEX_CONFIG).toBe("topics.regex");
  });
});
