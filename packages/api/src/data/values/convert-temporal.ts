import { DataError } from "../../errors/connect-error.js";
import { ConnectDate } from "../logical/date.js";
import { ConnectTime } from "../logical/time.js";
import { ConnectTimestamp } from "../logical/timestamp.js";
import type { Schema } from "../schema.js";
import { asLong, conversionError } from "./java-number.js";
import { parseString } from "./parse-string.js";

const MILLIS_PER_DAY = 86_400_000;
const DATE_SCHEMA = ConnectDate.schema();
const TIME_SCHEMA = ConnectTime.schema();
const TIMESTAMP_SCHEMA = ConnectTimestamp.schema();

/**
 * Kafka's `Values.convertToDate`; see `Values.convertToDate` for the rules.
 * @internal
 */
export function convertToDate(schema: Schema | null | undefined, value: unknown): Date {
  return toDate(DATE_SCHEMA, schema ?? null, required(value, "a Date"));
}

/**
 * Kafka's `Values.convertToTime`; see `Values.convertToTime` for the rules.
 * @internal
 */
export function convertToTime(schema: Schema | null | undefined, value: unknown): Date {
  return toTime(TIME_SCHEMA, schema ?? null, required(value, "a Time"));
}

/**
 * Kafka's `Values.convertToTimestamp`; see `Values.convertToTimestamp` for the rules.
 * @internal
 */
export function convertToTimestamp(schema: Schema | null | undefined, value: unknown): Date {
  return toTimestamp(TIMESTAMP_SCHEMA, schema ?? null, required(value, "a Timestamp"));
}

/**
 * A Date value of `toSchema` (a Date schema) from `value` described by `fromSchema`.
 * @internal
 */
export function toDate(toSchema: Schema, fromSchema: Schema | null, value: unknown): Date {
  [fromSchema, value] = parsedIfText(fromSchema, value, "a Date");
  if (value instanceof Date) {
    if (fromSchema === null || fromSchema.name === ConnectDate.LOGICAL_NAME) return value;
    if (fromSchema.name === ConnectTimestamp.LOGICAL_NAME) {
      // The day the instant falls on, counted toward the epoch as Kafka does (so instants before 1970 move up a day).
      return ConnectDate.toLogical(toSchema, Math.trunc(value.getTime() / MILLIS_PER_DAY));
    }
  }
  // A number is a count of days, cut to 32 bits. (Kafka reads a Time's milliseconds as days here too.)
  const days = Number(BigInt.asIntN(32, asLong(value, fromSchema, "a Date")));
  return valid(ConnectDate.toLogical(toSchema, days), value, "a Date");
}

/**
 * A Time value of `toSchema` (a Time schema) from `value` described by `fromSchema`.
 * @internal
 */
export function toTime(toSchema: Schema, fromSchema: Schema | null, value: unknown): Date {
  [fromSchema, value] = parsedIfText(fromSchema, value, "a Time");
  if (value instanceof Date) {
    if (fromSchema === null || fromSchema.name === ConnectTime.LOGICAL_NAME) return value;
    if (fromSchema.name === ConnectTimestamp.LOGICAL_NAME) {
      const millis = ((value.getTime() % MILLIS_PER_DAY) + MILLIS_PER_DAY) % MILLIS_PER_DAY;
      return ConnectTime.toLogical(toSchema, millis);
    }
  }
  // A number is milliseconds since midnight, cut to 32 bits; ConnectTime rejects anything outside one day.
  return ConnectTime.toLogical(toSchema, Number(BigInt.asIntN(32, asLong(value, fromSchema, "a Time"))));
}

/**
 * A Timestamp value of `toSchema` (a Timestamp schema) from `value` described by `fromSchema`.
 * @internal
 */
export function toTimestamp(toSchema: Schema, fromSchema: Schema | null, value: unknown): Date {
  [fromSchema, value] = parsedIfText(fromSchema, value, "a Timestamp");
  if (value instanceof Date) {
    if (fromSchema === null) return value;
    switch (fromSchema.name) {
      case ConnectTimestamp.LOGICAL_NAME:
        return value;
      case ConnectDate.LOGICAL_NAME: {
        const days = ConnectDate.fromLogical(fromSchema, value);
        return ConnectTimestamp.toLogical(toSchema, BigInt(days) * BigInt(MILLIS_PER_DAY));
      }
      case ConnectTime.LOGICAL_NAME:
        return ConnectTimestamp.toLogical(toSchema, BigInt(ConnectTime.fromLogical(fromSchema, value)));
    }
  }
  return ConnectTimestamp.toLogical(toSchema, asLong(value, fromSchema, "a Timestamp"));
}

function required(value: unknown, target: string): unknown {
  if (value === null || value === undefined) {
    throw conversionError(value, target, "a value is required. Pass a Date, a number or ISO 8601 text.");
  }
  return value;
}

/**
 * Text is parsed first (ISO dates and times, or numbers). A STRING schema says nothing about what the text holds, so
 * it is dropped; Kafka keeps it, and so rejects ISO text that comes with a STRING schema.
 */
function parsedIfText(fromSchema: Schema | null, value: unknown, target: string): [Schema | null, unknown] {
  if (typeof value !== "string") return [fromSchema, value];
  const parsed = parseString(value).value;
  if (parsed === null) throw conversionError(value, target, "the text holds null. Pass a value.");
  return [fromSchema?.type === "STRING" ? null : fromSchema, parsed];
}

function valid(date: Date, value: unknown, target: string): Date {
  if (!Number.isNaN(date.getTime())) return date;
  throw new DataError(
    `Cannot convert ${String(value)} to ${target}: the day is outside the range of a JavaScript Date (±100,000,000 days from 1970).`,
  );
}
