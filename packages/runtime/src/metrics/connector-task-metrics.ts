import type { TaskState } from "../engine/task-state.js";
import { CONNECTOR_TASK_METRICS, STATUS_METRIC_STATES } from "./connect-metric-names.js";
import type { MetricGroup, MetricsRegistry, Outcomes, Stats } from "./metrics-registry.js";
import { taskMetricTags } from "./task-metric-tags.js";

/**
 * The `connector-task-metrics` of one task, which source and sink tasks share: its status, offset commit times and
 * outcomes, and batch sizes. Create it when the task starts; {@link ConnectorTaskMetrics.close} it when the task is
 * stopped or removed, not when it fails, so a FAILED task's status and figures stay visible.
 */
export class ConnectorTaskMetrics {
  readonly #group: MetricGroup;
  readonly #commitTime: Stats;
  readonly #commitOutcomes: Outcomes;
  readonly #batchSize: Stats;

  /**
   * @param state - when given, the `status` metric reads it each time the metrics are read; leave it out when the
   *   worker registers the status itself (it knows the state between two instances of a restarted task).
   */
  constructor(registry: MetricsRegistry, connector: string, task: number, state?: () => TaskState) {
    this.#group = registry.group("connector-task-metrics", taskMetricTags(connector, task));
    if (state !== undefined) {
      this.#group.stateGauge(CONNECTOR_TASK_METRICS.status, STATUS_METRIC_STATES, () =>
        state().toLowerCase(),
      );
    }
    this.#commitTime = this.#group.stats({
      avg: CONNECTOR_TASK_METRICS.offsetCommitAvgTimeMs,
      max: CONNECTOR_TASK_METRICS.offsetCommitMaxTimeMs,
    });
    this.#commitOutcomes = this.#group.outcomes(
      CONNECTOR_TASK_METRICS.offsetCommitSuccessPercentage,
      CONNECTOR_TASK_METRICS.offsetCommitFailurePercentage,
    );
    this.#batchSize = this.#group.stats({
      avg: CONNECTOR_TASK_METRICS.batchSizeAvg,
      max: CONNECTOR_TASK_METRICS.batchSizeMax,
    });
  }

  /** Records one offset commit attempt: whether it succeeded and how long it took. */
  recordOffsetCommit(success: boolean, durationMs: number): void {
    this.#commitOutcomes.record(success);
    if (success) this.#commitTime.record(durationMs);
  }

  /** Records the size of one batch the task handled (polled, or read for `put`). */
  recordBatchSize(records: number): void {
    this.#batchSize.record(records);
  }

  /** Removes the group: the task is stopped or removed for good. */
  close(): void {
    this.#group.close();
  }
}
