import type { SinkRecord } from "./sink-record.js";

/**
 * Sends records a sink task cannot write to the connector's dead-letter queue (and error log), so the task can skip
 * them and go on; {@link SinkTaskContext.errantRecordReporter} returns it when the connector sets
 * `errors.deadletterqueue.topic.name` or `errors.log.enable=true`.
 *
 * Call it from `put()`, or from work `put()` started, with a record `put()` received. Awaiting the promise is
 * optional: the worker itself waits for every report to finish before it calls {@link SinkTask.preCommit} and
 * commits offsets, so a reported record cannot be lost by an offset commit, and it observes every promise, so one
 * left unawaited never becomes an unhandled rejection. Await it when the task needs the report durable sooner.
 * Several reports may be in flight at once.
 */
export interface ErrantRecordReporter {
  /**
   * Reports `record` and what went wrong with it. The promise resolves once the record is durably in the
   * dead-letter queue (or logged, when there is no queue) and rejects when it could not be written, which also
   * fails the task before its next offset commit.
   *
   * @param record - the record, as `put()` received it
   * @param error - why it could not be written; a thrown value that is not an `Error` is reported by its string form
   * @throws ConnectError at once when the connector does not tolerate errors (`errors.tolerance=none`); let it
   * propagate from `put()`, which fails the task as the error itself would have.
   */
  report(record: SinkRecord, error: unknown): Promise<void>;
}
