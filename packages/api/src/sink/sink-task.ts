import type { Task } from "../connector/task.js";
import type { TopicPartition } from "../connector/topic-partition.js";
import { IllegalWorkerStateError } from "../errors/connect-error.js";
import type { SinkRecord } from "./sink-record.js";
import type { SinkTaskContext } from "./sink-task-context.js";

/**
 * A task that writes records the worker read from Kafka to another system.
 *
 * Lifecycle, as the worker drives it:
 * 1. `new` with no arguments, {@link SinkTask.initialize}, then {@link SinkTask.start}.
 * 2. {@link SinkTask.open} with the partitions assigned to the task; until they are closed, no other task
 *    receives their records.
 * 3. {@link SinkTask.put} with each batch read from those partitions, and from time to time
 *    {@link SinkTask.preCommit} (by default {@link SinkTask.flush}) to learn which offsets are safe to commit.
 * 4. On a rebalance, {@link SinkTask.close} with the partitions taken away (after a last `preCommit()` for them),
 *    then `open()` with the new ones.
 * 5. At shutdown, a last `preCommit()` and commit, `close()` for every partition still open, then
 *    {@link SinkTask.stop}.
 *
 * The worker awaits every one of these calls before making the next, so they never overlap and none runs during
 * another: a task needs no locks for state shared by its methods. Only the task's own callbacks and timers run
 * between them.
 *
 * Offsets passed to and returned from these methods are keyed by {@link TopicPartition} (interned, so a plain `Map`
 * works) and are the offset of the next record to read: the original offset of the last record handled plus one,
 * counted on the original topic and partition, before any transformation (see {@link SinkRecord}).
 */
export abstract class SinkTask implements Task {
  /** The configuration key listing the task's topics, comma-separated, as the worker passes it to `start()`. */
  static readonly TOPICS_CONFIG = "topics";
  /** The configuration key holding the regular expression of the task's topics, used instead of `topics`. */
  static readonly TOPICS_REGEX_CONFIG = "topics.regex";

  #context: SinkTaskContext | undefined;

  /** The task's version, usually its connector's. */
  abstract version(): string;

  /**
   * Gives the task its context. The worker calls it once, before `start()`; the assignment is empty until `open()`.
   * If you override it, call `super.initialize(context)`.
   */
  initialize(context: SinkTaskContext): void {
    this.#context = context;
  }

  /**
   * The context given to {@link SinkTask.initialize}.
   * @throws IllegalWorkerStateError when read before `initialize()`.
   */
  protected get context(): SinkTaskContext {
    if (this.#context === undefined) {
      throw new IllegalWorkerStateError(
        `${this.constructor.name} has no context yet: the worker calls initialize() before start(); do not read the context in the constructor.`,
      );
    }
    return this.#context;
  }

  /** Reads the task's configuration and opens the destination. When it throws, the task fails; `stop()` is still called. */
  abstract start(props: Readonly<Record<string, string>>): void | Promise<void>;

  /**
   * Writes a batch of records to the destination, or buffers them for a later `flush()`. A task that resolves before
   * its records are durable must make `flush()` or `preCommit()` wait for them, or their offsets get committed and
   * the records are lost on a crash.
   *
   * Throwing a {@link RetriableError} makes the worker stop fetching, wait (see {@link SinkTaskContext.timeout}),
   * and call `put()` again with the same batch. Any other error fails the task. A record that alone cannot be
   * written can go to the dead-letter queue through {@link SinkTaskContext.errantRecordReporter} instead.
   */
  abstract put(records: readonly SinkRecord[]): void | Promise<void>;

  /**
   * Makes durable every record `put()` received for the partitions in `currentOffsets`, which map each partition to
   * the offset after the last record put. The default does nothing, which suits tasks whose `put()` writes durably.
   */
  flush(_currentOffsets: ReadonlyMap<TopicPartition, bigint>): void | Promise<void> {}

  /**
   * Called before each offset commit: returns the offsets that are safe to commit, per partition. The worker commits
   * what it returns, so return fewer partitions or smaller offsets to commit less, and an empty map to commit
   * nothing (for tasks that keep offsets in the destination). Return original coordinates only. When it throws, the
   * worker commits nothing and rewinds to the last committed offsets, so those records come again.
   *
   * The default awaits {@link SinkTask.flush} with `currentOffsets` and returns them unchanged.
   */
  preCommit(
    currentOffsets: ReadonlyMap<TopicPartition, bigint>,
  ): ReadonlyMap<TopicPartition, bigint> | Promise<ReadonlyMap<TopicPartition, bigint>> {
    return this.#flushThenReturn(currentOffsets);
  }

  /**
   * Prepares writers for partitions newly assigned to the task (it may name some the task already had), after the
   * assignment and before their records are put. A task keeping offsets in the destination seeks here with
   * {@link SinkTaskContext.offset}. When it throws, the task fails.
   */
  open(_partitions: readonly TopicPartition[]): void | Promise<void> {}

  /**
   * Closes writers for partitions the task no longer has, after their last records were put and before they are
   * assigned elsewhere; records of them are not put again until they are opened again. When it throws, the task
   * fails.
   */
  close(_partitions: readonly TopicPartition[]): void | Promise<void> {}

  /**
   * Releases what the task opened (connections, files). Called once, after the final commit and `close()`, so it
   * does not need to flush.
   */
  abstract stop(): void | Promise<void>;

  async #flushThenReturn(
    currentOffsets: ReadonlyMap<TopicPartition, bigint>,
  ): Promise<ReadonlyMap<TopicPartition, bigint>> {
    await this.flush(currentOffsets);
    return currentOffsets;
  }
}
