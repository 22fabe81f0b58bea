import {
  ConnectError,
  type ErrantRecordReporter,
  SinkRecord,
  type SinkRecord as SinkRecordType,
  type SinkTask,
  type SinkTaskContext,
  TopicPartition,
} from "@tributary/api";
import type { Logger } from "../../logging/logger.js";
import { type TaskState, type TaskStatus, traceOf } from "../task-state.js";
import type { RecordProcessor } from "./record-processor.js";
import type { BusConsumer, BusEntry } from "./topic-bus.js";

/** How long to wait before redelivering a batch after a retriable failure when the task set no timeout. */
const DEFAULT_RETRY_BACKOFF_MS = 1000;

/** Everything a {@link SinkTaskRunner} needs. */
export interface SinkTaskRunnerOptions {
  readonly connector: string;
  readonly id: number;
  readonly task: SinkTask;
  readonly config: Readonly<Record<string, string>>;
  readonly processor: RecordProcessor<SinkRecordType>;
  /** The connector's consumer on the bus, shared by its tasks. */
  readonly consumer: BusConsumer;
  /** Whether this task owns a partition; each partition belongs to exactly one task of the connector. */
  readonly owns: (topic: string, partition: number) => boolean;
  /** The most records handed to one `put`. */
  readonly maxBatch: number;
  /**
   * Commit (run `preCommit`) once this many records were delivered since the last commit, besides the engine's
   * flush interval: records wait in memory until their sink commits them, so this bounds that memory.
   */
  readonly commitEveryRecords: number;
  /** The reporter the task gets from its context, or null when errors are not tolerated. */
  readonly errantRecordReporter: ErrantRecordReporter | null;
  readonly logger: Logger;
  readonly onFailure: (error: unknown) => void;
}

/**
 * Runs one sink task in the embedded engine: fetch batches of the task's partitions from the bus, process each
 * record, `put` the batch, and commit what `preCommit` returns, which acknowledges the records to their sources.
 *
 * Every call into the task (`open`, `put`, `preCommit`, `close`, `stop`) comes from this runner's single loop, so
 * they never overlap, as on a Kafka worker. A retriable failure of `put` pauses the task for its `timeout()` and
 * delivers the same batch again.
 */
export class SinkTaskRunner {
  readonly #options: SinkTaskRunnerOptions;
  readonly #opened = new Set<TopicPartition>();
  /** Next offset per partition: one past the last record `put` accepted (or a transformation dropped). */
  readonly #delivered = new Map<TopicPartition, bigint>();
  #state: TaskState = "UNASSIGNED";
  #trace: string | undefined;
  #stopping = false;
  #loop: Promise<void> | undefined;
  #retryBatch: { records: SinkRecordType[]; entries: BusEntry[] } | undefined;
  #retryBackoffMs = DEFAULT_RETRY_BACKOFF_MS;
  #commitWaiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  #idle = false;
  #wakeSleep: (() => void) | undefined;
  #recordsIn = 0;
  #recordsOut = 0;
  #recordsSkipped = 0;
  #sinceCommit = 0;

  constructor(options: SinkTaskRunnerOptions) {
    this.#options = options;
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

  /** True when the task has written everything it was given and nothing of its partitions waits on the bus. */
  get drained(): boolean {
    return (
      this.#state !== "RUNNING" ||
      (this.#idle && this.#retryBatch === undefined && this.#options.consumer.isCaughtUp(this.#options.owns))
    );
  }

  /** Initializes and starts the task, then delivers records in the background until {@link SinkTaskRunner.stop}. */
  async start(): Promise<void> {
    const { task, config, consumer } = this.#options;
    const context: SinkTaskContext = {
      configs: () => config,
      offset: (partitionOrOffsets: TopicPartition | ReadonlyMap<TopicPartition, bigint>, offset?: bigint) => {
        const seeks =
          partitionOrOffsets instanceof Map
            ? [...(partitionOrOffsets as ReadonlyMap<TopicPartition, bigint>)]
            : [[partitionOrOffsets as TopicPartition, offset as bigint] as const];
        for (const [tp, target] of seeks) {
          if (!consumer.seek(tp.topic, tp.partition, Number(target))) {
            this.#options.logger.warn(
              {
                connector: this.#options.connector,
                task: this.#options.id,
                topic: tp.topic,
                partition: tp.partition,
                offset: String(target),
              },
              "Sink task asked to seek to an offset the embedded engine no longer holds; the position is unchanged",
            );
          }
        }
      },
      timeout: (ms: number) => {
        this.#retryBackoffMs = ms;
      },
      assignment: () => new Set(this.#opened),
      pause: (...partitions: TopicPartition[]) => {
        for (const tp of partitions) consumer.setPaused(tp.topic, tp.partition, true);
      },
      resume: (...partitions: TopicPartition[]) => {
        for (const tp of partitions) consumer.setPaused(tp.topic, tp.partition, false);
        consumer.notify();
      },
      requestCommit: () => {
        void this.commit().catch(() => {});
      },
      errantRecordReporter: () => this.#options.errantRecordReporter,
    } as SinkTaskContext;
    try {
      task.initialize(context);
      await task.start(config);
    } catch (error) {
      this.#fail(error);
      throw error;
    }
    this.#state = "RUNNING";
    this.#loop = this.#deliveryLoop();
  }

  /**
   * Asks the loop to run `preCommit` with the offsets delivered so far and commit what it returns. Resolves when
   * done; rejects when `preCommit` failed (the offsets stay where they were).
   */
  commit(): Promise<void> {
    if (this.#state !== "RUNNING") return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.#commitWaiters.push({ resolve, reject });
      this.#options.consumer.notify();
      this.#wakeSleep?.();
    });
  }

  /** Ends the loop after a final commit, then closes the task's partitions and stops it. */
  async stop(): Promise<void> {
    if (this.#state === "RUNNING") await this.commit().catch(() => {});
    this.#stopping = true;
    this.#options.consumer.notify();
    this.#wakeSleep?.();
    await this.#loop;
    const { task, logger, connector, id } = this.#options;
    try {
      if (this.#opened.size > 0) await task.close([...this.#opened]);
      await task.stop();
    } catch (error) {
      logger.warn({ err: error, connector, task: id }, "Sink task close() or stop() failed");
    }
    await this.#options.processor.close();
    if (this.#state !== "FAILED") this.#state = "STOPPED";
  }

  async #deliveryLoop(): Promise<void> {
    const { consumer, owns, maxBatch } = this.#options;
    while (!this.#stopping) {
      try {
        if (this.#commitWaiters.length > 0) await this.#runCommit();
        await this.#openNewPartitions();
        let batch = this.#retryBatch;
        if (batch === undefined) {
          const entries = consumer.fetch(maxBatch, owns);
          if (entries.length === 0) {
            // Checked in the same tick as the wait starts, so a stop or commit request cannot slip in between.
            if (this.#stopping || this.#commitWaiters.length > 0) continue;
            this.#idle = true;
            await consumer.waitForData();
            this.#idle = false;
            continue;
          }
          this.#recordsIn += entries.length;
          batch = await this.#toSinkRecords(entries);
        }
        try {
          await this.#options.task.put(batch.records);
        } catch (error) {
          if (!(ConnectError.isConnectError(error) && error.retriable)) throw error;
          this.#retryBatch = batch;
          this.#options.logger.warn(
            {
              err: error,
              connector: this.#options.connector,
              task: this.#options.id,
              backoffMs: this.#retryBackoffMs,
            },
            "Sink task put() failed with a retriable error; the same batch will be delivered again",
          );
          await this.#sleep(this.#retryBackoffMs);
          continue;
        }
        this.#retryBatch = undefined;
        this.#recordsOut += batch.records.length;
        for (const entry of batch.entries) {
          this.#delivered.set(TopicPartition.of(entry.topic, entry.partition), BigInt(entry.offset + 1));
        }
        this.#sinceCommit += batch.entries.length;
        if (this.#sinceCommit >= this.#options.commitEveryRecords) await this.#runCommit();
      } catch (error) {
        this.#fail(error);
      }
    }
    if (this.#commitWaiters.length > 0) await this.#runCommit().catch(() => {});
  }

  async #toSinkRecords(entries: BusEntry[]): Promise<{ records: SinkRecordType[]; entries: BusEntry[] }> {
    const records: SinkRecordType[] = [];
    for (const entry of entries) {
      const record = new SinkRecord({
        topic: entry.topic,
        kafkaPartition: entry.partition,
        keySchema: entry.keySchema,
        key: entry.key,
        valueSchema: entry.valueSchema,
        value: entry.value,
        kafkaOffset: BigInt(entry.offset),
        timestamp: entry.timestamp,
        headers: entry.headers,
      });
      let processed = this.#options.processor.process(record);
      if (processed instanceof Promise) processed = await processed;
      if (processed === null) this.#recordsSkipped++;
      else records.push(processed);
    }
    return { records, entries };
  }

  async #openNewPartitions(): Promise<void> {
    const fresh = this.#options.consumer
      .takeNewPartitions()
      .filter(({ topic, partition }) => this.#options.owns(topic, partition))
      .map(({ topic, partition }) => TopicPartition.of(topic, partition));
    if (fresh.length === 0) return;
    for (const tp of fresh) this.#opened.add(tp);
    await this.#options.task.open(fresh);
  }

  async #runCommit(): Promise<void> {
    const waiters = this.#commitWaiters;
    this.#commitWaiters = [];
    this.#sinceCommit = 0;
    try {
      const committed = await this.#options.task.preCommit(new Map(this.#delivered));
      for (const [tp, offset] of committed) {
        this.#options.consumer.commit(tp.topic, tp.partition, Number(offset));
      }
      for (const waiter of waiters) waiter.resolve();
    } catch (error) {
      this.#options.logger.error(
        { err: error, connector: this.#options.connector, task: this.#options.id },
        "Sink task preCommit() failed; offsets stay at the last commit",
      );
      for (const waiter of waiters) waiter.reject(error);
    }
  }

  /** Waits `ms`, or less when a stop or commit request comes in (the batch is retried right after either). */
  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#wakeSleep = undefined;
        resolve();
      }, ms);
      this.#wakeSleep = () => {
        clearTimeout(timer);
        this.#wakeSleep = undefined;
        resolve();
      };
    });
  }

  #fail(error: unknown): void {
    if (this.#state === "FAILED") return;
    this.#state = "FAILED";
    this.#trace = traceOf(error);
    this.#stopping = true;
    this.#options.logger.error(
      { err: error, connector: this.#options.connector, task: this.#options.id },
      "Sink task failed",
    );
    this.#options.onFailure(error);
  }
}
