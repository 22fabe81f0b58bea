import { ConnectError, type ErrantRecordReporter, type SinkRecord } from "@tributary/api";
import type { RetryWithToleranceOperator } from "../../errors/retry-with-tolerance-operator.js";

/**
 * The {@link ErrantRecordReporter} a sink task gets from its context: each report goes through the task's
 * {@link RetryWithToleranceOperator} as a record error of stage `TASK_PUT`, so it is logged (`errors.log.enable`),
 * written to the dead letter queue and skipped under `errors.tolerance=all`, and fails at once under
 * `errors.tolerance=none`.
 *
 * The worker calls {@link WorkerErrantRecordReporter.awaitPending} before every offset commit, so a record reported
 * from `put` is in the dead letter queue before its offset is committed; a report that failed fails the task there.
 */
export class WorkerErrantRecordReporter implements ErrantRecordReporter {
  readonly #operator: RetryWithToleranceOperator;
  readonly #pending = new Set<Promise<void>>();
  #failure: { readonly error: unknown } | undefined;

  constructor(operator: RetryWithToleranceOperator) {
    this.#operator = operator;
  }

  report(record: SinkRecord, error: unknown): Promise<void> {
    const outcome = this.#operator.executeFailed("TASK_PUT", error, { record, recordError: true });
    if (this.#operator.options.tolerance !== "all") {
      // Reporters (the log) had it; the task fails at once, through put() letting this propagate.
      if (outcome instanceof Promise) outcome.catch(() => {});
      throw new ConnectError(
        `Sink task reported the record at ${record.originalTopic}-${record.originalKafkaPartition}@${record.originalKafkaOffset} as errant, and errors.tolerance=none fails the task at the first error: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    if (!(outcome instanceof Promise)) return Promise.resolve();
    const tracked = outcome.then(
      () => {
        this.#pending.delete(tracked);
      },
      (failure: unknown) => {
        this.#pending.delete(tracked);
        this.#failure ??= { error: failure };
        throw failure;
      },
    );
    this.#pending.add(tracked);
    // The worker observes the failure in awaitPending(); the task need not await the promise.
    tracked.catch(() => {});
    return tracked;
  }

  /**
   * Waits for every report in flight.
   * @throws the first report failure (a dead letter queue write that failed), which fails the task.
   */
  async awaitPending(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
    if (this.#failure !== undefined) throw this.#failure.error;
  }
}
