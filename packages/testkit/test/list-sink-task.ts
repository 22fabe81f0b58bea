import { type SinkRecord, SinkTask, type TopicPartition } from "@tributary/api";

/** How a {@link ListSinkTask} may misbehave, so tests can show the contract catches it. */
export type ListSinkFault =
  | "none"
  | "idempotent" // keeps one entry per offset: a redelivered record replaces itself
  | "commits-unflushed" // preCommit() returns the offsets without flushing
  | "overwrites-buffer" // each put() replaces what earlier ones buffered
  | "writes-empty"; // an empty put() writes a marker

/**
 * A sink task whose destination is an in-memory list: put() buffers, flush() appends the buffer to the destination.
 */
export class ListSinkTask extends SinkTask {
  /** The destination, shared by every instance of a test. */
  static readonly destination: unknown[] = [];
  static readonly byOffset = new Map<string, unknown>();
  static fault: ListSinkFault = "none";
  #buffer: SinkRecord[] = [];

  static reset(fault: ListSinkFault = "none"): void {
    ListSinkTask.destination.length = 0;
    ListSinkTask.byOffset.clear();
    ListSinkTask.fault = fault;
  }

  /** What the destination holds, in write order. */
  static readBack(): unknown[] {
    return ListSinkTask.fault === "idempotent"
      ? [...ListSinkTask.byOffset.values()]
      : [...ListSinkTask.destination];
  }

  version(): string {
    return "1.0.0";
  }

  start(): void {}

  put(records: readonly SinkRecord[]): void {
    if (records.length === 0 && ListSinkTask.fault === "writes-empty")
      ListSinkTask.destination.push("<empty>");
    if (ListSinkTask.fault === "overwrites-buffer") this.#buffer = [...records];
    else this.#buffer.push(...records);
  }

  override flush(): void {
    for (const record of this.#buffer) {
      ListSinkTask.destination.push(record.value);
      ListSinkTask.byOffset.set(
        `${record.originalTopic}-${record.originalKafkaPartition}@${record.originalKafkaOffset}`,
        record.value,
      );
    }
    this.#buffer = [];
  }

  override preCommit(
    currentOffsets: ReadonlyMap<TopicPartition, bigint>,
  ): ReadonlyMap<TopicPartition, bigint> {
    if (ListSinkTask.fault !== "commits-unflushed") this.flush();
    return currentOffsets;
  }

  override close(): void {
    this.flush();
  }

  stop(): void {}
}
