import { BigDecimal } from "./big-decimal.js";
import { Struct } from "./struct.js";

const MAX_EXCERPT = 60;

/**
 * A short, human-readable description of a value's kind and content for error messages, such as
 * `string "abc"` or `number 1.5`. Long content is cut to an excerpt.
 * @internal
 */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "string") return `string ${excerpt(JSON.stringify(value))}`;
  if (typeof value === "bigint") return `bigint ${value}n`;
  if (typeof value !== "object") return `${typeof value} ${String(value)}`;
  if (value instanceof Uint8Array) return `bytes of length ${value.length}`;
  if (value instanceof Date)
    return `Date ${Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString()}`;
  if (BigDecimal.isBigDecimal(value)) return `BigDecimal ${value.toString()}`;
  if (Struct.isStruct(value)) return `Struct of schema ${value.schema.name ?? "(unnamed)"}`;
  if (Array.isArray(value)) return `array of length ${value.length}`;
  if (value instanceof Map) return `Map of size ${value.size}`;
  return `object ${excerpt(safeJson(value))}`;
}

function safeJson(value: object): string {
  try {
    return (
      JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? `${v}n` : v)) ?? String(value)
    );
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function excerpt(text: string): string {
  return text.length <= MAX_EXCERPT ? text : `${text.slice(0, MAX_EXCERPT)}…`;
}
