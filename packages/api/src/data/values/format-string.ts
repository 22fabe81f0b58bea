import { BigDecimal } from "../big-decimal.js";
import { formatJavaDouble, formatJavaFloat } from "../java-number-format.js";
import type { Schema } from "../schema.js";
import { Struct } from "../struct.js";
import { formatIsoTemporal } from "./iso-temporal.js";
import { conversionError } from "./java-number.js";

/**
 * Kafka's `Values.convertToString`; see `Values.convertToString` for the text of each kind of value.
 * @internal
 */
export function convertToString(schema: Schema | null | undefined, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return formatValue(value, false, schema ?? null);
}

/**
 * The text of one value. Embedded values (inside an array, map or struct) quote strings and bytes and write `null`;
 * `schema`, when it matches the value, tells FLOAT32 from FLOAT64 and integers from doubles.
 * @internal
 */
export function formatValue(value: unknown, embedded: boolean, schema: Schema | null): string {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "string":
      return embedded ? `"${escapeQuoted(value)}"` : value;
    case "number":
      return formatNumber(value, schema);
    case "bigint":
    case "boolean":
      return String(value);
  }
  if (value instanceof Uint8Array) {
    const base64 = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64");
    return embedded ? `"${base64}"` : base64;
  }
  if (BigDecimal.isBigDecimal(value)) return value.toString();
  if (value instanceof Date) return formatIsoTemporal(value);
  if (Array.isArray(value)) {
    const elementSchema = schema?.type === "ARRAY" ? schema.valueSchema() : null;
    return `[${value.map((item) => formatValue(item, true, elementSchema)).join(",")}]`;
  }
  if (value instanceof Map) {
    const keySchema = schema?.type === "MAP" ? schema.keySchema() : null;
    const valueSchema = schema?.type === "MAP" ? schema.valueSchema() : null;
    const entries = [...value].map(
      ([key, item]) => `${formatValue(key, true, keySchema)}:${formatValue(item, true, valueSchema)}`,
    );
    return `{${entries.join(",")}}`;
  }
  if (Struct.isStruct(value)) {
    const fields = value.schema
      .fields()
      .map((field) => `"${escapeQuoted(field.name)}":${formatValue(value.get(field), true, field.schema)}`);
    return `{${fields.join(",")}}`;
  }
  throw conversionError(
    value,
    "text",
    "it is not a Connect value. Use a Map for MAP values and a Struct for STRUCT values.",
  );
}

/** Backslashes and double quotes inside quoted strings are escaped with a backslash. */
function escapeQuoted(text: string): string {
  return text.replaceAll("\\", "\\\\").replaceAll('"', '\\"');
}

/**
 * A number as Java prints its boxed type. A FLOAT32 or FLOAT64 schema picks Float or Double; an integer schema
 * picks an integer; without one, an integer that fits 32 bits prints as an Integer and anything else as a Double.
 */
function formatNumber(value: number, schema: Schema | null): string {
  switch (schema?.type) {
    case "FLOAT32":
      return formatJavaFloat(value);
    case "FLOAT64":
      return formatJavaDouble(value);
    case "INT8":
    case "INT16":
    case "INT32":
    case "INT64":
      if (Number.isSafeInteger(value)) return String(value);
  }
  const isInt32 = Number.isInteger(value) && value >= -2147483648 && value <= 2147483647;
  return isInt32 && !Object.is(value, -0) ? String(value) : formatJavaDouble(value);
}
