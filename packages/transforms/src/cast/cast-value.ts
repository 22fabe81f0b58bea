import {
  BigDecimal,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  DataError,
  type Schema,
  Struct,
  Values,
} from "@tributary/api";
import { describeKind } from "../util/requirements.js";
import { bigintToFloat32 } from "./binary-float.js";
import type { CastType } from "./cast-spec.js";
import { decimalToBinary, parseJavaDouble, parseJavaFloat, parseJavaInteger } from "./java-number-parse.js";

const INPUT_TYPES = "INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING, BYTES";

/**
 * Casts one value to `target` as Kafka's Cast does; `schema` is the value's schema, or `null` for schemaless data.
 *
 * Numbers narrow as Java's casts do (`300` to INT8 is 44, `1e10` to INT32 is 2147483647, `2.9` to INT64 is 2), so
 * nothing is range-checked; text is parsed strictly, as `Integer.parseInt` and `Double.parseDouble` read it; a
 * boolean is 1 or 0; a number is true when its integer part is not zero; text is true when it is `true` in any
 * case. Date, Time and Timestamp values become their days or milliseconds first, unless cast to text, where they
 * print as Kafka prints them. A Decimal converts like a number. Bytes convert only to text (base64).
 * @throws DataError saying why the value cannot be cast; the caller adds which transformation, field and topic.
 * @internal
 */
export function castValue(schema: Schema | null, value: unknown, target: CastType): unknown {
  if (value === null || value === undefined) return null;
  checkInput(schema, value);
  if (schema?.name !== undefined && target !== "STRING") value = encodeLogical(schema, value);
  switch (target) {
    case "INT8":
      return (toInt32(value, target) << 24) >> 24;
    case "INT16":
      return (toInt32(value, target) << 16) >> 16;
    case "INT32":
      return toInt32(value, target);
    case "INT64":
      return toInt64(value);
    case "FLOAT32":
      return toFloat(value, true);
    case "FLOAT64":
      return toFloat(value, false);
    case "BOOLEAN":
      return toBoolean(value);
    case "STRING":
      return Values.convertToString(schema, value);
  }
}

function checkInput(schema: Schema | null, value: unknown): void {
  const type = schema === null ? schemalessType(value) : schema.type;
  if (type === "ARRAY" || type === "MAP" || type === "STRUCT") {
    throw new DataError(`casting from ${type} is not supported; Cast reads ${INPUT_TYPES}.`);
  }
}

function schemalessType(value: unknown): string {
  switch (typeof value) {
    case "number":
    case "bigint":
    case "boolean":
    case "string":
      return typeof value;
  }
  if (value instanceof Uint8Array) return "BYTES";
  if (Array.isArray(value)) return "ARRAY";
  if (value instanceof Map) return "MAP";
  if (Struct.isStruct(value)) return "STRUCT";
  throw new DataError(
    `${describeKind(value)} without a schema is not Connect data Cast can read: schemaless values must be numbers, bigints, booleans, strings or bytes. Give the record a schema to cast Decimal, Date, Time and Timestamp values.`,
  );
}

/** A Date, Time or Timestamp as the number it is carried as; other values as they are. */
function encodeLogical(schema: Schema, value: unknown): unknown {
  switch (schema.name) {
    case ConnectDate.LOGICAL_NAME:
      return ConnectDate.fromLogical(schema, requireDate(value, schema));
    case ConnectTime.LOGICAL_NAME:
      return ConnectTime.fromLogical(schema, requireDate(value, schema));
    case ConnectTimestamp.LOGICAL_NAME:
      return ConnectTimestamp.fromLogical(schema, requireDate(value, schema));
    default:
      return value;
  }
}

function requireDate(value: unknown, schema: Schema): Date {
  if (value instanceof Date) return value;
  throw new DataError(`a value of ${schema.toString()} must be a Date, got ${describeKind(value)}.`);
}

/** Java's `Number.intValue()` (then narrowed by the caller), or the boolean's 1 or 0, or the parsed text. */
function toInt32(value: unknown, target: "INT8" | "INT16" | "INT32"): number {
  switch (typeof value) {
    case "number":
      return doubleToInt(value);
    case "bigint":
      return Number(BigInt.asIntN(32, value));
    case "boolean":
      return value ? 1 : 0;
    case "string": {
      const parsed = parseJavaInteger(value, target === "INT8" ? 8 : target === "INT16" ? 16 : 32);
      if (parsed === undefined) throw badText(value, target);
      return Number(parsed);
    }
  }
  if (BigDecimal.isBigDecimal(value)) return Values.convertToInteger(null, value) ?? 0;
  throw unexpected(value, target);
}

/** Java's `(int)` cast of a double: toward zero, NaN to 0, saturating at the ends of the 32-bit range. */
function doubleToInt(value: number): number {
  if (value >= 2147483647) return 2147483647;
  if (value <= -2147483648) return -2147483648;
  return Math.trunc(value) | 0;
}

function toInt64(value: unknown): bigint {
  switch (typeof value) {
    case "number":
      return Values.convertToLong(null, value) ?? 0n;
    case "bigint":
      return BigInt.asIntN(64, value);
    case "boolean":
      return value ? 1n : 0n;
    case "string": {
      const parsed = parseJavaInteger(value, 64);
      if (parsed === undefined) throw badText(value, "INT64");
      return parsed;
    }
  }
  if (BigDecimal.isBigDecimal(value)) return Values.convertToLong(null, value) ?? 0n;
  throw unexpected(value, "INT64");
}

function toFloat(value: unknown, single: boolean): number {
  switch (typeof value) {
    case "number":
      return single ? Math.fround(value) : value;
    case "bigint":
      return single ? bigintToFloat32(value) : Number(value);
    case "boolean":
      return value ? 1 : 0;
    case "string": {
      const parsed = single ? parseJavaFloat(value) : parseJavaDouble(value);
      if (parsed === undefined) throw badText(value, single ? "FLOAT32" : "FLOAT64");
      return parsed;
    }
  }
  if (BigDecimal.isBigDecimal(value)) {
    const negative = value.unscaled < 0n;
    const digits = (negative ? -value.unscaled : value.unscaled).toString();
    return decimalToBinary(negative, digits, BigInt(-value.scale), single);
  }
  throw unexpected(value, single ? "FLOAT32" : "FLOAT64");
}

function toBoolean(value: unknown): boolean {
  switch (typeof value) {
    case "number":
      // Java's longValue() != 0: the integer part decides, and NaN is 0.
      return value >= 1 || value <= -1;
    case "bigint":
      return BigInt.asIntN(64, value) !== 0n;
    case "boolean":
      return value;
    case "string":
      return value.length === 4 && value.toLowerCase() === "true";
  }
  if (BigDecimal.isBigDecimal(value)) return Values.convertToLong(null, value) !== 0n;
  throw unexpected(value, "BOOLEAN");
}

function badText(text: string, target: CastType): DataError {
  return new DataError(
    `the text ${JSON.stringify(text)} is not a ${target} value (it does not parse as one, or is out of its range).`,
  );
}

function unexpected(value: unknown, target: CastType): DataError {
  return new DataError(
    `${describeKind(value)} cannot be cast to ${target}: only numbers, booleans and text convert to ${target}; bytes convert to string only.`,
  );
}
