import type { MetricName } from "./metrics-registry.js";

function names<const T extends Record<string, readonly [string, string]>>(
  group: string,
  entries: T,
): { readonly [K in keyof T]: MetricName } {
  const out: Record<string, MetricName> = {};
  for (const [key, [name, description]] of Object.entries(entries)) {
    out[key] = Object.freeze({ group, name, description });
  }
  return Object.freeze(out) as { readonly [K in keyof T]: MetricName };
}

/** The values of a connector's or task's `status` metric: its state in lower case, as Kafka Connect shows it. */
export const STATUS_METRIC_STATES: readonly string[] = Object.freeze([
  "unassigned",
  "running",
  "paused",
  "failed",
  "restarting",
  "stopped",
]);

/** Kafka Connect's `connector-metrics` group, tagged `connector`. */
export const CONNECTOR_METRICS = names("connector-metrics", {
  status: ["status", "The connector's state: unassigned, running, paused, failed, restarting or stopped."],
});

/** Kafka Connect's `connector-task-metrics` group, tagged `connector` and `task`: what every task reports. */
export const CONNECTOR_TASK_METRICS = names("connector-task-metrics", {
  status: ["status", "The task's state: unassigned, running, paused, failed, restarting or stopped."],
  offsetCommitAvgTimeMs: [
    "offset-commit-avg-time-ms",
    "Average time an offset commit took, in milliseconds.",
  ],
  offsetCommitMaxTimeMs: [
    "offset-commit-max-time-ms",
    "Longest time an offset commit took, in milliseconds.",
  ],
  offsetCommitSuccessPercentage: [
    "offset-commit-success-percentage",
    "Fraction (0 to 1) of recent offset commit attempts that succeeded.",
  ],
  offsetCommitFailurePercentage: [
    "offset-commit-failure-percentage",
    "Fraction (0 to 1) of recent offset commit attempts that failed.",
  ],
  batchSizeAvg: ["batch-size-avg", "Average number of records in a batch the task handled."],
  batchSizeMax: ["batch-size-max", "Largest number of records in a batch the task handled."],
});

/** Kafka Connect's `source-task-metrics` group, tagged `connector` and `task`. */
export const SOURCE_TASK_METRICS = names("source-task-metrics", {
  sourceRecordPollRate: [
    "source-record-poll-rate",
    "Records per second the task's poll() returned, recently.",
  ],
  sourceRecordPollTotal: ["source-record-poll-total", "Records the task's poll() returned since it started."],
  sourceRecordWriteRate: [
    "source-record-write-rate",
    "Records per second written to Kafka after transformations, recently.",
  ],
  sourceRecordWriteTotal: [
    "source-record-write-total",
    "Records written to Kafka after transformations since the task started.",
  ],
  pollBatchAvgTimeMs: ["poll-batch-avg-time-ms", "Average time a poll() call took, in milliseconds."],
  pollBatchMaxTimeMs: ["poll-batch-max-time-ms", "Longest time a poll() call took, in milliseconds."],
  sourceRecordActiveCount: [
    "source-record-active-count",
    "Records polled but not yet acknowledged by Kafka, right now.",
  ],
  sourceRecordActiveCountAvg: [
    "source-record-active-count-avg",
    "Average number of records polled but not yet acknowledged.",
  ],
  sourceRecordActiveCountMax: [
    "source-record-active-count-max",
    "Largest number of records polled but not yet acknowledged.",
  ],
  transactionSizeAvg: ["transaction-size-avg", "Average number of records in a committed transaction."],
  transactionSizeMax: ["transaction-size-max", "Largest number of records in a committed transaction."],
  transactionSizeMin: ["transaction-size-min", "Smallest number of records in a committed transaction."],
});

/** Kafka Connect's `sink-task-metrics` group, tagged `connector` and `task`. */
export const SINK_TASK_METRICS = names("sink-task-metrics", {
  sinkRecordReadRate: ["sink-record-read-rate", "Records per second read from Kafka, recently."],
  sinkRecordReadTotal: ["sink-record-read-total", "Records read from Kafka since the task started."],
  sinkRecordSendRate: [
    "sink-record-send-rate",
    "Records per second handed to put() after transformations, recently.",
  ],
  sinkRecordSendTotal: [
    "sink-record-send-total",
    "Records handed to put() after transformations since the task started.",
  ],
  sinkRecordActiveCount: [
    "sink-record-active-count",
    "Records read from Kafka whose offsets are not yet committed, right now.",
  ],
  sinkRecordActiveCountAvg: [
    "sink-record-active-count-avg",
    "Average number of records read whose offsets were not yet committed.",
  ],
  sinkRecordActiveCountMax: [
    "sink-record-active-count-max",
    "Largest number of records read whose offsets were not yet committed.",
  ],
  partitionCount: ["partition-count", "Topic partitions assigned to the task."],
  offsetCommitSeqNo: ["offset-commit-seq-no", "Sequence number of the task's latest offset commit."],
  offsetCommitCompletionRate: [
    "offset-commit-completion-rate",
    "Offset commits per second that completed, recently.",
  ],
  offsetCommitCompletionTotal: [
    "offset-commit-completion-total",
    "Offset commits that completed since the task started.",
  ],
  offsetCommitSkipRate: [
    "offset-commit-skip-rate",
    "Offset commits per second skipped because nothing new was committable, recently.",
  ],
  offsetCommitSkipTotal: [
    "offset-commit-skip-total",
    "Offset commits skipped because nothing new was committable, since the task started.",
  ],
  putBatchAvgTimeMs: ["put-batch-avg-time-ms", "Average time a put() call took, in milliseconds."],
  putBatchMaxTimeMs: ["put-batch-max-time-ms", "Longest time a put() call took, in milliseconds."],
});

/** Kafka Connect's `task-error-metrics` group, tagged `connector` and `task`. */
export const TASK_ERROR_METRICS = names("task-error-metrics", {
  totalRecordFailures: ["total-record-failures", "Failed attempts to process a record, retries included."],
  totalRecordErrors: ["total-record-errors", "Records that failed for good after any retries."],
  totalRecordsSkipped: ["total-records-skipped", "Records skipped under errors.tolerance=all."],
  totalRetries: ["total-retries", "Operations retried after a retriable failure."],
  totalErrorsLogged: ["total-errors-logged", "Errors written to the log under errors.log.enable=true."],
  deadletterqueueProduceRequests: [
    "deadletterqueue-produce-requests",
    "Records sent to the dead letter queue topic.",
  ],
  deadletterqueueProduceFailures: [
    "deadletterqueue-produce-failures",
    "Records that could not be written to the dead letter queue topic.",
  ],
  lastErrorTimestamp: [
    "last-error-timestamp",
    "When the task last met an error, in milliseconds since the epoch; 0 when never.",
  ],
});

/** Kafka Connect's `connect-worker-metrics` group: untagged for the worker, tagged `connector` for per-connector counts. */
export const WORKER_METRICS = names("connect-worker-metrics", {
  connectorCount: ["connector-count", "Connectors run by this worker."],
  taskCount: ["task-count", "Tasks run by this worker."],
  connectorStartupAttemptsTotal: ["connector-startup-attempts-total", "Connector starts attempted."],
  connectorStartupSuccessTotal: ["connector-startup-success-total", "Connector starts that succeeded."],
  connectorStartupFailureTotal: ["connector-startup-failure-total", "Connector starts that failed."],
  connectorStartupSuccessPercentage: [
    "connector-startup-success-percentage",
    "Fraction (0 to 1) of connector starts that succeeded.",
  ],
  connectorStartupFailurePercentage: [
    "connector-startup-failure-percentage",
    "Fraction (0 to 1) of connector starts that failed.",
  ],
  taskStartupAttemptsTotal: ["task-startup-attempts-total", "Task starts attempted."],
  taskStartupSuccessTotal: ["task-startup-success-total", "Task starts that succeeded."],
  taskStartupFailureTotal: ["task-startup-failure-total", "Task starts that failed."],
  taskStartupSuccessPercentage: [
    "task-startup-success-percentage",
    "Fraction (0 to 1) of task starts that succeeded.",
  ],
  taskStartupFailurePercentage: [
    "task-startup-failure-percentage",
    "Fraction (0 to 1) of task starts that failed.",
  ],
  connectorTotalTaskCount: ["connector-total-task-count", "Tasks of the connector on this worker."],
  connectorRunningTaskCount: ["connector-running-task-count", "The connector's tasks that are running."],
  connectorPausedTaskCount: ["connector-paused-task-count", "The connector's tasks that are paused."],
  connectorFailedTaskCount: ["connector-failed-task-count", "The connector's tasks that have failed."],
  connectorUnassignedTaskCount: [
    "connector-unassigned-task-count",
    "The connector's tasks that are not assigned.",
  ],
  connectorRestartingTaskCount: [
    "connector-restarting-task-count",
    "The connector's tasks that are restarting.",
  ],
});
