import { describe, expect, it } from "vitest";
import { CONNECTOR_TASK_METRICS, SOURCE_TASK_METRICS, WORKER_METRICS } from "./connect-metric-names.js";
import { MetricsRegistry } from "./metrics-registry.js";
import { prometheusName, renderPrometheus } from "./prometheus-text.js";

describe("renderPrometheus", () => {
  it("names metrics after Kafka Connect's group and name", () => {
    expect(prometheusName(SOURCE_TASK_METRICS.sourceRecordPollTotal)).toBe(
      "kafka_connect_source_task_source_record_poll_total",
    );
    expect(prometheusName(WORKER_METRICS.taskCount)).toBe("kafka_connect_worker_task_count");
    expect(prometheusName(CONNECTOR_TASK_METRICS.status)).toBe("kafka_connect_connector_task_status");
  });

  it("renders one family per name with every tag set, states as series, escaped labels", () => {
    const registry = new MetricsRegistry();
    const first = registry.group("source-task-metrics", { connector: "orders", task: "0" });
    const second = registry.group("source-task-metrics", { connector: 'we"ird\\name', task: "1" });
    first
      .meter(SOURCE_TASK_METRICS.sourceRecordPollRate, SOURCE_TASK_METRICS.sourceRecordPollTotal)
      .record(5);
    second.meter(SOURCE_TASK_METRICS.sourceRecordPollRate, SOURCE_TASK_METRICS.sourceRecordPollTotal);
    registry
      .group("connector-task-metrics", { connector: "orders", task: "0" })
      .stateGauge(CONNECTOR_TASK_METRICS.status, ["running", "failed"], () => "failed");
    registry.group("connect-worker-metrics").readGauge(WORKER_METRICS.taskCount, () => 2);
    const text = renderPrometheus(registry);
    expect(text).toContain(
      [
        "# HELP kafka_connect_source_task_source_record_poll_total Records the task's poll() returned since it started.",
        "# TYPE kafka_connect_source_task_source_record_poll_total counter",
        'kafka_connect_source_task_source_record_poll_total{connector="orders",task="0"} 5',
        'kafka_connect_source_task_source_record_poll_total{connector="we\\"ird\\\\name",task="1"} 0',
      ].join("\n"),
    );
    expect(text).toContain("# TYPE kafka_connect_source_task_source_record_poll_rate gauge\n");
    expect(text).toContain(
      [
        "# TYPE kafka_connect_connector_task_status gauge",
        'kafka_connect_connector_task_status{connector="orders",task="0",state="running"} 0',
        'kafka_connect_connector_task_status{connector="orders",task="0",state="failed"} 1',
      ].join("\n"),
    );
    expect(text).toContain("\nkafka_connect_worker_task_count 2\n");
    expect(text.endsWith("\n")).toBe(true);
  });

  it("renders an empty registry as empty text and values of nothing yet as NaN", () => {
    const registry = new MetricsRegistry();
    expect(renderPrometheus(registry)).toBe("");
    registry
      .group("source-task-metrics", { connector: "c", task: "0" })
      .stats({ max: SOURCE_TASK_METRICS.pollBatchMaxTimeMs });
    expect(renderPrometheus(registry)).toContain(
      'kafka_connect_source_task_poll_batch_max_time_ms{connector="c",task="0"} NaN',
    );
  });
});
