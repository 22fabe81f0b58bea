import { SINK_TASK_METRICS } from "./connect-metric-names.js";
import type { Counter, Gauge, Meter, MetricGroup, MetricsRegistry, Stats } from "./metrics-registry.js";
import { taskMetricTags } from "./task-metric-tags.js";

/**
 * The `sink-task-metrics` of one sink task: records read and sent to `put`, `put` times, offset commits and the
 * partition count. Create it when the task starts; {@link SinkTaskMetrics.close} it when the task is stopped or
 * removed (not when it fails).
 */
export class SinkTaskMetrics {
  readonly #group: MetricGroup;
  readonly #read: Meter;
  readonly #send: Meter;
  readonly #putTime: Stats;
  readonly #completed: Meter;
  readonly #skipped: Meter;
  readonly #seqNo: Counter;
  readonly #active: Gauge;
  readonly #activeStats: Stats;

  /** @param partitionCount - read each time the metrics are read: the number of partitions assigned to the task. */
  constructor(registry: MetricsRegistry, connector: string, task: number, partitionCount: () => number) {
    const group = registry.group("sink-task-metrics", taskMetricTags(connector, task));
    this.#group = group;
    this.#read = group.meter(SINK_TASK_METRICS.sinkRecordReadRate, SINK_TASK_METRICS.sinkRecordReadTotal);
    this.#send = group.meter(SINK_TASK_METRICS.sinkRecordSendRate, SINK_TASK_METRICS.sinkRecordSendTotal);
    this.#active = group.gauge(SINK_TASK_METRICS.sinkRecordActiveCount);
    this.#activeStats = group.stats({
      avg: SINK_TASK_METRICS.sinkRecordActiveCountAvg,
      max: SINK_TASK_METRICS.sinkRecordActiveCountMax,
    });
    group.readGauge(SINK_TASK_METRICS.partitionCount, partitionCount);
    this.#seqNo = group.counter(SINK_TASK_METRICS.offsetCommitSeqNo);
    this.#completed = group.meter(
      SINK_TASK_METRICS.offsetCommitCompletionRate,
      SINK_TASK_METRICS.offsetCommitCompletionTotal,
    );
    this.#skipped = group.meter(
      SINK_TASK_METRICS.offsetCommitSkipRate,
      SINK_TASK_METRICS.offsetCommitSkipTotal,
    );
    this.#putTime = group.stats({
      avg: SINK_TASK_METRICS.putBatchAvgTimeMs,
      max: SINK_TASK_METRICS.putBatchMaxTimeMs,
    });
  }

  /** Records `records` read from Kafka (before conversion and transformations). */
  recordRead(records: number): void {
    this.#read.record(records);
  }

  /** Records `records` handed to `put` (after transformations) and how long the call took. */
  recordPut(records: number, durationMs: number): void {
    this.#send.record(records);
    this.#putTime.record(durationMs);
  }

  /** Sets how many records were read whose offsets are not committed yet. */
  recordActiveCount(records: number): void {
    this.#active.set(records);
    this.#activeStats.record(records);
  }

  /** Records an offset commit that completed; the sequence number counts commit attempts. */
  recordCommitCompleted(): void {
    this.#seqNo.increment();
    this.#completed.record();
  }

  /** Records an offset commit skipped because `preCommit` returned nothing new to commit. */
  recordCommitSkipped(): void {
    this.#seqNo.increment();
    this.#skipped.record();
  }

  /** Removes the group: the task is stopped or removed for good. */
  close(): void {
    this.#group.close();
  }
}
