import {
  BackingStoreOffsetStorageReader,
  type OffsetBackingStore,
  OffsetStorageWriter,
  type RecordMetadata,
  RetriableError,
  type SourceRecord,
  type SourceTask,
  type SourceTaskContext,
} from "@tributary/api";
import type { Logger } from "../../logging/logger.js";
import { SourcePartitionKeys } from "../source-partition-keys.js";
import { type TaskState, type TaskStatus, traceOf } from "../task-state.js";
import type { RecordProcessor } from "./record-processor.js";
import { type SubmittedRecord, SubmittedRecords } from "./submitted-records.js";
import type { BusEntry, BusEntryOwner, TopicBus } from "./topic-bus.js";

/** Everything a {@link SourceTaskRunner} needs. */
export interface SourceTaskRunnerOptions {
  readonly connector: string;
  readonly id: number;
  readonly task: SourceTask;
  readonly config: Readonly<Record<string, string>>;
  readonly processor: RecordProcessor<SourceRecord>;
  readonly bus: TopicBus;
  readonly offsetStore: OffsetBackingStore;
  readonly logger: Logger;
  /** Called once when the task fails; the engine decides what follows. */
  readonly onFailure: (error: unknown) => void;
}

/**
 * Runs one source task in the embedded engine: poll, process each record, publish to the bus, and track which
 * records have been delivered so that offsets are committed only behind delivered records.
 *
 * Offsets are written by {@link SourceTaskRunner.commitOffsets}, which the engine calls on its flush interval and
 * at shutdown, after the sinks have committed.
 */
export class SourceTaskRunner implements BusEntryOwner {
  readonly #options: SourceTaskRunnerOptions;
  readonly #submitted = new SubmittedRecords();
  readonly #writer: OffsetStorageWriter;
  #state: TaskState = "UNASSIGNED";
  #trace: string | undefined;
  #stopping = false;
  #loop: Promise<void> | undefined;
  #recordsIn = 0;
  #recordsOut = 0;
  #recordsSkipped = 0;
  readonly #partitionKeys: SourcePartitionKeys;

  constructor(options: SourceTaskRunnerOptions) {
    this.#options = options;
    this.#writer = new OffsetStorageWriter(options.offsetStore, options.connector);
    this.#partitionKeys = new SourcePartitionKeys(options.connector);
  }

  /** The task's current status. */
  status(): TaskStatus {
    return {
      id: this.#options.id,
      state: this.#state,
      ...(this.#trace === undefined ? {} : { trace: this.#trace }),
      recordsIn: this.#recordsIn,
      recordsOut: this.#recordsOut,
      recordsSkipped: this.#recordsSkipped,
    };
  }

  /** Initializes and starts the task, then polls in the background until {@link SourceTaskRunner.stop}. */
  async start(): Promise<void> {
    const { task, config, offsetStore, connector } = this.#options;
    const reader = new BackingStoreOffsetStorageReader(offsetStore, connector);
    const context: SourceTaskContext = {
      configs: () => config,
      offsetStorageReader: () => reader,
      transactionContext: () => null,
    };
    try {
      task.initialize(context);
      await task.start(config);
    } catch (error) {
      this.#fail(error);
      throw error;
    }
    this.#state = "RUNNING";
    this.#loop = this.#pollLoop();
  }

  /**
   * Stops polling: asks the task to stop (which must end a pending poll) and waits for the loop to finish. Records
   * already published stay on the bus for the sinks; commit offsets afterwards, then call {@link SourceTaskRunner.close}.
   */
  async stop(): Promise<void> {
    if (this.#stopping) return this.#loop;
    this.#stopping = true;
    try {
      await this.#options.task.stop();
    } catch (error) {
      this.#options.logger.warn(
        { err: error, connector: this.#options.connector, task: this.#options.id },
        "Source task stop() failed",
      );
    }
    await this.#loop;
  }

  /** Releases the task's processor once it has stopped and its offsets are committed. */
  async close(): Promise<void> {
    await this.#options.processor.close();
    if (this.#state !== "FAILED") this.#state = "STOPPED";
  }

  /** Records polled whose delivery is not yet settled. */
  get pending(): number {
    return this.#submitted.pending;
  }

  /**
   * Writes the offsets of every source partition up to its newest fully delivered record, then calls the task's
   * `commit()`. A failed write keeps the offsets for the next attempt.
   */
  async commitOffsets(): Promise<void> {
    if (this.#state === "UNASSIGNED") return;
    for (const { partition, offset } of this.#submitted.takeCommittable())
      this.#writer.offset(partition, offset);
    if (!this.#writer.beginFlush()) return;
    try {
      await this.#writer.doFlush();
    } catch (error) {
      this.#writer.cancelFlush();
      this.#options.logger.error(
        { err: error, connector: this.#options.connector, task: this.#options.id },
        "Failed to write source offsets; they will be written with the next flush",
      );
      return;
    }
    try {
      await this.#options.task.commit();
    } catch (error) {
      this.#options.logger.warn(
        { err: error, connector: this.#options.connector, task: this.#options.id },
        "Source task commit() failed",
      );
    }
  }

  async #pollLoop(): Promise<void> {
    const { task, processor, bus } = this.#options;
    while (!this.#stopping) {
      let records: readonly SourceRecord[] | null;
      try {
        records = await task.poll();
      } catch (error) {
        if (this.#stopping) break;
        if (error instanceof Error && RetriableError.isConnectError(error) && error.retriable) continue;
        this.#fail(error);
        return;
      }
      if (records === null || records.length === 0) {
        // A task that returns at once with nothing must not starve the event loop.
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      this.#recordsIn += records.length;
      const batch: BusEntry[] = [];
      try {
        for (const record of records) {
          const submitted = this.#submitted.submit(this.#partitionKeys.keyOf(record.sourcePartition), record);
          let processed = processor.process(record);
          if (processed instanceof Promise) processed = await processed;
          if (processed === null) {
            this.#recordsSkipped++;
            this.#settle(submitted, null);
            continue;
          }
          batch.push({
            topic: processed.topic,
            partition: processed.kafkaPartition ?? 0,
            offset: -1,
            keySchema: processed.keySchema,
            key: processed.key,
            valueSchema: processed.valueSchema,
            value: processed.value,
            timestamp: processed.timestamp,
            headers: processed.headers,
            pendingConsumers: 0,
            owner: this,
            origin: submitted,
          });
        }
      } catch (error) {
        this.#fail(error);
        return;
      }
      await bus.append(batch);
      this.#recordsOut += batch.length;
    }
  }

  /** @internal Called by the bus once every sink that received the entry has committed it. */
  acknowledge(entry: BusEntry): void {
    this.#settle(entry.origin as SubmittedRecord, entry);
  }

  #settle(submitted: SubmittedRecord, entry: BusEntry | null): void {
    const record = submitted.record;
    if (record === null) return;
    this.#submitted.ack(submitted);
    const metadata: RecordMetadata | null =
      entry === null
        ? null
        : {
            topic: entry.topic,
            partition: entry.partition,
            offset: BigInt(entry.offset),
            timestamp: record.timestamp,
          };
    try {
      const result = this.#options.task.commitRecord(record, metadata);
      if (result instanceof Promise) result.catch((error: unknown) => this.#warnCommitRecord(error));
    } catch (error) {
      this.#warnCommitRecord(error);
    }
  }

  #warnCommitRecord(error: unknown): void {
    this.#options.logger.warn(
      { err: error, connector: this.#options.connector, task: this.#options.id },
      "Source task commitRecord() failed",
    );
  }

  #fail(error: unknown): void {
    this.#state = "FAILED";
    this.#trace = traceOf(error);
    this.#stopping = true;
    this.#options.logger.error(
      { err: error, connector: this.#options.connector, task: this.#options.id },
      "Source task failed",
    );
    this.#options.onFailure(error);
  }
}
