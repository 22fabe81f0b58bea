import {
  ConnectError,
  IllegalWorkerStateError,
  SinkRecord,
  type SinkTask,
  TopicPartition,
} from "@tributary/api";
import type { SinkRecordInput } from "./sink-record-input.js";
import { HarnessSinkTaskContext, type ReportedRecord } from "./sink-task-harness-context.js";

/** Options of a {@link SinkTaskHarness}. */
export interface SinkTaskHarnessOptions<T extends SinkTask> {
  /** Creates a new, unstarted task; called by every `start()` and `restart()`. */
  readonly createTask: () => T;
  /** The topic of records and partitions when a call names none; `"test-topic"` by default. */
  readonly topic?: string;
  /**
   * Whether the context offers an errant record reporter (it collects reports in
   * {@link SinkTaskHarness.reported}); true by default, false to test a connector without a dead-letter queue.
   */
  readonly errantRecordReporter?: boolean;
}

/**
 * Runs a {@link SinkTask} the way a worker does, without Kafka: it opens partitions, puts records built from simple
 * inputs with increasing Kafka offsets, redelivers batches, asks for offsets to commit and restarts the task from
 * them. Calls are meant to be awaited one after another, as a worker makes them.
 *
 * The context the task gets records what the task asks for ({@link SinkTaskHarness.seeks},
 * {@link SinkTaskHarness.timeoutMs}, {@link SinkTaskHarness.paused}, {@link SinkTaskHarness.commitRequests},
 * {@link SinkTaskHarness.reported}); a seek moves the offsets of the next records put, as the consumer would.
 *
 * @example
 * ```ts
 * const harness = new SinkTaskHarness({ createTask: () => new FileStreamSinkTask() });
 * await harness.start({ file: path, topics: "test-topic" });
 * await harness.open();                               // test-topic-0
 * await harness.put([{ value: "a" }, { value: "b" }]); // offsets 0 and 1
 * await harness.redeliver();                          // the same two records again
 * const committed = await harness.commit();          // Map { test-topic-0 => 2n }
 * await harness.stop();
 * ```
 */
export class SinkTaskHarness<T extends SinkTask = SinkTask> {
  readonly #createTask: () => T;
  readonly #topic: string;
  readonly #withReporter: boolean;
  /** The offset the next record put to each partition gets. */
  readonly #next = new Map<TopicPartition, bigint>();
  /** The offset after the last record put to each partition: what preCommit() is given. */
  readonly #current = new Map<TopicPartition, bigint>();
  readonly #committed = new Map<TopicPartition, bigint>();
  readonly #records: SinkRecord[] = [];
  #context: HarnessSinkTaskContext;
  #task: T | undefined;
  #props: Readonly<Record<string, string>> = {};
  #running = false;
  #lastBatch: readonly SinkRecord[] | undefined;

  constructor(options: SinkTaskHarnessOptions<T>) {
    this.#createTask = options.createTask;
    this.#topic = options.topic ?? "test-topic";
    this.#withReporter = options.errantRecordReporter ?? true;
    this.#context = this.#newContext();
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

  /** The partitions opened and not closed. */
  get assignment(): ReadonlySet<TopicPartition> {
    return this.#context.assignment();
  }

  /** Every record put, redeliveries included, in order. */
  get records(): readonly SinkRecord[] {
    return this.#records;
  }

  /** The committed offsets: what `preCommit()` returned, merged over every {@link SinkTaskHarness.commit}. */
  get committed(): ReadonlyMap<TopicPartition, bigint> {
    return this.#committed;
  }

  /** The last offset the current task asked for with `context.offset()`, per partition. */
  get seeks(): ReadonlyMap<TopicPartition, bigint> {
    return this.#context.seeks;
  }

  /** What the current task last passed to `context.timeout()`, or `undefined`. */
  get timeoutMs(): number | undefined {
    return this.#context.timeoutMs;
  }

  /** The partitions the current task has paused. */
  get paused(): ReadonlySet<TopicPartition> {
    return this.#context.pausedPartitions;
  }

  /** How many times the current task called `context.requestCommit()`. */
  get commitRequests(): number {
    return this.#context.commitRequests;
  }

  /** The records the tasks sent to the errant record reporter, with their errors, across restarts. */
  get reported(): readonly ReportedRecord[] {
    return this.#context.reported;
  }

  /**
   * Creates a new task, initializes it and starts it with `props`; when `start()` throws, `stop()` is called and
   * the error rethrown.
   * @throws IllegalWorkerStateError when a task is already running.
   */
  async start(props: Readonly<Record<string, string>>): Promise<void> {
    if (this.#running) {
      throw new IllegalWorkerStateError(
        "A task is already running in this harness: call stop() or restart() instead.",
      );
    }
    this.#props = Object.freeze({ ...props });
    const reported = this.#context.reported;
    this.#context = this.#newContext();
    this.#context.reported.push(...reported);
    this.#context.props = this.#props;
    this.#lastBatch = undefined;
    const task = this.#createTask();
    this.#task = task;
    task.initialize(this.#context);
    try {
      await task.start(this.#props);
    } catch (error) {
      await task.stop();
      throw error;
    }
    this.#running = true;
  }

  /**
   * Assigns `partitions` (by default partition 0 of the default topic) and calls `task.open()`. Their next records
   * continue from the last records put, or from the committed offset after a restart, unless the task seeks.
   */
  async open(partitions: readonly TopicPartition[] = [TopicPartition.of(this.#topic, 0)]): Promise<void> {
    const task = this.#requireRunning("open()");
    for (const partition of partitions) {
      this.#context.assigned.add(partition);
      if (!this.#next.has(partition)) this.#moveTo(partition, this.#committed.get(partition) ?? 0n);
    }
    await task.open(partitions);
  }

  /**
   * Builds one {@link SinkRecord} per input, with the next offsets of their partitions, and calls `task.put()` with
   * them; returns the records. Inputs that are already `SinkRecord`s are passed as they are.
   * @throws IllegalWorkerStateError when a record's partition is not assigned or is paused, where a worker would not
   * deliver it.
   */
  async put(inputs: readonly (SinkRecordInput | SinkRecord)[]): Promise<SinkRecord[]> {
    const task = this.#requireRunning("put()");
    const batch: SinkRecord[] = [];
    for (const input of inputs) {
      const record = SinkRecord.isSinkRecord(input) ? input : this.#build(input);
      const partition = TopicPartition.of(record.originalTopic, record.originalKafkaPartition);
      this.#requireDeliverable(partition);
      this.#next.set(partition, record.originalKafkaOffset + 1n);
      this.#current.set(partition, record.originalKafkaOffset + 1n);
      batch.push(record);
    }
    this.#lastBatch = batch;
    this.#records.push(...batch);
    await task.put(batch);
    return batch;
  }

  /**
   * Puts the last batch again, the same records with the same offsets, as a worker does after `put()` threw a
   * retriable error or after a rewind.
   * @throws IllegalWorkerStateError when nothing was put since the task started.
   */
  async redeliver(): Promise<SinkRecord[]> {
    const task = this.#requireRunning("redeliver()");
    const batch = this.#lastBatch;
    if (batch === undefined) {
      throw new IllegalWorkerStateError("Nothing to redeliver: put() a batch first.");
    }
    this.#records.push(...batch);
    await task.put(batch);
    return [...batch];
  }

  /**
   * Asks the task which offsets are safe to commit, as a worker's commit does: `task.preCommit()` with the offset
   * after the last record put to each assigned partition. Records and returns what it answered.
   * @throws ConnectError when `preCommit()` returns something other than a map of partitions to bigints.
   */
  async commit(): Promise<ReadonlyMap<TopicPartition, bigint>> {
    const task = this.#requireRunning("commit()");
    const current = new Map<TopicPartition, bigint>();
    for (const partition of this.#context.assigned) {
      const offset = this.#current.get(partition);
      if (offset !== undefined) current.set(partition, offset);
    }
    const answer = await task.preCommit(current);
    if (!(answer instanceof Map)) {
      throw new ConnectError(
        `preCommit() returned ${typeof answer}, not a Map of TopicPartition to bigint offsets.`,
      );
    }
    for (const [partition, offset] of answer) {
      if (!TopicPartition.isTopicPartition(partition) || typeof offset !== "bigint") {
        throw new ConnectError(
          `preCommit() returned the entry ${String(partition)} => ${String(offset)}; entries must map a TopicPartition to a bigint offset.`,
        );
      }
      // A worker ignores offsets of partitions the task no longer has.
      if (this.#context.assigned.has(partition)) this.#committed.set(partition, offset);
    }
    return answer;
  }

  /** Calls `task.close()` for `partitions` (by default every assigned one) and takes them away from the task. */
  async close(partitions?: readonly TopicPartition[]): Promise<void> {
    const task = this.#requireRunning("close()");
    const closing = partitions ?? [...this.#context.assigned];
    await task.close(closing);
    for (const partition of closing) {
      this.#context.assigned.delete(partition);
      this.#context.pausedPartitions.delete(partition);
    }
  }

  /**
   * Stops the task and starts a new instance with the same partitions, which continue from the committed offsets:
   * records put but not committed come again, as after a crash. Without `props`, the last ones are used again.
   */
  async restart(props?: Readonly<Record<string, string>>): Promise<void> {
    const partitions = [...this.#context.assigned];
    await this.stop();
    await this.start(props ?? this.#props);
    for (const partition of partitions) this.#moveTo(partition, this.#committed.get(partition) ?? 0n);
    await this.open(partitions);
  }

  /** Closes the partitions still assigned and stops the task; it commits nothing, so call `commit()` first. */
  async stop(): Promise<void> {
    if (!this.#running) return;
    try {
      if (this.#context.assigned.size > 0) await this.close();
    } finally {
      this.#running = false;
      await this.task.stop();
    }
  }

  #newContext(): HarnessSinkTaskContext {
    return new HarnessSinkTaskContext(this.#withReporter, (partition, offset) =>
      this.#moveTo(partition, offset),
    );
  }

  #moveTo(partition: TopicPartition, offset: bigint): void {
    this.#next.set(partition, offset);
    this.#current.set(partition, offset);
  }

  #build(input: SinkRecordInput): SinkRecord {
    const topic = input.topic ?? this.#topic;
    const partition = input.partition ?? 0;
    const offset = this.#next.get(TopicPartition.of(topic, partition)) ?? 0n;
    return new SinkRecord({
      topic,
      kafkaPartition: partition,
      kafkaOffset: offset,
      key: input.key ?? null,
      keySchema: input.keySchema ?? null,
      value: input.value,
      valueSchema: input.valueSchema ?? null,
      timestamp: input.timestamp ?? null,
      ...(input.timestampType === undefined ? {} : { timestampType: input.timestampType }),
      ...(input.headers === undefined ? {} : { headers: input.headers }),
    });
  }

  #requireDeliverable(partition: TopicPartition): void {
    if (!this.#context.assigned.has(partition)) {
      throw new IllegalWorkerStateError(
        `Cannot put a record of ${String(partition)}: that partition is not assigned; open([TopicPartition.of(` +
          `${JSON.stringify(partition.topic)}, ${partition.partition})]) first.`,
      );
    }
    if (this.#context.pausedPartitions.has(partition)) {
      throw new IllegalWorkerStateError(
        `Cannot put a record of ${String(partition)}: the task paused that partition, so a worker would not deliver it until resume().`,
      );
    }
  }

  #requireRunning(call: string): T {
    if (!this.#running) {
      throw new IllegalWorkerStateError(`Cannot call ${call}: no task is running; call start(props) first.`);
    }
    return this.task;
  }
}
