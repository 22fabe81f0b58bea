import { describe, expect, it } from "vitest";
import { CONNECTOR_TASK_METRICS, SINK_TASK_METRICS } from "./connect-metric-names.js";
import { MetricsRegistry } from "./metrics-registry.js";

function clock(start = 1_000_000) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const tags = { connector: "orders", task: "0" };

describe("MetricsRegistry", () => {
  it("returns the same group and the same metric for the same names, whatever the tag order", () => {
    const registry = new MetricsRegistry();
    const group = registry.group("sink-task-metrics", tags);
    expect(registry.group("sink-task-metrics", { task: "0", connector: "orders" })).toBe(group);
    const first = group.meter(SINK_TASK_METRICS.sinkRecordReadRate, SINK_TASK_METRICS.sinkRecordReadTotal);
    const again = group.meter(SINK_TASK_METRICS.sinkRecordReadRate, SINK_TASK_METRICS.sinkRecordReadTotal);
    first.record(3);
    again.record(4);
    expect(registry.read("sink-task-metrics", tags, "sink-record-read-total")).toBe(7);
  });

  it("computes a rate over the sample windows, at least one full window long, and forgets old windows", () => {
    const time = clock();
    const registry = new MetricsRegistry({ now: time.now, sampleWindowMs: 30_000, samples: 2 });
    const meter = registry
      .group("sink-task-metrics", tags)
      .meter(SINK_TASK_METRICS.sinkRecordReadRate, SINK_TASK_METRICS.sinkRecordReadTotal);
    const rate = () => registry.read("sink-task-metrics", tags, "sink-record-read-rate");
    meter.record(300);
    // 300 records in the first second count over the minimum span of one window: 10/s, not 300/s.
    time.advance(1000);
    expect(rate()).toBe(10);
    time.advance(29_000);
    meter.record(300);
    time.advance(30_000);
    expect(rate()).toBe(10);
    // Two windows later, the records of the first have been forgotten; the total stays.
    time.advance(30_000);
    expect(rate()).toBe(0);
    expect(registry.read("sink-task-metrics", tags, "sink-record-read-total")).toBe(600);
  });

  it("computes averages, maxima and success fractions, NaN before anything was recorded", () => {
    const time = clock();
    const registry = new MetricsRegistry({ now: time.now });
    const group = registry.group("connector-task-metrics", tags);
    const commitTime = group.stats({
      avg: CONNECTOR_TASK_METRICS.offsetCommitAvgTimeMs,
      max: CONNECTOR_TASK_METRICS.offsetCommitMaxTimeMs,
    });
    const outcomes = group.outcomes(
      CONNECTOR_TASK_METRICS.offsetCommitSuccessPercentage,
      CONNECTOR_TASK_METRICS.offsetCommitFailurePercentage,
    );
    const read = (name: string) => registry.read("connector-task-metrics", tags, name);
    expect(read("offset-commit-avg-time-ms")).toBeNaN();
    expect(read("offset-commit-success-percentage")).toBeNaN();
    commitTime.record(10);
    commitTime.record(30);
    outcomes.record(true);
    outcomes.record(true);
    outcomes.record(true);
    outcomes.record(false);
    expect(read("offset-commit-avg-time-ms")).toBe(20);
    expect(read("offset-commit-max-time-ms")).toBe(30);
    expect(read("offset-commit-success-percentage")).toBe(0.75);
    expect(read("offset-commit-failure-percentage")).toBe(0.25);
    time.advance(60_000);
    expect(read("offset-commit-max-time-ms")).toBeNaN();
  });

  it("keeps a group until it is closed, and refuses a metric of another group", () => {
    const registry = new MetricsRegistry();
    const group = registry.group("connector-task-metrics", tags);
    let state = "FAILED";
    group.stateGauge(CONNECTOR_TASK_METRICS.status, ["running", "failed"], () => state.toLowerCase());
    expect(registry.read("connector-task-metrics", tags, "status")).toBe("failed");
    state = "RUNNING";
    expect(registry.snapshot()).toHaveLength(1);
    expect(registry.snapshot()[0]).toMatchObject({ value: "running", kind: "state", tags });
    expect(() => group.counter(SINK_TASK_METRICS.sinkRecordReadTotal)).toThrow(
      "Metric sink-record-read-total belongs to group sink-task-metrics, not connector-task-metrics",
    );
    group.close();
    expect(registry.snapshot()).toEqual([]);
  });
});
