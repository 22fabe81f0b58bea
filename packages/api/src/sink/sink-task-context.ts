import type { TopicPartition } from "../connector/topic-partition.js";
import type { ErrantRecordReporter } from "./errant-record-reporter.js";

/**
 * What a {@link SinkTask} may ask of the worker that runs it, handed over once through {@link SinkTask.initialize}
 * before `start()`.
 *
 * Its methods may be called from any of the task's methods (`start()`, `open()`, `put()`, `preCommit()`, ...) and
 * from its own callbacks and timers while it runs; they record a request and return at once, and the worker applies
 * it before it next fetches records. Partitions are {@link TopicPartition} instances of the original (untransformed)
 * topics.
 */
export interface SinkTaskContext {
  /**
   * The task's current configuration: the properties `start()` received, or newer ones when the worker has
   * re-resolved them since (a rotated secret from a config provider, say).
   */
  configs(): Readonly<Record<string, string>>;

  /**
   * Moves the consumer of `partition` so the next record it delivers is the one at `offset`. For tasks that store
   * their position in the destination (for exactly-once writes): read it in `open()` and seek here; tasks that let
   * the worker commit offsets need not call it.
   */
  offset(partition: TopicPartition, offset: bigint): void;
  /** Moves the consumer of every partition in `offsets` to its offset, as {@link SinkTaskContext.offset} does for one. */
  offset(offsets: ReadonlyMap<TopicPartition, bigint>): void;

  /**
   * Sets how long, in milliseconds, the worker waits before delivering the same batch again after `put()` throws a
   * {@link RetriableError}.
   */
  timeout(ms: number): void;

  /** The partitions currently assigned to the task: those opened with `open()` and not yet closed. */
  assignment(): ReadonlySet<TopicPartition>;

  /**
   * Stops fetching from `partitions` until they are resumed, for back-pressure from the destination; the task
   * keeps its assignment and records already delivered are not taken back.
   */
  pause(...partitions: TopicPartition[]): void;

  /** Starts fetching again from `partitions` paused with {@link SinkTaskContext.pause}. */
  resume(...partitions: TopicPartition[]): void;

  /**
   * Asks for an offset commit (and so a `preCommit()` call) soon, for example right after the task wrote a batch
   * to the destination, to keep redelivery after a failure small. It is only a hint, with no timing promised.
   */
  requestCommit(): void;

  /**
   * The reporter that sends bad records to the dead-letter queue from `put()`, or `null` when the connector has no
   * dead-letter queue topic and no error log configured.
   */
  errantRecordReporter(): ErrantRecordReporter | null;
}
