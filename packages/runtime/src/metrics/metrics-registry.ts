import { WindowedSamples } from "./windowed-samples.js";

/** A metric's identity: its Kafka Connect group (such as `sink-task-metrics`), its name and what it measures. */
export interface MetricName {
  /** The group, as Kafka Connect names it in JMX (`kafka.connect:type=<group>,...`). */
  readonly group: string;
  /** The metric's name within its group, such as `sink-record-read-total`. */
  readonly name: string;
  /** One sentence saying what it measures, shown as the Prometheus `# HELP` line. */
  readonly description: string;
}

/**
 * How a metric reads out: `counter` only ever grows (a total), `gauge` goes up and down (a rate, an average, a
 * count), `state` is a gauge of text (such as a task's status) shown in Prometheus as one series per possible
 * value, `1` for the current one.
 */
export type MetricKind = "counter" | "gauge" | "state";

/** One metric's current reading, as {@link MetricsRegistry.snapshot} returns it. */
export interface MetricReading {
  readonly metric: MetricName;
  readonly kind: MetricKind;
  /** The group's tags, such as `{ connector: "orders", task: "0" }`, in the order they were given. */
  readonly tags: Readonly<Record<string, string>>;
  /** The value; a text for `state` metrics. NaN for an average or maximum of nothing yet. */
  readonly value: number | string;
  /** The values a `state` metric can take; empty for the others. */
  readonly states: readonly string[];
}

/** A total that only grows. */
export interface Counter {
  /** Adds `n` (1 by default). */
  increment(n?: number): void;
  /** The total so far. */
  readonly value: number;
}

/** A value set from time to time, such as the number of records in flight. */
export interface Gauge {
  /** Sets the value. */
  set(value: number): void;
  /** The value last set (0 at first). */
  readonly value: number;
}

/** Something that happens in bursts, read out as a windowed rate per second and a total (Kafka's `rate` + `total` pair). */
export interface Meter {
  /** Records that `n` (1 by default) more happened now. */
  record(n?: number): void;
}

/** Measurements (such as a batch's duration), read out as a windowed average and maximum. */
export interface Stats {
  /** Records one measurement. */
  record(value: number): void;
}

/** Outcomes of attempts, read out as the windowed fractions (0 to 1) that succeeded and that failed. */
export interface Outcomes {
  /** Records one attempt's outcome. */
  record(success: boolean): void;
}

/** A metric as its group holds it: its name, kind and how to read it. */
export interface RegisteredMetric {
  /** The metric's identity. */
  readonly metric: MetricName;
  /** How it reads out. */
  readonly kind: MetricKind;
  /** Reads its current value. */
  readonly read: () => number | string;
  /** The values a `state` metric can take; empty for the others. */
  readonly states: readonly string[];
}

/** Options of a {@link MetricsRegistry}. */
export interface MetricsRegistryOptions {
  /** The length of one sample window, in milliseconds (Kafka's `metrics.sample.window.ms`, 30000 by default). */
  readonly sampleWindowMs?: number;
  /** How many windows a windowed value spans (Kafka's `metrics.num.samples`, 2 by default). */
  readonly samples?: number;
  /** The clock, in milliseconds; `Date.now` by default. */
  readonly now?: () => number;
}

/**
 * The metrics of one worker process: groups of named values, each group tagged (a task's group by `connector` and
 * `task`), read out by {@link MetricsRegistry.snapshot} and rendered for Prometheus by `renderPrometheus`.
 *
 * Whoever runs a connector or task creates its groups when it starts and removes them ({@link MetricGroup.close})
 * when it is stopped or deleted, not when it fails: a FAILED task's metrics stay visible until then. Recording is
 * cheap (a few additions) and synchronous; reading computes windowed values on demand.
 *
 * @example
 * ```ts
 * const group = registry.group("sink-task-metrics", { connector: "orders", task: "0" });
 * const read = group.meter(SINK_TASK_METRICS.sinkRecordReadRate, SINK_TASK_METRICS.sinkRecordReadTotal);
 * read.record(batch.length);
 * ```
 */
export class MetricsRegistry {
  readonly #groups = new Map<string, MetricGroup>();
  readonly #windowMs: number;
  readonly #samples: number;
  readonly #now: () => number;

  constructor(options: MetricsRegistryOptions = {}) {
    this.#windowMs = options.sampleWindowMs ?? 30_000;
    this.#samples = options.samples ?? 2;
    this.#now = options.now ?? Date.now;
  }

  /**
   * The group named `name` with `tags`: created on first use, the same one afterwards (so a restarted task takes
   * its group over again, and its totals go on).
   */
  group(name: string, tags: Readonly<Record<string, string>> = {}): MetricGroup {
    const key = groupKey(name, tags);
    let group = this.#groups.get(key);
    if (group === undefined) {
      group = new MetricGroup(name, tags, () => this.#groups.delete(key), this.#windows);
      this.#groups.set(key, group);
    }
    return group;
  }

  /** Removes the group named `name` with `tags`, if any, and its metrics. */
  removeGroup(name: string, tags: Readonly<Record<string, string>> = {}): void {
    this.#groups.delete(groupKey(name, tags));
  }

  /** Every metric's current reading, groups in creation order, metrics in registration order. */
  snapshot(): MetricReading[] {
    const readings: MetricReading[] = [];
    for (const group of this.#groups.values()) {
      for (const entry of group.entries()) {
        readings.push({
          metric: entry.metric,
          kind: entry.kind,
          tags: group.tags,
          value: entry.read(),
          states: entry.states,
        });
      }
    }
    return readings;
  }

  /** The current value of one metric, or `undefined` when it is not registered; handy in tests and status output. */
  read(group: string, tags: Readonly<Record<string, string>>, name: string): number | string | undefined {
    const found = this.#groups.get(groupKey(group, tags));
    return found
      ?.entries()
      .find((entry) => entry.metric.name === name)
      ?.read();
  }

  readonly #windows = (): WindowedSamples => new WindowedSamples(this.#windowMs, this.#samples, this.#now);
}

/**
 * One group of metrics sharing tags, such as the sink metrics of task `orders-0`. Registering a name twice returns
 * a handle on the same metric, so code that restarts may register again freely.
 */
export class MetricGroup {
  /** The group's name, such as `sink-task-metrics`. */
  readonly name: string;
  /** The group's tags. */
  readonly tags: Readonly<Record<string, string>>;
  readonly #metrics = new Map<string, RegisteredMetric>();
  readonly #handles = new Map<string, unknown>();
  readonly #remove: () => void;
  readonly #windows: () => WindowedSamples;

  /** @internal */
  constructor(
    name: string,
    tags: Readonly<Record<string, string>>,
    remove: () => void,
    windows: () => WindowedSamples,
  ) {
    this.name = name;
    this.tags = Object.freeze({ ...tags });
    this.#remove = remove;
    this.#windows = windows;
  }

  /** A total that only grows. */
  counter(metric: MetricName): Counter {
    return this.#handle(`counter:${metric.name}`, () => {
      let total = 0;
      this.#add(metric, "counter", () => total);
      return {
        increment: (n = 1) => {
          total += n;
        },
        get value() {
          return total;
        },
      } satisfies Counter;
    });
  }

  /** A value set by the caller. */
  gauge(metric: MetricName): Gauge {
    return this.#handle(`gauge:${metric.name}`, () => {
      let current = 0;
      this.#add(metric, "gauge", () => current);
      return {
        set: (value: number) => {
          current = value;
        },
        get value() {
          return current;
        },
      } satisfies Gauge;
    });
  }

  /** A value read from `read` each time the metrics are read, such as the size of an assignment. */
  readGauge(metric: MetricName, read: () => number): void {
    this.#add(metric, "gauge", read);
  }

  /** A total read from `read` each time the metrics are read, for totals another object keeps. */
  readCounter(metric: MetricName, read: () => number): void {
    this.#add(metric, "counter", read);
  }

  /**
   * A text value read from `read`, one of `states` (such as a task's status, lower case as Kafka shows it); in
   * Prometheus one series per state with a `state` label, 1 for the current state and 0 for the others.
   */
  stateGauge(metric: MetricName, states: readonly string[], read: () => string): void {
    this.#add(metric, "state", read, states);
  }

  /** A windowed rate per second and, when `total` is given, a total, both fed by one `record(n)`. */
  meter(rate: MetricName, total?: MetricName): Meter {
    return this.#handle(`meter:${rate.name}`, () => {
      const windows = this.#windows();
      this.#add(rate, "gauge", () => windows.rate());
      const counter = total === undefined ? undefined : this.counter(total);
      return {
        record: (n = 1) => {
          windows.record(n);
          counter?.increment(n);
        },
      } satisfies Meter;
    });
  }

  /** A windowed average, maximum and minimum (any may be left out), all fed by one `record(value)`. */
  stats(names: { readonly avg?: MetricName; readonly max?: MetricName; readonly min?: MetricName }): Stats {
    const key = `stats:${names.avg?.name ?? ""}:${names.max?.name ?? ""}:${names.min?.name ?? ""}`;
    return this.#handle(key, () => {
      const windows = this.#windows();
      if (names.avg !== undefined) this.#add(names.avg, "gauge", () => windows.average());
      if (names.max !== undefined) this.#add(names.max, "gauge", () => windows.max());
      if (names.min !== undefined) this.#add(names.min, "gauge", () => windows.min());
      return { record: (value: number) => windows.record(value) } satisfies Stats;
    });
  }

  /** The windowed fractions of attempts that succeeded and that failed (Kafka's `*-success-percentage` pair). */
  outcomes(success: MetricName, failure: MetricName): Outcomes {
    return this.#handle(`outcomes:${success.name}`, () => {
      const windows = this.#windows();
      this.#add(success, "gauge", () => windows.average());
      this.#add(failure, "gauge", () => {
        const succeeded = windows.average();
        return Number.isNaN(succeeded) ? Number.NaN : 1 - succeeded;
      });
      return { record: (ok: boolean) => windows.record(ok ? 1 : 0) } satisfies Outcomes;
    });
  }

  /** Removes this group and its metrics from the registry; call it when the task or connector is stopped for good. */
  close(): void {
    this.#remove();
  }

  /** The group's metrics, in registration order. */
  entries(): RegisteredMetric[] {
    return [...this.#metrics.values()];
  }

  #handle<T>(key: string, create: () => T): T {
    let handle = this.#handles.get(key) as T | undefined;
    if (handle === undefined) {
      handle = create();
      this.#handles.set(key, handle);
    }
    return handle;
  }

  #add(
    metric: MetricName,
    kind: MetricKind,
    read: () => number | string,
    states: readonly string[] = [],
  ): void {
    if (metric.group !== this.name) {
      throw new Error(
        `Metric ${metric.name} belongs to group ${metric.group}, not ${this.name}: register it on a ${metric.group} group.`,
      );
    }
    // A later registration replaces the reader, so a restarted task's gauges read the new task.
    this.#metrics.set(metric.name, { metric, kind, read, states });
  }
}

function groupKey(name: string, tags: Readonly<Record<string, string>>): string {
  return JSON.stringify([name, ...Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
}
