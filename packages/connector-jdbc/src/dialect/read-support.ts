import { DataError } from "@tributary/api";
import type { ColumnDefinition } from "./dialect-reader.js";
import { parseDateOnly, type ReadTimeZone } from "./read-time-zone.js";

/** Nanoseconds in a millisecond. @internal */
export const NANOS_PER_MILLI = 1_000_000n;

/**
 * A timestamp column's value as nanoseconds since the epoch: text is read in UTC for columns holding instants and
 * in `zone` otherwise; a DATE column counts from midnight UTC; a number is milliseconds since the epoch.
 * @internal
 */
export function timestampNanos(
  raw: unknown,
  column: ColumnDefinition,
  zone: ReadTimeZone,
  utc: ReadTimeZone,
): bigint | null {
  if (raw === null || raw === undefined) return null;
  if (raw instanceof Date) return BigInt(raw.getTime()) * NANOS_PER_MILLI;
  if (typeof raw === "number" || typeof raw === "bigint") return BigInt(raw) * NANOS_PER_MILLI;
  if (typeof raw !== "string") {
    throw new DataError(
      `Cannot read the value of column ${column.name} (${column.declaredType}) as a timestamp.`,
    );
  }
  if (column.typeName === "date") return BigInt(parseDateOnly(raw).getTime()) * NANOS_PER_MILLI;
  return (column.instant ? utc : zone).parseDateTime(raw);
}

/**
 * Reads a declared type such as `DECIMAL(10, 2)`, `int(10) unsigned` or `character varying(20)` into its base
 * name (lower case, no size), precision, scale and unsigned flag.
 * @internal
 */
export function parseDeclaredType(declared: string): {
  readonly base: string;
  readonly precision: number | undefined;
  readonly scale: number | undefined;
  readonly unsigned: boolean;
} {
  const text = declared.trim().toLowerCase();
  const open = text.indexOf("(");
  const close = text.indexOf(")", open);
  const head = open === -1 ? text : text.slice(0, open);
  const size = open === -1 || close === -1 ? [] : text.slice(open + 1, close).split(",");
  const rest = open === -1 || close === -1 ? "" : text.slice(close + 1);
  const base = head.replace(/\s+(unsigned|signed|zerofill)\b/g, "").trim();
  const number = (part: string | undefined) =>
    part === undefined || !/^\s*-?\d+\s*$/.test(part) ? undefined : Number(part);
  const precision = number(size[0]);
  const scale = size.length > 1 ? number(size[1]) : precision === undefined ? undefined : 0;
  return { base, precision, scale, unsigned: /\bunsigned\b/.test(`${head} ${rest}`) };
}
