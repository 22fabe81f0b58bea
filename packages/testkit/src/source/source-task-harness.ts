import {
  BackingStoreOffsetStorageReader,
  ConnectError,
  IllegalWorkerStateError,
  MemoryOffsetBackingStore,
  type OffsetBackingStore,
  type OffsetStorageReader,
  OffsetStorageWriter,
  type RecordMetadata,
  SourceRecord,
  type SourceTask,
  type SourceTaskContext,
} from "@tributary/api";
import { settleWithin } from "../internal/settle.js";

/** Options of a {@link SourceTaskHarness}. */
export interface SourceTaskHarnessOptions<T extends SourceTask> {
  /** Creates a new, unstarted task; called by every `start()` and `restart()`, as a worker creates each instance. */
  readonly createTask: () => T;
  /** The connector name the offsets are stored under; `"test-source"` by default. */
  readonly connector?: string;
  /**
   * Where committed offsets are kept, for example a started `FileOffsetBackingStore` to test resuming across
   * processes. By default a new `MemoryOffsetBackingStore`, which the harness starts itself; a store given here must
   * already be started.
   */
  readonly offsetStore?: OffsetBackingStore;
  /** How long {@link SourceTaskHarness.pollUntil} waits unless told otherwise, in milliseconds; 10,000 by default. */
  readonly timeoutMs?: number;
  /**
   * How long {@link SourceTaskHarness.stop} waits for a pending `poll()` to settle after `task.stop()`, in
   * milliseconds; 5,000 by default, a worker's `task.shutdown.graceful.timeout.ms`.
   */
  readonly shutdownTimeoutMs?: number;
}

/** What {@link SourceTaskHarness.pollUntil} waits for: a number of records, or a test of the records collected. */
export type PollCondition = number | ((collected: readonly SourceRecord[]) => boolean);

/**
 * Runs a {@link SourceTask} the way a worker does, without Kafka: it gives the task a context over an offset store,
 * polls it, collects its records, commits their offsets and restarts it from them. One harness drives one task
 * instance at a time; its methods are meant to be awaited one after another, except `stop()` and `commit()`, which
 * may be called while a `poll()` is pending, as a worker may.
 *
 * Committing follows a worker: {@link SourceTaskHarness.commit} acknowledges each record polled since the last
 * commit (`task.commitRecord(record, metadata)`, with made-up Kafka coordinates), records its source offset in an
 * {@link OffsetStorageWriter}, flushes the writer to the store and then calls `task.commit()`. Records polled but
 * not committed are lost to a {@link SourceTaskHarness.restart}, just as records in flight are lost to a crash, so
 * a correct task delivers them again.
 *
 * @example
 * ```ts
 * const harness = new SourceTaskHarness({ createTask: () => new FileStreamSourceTask() });
 * await harness.start({ file: path, topic: "lines" });
 * const first = await harness.pollUntil(2); // at least two records
 * await harness.commit();
 * await harness.restart();                 // a new instance, resuming after the committed offsets
 * const next = await harness.pollUntil(1);
 * await harness.stop();
 * ```
 */
export class SourceTaskHarness<T extends SourceTask = SourceTask> {
  readonly #createTask: () => T;
  readonly #connector: string;
  readonly #store: OffsetBackingStore;
  readonly #ownsStore: boolean;
  readonly #timeoutMs: number;
  readonly #shutdownTimeoutMs: number;
  readonly #records: SourceRecord[] = [];
  /** Kafka offsets handed out per topic and partition, so acknowledgements look like a broker's. */
  readonly #kafkaOffsets = new Map<string, bigint>();
  #task: T | undefined;
  #props: Readonly<Record<string, string>> = {};
  #running = false;
  #storeStarted = false;
  #uncommitted: SourceRecord[] = [];
  #writer: OffsetStorageWriter;
  #inFlight: Promise<SourceRecord[] | null> | undefined;

  constructor(options: SourceTaskHarnessOptions<T>) {
    this.#createTask = options.createTask;
    this.#connector = options.connector ?? "test-source";
    this.#ownsStore = options.offsetStore === undefined;
    this.#store = options.offsetStore ?? new MemoryOffsetBackingStore();
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#shutdownTimeoutMs = options.shutdownTimeoutMs ?? 5_000;
    this.#writer = new OffsetStorageWriter(this.#store, this.#connector);
  }

  /**
   * The current task instance (the last one started; after `stop()`, the stopped one).
   * @throws IllegalWorkerStateError before the first `start()`.
   */
  get task(): T {
    if (this.#task === undefined) {
      throw new IllegalWorkerStateError("The harness has no task yet: call start(props) first.");
    }
    return this.#task;
  }

  /** Whether a task is started and not yet stopped. */
  get running(): boolean {
    return this.#running;
  }

  /** Every record polled since the harness was created, across restarts, in order. */
  get records(): readonly SourceRecord[] {
    return this.#records;
  }

  /** The records polled from the current instance since its last commit: those a restart now would lose. */
  get uncommitted(): readonly SourceRecord[] {
    return this.#uncommitted;
  }

  /** Reads the offsets committed so far, as the task's own context does. */
  offsetStorageReader(): OffsetStorageReader {
    return new BackingStoreOffsetStorageReader(this.#store, this.#connector);
  }

  /**
   * Creates a new task, initializes it with a context over the offset store and starts it with `props`. When
   * `task.start()` throws, `task.stop()` is called, as a worker does, and the error is rethrown.
   * @throws IllegalWorkerStateError when a task is already running.
   */
  async start(props: Readonly<Record<string, string>>): Promise<void> {
    if (this.#running) {
      throw new IllegalWorkerStateError(
        "A task is already running in this harness: call stop() or restart() instead.",
      );
    }
    if (this.#ownsStore && !this.#storeStarted) {
      await this.#store.start();
      this.#storeStarted = true;
    }
    this.#props = Object.freeze({ ...props });
    this.#uncommitted = [];
    // A fresh writer forgets offsets recorded but never flushed, as a crashed worker would.
    this.#writer = new OffsetStorageWriter(this.#store, this.#connector);
    const task = this.#createTask();
    this.#task = task;
    task.initialize(this.#context());
    try {
      await task.start(this.#props);
    } catch (error) {
      await task.stop();
      throw error;
    }
    this.#running = true;
  }

  /**
   * Calls `task.poll()` once and collects what it returns.
   * @throws IllegalWorkerStateError when no task is running or a poll is still pending.
   * @throws ConnectError when the task returned something other than an array of `SourceRecord`s or `null`.
   */
  poll(): Promise<SourceRecord[] | null> {
    if (!this.#running) {
      return Promise.reject(
        new IllegalWorkerStateError("Cannot call poll(): no task is running; call start(props) first."),
      );
    }
    if (this.#inFlight !== undefined) {
      return Promise.reject(
        new IllegalWorkerStateError(
          "The previous poll() is still pending: a worker never calls poll() again before it settled.",
        ),
      );
    }
    const run = this.#collect(this.task).finally(() => {
      if (this.#inFlight === run) this.#inFlight = undefined;
    });
    this.#inFlight = run;
    return run;
  }

  /**
   * Polls until the records collected by this call satisfy `condition` (at least that many, or the predicate holds)
   * and returns them; a poll may return more than asked for.
   * @throws ConnectError when `timeoutMs` passes first (with the number of records collected), or a poll fails.
   */
  async pollUntil(
    condition: PollCondition,
    options: { readonly timeoutMs?: number } = {},
  ): Promise<SourceRecord[]> {
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    const satisfied =
      typeof condition === "number"
        ? (records: readonly SourceRecord[]) => records.length >= condition
        : condition;
    const deadline = Date.now() + timeoutMs;
    const collected: SourceRecord[] = [];
    while (!satisfied(collected)) {
      const remaining = deadline - Date.now();
      const outcome = remaining > 0 ? await settleWithin(this.poll(), remaining) : undefined;
      if (outcome === undefined || outcome.state === "pending") {
        const wanted = typeof condition === "number" ? `${condition} records` : "the condition";
        throw new ConnectError(
          `pollUntil() waited ${timeoutMs} ms for ${wanted} but collected ${collected.length}` +
            (outcome === undefined ? "." : ", and the last poll() has not returned yet.") +
            " Produce the data before polling, or pass a longer timeoutMs.",
        );
      }
      if (outcome.state === "rejected") throw outcome.error;
      if (outcome.value !== null) collected.push(...outcome.value);
    }
    return collected;
  }

  /**
   * Commits like a worker's offset flush: acknowledges every record polled since the last commit with
   * `task.commitRecord()`, writes their source offsets to the store in one flush, then calls `task.commit()`. It
   * also works after `stop()`, as a worker's final flush does. An error from the task's hooks is rethrown, so a test
   * sees it, where a worker would only log it.
   */
  async commit(): Promise<void> {
    const task = this.task;
    const acknowledged = this.#uncommitted;
    this.#uncommitted = [];
    for (const record of acknowledged) {
      await task.commitRecord(record, this.#metadataOf(record));
      this.#writer.offset(record.sourcePartition, record.sourceOffset);
    }
    if (this.#writer.beginFlush()) await this.#writer.doFlush();
    await task.commit();
  }

  /**
   * Stops the task and starts a new instance, which reads the committed offsets; records not committed are lost, as
   * in a crash. Without `props`, the last ones are used again.
   */
  async restart(props?: Readonly<Record<string, string>>): Promise<void> {
    await this.stop();
    await this.start(props ?? this.#props);
  }

  /**
   * Calls `task.stop()` and waits for a pending `poll()` to settle, as a worker does. Does nothing when no task is
   * running.
   * @throws ConnectError when a pending poll is still unsettled `shutdownTimeoutMs` after `stop()`.
   */
  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    await this.task.stop();
    const pending = this.#inFlight;
    if (pending === undefined) return;
    const outcome = await settleWithin(pending, this.#shutdownTimeoutMs);
    if (outcome.state === "pending") {
      throw new ConnectError(
        `${this.task.constructor.name}.poll() was still pending ${this.#shutdownTimeoutMs} ms after stop(): ` +
          "stop() must make a pending poll settle soon (abort what the poll waits on), or a worker abandons the task.",
      );
    }
  }

  async #collect(task: T): Promise<SourceRecord[] | null> {
    const records = checkPolled(await task.poll());
    if (records !== null) {
      this.#records.push(...records);
      this.#uncommitted.push(...records);
    }
    return records;
  }

  #context(): SourceTaskContext {
    return {
      configs: () => this.#props,
      offsetStorageReader: () => this.offsetStorageReader(),
      transactionContext: () => null,
    };
  }

  #metadataOf(record: SourceRecord): RecordMetadata {
    const partition = record.kafkaPartition ?? 0;
    const key = `${partition}:${record.topic}`;
    const offset = this.#kafkaOffsets.get(key) ?? 0n;
    this.#kafkaOffsets.set(key, offset + 1n);
    return { topic: record.topic, partition, offset, timestamp: record.timestamp };
  }
}

function checkPolled(returned: unknown): SourceRecord[] | null {
  if (returned === null || returned === undefined) return null;
  if (!Array.isArray(returned)) {
    throw new ConnectError(
      `poll() returned ${typeof returned}, not an array of SourceRecords or null; return null when there is no data.`,
    );
  }
  const wrong = returned.findIndex((record) => !SourceRecord.isSourceRecord(record));
  if (wrong !== -1) {
    throw new ConnectError(
      `poll() returned an array whose element ${wrong} is not a SourceRecord; create records with new SourceRecord({...}).`,
    );
  }
  return [...(returned as readonly SourceRecord[])];
}
