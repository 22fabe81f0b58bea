import {
  ConfigError,
  type SourceRecord,
  serializeOffsetKey,
  serializeOffsetValue,
  type TransactionContext,
} from "@tributary/api";
import type { SubmittedRecord } from "../../../engine/embedded/submitted-records.js";
import type { MessageAck, OutgoingMessage, TransactionalProducer } from "../../../kafka/kafka-clients.js";
import { KafkaOffsetBackingStore, offsetMessages } from "../../../kafka/kafka-offset-backing-store.js";
import { type PreparedBatch, WorkerSourceTask, type WorkerSourceTaskInit } from "../worker-source-task.js";
import { TaskTransactionContext, type TransactionRequest } from "./task-transaction-context.js";

/** Where an exactly-once task ends its transactions (`transaction.boundary`). */
export type TransactionBoundary = "poll" | "interval" | "connector";

/** What an {@link ExactlyOnceWorkerSourceTask} runs with besides a source task's settings. */
export interface ExactlyOnceWorkerSourceTaskInit extends WorkerSourceTaskInit {
  /** The worker's `group.id`, the first part of the task's `transactional.id`. */
  readonly groupId: string;
}

/**
 * Runs one source task with exactly-once delivery, as KIP-618 does it: the task has its own transactional producer
 * (`transactional.id` = `<group.id>-<connector>-<task>`), and each transaction holds records and the source offsets
 * they lead to, written to the offsets topic, so either both become visible to `read_committed` consumers or
 * neither does. After a crash the task resumes from the offsets of the last committed transaction, and the records
 * of an unfinished one are never seen.
 *
 * Transactions end after every batch `poll()` returns (`transaction.boundary=poll`), every
 * `transaction.boundary.interval.ms` (`interval`, by default `offset.flush.interval.ms`), or where the task says
 * through its {@link TransactionContext} (`connector`); the open transaction is committed when the task is paused
 * or stopped. An aborted transaction discards its records, but its offsets are committed (in a transaction of their
 * own), so they are not read again.
 *
 * Starting the producer initialises transactions for its id, which fences any older producer with that id (a
 * previous instance of the task, here or in a process that lost contact): that one's next commit fails and it
 * fails its task. `commitRecord` and `commit()` follow each committed transaction.
 *
 * Offsets must be kept in a Kafka topic: the worker's offset store has to be a `KafkaOffsetBackingStore`.
 */
export class ExactlyOnceWorkerSourceTask extends WorkerSourceTask {
  readonly #store: KafkaOffsetBackingStore;
  readonly #boundary: TransactionBoundary;
  readonly #transactionContext: TaskTransactionContext | null;
  readonly #groupId: string;
  #producer: TransactionalProducer | undefined;
  #open = false;
  /** Records sent in the open transaction with their acks, for `commitRecord` once it commits. */
  #inTransaction: Array<{ record: SourceRecord; ack: MessageAck }> = [];
  #commitDue = false;
  #intervalTimer: NodeJS.Timeout | undefined;

  /** @throws ConfigError when the offset store is not a Kafka topic store. */
  constructor(init: ExactlyOnceWorkerSourceTaskInit) {
    super(init);
    if (!(init.offsetStore instanceof KafkaOffsetBackingStore)) {
      throw new ConfigError(
        `Connector ${init.connector} runs with exactly.once.source.support=enabled, which keeps offsets in a Kafka topic in the same transactions as the records; configure the worker with offset.storage.topic instead of offset.storage.file.filename.`,
      );
    }
    this.#store = init.offsetStore;
    this.#groupId = init.groupId;
    this.#boundary = init.connectorConfig.get("transaction.boundary") as TransactionBoundary;
    this.#transactionContext = this.#boundary === "connector" ? new TaskTransactionContext() : null;
  }

  /** The producer's `transactional.id`. */
  get transactionalId(): string {
    return `${this.#groupId}-${this.connector}-${this.id}`;
  }

  protected override async openProducer(): Promise<void> {
    this.#producer = await this.init.clients.transactionalProducer(this.transactionalId, {
      clientId: `connector-producer-${this.connector}-${this.id}`,
      overrides: this.init.connectorConfig.originalsWithPrefix("producer.override."),
    });
  }

  protected override async closeProducer(): Promise<void> {
    const producer = this.#producer;
    this.#producer = undefined;
    this.#open = false;
    await this.closeQuietly(producer);
  }

  protected override transactionContext(): TransactionContext | null {
    return this.#transactionContext;
  }

  protected override scheduleCommits(): void {
    if (this.#boundary !== "interval") return;
    const configured = this.init.connectorConfig.get("transaction.boundary.interval.ms");
    const interval = Math.max(1, Number(configured ?? this.init.worker.values["offset.flush.interval.ms"]));
    // The loop owns the producer, so the timer only marks a commit as due.
    this.#intervalTimer = setInterval(() => {
      this.#commitDue = true;
    }, interval);
    this.#intervalTimer.unref();
  }

  protected override async execute(): Promise<void> {
    while (!this.stopping) {
      if (!this.processing) {
        await this.#commit();
        await this.awaitUnpaused();
        continue;
      }
      const records = await this.pollRecords();
      if (records !== null) {
        const batch = await this.prepare(records);
        if (!(await this.#sendBatch(batch))) break;
      }
      if (this.#commitDue || (this.#boundary === "poll" && records !== null)) {
        this.#commitDue = false;
        await this.#commit();
      }
    }
  }

  /**
   * Commits the open transaction when the task stops (unless it was abandoned, when it must not write). A failed
   * task aborts it instead: part of a batch may be in it without the rest, and committing would make that part
   * visible with offsets that skip the rest, so the records would be lost; aborted, they are polled again after a
   * restart from the last committed offsets.
   */
  override async commitOffsets(): Promise<void> {
    clearInterval(this.#intervalTimer);
    if (this.cancelled || this.#producer === undefined) return;
    if (this.state === "FAILED") {
      if (this.#open) await this.#producer.abort();
      this.#open = false;
      this.#inTransaction = [];
      return;
    }
    await this.#commit();
  }

  /**
   * Sends a batch in the open transaction (beginning one when none is), ending transactions where the task asked.
   * @returns false when the task stopped before the batch was written.
   */
  async #sendBatch(batch: PreparedBatch): Promise<boolean> {
    const context = this.#transactionContext;
    if (context === null) return this.#send(batch.messages, batch.submitted);
    let start = 0;
    for (let i = 0; i < batch.messages.length; i++) {
      const record = batch.submitted[i]?.record;
      const request = record === null || record === undefined ? undefined : context.takeRecordRequest(record);
      if (request === undefined) continue;
      if (!(await this.#send(batch.messages.slice(start, i + 1), batch.submitted.slice(start, i + 1))))
        return false;
      await this.#end(request);
      start = i + 1;
    }
    if (!(await this.#send(batch.messages.slice(start), batch.submitted.slice(start)))) return false;
    const request = context.takeBatchRequest();
    if (request !== undefined) await this.#end(request);
    return true;
  }

  async #send(messages: OutgoingMessage[], submitted: SubmittedRecord[]): Promise<boolean> {
    if (messages.length === 0) return true;
    const producer = this.#requireProducer();
    await this.ensureTopics(messages);
    await this.#begin(producer);
    const acks = await this.sendWithRetries((batch) => producer.send(batch), messages);
    if (acks === null) return false;
    for (let i = 0; i < acks.length; i++) {
      const entry = submitted[i] as SubmittedRecord;
      const record = entry.record;
      if (record === null) continue;
      this.submitted.ack(entry);
      this.#inTransaction.push({ record, ack: acks[i] as MessageAck });
    }
    return true;
  }

  async #end(request: TransactionRequest): Promise<void> {
    if (request === "commit") await this.#commit();
    else await this.#abort();
  }

  async #begin(producer: TransactionalProducer): Promise<void> {
    if (this.#open) return;
    await producer.begin();
    this.#open = true;
  }

  /**
   * Commits the open transaction with the offsets of every record settled since the last one; commits a
   * transaction of offsets alone when records were only dropped. Then `commitRecord` for each record, and `commit()`.
   */
  async #commit(): Promise<void> {
    const offsets = new Map<string, string | null>();
    for (const { partition, offset } of this.submitted.takeCommittable()) {
      offsets.set(serializeOffsetKey(this.connector, partition), serializeOffsetValue(offset));
    }
    if (!this.#open && offsets.size === 0) return;
    const producer = this.#requireProducer();
    await this.#begin(producer);
    if (offsets.size > 0) await producer.send(offsetMessages(this.#store.topic, offsets));
    await producer.commit();
    this.#open = false;
    this.#store.recordCommitted(offsets);
    const committed = this.#inTransaction;
    this.#inTransaction = [];
    for (const { record, ack } of committed) this.commitRecord(record, ack);
    this.recordWrites(committed.length);
    this.sourceMetrics.recordTransactionSize(committed.length);
    await this.commitTask();
  }

  /** Aborts the open transaction (its records are never seen), then commits the offsets they lead to. */
  async #abort(): Promise<void> {
    if (this.#open) {
      await this.#requireProducer().abort();
      this.#open = false;
    }
    const discarded = this.#inTransaction;
    this.#inTransaction = [];
    for (const { record } of discarded) this.commitRecord(record, null);
    await this.#commit();
  }

  #requireProducer(): TransactionalProducer {
    const producer = this.#producer;
    if (producer === undefined) throw new Error(`The producer of ${this.transactionalId} is closed.`);
    return producer;
  }
}
