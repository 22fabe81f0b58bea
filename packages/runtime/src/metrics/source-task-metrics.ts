import { SOURCE_TASK_METRICS } from "./connect-metric-names.js";
import type { Gauge, Meter, MetricGroup, MetricsRegistry, Stats } from "./metrics-registry.js";
import { taskMetricTags } from "./task-metric-tags.js";

/**
 * The `source-task-metrics` of one source task: records polled and written, poll times, records in flight and
 * transaction sizes. Create it when the task starts; {@link SourceTaskMetrics.close} it when the task is stopped or
 * removed (not when it fails).
 */
export class SourceTaskMetrics {
  readonly #group: MetricGroup;
  readonly #poll: Meter;
  readonly #write: Meter;
  readonly #pollTime: Stats;
  readonly #active: Gauge;
  readonly #activeStats: Stats;
  readonly #transactionSize: Stats;

  constructor(registry: MetricsRegistry, connector: string, task: number) {
    const group = registry.group("source-task-metrics", taskMetricTags(connector, task));
    this.#group = group;
    this.#poll = group.meter(
      SOURCE_TASK_METRICS.sourceRecordPollRate,
      SOURCE_TASK_METRICS.sourceRecordPollTotal,
    );
    this.#write = group.meter(
      SOURCE_TASK_METRICS.sourceRecordWriteRate,
      SOURCE_TASK_METRICS.sourceRecordWriteTotal,
    );
    this.#pollTime = group.stats({
      avg: SOURCE_TASK_METRICS.pollBatchAvgTimeMs,
      max: SOURCE_TASK_METRICS.pollBatchMaxTimeMs,
    });
    this.#active = group.gauge(SOURCE_TASK_METRICS.sourceRecordActiveCount);
    this.#activeStats = group.stats({
      avg: SOURCE_TASK_METRICS.sourceRecordActiveCountAvg,
      max: SOURCE_TASK_METRICS.sourceRecordActiveCountMax,
    });
    this.#transactionSize = group.stats({
      avg: SOURCE_TASK_METRICS.transactionSizeAvg,
      max: SOURCE_TASK_METRICS.transactionSizeMax,
      min: SOURCE_TASK_METRICS.transactionSizeMin,
    });
  }

  /** Records one `poll()` call: how many records it returned and how long it took. */
  recordPoll(records: number, durationMs: number): void {
    this.#poll.record(records);
    this.#pollTime.record(durationMs);
  }

  /** Records `records` written to Kafka (after transformations; records an SMT dropped count too, as in Kafka). */
  recordWrite(records: number): void {
    this.#write.record(records);
  }

  /** Sets how many records were polled but not yet acknowledged by Kafka. */
  recordActiveCount(records: number): void {
    this.#active.set(records);
    this.#activeStats.record(records);
  }

  /** Records the number of records in one committed transaction (exactly-once sources). */
  recordTransactionSize(records: number): void {
    this.#transactionSize.record(records);
  }

  /** Removes the group: the task is stopped or removed for good. */
  close(): void {
    this.#group.close();
  }
}
