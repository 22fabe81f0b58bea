import { BigDecimal, type Schema, Struct, Values } from "@tributary/api";

/**
 * The line a {@link FileStreamSinkTask} writes for a record value: what Kafka's sink prints, Java's
 * `String.valueOf(value)`, for every value Java prints meaningfully.
 *
 * - `null` is `null`; strings are written as they are; booleans and bigints as `String()` writes them.
 * - Numbers as Java prints their boxed type, which the schema tells: a FLOAT64 `1` is `1.0`, `1e20` is `1.0E20`; a
 *   FLOAT32 is printed as a Java float; integers plainly (see `Values.convertToString`).
 * - A Struct as Kafka's `Struct.toString()`: `Struct{name=Ann,age=42}`, fields in schema order, null fields left
 *   out, nested values written by these rules.
 * - Arrays as Java lists, `[1, 2, 3]`; maps as Java maps, `{a=1, b=2}`, in insertion order.
 * - Where Java prints nothing useful or depends on the machine, Tributary differs: bytes are written in base64
 *   (Java prints an identity hash such as `[B@1b6d3586`), dates in ISO 8601 UTC (Java uses the local time zone),
 *   Decimals as Java's `BigDecimal.toString()`.
 * - Anything else (not Connect data) is written as JSON when it can be, otherwise with `String()`.
 * @internal
 */
export function valueText(value: unknown, schema: Schema | null): string {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "string":
      return value;
    case "number":
      return Values.convertToString(schema, value) ?? "null";
    case "bigint":
    case "boolean":
      return String(value);
  }
  if (value instanceof Uint8Array) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64");
  }
  if (BigDecimal.isBigDecimal(value)) return value.toString();
  if (value instanceof Date) return Values.convertToString(schema, value) ?? "null";
  if (Array.isArray(value)) {
    const items = schema?.type === "ARRAY" ? schema.valueSchema() : null;
    return `[${value.map((item) => valueText(item, items)).join(", ")}]`;
  }
  if (value instanceof Map) {
    const keys = schema?.type === "MAP" ? schema.keySchema() : null;
    const values = schema?.type === "MAP" ? schema.valueSchema() : null;
    const entries = [...value].map(([key, item]) => `${valueText(key, keys)}=${valueText(item, values)}`);
    return `{${entries.join(", ")}}`;
  }
  if (Struct.isStruct(value)) {
    const fields = value.schema.fields().flatMap((field) => {
      const item = value.getWithoutDefault(field);
      return item === null || item === undefined ? [] : [`${field.name}=${valueText(item, field.schema)}`];
    });
    return `Struct{${fields.join(",")}}`;
  }
  return jsonOrString(value);
}

function jsonOrString(value: unknown): string {
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return json;
  } catch {
    // Cycles and bigints inside objects cannot be JSON; String() still says something.
  }
  return String(value);
}
