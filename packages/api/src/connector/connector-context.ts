/**
 * What a {@link Connector} may ask of the worker that runs it, handed over once through
 * {@link Connector.initialize}.
 *
 * Both methods may be called at any time between `start()` and the end of `stop()`, from any callback or timer of
 * the connector, including while a `taskConfigs()` call is in flight; they only record a request and return at once.
 */
export interface ConnectorContext {
  /**
   * Asks the worker to call {@link Connector.taskConfigs} again and restart the tasks with the new configurations,
   * for example because the connector noticed a new table or a removed file. Requests made close together may be
   * merged into one reconfiguration.
   */
  requestTaskReconfiguration(): void;

  /**
   * Reports a failure the connector cannot recover from: the worker marks the connector FAILED, records the error as
   * its trace and stops it. Use it for failures found outside a worker call (in a background monitor, say); inside
   * `start()` or `taskConfigs()`, throwing does the same.
   */
  raiseError(error: Error): void;
}
