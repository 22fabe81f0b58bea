import type { Schema } from "../schema.js";
import { Struct } from "../struct.js";
import { conversionError } from "./java-number.js";
import { parseString } from "./parse-string.js";

/**
 * Kafka's `Values.convertToList`: an array as it is, or text parsed with `parseString` that holds an array.
 * @throws DataError for null and for anything else.
 * @internal
 */
export function convertToList(_schema: Schema | null | undefined, value: unknown): unknown[] {
  const parsed = typeof value === "string" ? parseString(value).value : value;
  if (Array.isArray(parsed)) return parsed;
  throw conversionError(value, "ARRAY", reasonFor(value, "an array or text such as [1,2,3]"));
}

/**
 * Kafka's `Values.convertToMap`: a Map as it is, or text parsed with `parseString` that holds a map.
 * @throws DataError for null and for anything else (plain objects included: a MAP value is a `Map`).
 * @internal
 */
export function convertToMap(_schema: Schema | null | undefined, value: unknown): Map<unknown, unknown> {
  const parsed = typeof value === "string" ? parseString(value).value : value;
  if (parsed instanceof Map) return parsed;
  throw conversionError(value, "MAP", reasonFor(value, 'a Map or text such as {"a":1}'));
}

/**
 * Kafka's `Values.convertToStruct`: a Struct as it is; nothing else can become one.
 * @throws DataError for null and for anything else.
 * @internal
 */
export function convertToStruct(_schema: Schema | null | undefined, value: unknown): Struct {
  if (Struct.isStruct(value)) return value;
  throw conversionError(value, "STRUCT", reasonFor(value, "a Struct: no other value converts to one"));
}

function reasonFor(value: unknown, expected: string): string {
  if (value === null || value === undefined) return `a value is required. Pass ${expected}.`;
  return `expected ${expected}.`;
}
