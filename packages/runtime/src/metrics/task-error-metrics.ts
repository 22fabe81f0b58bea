import type { ErrorContext, ErrorReporter } from "../errors/error-reporter.js";
import type { RetryWithToleranceOperator } from "../errors/retry-with-tolerance-operator.js";
import { TASK_ERROR_METRICS } from "./connect-metric-names.js";
import type { Counter, MetricGroup, MetricsRegistry } from "./metrics-registry.js";
import { taskMetricTags } from "./task-metric-tags.js";

/**
 * The `task-error-metrics` of one task. Its totals come from the task's {@link RetryWithToleranceOperator}s (give
 * each to {@link TaskErrorMetrics.track}); the dead letter queue counts from the dead letter queue reporter.
 * {@link TaskErrorMetrics.close} it when the task is stopped or removed (not when it fails).
 */
export class TaskErrorMetrics implements ErrorReporter {
  readonly #group: MetricGroup;
  readonly #operators: RetryWithToleranceOperator[] = [];
  readonly #dlqRequests: Counter;
  readonly #dlqFailures: Counter;
  readonly #now: () => number;
  #lastError = 0;

  constructor(registry: MetricsRegistry, connector: string, task: number, now: () => number = Date.now) {
    const group = registry.group("task-error-metrics", taskMetricTags(connector, task));
    this.#group = group;
    this.#now = now;
    const sum = (read: (operator: RetryWithToleranceOperator) => number) => () =>
      this.#operators.reduce((total, operator) => total + read(operator), 0);
    // Every failed attempt is followed either by a retry or by giving up.
    group.readCounter(
      TASK_ERROR_METRICS.totalRecordFailures,
      sum((operator) => operator.retries + operator.failures),
    );
    group.readCounter(
      TASK_ERROR_METRICS.totalRecordErrors,
      sum((operator) => operator.failures),
    );
    group.readCounter(
      TASK_ERROR_METRICS.totalRecordsSkipped,
      sum((operator) => operator.skipped),
    );
    group.readCounter(
      TASK_ERROR_METRICS.totalRetries,
      sum((operator) => operator.retries),
    );
    group.readCounter(
      TASK_ERROR_METRICS.totalErrorsLogged,
      sum((operator) => (operator.options.logEnable ? operator.failures : 0)),
    );
    this.#dlqRequests = group.counter(TASK_ERROR_METRICS.deadletterqueueProduceRequests);
    this.#dlqFailures = group.counter(TASK_ERROR_METRICS.deadletterqueueProduceFailures);
    group.readGauge(TASK_ERROR_METRICS.lastErrorTimestamp, () => this.#lastError);
  }

  /** Counts `operator`'s failures, retries and skips from now on, and notes when its errors happen. */
  track(operator: RetryWithToleranceOperator): void {
    this.#operators.push(operator);
    operator.addReporter(this);
  }

  /** Notes the time of the error; {@link ErrorReporter} hook. */
  report(_context: ErrorContext): void {
    this.#lastError = this.#now();
  }

  /** Records one record sent to the dead letter queue topic. */
  recordDeadLetterQueueRequest(): void {
    this.#dlqRequests.increment();
  }

  /** Records one record that could not be written to the dead letter queue topic. */
  recordDeadLetterQueueFailure(): void {
    this.#dlqFailures.increment();
  }

  /** Removes the group: the task is stopped or removed for good. */
  close(): void {
    this.#group.close();
  }
}
