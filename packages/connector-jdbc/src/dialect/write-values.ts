import {
  BigDecimal,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  DataError,
  Decimal,
  type Schema,
} from "@tributary/api";
import { ReadTimeZone } from "./read-time-zone.js";

/**
 * Text forms of Connect's exact and temporal values as every supported database parses them, shared by the
 * dialects' value binders.
 *
 * @internal
 */
export class WriteValues {
  readonly #zone: ReadTimeZone;

  /** @throws ConfigError when `timeZone` is not a zone this Node.js knows. */
  constructor(timeZone: string) {
    this.#zone = new ReadTimeZone(timeZone);
  }

  /** `YYYY-MM-DD HH:MM:SS.mmm`, the wall-clock time of `date` in `db.timezone`, with `+HH:MM` when `withOffset`. */
  timestamp(date: Date, withOffset: boolean): string {
    const millis = date.getTime();
    if (Number.isNaN(millis)) throw new DataError("Cannot write an invalid Date as a timestamp");
    const offset = this.#zone.offsetAt(millis);
    const wall = new Date(millis + offset);
    const text = `${dateText(wall)} ${timeText(wall)}`;
    if (!withOffset) return text;
    const sign = offset < 0 ? "-" : "+";
    const minutes = Math.abs(offset) / 60_000;
    return `${text}${sign}${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
  }

  /** `YYYY-MM-DD` of a Connect Date (midnight UTC of the day). */
  date(date: Date): string {
    return dateText(date);
  }

  /** `HH:MM:SS.mmm` of a Connect Time (milliseconds after midnight UTC of the epoch). */
  time(date: Date): string {
    return timeText(date);
  }
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function dateText(d: Date): string {
  const y = d.getUTCFullYear();
  const year = y >= 0 && y < 10_000 ? String(y).padStart(4, "0") : String(y);
  return `${year}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

function timeText(d: Date): string {
  const ms = d.getUTCMilliseconds();
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}.${String(ms).padStart(3, "0")}`;
}

/** The Connect logical type of a schema, or its plain type. */
export type ValueKind = "decimal" | "date" | "time" | "timestamp" | Schema["type"];

/** Which kind of value a schema holds, logical types first. */
export function valueKind(schema: Schema): ValueKind {
  switch (schema.name) {
    case Decimal.LOGICAL_NAME:
      return "decimal";
    case ConnectDate.LOGICAL_NAME:
      return "date";
    case ConnectTime.LOGICAL_NAME:
      return "time";
    case ConnectTimestamp.LOGICAL_NAME:
      return "timestamp";
    default:
      return schema.type;
  }
}

/** The kind of a schemaless value, from its JavaScript type. */
export function kindOfValue(value: unknown): ValueKind {
  switch (typeof value) {
    case "string":
      return "STRING";
    case "number":
      return Number.isInteger(value) ? "INT64" : "FLOAT64";
    case "bigint":
      return "INT64";
    case "boolean":
      return "BOOLEAN";
    default:
      if (value instanceof Date) return "timestamp";
      if (value instanceof Uint8Array) return "BYTES";
      if (BigDecimal.isBigDecimal(value)) return "decimal";
      if (value instanceof Map) return "MAP";
      if (Array.isArray(value)) return "ARRAY";
      return "STRUCT";
  }
}

/** A Decimal value's exact plain text, whatever form it came in. */
export function decimalText(value: unknown): string {
  if (BigDecimal.isBigDecimal(value)) return value.toPlainString();
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "string" && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value)) return value;
  throw new DataError(`Cannot write ${describeValue(value)} as a DECIMAL: expected a BigDecimal`);
}

/** Bytes as a Buffer without copying. */
export function bufferOf(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  throw new DataError(`Cannot write ${describeValue(value)} as bytes: expected a Uint8Array`);
}

/** A Date from a temporal value (a Date, or epoch milliseconds). */
export function dateOf(value: unknown, what: string): Date {
  if (value instanceof Date) return value;
  if (typeof value === "number") return new Date(value);
  throw new DataError(`Cannot write ${describeValue(value)} as a ${what}: expected a Date`);
}

/** A short description of a value's type for messages, never its content. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (typeof value !== "object") return `a ${typeof value}`;
  return `a ${value.constructor?.name ?? "object"}`;
}
