/** One window's tally. */
interface Sample {
  start: number;
  count: number;
  sum: number;
  max: number;
  min: number;
}

/**
 * Values recorded over a sliding time span made of `samples` windows of `windowMs` each, as Kafka's sampled stats
 * keep them (`metrics.sample.window.ms` 30000 and `metrics.num.samples` 2 by default): a rate, an average or a
 * maximum reflects the last minute or so rather than the whole life of the task, and windows older than the span
 * are forgotten.
 * @internal
 */
export class WindowedSamples {
  readonly #windowMs: number;
  readonly #samples: Sample[];
  readonly #now: () => number;
  #current = 0;

  constructor(windowMs: number, samples: number, now: () => number) {
    if (!(windowMs > 0) || !(Number.isInteger(samples) && samples >= 1)) {
      throw new RangeError(
        `A metric window needs a positive length and at least one sample, got ${windowMs} ms and ${samples}.`,
      );
    }
    this.#windowMs = windowMs;
    this.#now = now;
    const start = now();
    this.#samples = Array.from({ length: samples }, () => ({
      start,
      count: 0,
      sum: 0,
      max: -Infinity,
      min: Infinity,
    }));
  }

  /** Adds one value to the current window. */
  record(value: number): void {
    const now = this.#now();
    let sample = this.#samples[this.#current] as Sample;
    if (now - sample.start >= this.#windowMs) {
      this.#current = (this.#current + 1) % this.#samples.length;
      sample = this.#samples[this.#current] as Sample;
      reset(sample, now);
    }
    sample.count++;
    sample.sum += value;
    if (value > sample.max) sample.max = value;
    if (value < sample.min) sample.min = value;
  }

  /** The values' sum per second over the span; the span counts at least all but one full window, as Kafka's `Rate`. */
  rate(): number {
    const now = this.#purge();
    let sum = 0;
    let oldest = now;
    for (const sample of this.#samples) {
      sum += sample.sum;
      if (sample.start < oldest) oldest = sample.start;
    }
    const elapsed = Math.max(now - oldest, (this.#samples.length - 1) * this.#windowMs, 1);
    return (sum * 1000) / elapsed;
  }

  /** The values' mean over the span; NaN when there were none. */
  average(): number {
    this.#purge();
    let sum = 0;
    let count = 0;
    for (const sample of this.#samples) {
      sum += sample.sum;
      count += sample.count;
    }
    return count === 0 ? Number.NaN : sum / count;
  }

  /** The largest value over the span; NaN when there were none. */
  max(): number {
    this.#purge();
    let max = -Infinity;
    let count = 0;
    for (const sample of this.#samples) {
      count += sample.count;
      if (sample.max > max) max = sample.max;
    }
    return count === 0 ? Number.NaN : max;
  }

  /** The smallest value over the span; NaN when there were none. */
  min(): number {
    this.#purge();
    let min = Infinity;
    let count = 0;
    for (const sample of this.#samples) {
      count += sample.count;
      if (sample.min < min) min = sample.min;
    }
    return count === 0 ? Number.NaN : min;
  }

  /** Forgets windows that ended before the span; returns the time now. */
  #purge(): number {
    const now = this.#now();
    const span = this.#samples.length * this.#windowMs;
    for (const sample of this.#samples) {
      if (now - sample.start >= span) reset(sample, now);
    }
    return now;
  }
}

function reset(sample: Sample, now: number): void {
  sample.start = now;
  sample.count = 0;
  sample.sum = 0;
  sample.max = -Infinity;
  sample.min = Infinity;
}
