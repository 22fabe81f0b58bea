/**
 * Whether a source connector can decide where its own transactions begin and end, as its
 * {@link SourceConnector.canDefineTransactionBoundaries} answers.
 *
 * The worker asks only when exactly-once source support is enabled and the connector is configured with
 * `transaction.boundary=connector`; a connector that answers `SUPPORTED` drives the boundaries through
 * {@link TransactionContext}.
 */
export const ConnectorTransactionBoundaries = Object.freeze({
  /** The connector's tasks mark transaction boundaries themselves through {@link TransactionContext}. */
  SUPPORTED: "SUPPORTED",
  /** The connector cannot define transaction boundaries; the worker must not hand it that job. */
  UNSUPPORTED: "UNSUPPORTED",
} as const);

/** One of the {@link ConnectorTransactionBoundaries} answers. */
export type ConnectorTransactionBoundaries =
  (typeof ConnectorTransactionBoundaries)[keyof typeof ConnectorTransactionBoundaries];
