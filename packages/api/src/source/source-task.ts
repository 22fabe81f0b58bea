import type { Task } from "../connector/task.js";
import { IllegalWorkerStateError } from "../errors/connect-error.js";
import type { RecordMetadata } from "./record-metadata.js";
import type { SourceRecord } from "./source-record.js";
import type { SourceTaskContext } from "./source-task-context.js";

/**
 * A task that reads records from another system for the worker to write to Kafka.
 *
 * Lifecycle, as the worker drives it:
 * 1. `new` with no arguments, {@link SourceTask.initialize}, then {@link SourceTask.start}, awaited.
 * 2. {@link SourceTask.poll} in a loop: the worker awaits each call before making the next, so two `poll()` calls
 *    never overlap. While the task is paused, the worker just stops calling it.
 * 3. {@link SourceTask.stop}, once, which may come while a `poll()` is pending.
 *
 * What may overlap a pending `poll()`: {@link SourceTask.stop}, and the acknowledgement hooks
 * {@link SourceTask.commitRecord} and {@link SourceTask.commit}, which follow the producer and the offset flushes,
 * not the poll loop. The hooks may still come after `stop()` for records already in flight and for the final
 * offset flush, so keep them safe to call then. Everything runs on the one JavaScript thread: "overlap" means
 * interleaving at `await` points, so state shared by `poll()` and the other methods needs no locks but must be
 * consistent whenever `poll()` awaits.
 *
 * @example
 * A task whose `poll()` waits for data, gives up after a second, and is woken by `stop()`:
 * ```ts
 * class TickSourceTask extends SourceTask {
 *   readonly #stopping = new AbortController();
 *   version() { return "1.0.0"; }
 *   start() {}
 *   async poll() {
 *     const line = await nextLine({ timeoutMs: 1000, signal: this.#stopping.signal }); // null on timeout or abort
 *     return line === null ? null : [toRecord(line)];
 *   }
 *   stop() { this.#stopping.abort(); }
 * }
 * ```
 */
export abstract class SourceTask implements Task {
  #context: SourceTaskContext | undefined;

  /** The task's version, usually its connector's. */
  abstract version(): string;

  /**
   * Gives the task its context. The worker calls it once, before `start()`; if you override it, call
   * `super.initialize(context)`.
   */
  initialize(context: SourceTaskContext): void {
    this.#context = context;
  }

  /**
   * The context given to {@link SourceTask.initialize}.
   * @throws IllegalWorkerStateError when read before `initialize()`.
   */
  protected get context(): SourceTaskContext {
    if (this.#context === undefined) {
      throw new IllegalWorkerStateError(
        `${this.constructor.name} has no context yet: the worker calls initialize() before start(); do not read the context in the constructor.`,
      );
    }
    return this.#context;
  }

  /**
   * Reads the task's configuration, opens the source and finds where to resume, usually with
   * `this.context.offsetStorageReader()`. When it throws, the task fails; `stop()` is still called.
   */
  abstract start(props: Readonly<Record<string, string>>): void | Promise<void>;

  /**
   * The next batch of records, in the order they should be written. For each source partition the worker stores the
   * offset of the latest record written with all the records before it, so give each record the offset to resume
   * from after it.
   *
   * When no data is available, wait for some, but resolve with `null` (or an empty array) within about a second
   * regardless, so the worker can pause or rebalance the task promptly. When {@link SourceTask.stop} is called while
   * this promise is pending, it must settle soon: resolve with `null`, or with the records already read (the worker
   * may still deliver them). A rejection with {@link RetriableError} makes the worker log it and poll again; any
   * other rejection fails the task, except one that comes after `stop()`, which is only logged.
   */
  abstract poll(): Promise<readonly SourceRecord[] | null>;

  /**
   * Called after each successful offset flush (and a final one at shutdown), for tasks that also acknowledge
   * progress in the source system. The flushed offsets may be older than the newest records `poll()` returned; use
   * {@link SourceTask.commitRecord} to follow single records. The default does nothing; errors are logged and do not
   * fail the task.
   */
  commit(): void | Promise<void> {}

  /**
   * Called once for every record `poll()` returned, when its fate is known: with the broker's `metadata` once Kafka
   * has it, or with `null` when a transformation dropped it or the error tolerance skipped it. For a transformed
   * record, `record` is still the one `poll()` returned. Calls follow the producer's acknowledgements and may come
   * while `poll()` is pending, overlap each other when they are async, and arrive after `stop()`. The default does
   * nothing; errors are logged and do not fail the task.
   */
  commitRecord(_record: SourceRecord, _metadata: RecordMetadata | null): void | Promise<void> {}

  /**
   * Tells the task to stop and releases what it opened. Called once, possibly while a `poll()` is pending, which it
   * must make settle soon (aborting an `AbortController` the poll waits on is the usual way); it need not wait for
   * that poll to finish. A `poll()` that then fails because `stop()` closed something it used should resolve `null`.
   */
  abstract stop(): void | Promise<void>;
}
