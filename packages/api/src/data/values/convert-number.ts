import type { Schema } from "../schema.js";
import { asDouble, asLong } from "./java-number.js";
import { parseString } from "./parse-string.js";

/**
 * Kafka's `Values.convertToBoolean`: booleans as they are, `"true"`/`"false"` text (spaces around allowed), and any
 * other number or numeric text by whether its integer part is zero (`0.5` is false). Numbers never come from booleans.
 * @internal
 */
export function convertToBoolean(schema: Schema | null | undefined, value: unknown): boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean") return value;
  if (typeof value === "string") {
    const parsed = parseString(value).value;
    if (typeof parsed === "boolean") return parsed;
  }
  return asLong(value, schema, "BOOLEAN") !== 0n;
}

/**
 * Kafka's `Values.convertToByte`: the integer part, wrapped to 8 bits as Java's `(byte)` cast does (300 becomes 44).
 * @internal
 */
export function convertToByte(schema: Schema | null | undefined, value: unknown): number | null {
  if (value === null || value === undefined) return null;
  return Number(BigInt.asIntN(8, asLong(value, schema, "INT8")));
}

/**
 * Kafka's `Values.convertToShort`: the integer part, wrapped to 16 bits.
 * @internal
 */
export function convertToShort(schema: Schema | null | undefined, value: unknown): number | null {
  if (value === null || value === undefined) return null;
  return Number(BigInt.asIntN(16, asLong(value, schema, "INT16")));
}

/**
 * Kafka's `Values.convertToInteger`: the integer part, wrapped to 32 bits.
 * @internal
 */
export function convertToInteger(schema: Schema | null | undefined, value: unknown): number | null {
  if (value === null || value === undefined) return null;
  return Number(BigInt.asIntN(32, asLong(value, schema, "INT32")));
}

/**
 * Kafka's `Values.convertToLong`: the integer part as a bigint, wrapped to 64 bits; numbers past ±2^63 saturate.
 * @internal
 */
export function convertToLong(schema: Schema | null | undefined, value: unknown): bigint | null {
  if (value === null || value === undefined) return null;
  return asLong(value, schema, "INT64");
}

/**
 * Kafka's `Values.convertToFloat`: the value as a double, then rounded to single precision (`Math.fround`).
 * @internal
 */
export function convertToFloat(schema: Schema | null | undefined, value: unknown): number | null {
  if (value === null || value === undefined) return null;
  return Math.fround(asDouble(value, schema, "FLOAT32"));
}

/**
 * Kafka's `Values.convertToDouble`: numbers as they are, bigints and decimals and numeric text to the nearest double.
 * @internal
 */
export function convertToDouble(schema: Schema | null | undefined, value: unknown): number | null {
  if (value === null || value === undefined) return null;
  return asDouble(value, schema, "FLOAT64");
}
