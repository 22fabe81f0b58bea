import type { SourceRecord } from "./source-record.js";

/**
 * Lets a source task decide where its producer transactions end, when the worker runs it with exactly-once support
 * and `transaction.boundary=connector`; {@link SourceTaskContext.transactionContext} returns it, and `null` in every
 * other mode.
 *
 * The methods only record a request and return at once; the worker acts on it as it processes the records the task
 * returned from {@link SourceTask.poll}. They may be called from `poll()` or from any other code of the task while
 * it runs. An aborted transaction discards its records, yet its offsets are committed so they are not read again: to
 * have the data read again instead, throw from `poll()` rather than abort.
 */
export interface TransactionContext {
  /**
   * Asks for the transaction to be committed: with a record, right after that record (which must be one the task
   * returns or has returned from `poll()`, and becomes the transaction's last); without one, after the next batch
   * `poll()` returns. When a batch's last record is both committed by record and aborted for the batch, the request
   * naming the record wins.
   */
  commitTransaction(record?: SourceRecord): void;

  /**
   * Asks for the transaction to be aborted: with a record, right after that record (its last); without one, after
   * the next batch `poll()` returns. When a batch's last record is both aborted by record and committed for the
   * batch, the request naming the record wins.
   */
  abortTransaction(record?: SourceRecord): void;
}
