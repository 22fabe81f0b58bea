import type { Header, Schema, TimestampType } from "@tributary/api";

/**
 * A record to hand a sink task through {@link SinkTaskHarness.put}, in the few fields a test cares about; the
 * harness fills in the Kafka coordinates. Only `value` is required.
 *
 * @example
 * ```ts
 * await harness.put([{ value: "a" }, { value: "b", valueSchema: Schema.STRING_SCHEMA }, { topic: "other", value: 1 }]);
 * ```
 */
export interface SinkRecordInput {
  /** The value; `null` makes a tombstone. */
  readonly value: unknown;
  /** The value's schema; `null` (schemaless) by default. */
  readonly valueSchema?: Schema | null;
  /** The key; `null` by default. */
  readonly key?: unknown;
  /** The key's schema; `null` (schemaless) by default. */
  readonly keySchema?: Schema | null;
  /** The topic; the harness's default topic when left out. */
  readonly topic?: string;
  /** The partition; 0 when left out. */
  readonly partition?: number;
  /** Milliseconds since the epoch; none by default. */
  readonly timestamp?: number | null;
  /** What the timestamp means; `CREATE_TIME` when there is a timestamp. */
  readonly timestampType?: TimestampType;
  /** The record's headers; none by default. */
  readonly headers?: Iterable<Header>;
}
