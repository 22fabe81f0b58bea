import type { OffsetStorageReader } from "../storage/offset-storage-reader.js";
import type { TransactionContext } from "./transaction-context.js";

/**
 * What a {@link SourceTask} may ask of the worker that runs it, handed over once through
 * {@link SourceTask.initialize} before `start()`.
 *
 * Its methods may be called at any time from `initialize()` until `stop()` returns, from `poll()` or from any
 * callback or timer of the task.
 */
export interface SourceTaskContext {
  /**
   * The task's current configuration: the properties `start()` received, or newer ones when the worker has
   * re-resolved them since (a rotated secret from a config provider, say).
   */
  configs(): Readonly<Record<string, string>>;

  /**
   * Reads the offsets stored for this connector's source partitions, usually in `start()` to resume where the last
   * run stopped. It sees only offsets the worker has flushed, not those of records still in flight.
   */
  offsetStorageReader(): OffsetStorageReader;

  /**
   * The handle for ending transactions where the task decides, or `null` unless the worker runs the connector with
   * exactly-once support and `transaction.boundary=connector` (which it does only when the connector's
   * {@link SourceConnector.canDefineTransactionBoundaries} answers `SUPPORTED`).
   */
  transactionContext(): TransactionContext | null;
}
