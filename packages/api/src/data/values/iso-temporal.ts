import { DataError } from "../../errors/connect-error.js";
import { ConnectDate } from "../logical/date.js";
import { ConnectTime } from "../logical/time.js";
import { ConnectTimestamp } from "../logical/timestamp.js";
import type { SchemaAndValue } from "../schema-and-value.js";

const MILLIS_PER_DAY = 86_400_000;
const DATE_SCHEMA = ConnectDate.schema();
const TIME_SCHEMA = ConnectTime.schema();
const TIMESTAMP_SCHEMA = ConnectTimestamp.schema();

type Field = "year" | "month" | "day" | "hour" | "minute" | "second" | "millis";
/** A pattern is numeric fields and one-character literals, as Java's `SimpleDateFormat` compiles one. */
type Pattern = readonly (Field | { readonly literal: string })[];

const DATE: Pattern = ["year", { literal: "-" }, "month", { literal: "-" }, "day"];
const TIME: Pattern = [
  "hour",
  { literal: ":" },
  "minute",
  { literal: ":" },
  "second",
  { literal: "." },
  "millis",
  { literal: "Z" },
];
const TIMESTAMP: Pattern = [...DATE, { literal: "T" }, ...TIME];
const NUMBER = /-?\d+/y;

/**
 * Kafka's text for a date, as `Values.dateFormatFor` picks it from the instant alone: before the end of 1970-01-01
 * (negative instants included) the time `HH:mm:ss.SSSZ`, at a UTC midnight the date `yyyy-MM-dd`, otherwise the
 * timestamp `yyyy-MM-ddTHH:mm:ss.SSSZ`, all in UTC (Kafka uses the JVM's zone; Connect workers normally run in UTC).
 *
 * Years are zero-padded to four digits.
 * @throws DataError for an invalid Date.
 * @internal
 */
export function formatIsoTemporal(date: Date): string {
  const millis = date.getTime();
  if (Number.isNaN(millis)) {
    throw new DataError(
      "Cannot convert an invalid Date (Invalid Date) to text: pass a Date holding an instant.",
    );
  }
  if (millis < MILLIS_PER_DAY) return formatTime(date);
  if (millis % MILLIS_PER_DAY === 0) return formatDate(date);
  return `${formatDate(date)}T${formatTime(date)}`;
}

/**
 * Reads a Date, Time or Timestamp in Kafka's ISO formats, chosen by the text's length (10, 13 or 24 characters after
 * escaped colons `\:` are unescaped), or returns `undefined`.
 *
 * Parsing is as lenient as Java's `SimpleDateFormat`: fields roll over (`2019-02-30` is March 2), a field may have
 * fewer digits than the pattern, a minus sign or leading spaces, and text after the last field is ignored. Unlike
 * Java, days before 1582-10-15 are read in the proleptic Gregorian calendar, not the Julian one.
 * @internal
 */
export function parseIsoTemporal(token: string): SchemaAndValue | undefined {
  const text = token.replaceAll("\\:", ":");
  switch (text.length) {
    case 13:
      return withSchema(TIME_SCHEMA, lenientParse(text, TIME));
    case 24:
      return withSchema(TIMESTAMP_SCHEMA, lenientParse(text, TIMESTAMP));
    case 10:
      return withSchema(DATE_SCHEMA, lenientParse(text, DATE));
    default:
      return undefined;
  }
}

function withSchema(schema: SchemaAndValue["schema"], value: Date | undefined): SchemaAndValue | undefined {
  return value === undefined ? undefined : { schema, value };
}

function lenientParse(text: string, pattern: Pattern): Date | undefined {
  const fields: Record<Field, number> = {
    year: 1970,
    month: 1,
    day: 1,
    hour: 0,
    minute: 0,
    second: 0,
    millis: 0,
  };
  let position = 0;
  for (const part of pattern) {
    if (typeof part !== "string") {
      if (text[position] !== part.literal) return undefined;
      position++;
      continue;
    }
    while (text[position] === " " || text[position] === "\t") position++;
    NUMBER.lastIndex = position;
    const match = NUMBER.exec(text);
    const value = match === null ? Number.NaN : Number(match[0]);
    if (!Number.isSafeInteger(value)) return undefined;
    fields[part] = value;
    position = NUMBER.lastIndex;
  }
  // setUTCFullYear, unlike Date.UTC, takes years 0..99 literally; both roll over out-of-range fields.
  const date = new Date(0);
  date.setUTCFullYear(fields.year, fields.month - 1, fields.day);
  date.setUTCHours(fields.hour, fields.minute, fields.second, fields.millis);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function formatDate(date: Date): string {
  // Only instants from 1970-01-02 on are printed as dates, so the year is always positive.
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

function formatTime(date: Date): string {
  const hours = pad(date.getUTCHours(), 2);
  const minutes = pad(date.getUTCMinutes(), 2);
  const seconds = pad(date.getUTCSeconds(), 2);
  return `${hours}:${minutes}:${seconds}.${pad(date.getUTCMilliseconds(), 3)}Z`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}
