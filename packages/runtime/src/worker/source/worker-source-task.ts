import {
  BackingStoreOffsetStorageReader,
  ConnectError,
  type OffsetBackingStore,
  OffsetStorageWriter,
  type RecordMetadata,
  RetriableError,
  type SourceRecord,
  type SourceTask,
  type SourceTaskContext,
  type TransactionContext,
} from "@tributary/api";
import type { ConnectorConfig } from "../../config/connector-config.js";
import type { WorkerConfig } from "../../config/worker-config.js";
import { type SubmittedRecord, SubmittedRecords } from "../../engine/embedded/submitted-records.js";
import { SourcePartitionKeys } from "../../engine/source-partition-keys.js";
import { abortableDelay } from "../../errors/abortable-delay.js";
import { RetryWithToleranceOperator } from "../../errors/retry-with-tolerance-operator.js";
import type {
  KafkaAdmin,
  KafkaClients,
  KafkaProducer,
  MessageAck,
  OutgoingMessage,
} from "../../kafka/kafka-clients.js";
import { TopicCreation, TopicCreator } from "../../kafka/topic-creation.js";
import { ConnectorTaskMetrics } from "../../metrics/connector-task-metrics.js";
import type { MetricsRegistry } from "../../metrics/metrics-registry.js";
import { SourceTaskMetrics } from "../../metrics/source-task-metrics.js";
import { TaskErrorMetrics } from "../../metrics/task-error-metrics.js";
import type { PluginRegistry } from "../../plugin/plugin-registry.js";
import { WorkerTask, type WorkerTaskInit } from "../worker-task.js";
import { SourceRecordPipeline } from "./source-record-pipeline.js";

/** Everything a {@link WorkerSourceTask} runs with. */
export interface WorkerSourceTaskInit extends WorkerTaskInit {
  /** The connector's task, new, not yet initialized. */
  readonly task: SourceTask;
  /** The task's properties, config providers resolved. */
  readonly props: Readonly<Record<string, string>>;
  readonly connectorConfig: ConnectorConfig;
  readonly worker: WorkerConfig;
  readonly registry: PluginRegistry;
  readonly clients: KafkaClients;
  /** The worker's offset store, read by the task's offset reader and written by offset commits. */
  readonly offsetStore: OffsetBackingStore;
  readonly metrics: MetricsRegistry;
}

/** A polled batch after transformation and conversion. */
export interface PreparedBatch {
  /** The messages to produce, in poll order. */
  readonly messages: OutgoingMessage[];
  /** The polled record of each message, at the same index. */
  readonly submitted: SubmittedRecord[];
}

/**
 * Runs one source task in the Kafka worker with at-least-once delivery (Kafka Connect's `WorkerSourceTask`):
 * `poll()` → transformations → key, value and header converters → the producer (acks=all), a whole batch per send.
 * The next batch is polled and converted while the previous one is being sent; sends stay in poll order, one at a
 * time.
 *
 * Offsets: each polled record is tracked per source partition, and the committable offset of a partition is the
 * newest one whose earlier records are all acknowledged by Kafka (or dropped). Every `offset.flush.interval.ms`,
 * and once more when the task stops, those offsets are written through an {@link OffsetStorageWriter} to the
 * worker's offset store, within `offset.flush.timeout.ms`, then the task's `commit()` is called.
 * `commitRecord(record, metadata)` follows each acknowledgement (metadata `null` for a dropped record).
 *
 * Failures: a conversion or transformation failure follows the connector's `errors.*` settings; a retriable producer
 * failure is retried with backoff (300 ms doubling up to `errors.retry.delay.max.ms`) until it succeeds or the task
 * stops; any other producer failure skips the batch's records under `errors.tolerance=all` (as Kafka does since
 * KIP-779) and fails the task otherwise, as does a non-retriable `poll()` failure.
 */
export class WorkerSourceTask extends WorkerTask {
  protected readonly init: WorkerSourceTaskInit;
  protected readonly submitted = new SubmittedRecords();
  readonly #writer: OffsetStorageWriter;
  #pipeline: SourceRecordPipeline | undefined;
  #producer: KafkaProducer | undefined;
  /** The send in progress; its failure surfaces in the loop. */
  #sending: Promise<void> = Promise.resolve();
  #commitCycle: Promise<void> = Promise.resolve();
  #flushTimer: NodeJS.Timeout | undefined;
  #taskStopped = false;
  /** Creates topics per `topic.creation.*`; undefined when the connector leaves topics to the broker. */
  #topicCreator: TopicCreator | undefined;
  #admin: KafkaAdmin | undefined;
  readonly #knownTopics = new Set<string>();
  readonly #partitionKeys: SourcePartitionKeys;
  /** The task's `source-task-metrics`. */
  protected readonly sourceMetrics: SourceTaskMetrics;
  readonly #taskMetrics: ConnectorTaskMetrics;
  readonly #errorMetrics: TaskErrorMetrics;

  constructor(init: WorkerSourceTaskInit) {
    super(init);
    this.init = init;
    this.#writer = new OffsetStorageWriter(init.offsetStore, init.connector);
    this.#partitionKeys = new SourcePartitionKeys(init.connector);
    // The worker registers the status metric: it knows the state between two instances of a restarted task.
    this.#taskMetrics = new ConnectorTaskMetrics(init.metrics, init.connector, init.id);
    this.sourceMetrics = new SourceTaskMetrics(init.metrics, init.connector, init.id);
    this.#errorMetrics = new TaskErrorMetrics(init.metrics, init.connector, init.id);
  }

  /** The transformation and conversion pipeline; available once the task has started. */
  protected get pipeline(): SourceRecordPipeline {
    if (this.#pipeline === undefined) throw new Error("The source task has not been started.");
    return this.#pipeline;
  }

  protected override async initializeAndStart(): Promise<void> {
    const { task, props, offsetStore, connector, connectorConfig } = this.init;
    this.#pipeline = new SourceRecordPipeline({
      registry: this.init.registry,
      worker: this.init.worker,
      connector: connectorConfig,
      taskId: this.id,
      logger: this.logger,
      signal: this.stopSignal,
    });
    this.#errorMetrics.track(this.#pipeline.operator);
    const creation = TopicCreation.of(
      this.init.worker.values["topic.creation.enable"],
      connectorConfig.originals,
    );
    if (creation.enabled) {
      this.#admin = this.init.clients.admin({
        clientId: `connector-adminclient-${this.connector}-${this.id}`,
        overrides: connectorConfig.originalsWithPrefix("admin.override."),
      });
      this.#topicCreator = new TopicCreator(this.#admin, creation, this.logger);
    }
    await this.openProducer();
    const reader = new BackingStoreOffsetStorageReader(offsetStore, connector);
    const transactionContext = this.transactionContext();
    const context: SourceTaskContext = {
      configs: () => props,
      offsetStorageReader: () => reader,
      transactionContext: () => transactionContext,
    };
    task.initialize(context);
    await task.start(props);
    this.scheduleCommits();
  }

  /** Opens the producer; the exactly-once task opens a transactional one instead. */
  protected async openProducer(): Promise<void> {
    this.#producer = this.init.clients.producer({
      clientId: `connector-producer-${this.connector}-${this.id}`,
      overrides: this.init.connectorConfig.originalsWithPrefix("producer.override."),
    });
  }

  /** The task's transaction context: none for at-least-once delivery. */
  protected transactionContext(): TransactionContext | null {
    return null;
  }

  /** Starts the periodic offset commits (`offset.flush.interval.ms`). */
  protected scheduleCommits(): void {
    const interval = Math.max(1, Number(this.init.worker.values["offset.flush.interval.ms"]));
    this.#flushTimer = setInterval(() => void this.commitOffsets(), interval);
    this.#flushTimer.unref();
  }

  protected override async execute(): Promise<void> {
    while (!this.stopping) {
      if (!this.processing) {
        await this.awaitUnpaused();
        continue;
      }
      const records = await this.pollRecords();
      if (records === null) continue;
      // poll() and send() may both settle without I/O; yield so timers (offset commits, stop timeouts) still run.
      await yieldToEventLoop();
      const batch = await this.prepare(records);
      await this.#sending; // rethrows a failed send, which fails the task
      if (batch.messages.length === 0) continue;
      this.#sending = this.#produce(batch);
      // A rejection is seen by the loop's next await; do not let it count as unhandled meanwhile.
      this.#sending.catch(() => {});
    }
    await this.#sending;
  }

  protected override async close(): Promise<void> {
    clearInterval(this.#flushTimer);
    if (!this.cancelled) {
      await this.commitOffsets().catch(() => {});
    }
    await this.stopTaskOnce().catch((error: unknown) =>
      this.logger.warn({ err: error, connector: this.connector, task: this.id }, "Source task stop() failed"),
    );
    await this.closeProducer();
    await this.closeQuietly(this.#admin);
    await this.#pipeline?.close();
  }

  protected override onStop(): Promise<void> {
    return this.stopTaskOnce();
  }

  protected override onCancel(): void {
    void this.closeProducer();
  }

  /** Closes the producer; the exactly-once task overrides it to close its own. */
  protected async closeProducer(): Promise<void> {
    const producer = this.#producer;
    this.#producer = undefined;
    await this.closeQuietly(producer);
  }

  /** Closes a client of the task, logging a failure instead of throwing it. */
  protected async closeQuietly(client: { close(): Promise<void> } | undefined): Promise<void> {
    try {
      await client?.close();
    } catch (error) {
      this.logger.warn(
        { err: error, connector: this.connector, task: this.id },
        "Closing a Kafka client failed",
      );
    }
  }

  /** Calls the connector task's `stop()` once, whichever of stop, failure or close comes first. */
  protected async stopTaskOnce(): Promise<void> {
    if (this.#taskStopped) return;
    this.#taskStopped = true;
    await this.init.task.stop();
  }

  /**
   * Polls once and records the poll metrics.
   * @returns the records, or null when there were none (after yielding to the event loop) or the task is stopping.
   * @throws the poll's error when it is not retriable and the task is not stopping.
   */
  protected async pollRecords(): Promise<readonly SourceRecord[] | null> {
    const started = performance.now();
    let records: readonly SourceRecord[] | null;
    try {
      records = await this.init.task.poll();
    } catch (error) {
      if (this.stopping) {
        this.logger.debug(
          { err: error, connector: this.connector, task: this.id },
          "poll() failed after stop()",
        );
        return null;
      }
      if (isRetriable(error)) {
        this.logger.warn(
          { err: error, connector: this.connector, task: this.id },
          "poll() failed; polling again",
        );
        return null;
      }
      throw error;
    }
    const duration = performance.now() - started;
    if (records === null || records.length === 0) {
      this.sourceMetrics.recordPoll(0, duration);
      // A task that returns at once with nothing must not starve the event loop.
      await yieldToEventLoop();
      return null;
    }
    this.sourceMetrics.recordPoll(records.length, duration);
    this.#taskMetrics.recordBatchSize(records.length);
    return records;
  }

  /**
   * Tracks each record for offset commits, then transforms and converts it. Dropped records are settled at once
   * (`commitRecord(record, null)`); their offsets count as delivered.
   */
  protected async prepare(records: readonly SourceRecord[]): Promise<PreparedBatch> {
    const pipeline = this.pipeline;
    const messages: OutgoingMessage[] = [];
    const submitted: SubmittedRecord[] = [];
    for (const record of records) {
      const entry = this.submitted.submit(this.#partitionKeys.keyOf(record.sourcePartition), record);
      let message = pipeline.process(record);
      if (message instanceof Promise) message = await message;
      if (message === null) {
        this.settle(entry, null);
        continue;
      }
      messages.push(message);
      submitted.push(entry);
    }
    this.#updateActive();
    return { messages, submitted };
  }

  /** Creates the batch's topics that were not seen before, when topic creation is configured. */
  protected async ensureTopics(messages: readonly OutgoingMessage[]): Promise<void> {
    const creator = this.#topicCreator;
    if (creator === undefined) return;
    const fresh = new Set<string>();
    for (const { topic } of messages) if (!this.#knownTopics.has(topic)) fresh.add(topic);
    if (fresh.size === 0) return;
    await creator.ensure(fresh);
    for (const topic of fresh) this.#knownTopics.add(topic);
  }

  /**
   * Sends messages, retrying retriable failures with backoff until they succeed or the task stops.
   * @returns the acks, or null when the task stopped before they were written.
   * @throws ConnectError when the failure is not retriable.
   */
  protected async sendWithRetries(
    send: (messages: readonly OutgoingMessage[]) => Promise<MessageAck[]>,
    messages: readonly OutgoingMessage[],
  ): Promise<MessageAck[] | null> {
    const maxDelay = Number(this.init.connectorConfig.values["errors.retry.delay.max.ms"]);
    for (let attempt = 0; ; attempt++) {
      try {
        return await send(messages);
      } catch (error) {
        if (!isRetriable(error)) {
          throw new ConnectError(
            `Connector ${this.connector} task ${this.id} could not write ${messages.length} records to Kafka: ${messageOf(error)}`,
            { cause: error },
          );
        }
        const delay = Math.min(
          RetryWithToleranceOperator.RETRY_DELAY_MIN_MS * 2 ** attempt,
          Math.max(maxDelay, 1),
        );
        this.logger.warn(
          { err: error, connector: this.connector, task: this.id, delayMs: delay },
          "Writing records to Kafka failed; retrying",
        );
        if (!(await abortableDelay(delay, this.stopSignal))) return null;
      }
    }
  }

  /** Marks a record delivered (with its ack) or dropped (null), and calls the task's `commitRecord`. */
  protected settle(entry: SubmittedRecord, ack: MessageAck | null): void {
    const record = entry.record;
    if (record === null) return;
    this.submitted.ack(entry);
    this.commitRecord(record, ack);
  }

  /** Calls the task's `commitRecord` with the ack's metadata (null for a dropped record), logging a failure. */
  protected commitRecord(record: SourceRecord, ack: MessageAck | null): void {
    const metadata: RecordMetadata | null =
      ack === null
        ? null
        : {
            topic: ack.topic,
            partition: ack.partition,
            offset: ack.offset,
            timestamp: ack.timestamp < 0 ? null : ack.timestamp,
          };
    try {
      const result = this.init.task.commitRecord(record, metadata);
      if (result instanceof Promise) result.catch((error: unknown) => this.#warnCommitRecord(error));
    } catch (error) {
      this.#warnCommitRecord(error);
    }
  }

  /** Records that `count` records were written to Kafka. */
  protected recordWrites(count: number): void {
    this.sourceMetrics.recordWrite(count);
    this.#updateActive();
  }

  /**
   * Writes the committable offsets to the offset store (within `offset.flush.timeout.ms`), then calls the task's
   * `commit()`. Runs on the flush interval and when the task stops; calls never overlap. A failed or timed-out
   * write keeps the offsets for the next attempt.
   */
  commitOffsets(): Promise<void> {
    this.#commitCycle = this.#commitCycle.then(() => this.#commitOffsets());
    return this.#commitCycle;
  }

  async #commitOffsets(): Promise<void> {
    if (this.cancelled) return;
    for (const { partition, offset } of this.submitted.takeCommittable())
      this.#writer.offset(partition, offset);
    if (!this.#writer.beginFlush()) return;
    const started = performance.now();
    const timeoutMs = Number(this.init.worker.values["offset.flush.timeout.ms"]);
    let timer: NodeJS.Timeout | undefined;
    try {
      const write = this.#writer.doFlush();
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new ConnectError(
                `Writing the offsets took longer than offset.flush.timeout.ms=${timeoutMs}; they will be written with the next flush.`,
              ),
            ),
          timeoutMs,
        );
      });
      write.catch(() => {});
      await Promise.race([write, timeout]);
    } catch (error) {
      this.#writer.cancelFlush();
      this.#taskMetrics.recordOffsetCommit(false, performance.now() - started);
      this.logger.error(
        { err: error, connector: this.connector, task: this.id },
        "Failed to commit source offsets; they will be committed with the next flush",
      );
      return;
    } finally {
      clearTimeout(timer);
    }
    this.#taskMetrics.recordOffsetCommit(true, performance.now() - started);
    await this.commitTask();
  }

  /** Calls the connector task's `commit()`, logging a failure. */
  protected async commitTask(): Promise<void> {
    try {
      await this.init.task.commit();
    } catch (error) {
      this.logger.warn(
        { err: error, connector: this.connector, task: this.id },
        "Source task commit() failed",
      );
    }
  }

  async #produce(batch: PreparedBatch): Promise<void> {
    const producer = this.#producer;
    if (producer === undefined) return;
    await this.ensureTopics(batch.messages);
    let acks: MessageAck[] | null;
    try {
      acks = await this.sendWithRetries((messages) => producer.send(messages), batch.messages);
    } catch (error) {
      // As Kafka's worker does since KIP-779: under errors.tolerance=all a failed write skips its records.
      if (this.init.connectorConfig.values["errors.tolerance"] !== "all") throw error;
      this.logger.error(
        { err: error, connector: this.connector, task: this.id, records: batch.messages.length },
        "Writing records to Kafka failed; skipping them under errors.tolerance=all",
      );
      for (const entry of batch.submitted) this.settle(entry, null);
      return;
    }
    if (acks === null) return;
    for (let i = 0; i < acks.length; i++)
      this.settle(batch.submitted[i] as SubmittedRecord, acks[i] as MessageAck);
    this.recordWrites(acks.length);
  }

  #updateActive(): void {
    this.sourceMetrics.recordActiveCount(this.submitted.pending);
  }

  #warnCommitRecord(error: unknown): void {
    this.logger.warn(
      { err: error, connector: this.connector, task: this.id },
      "Source task commitRecord() failed",
    );
  }
}

/** Whether an error says that trying again may succeed. */
export function isRetriable(error: unknown): boolean {
  return error instanceof Error && RetriableError.isConnectError(error) && error.retriable;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
