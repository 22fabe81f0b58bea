import { ConnectDate, ConnectTime, ConnectTimestamp, DataError, Schema } from "@tributary/api";
import type { JavaDateFormat } from "../util/java-date-format.js";
import { describeKind } from "../util/requirements.js";

/** The representations TimestampConverter converts between, named as its `target.type` values. @internal */
export type TimestampKind = "string" | "unix" | "Date" | "Time" | "Timestamp";

/** The precisions of Unix timestamps, named as `unix.precision` values. @internal */
export type UnixPrecision = "seconds" | "milliseconds" | "microseconds" | "nanoseconds";

/** What converting needs from the configuration. @internal */
export interface ConversionSettings {
  /** The compiled `format`, or undefined when it is blank. */
  readonly format: JavaDateFormat | undefined;
  readonly precision: UnixPrecision;
}

const MS_PER_DAY = 86_400_000;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

const SCHEMAS: Readonly<Record<TimestampKind, readonly [Schema, Schema]>> = Object.freeze({
  string: [Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA],
  unix: [Schema.INT64_SCHEMA, Schema.OPTIONAL_INT64_SCHEMA],
  Date: [ConnectDate.schema(), ConnectDate.builder().optional().build()],
  Time: [ConnectTime.schema(), ConnectTime.builder().optional().build()],
  Timestamp: [ConnectTimestamp.schema(), ConnectTimestamp.builder().optional().build()],
});

/** The schema of a timestamp of `kind`, optional or not, as Kafka's TimestampConverter gives it. @internal */
export function schemaOfKind(kind: TimestampKind, optional: boolean): Schema {
  return SCHEMAS[kind][optional ? 1 : 0];
}

/**
 * The kind a schema says a timestamp is: its logical type, else `string` for STRING and `unix` for INT64.
 * @throws DataError for any other schema.
 * @internal
 */
export function kindOfSchema(schema: Schema): TimestampKind {
  switch (schema.name) {
    case ConnectTimestamp.LOGICAL_NAME:
      return "Timestamp";
    case ConnectDate.LOGICAL_NAME:
      return "Date";
    case ConnectTime.LOGICAL_NAME:
      return "Time";
  }
  if (schema.type === "STRING") return "string";
  if (schema.type === "INT64") return "unix";
  throw new DataError(
    `the schema ${schema.toString()} is not a timestamp: use a STRING, an INT64 (Unix time), or a Date, Time or Timestamp schema.`,
  );
}

/**
 * The kind a schemaless timestamp is, from its JavaScript value: a Date is a Timestamp, a bigint Unix time, a string
 * text. Date and Time values cannot be told from Timestamps without a schema.
 * @throws DataError for any other value.
 * @internal
 */
export function kindOfValue(value: unknown): TimestampKind {
  if (value instanceof Date) return "Timestamp";
  if (typeof value === "bigint") return "unix";
  if (typeof value === "string") return "string";
  const hint =
    typeof value === "number"
      ? " (Unix timestamps are INT64 values, which are bigints: write 1700000000000n)"
      : "";
  throw new DataError(`a timestamp must be a Date, a bigint or a string, not ${describeKind(value)}${hint}.`);
}

/**
 * Reads a timestamp of `kind` into an instant.
 * @throws DataError when the value is not of the kind, or a string does not match the format.
 * @internal
 */
export function toInstant(kind: TimestampKind, value: unknown, settings: ConversionSettings): Date {
  switch (kind) {
    case "string": {
      if (typeof value !== "string") throw expected("a string", value);
      if (settings.format === undefined) {
        throw new DataError(
          `the string timestamp ${JSON.stringify(value)} cannot be read without a pattern: set format to the SimpleDateFormat pattern the strings follow.`,
        );
      }
      return settings.format.parse(value);
    }
    case "unix": {
      if (typeof value !== "bigint") throw expected("a bigint (INT64)", value);
      return ConnectTimestamp.toLogical(ConnectTimestamp.schema(), unixToMillis(value, settings.precision));
    }
    default:
      if (!(value instanceof Date)) throw expected("a Date", value);
      return value;
  }
}

/**
 * Writes an instant as a timestamp of `kind`: Date keeps the day (midnight UTC), Time the time of day (on
 * 1970-01-01), Unix time counts in the configured precision.
 * @internal
 */
export function fromInstant(kind: TimestampKind, instant: Date, settings: ConversionSettings): unknown {
  const millis = instant.getTime();
  switch (kind) {
    case "string":
      return (settings.format as JavaDateFormat).format(instant);
    case "unix":
      return millisToUnix(
        ConnectTimestamp.fromLogical(ConnectTimestamp.schema(), instant),
        settings.precision,
      );
    case "Date":
      return new Date(Math.floor(millis / MS_PER_DAY) * MS_PER_DAY);
    case "Time":
      return new Date(millis - Math.floor(millis / MS_PER_DAY) * MS_PER_DAY);
    case "Timestamp":
      return instant;
  }
}

/** Java's `TimeUnit.X.toMillis`: truncating toward zero, saturating at the long range. */
function unixToMillis(value: bigint, precision: UnixPrecision): bigint {
  switch (precision) {
    case "seconds":
      return saturate(value * 1000n);
    case "microseconds":
      return value / 1000n;
    case "nanoseconds":
      return value / 1_000_000n;
    case "milliseconds":
      return value;
  }
}

/** Java's `TimeUnit.MILLISECONDS.toX`: truncating toward zero, saturating at the long range. */
function millisToUnix(millis: bigint, precision: UnixPrecision): bigint {
  switch (precision) {
    case "seconds":
      return millis / 1000n;
    case "microseconds":
      return saturate(millis * 1000n);
    case "nanoseconds":
      return saturate(millis * 1_000_000n);
    case "milliseconds":
      return millis;
  }
}

function saturate(value: bigint): bigint {
  return value > LONG_MAX ? LONG_MAX : value < LONG_MIN ? LONG_MIN : value;
}

function expected(what: string, value: unknown): DataError {
  return new DataError(`expected ${what}, but found ${describeKind(value)}.`);
}
