import { BigDecimal, Struct } from "@tributary/api";

const MAX_EXCERPT = 40;

/**
 * A short description of a JavaScript value for error messages about data that cannot be written, such as
 * `number 5` or `string "abc"`; long content is cut.
 * @internal
 */
export function describeJsValue(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "undefined":
      return "undefined";
    case "string":
      return `string ${cut(JSON.stringify(value))}`;
    case "bigint":
      return `bigint ${value}n`;
    case "number":
    case "boolean":
      return `${typeof value} ${String(value)}`;
    case "object":
      break;
    default:
      return typeof value;
  }
  if (value instanceof Uint8Array) return `bytes of length ${value.length}`;
  if (value instanceof Date)
    return `Date ${Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString()}`;
  if (BigDecimal.isBigDecimal(value)) return `BigDecimal ${value.toString()} (scale ${value.scale})`;
  if (Struct.isStruct(value)) return `a Struct of schema ${value.schema.toString()}`;
  if (Array.isArray(value)) return `array of length ${value.length}`;
  if (value instanceof Map) return `Map of size ${value.size}`;
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === "string" && name !== "Object" ? `an instance of ${name}` : "a plain object";
}

function cut(text: string): string {
  return text.length <= MAX_EXCERPT ? text : `${text.slice(0, MAX_EXCERPT)}…`;
}
