import type { MetricName, MetricReading, MetricsRegistry } from "./metrics-registry.js";

/** The content type of {@link renderPrometheus}'s output, for the `/metrics` response. */
export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

/**
 * The Prometheus name of a Kafka Connect metric: `kafka_connect_`, the group without its `-metrics` suffix (and
 * `connect-worker` as `worker`), then the metric's name, dashes as underscores. So `source-record-poll-total` of
 * `source-task-metrics` is `kafka_connect_source_task_source_record_poll_total`, and `task-count` of
 * `connect-worker-metrics` is `kafka_connect_worker_task_count`.
 */
export function prometheusName(metric: MetricName): string {
  const group = metric.group.replace(/-metrics$/, "").replace(/^connect-/, "");
  return `kafka_connect_${group}_${metric.name}`.replace(/[^a-zA-Z0-9_]/g, "_");
}

/**
 * Renders every metric of `registry` in Prometheus' text exposition format (version 0.0.4): one `# HELP` and
 * `# TYPE` per metric name, then one line per tag set, tags as labels. Totals are counters, the rest gauges; a
 * state metric (such as a task's `status`) is one series per state with a `state` label, 1 for the current one.
 * Serve it with {@link PROMETHEUS_CONTENT_TYPE}.
 *
 * @example
 * ```text
 * # HELP kafka_connect_sink_task_sink_record_read_total Records read from Kafka since the task started.
 * # TYPE kafka_connect_sink_task_sink_record_read_total counter
 * kafka_connect_sink_task_sink_record_read_total{connector="orders",task="0"} 1200
 * ```
 */
export function renderPrometheus(registry: MetricsRegistry): string {
  const families = new Map<string, MetricReading[]>();
  for (const reading of registry.snapshot()) {
    const name = prometheusName(reading.metric);
    const family = families.get(name);
    if (family === undefined) families.set(name, [reading]);
    else family.push(reading);
  }
  const lines: string[] = [];
  for (const [name, readings] of families) {
    const first = readings[0] as MetricReading;
    lines.push(`# HELP ${name} ${escapeHelp(first.metric.description)}`);
    lines.push(`# TYPE ${name} ${first.kind === "counter" ? "counter" : "gauge"}`);
    for (const reading of readings) {
      if (reading.kind === "state") {
        for (const state of reading.states) {
          const labels = formatLabels({ ...reading.tags, state });
          lines.push(`${name}${labels} ${reading.value === state ? 1 : 0}`);
        }
      } else {
        lines.push(`${name}${formatLabels(reading.tags)} ${formatValue(reading.value)}`);
      }
    }
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

function formatLabels(tags: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(tags).map(
    ([key, value]) => `${key.replace(/[^a-zA-Z0-9_]/g, "_")}="${escapeLabel(value)}"`,
  );
  return pairs.length === 0 ? "" : `{${pairs.join(",")}}`;
}

function formatValue(value: number | string): string {
  if (typeof value === "string") return "NaN";
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}
