import type { SourceRecord, TransactionContext } from "@tributary/api";

/** What a task asked for: end the transaction by committing or by aborting it. */
export type TransactionRequest = "commit" | "abort";

/**
 * The {@link TransactionContext} an exactly-once source task gets with `transaction.boundary=connector`: it only
 * records the task's requests, which the task runner reads as it sends the records. A request naming a record wins
 * over a request for the whole batch when both end at that record.
 * @internal
 */
export class TaskTransactionContext implements TransactionContext {
  readonly #records = new Map<SourceRecord, TransactionRequest>();
  #batch: TransactionRequest | undefined;

  commitTransaction(record?: SourceRecord): void {
    if (record === undefined) this.#batch = "commit";
    else this.#records.set(record, "commit");
  }

  abortTransaction(record?: SourceRecord): void {
    if (record === undefined) this.#batch = "abort";
    else this.#records.set(record, "abort");
  }

  /** Takes the request that ends a transaction right after `record`, if any. */
  takeRecordRequest(record: SourceRecord): TransactionRequest | undefined {
    if (this.#records.size === 0) return undefined;
    const request = this.#records.get(record);
    if (request !== undefined) this.#records.delete(record);
    return request;
  }

  /** Takes the request that ends a transaction after the current batch, if any. */
  takeBatchRequest(): TransactionRequest | undefined {
    const request = this.#batch;
    this.#batch = undefined;
    return request;
  }
}
