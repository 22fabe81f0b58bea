import { BigDecimal, Struct } from "@tributary/api";
import { encodeBase64 } from "./base64.js";
import { describeJsValue } from "./describe-js-value.js";
import { jsonDouble, quoteJson } from "./jackson-text.js";
import { readDouble, readInt64 } from "./json-numbers.js";
import { JsonProblem } from "./json-problem.js";
import {
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  type JsonReader,
  LOWER_F,
  LOWER_N,
  LOWER_T,
  MINUS,
  NINE,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
  ZERO,
} from "./json-reader.js";

/** Deepest nesting accepted, as Jackson's default stream constraints (and a guard against cyclic values). */
const MAX_DEPTH = 1000;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Reads any JSON value without a schema, as Kafka does: objects become `Map`s with string keys, arrays become
 * arrays, integers become INT64 `bigint`s, other numbers FLOAT64 `number`s, and strings, booleans and null stay as
 * they are. An integer beyond the INT64 range throws rather than wrapping around.
 * @internal
 */
export function readSchemaless(reader: JsonReader, depth = 0): unknown {
  const code = reader.peek();
  switch (code) {
    case QUOTE:
      return reader.readString();
    case OPEN_BRACE:
    case OPEN_BRACKET:
      if (depth >= MAX_DEPTH) throw reader.problem(`JSON nested at most ${MAX_DEPTH} levels deep`);
      return code === OPEN_BRACE ? readObject(reader, depth + 1) : readArray(reader, depth + 1);
    case LOWER_T:
      reader.readLiteral("true");
      return true;
    case LOWER_F:
      reader.readLiteral("false");
      return false;
    case LOWER_N:
      reader.readLiteral("null");
      return null;
  }
  if (code === MINUS || (code >= ZERO && code <= NINE)) {
    const start = reader.pos;
    reader.readNumber();
    if (!reader.numberIsInteger) return readDouble(reader);
    const value = readInt64(reader);
    if (value === undefined) throw reader.mismatch("an integer from -2^63 to 2^63-1 (INT64)", start);
    return value;
  }
  throw reader.problem("a JSON value");
}

function readObject(reader: JsonReader, depth: number): Map<string, unknown> {
  reader.pos++;
  const out = new Map<string, unknown>();
  if (reader.peek() === CLOSE_BRACE) {
    reader.pos++;
    return out;
  }
  for (;;) {
    if (reader.peek() !== QUOTE) throw reader.problem("a string naming an object member");
    const key = reader.readString();
    reader.expect(COLON, "':' after an object member's name");
    try {
      out.set(key, readSchemaless(reader, depth));
    } catch (error) {
      throw JsonProblem.at(error, `[${JSON.stringify(key)}]`);
    }
    const next = reader.peek();
    reader.pos++;
    if (next === COMMA) continue;
    if (next === CLOSE_BRACE) return out;
    reader.pos--;
    throw reader.problem("',' or '}'");
  }
}

function readArray(reader: JsonReader, depth: number): unknown[] {
  reader.pos++;
  const out: unknown[] = [];
  if (reader.peek() === CLOSE_BRACKET) {
    reader.pos++;
    return out;
  }
  for (;;) {
    try {
      out.push(readSchemaless(reader, depth));
    } catch (error) {
      throw JsonProblem.at(error, `[${out.length}]`);
    }
    const next = reader.peek();
    reader.pos++;
    if (next === COMMA) continue;
    if (next === CLOSE_BRACKET) return out;
    reader.pos--;
    throw reader.problem("',' or ']'");
  }
}

/**
 * Writes a value that has no schema, inferring the JSON from its JavaScript kind as Kafka infers it from the Java
 * class: `bigint` as an integer, `number` as a double (`5` is written `5.0`, so it reads back as the number it was),
 * strings and booleans as themselves, `Uint8Array` as base64, arrays as arrays, and `Map`s and plain objects as
 * objects when every key is a string, else as arrays of `[key, value]` pairs. Like Kafka, it refuses Structs and
 * logical values (BigDecimal, Date) without a schema, since their JSON would not say what they are.
 * @internal
 */
export function writeSchemaless(value: unknown, depth = 0): string {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "string":
      return quoteJson(value);
    case "number":
      return jsonDouble(value);
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      if (value >= INT64_MIN && value <= INT64_MAX) return value.toString();
      throw new JsonProblem("a bigint from -2^63 to 2^63-1 (INT64)", describeJsValue(value));
    case "object":
      break;
    default:
      throw unsupported(value);
  }
  if (depth >= MAX_DEPTH) {
    throw new JsonProblem(`values nested at most ${MAX_DEPTH} levels deep (is it cyclic?)`, "deeper nesting");
  }
  if (value instanceof Uint8Array) return `"${encodeBase64(value)}"`;
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      try {
        out += (i === 0 ? "" : ",") + writeSchemaless(value[i], depth + 1);
      } catch (error) {
        throw JsonProblem.at(error, `[${i}]`);
      }
    }
    return `${out}]`;
  }
  if (value instanceof Map) return writeEntries([...value], depth);
  if (Struct.isStruct(value) || BigDecimal.isBigDecimal(value) || value instanceof Date)
    throw unsupported(value);
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) {
    return writeEntries(Object.entries(value), depth);
  }
  throw unsupported(value);
}

function writeEntries(entries: readonly (readonly [unknown, unknown])[], depth: number): string {
  const objectMode = entries.every(([key]) => typeof key === "string");
  let out = objectMode ? "{" : "[";
  for (let i = 0; i < entries.length; i++) {
    const [key, item] = entries[i] as readonly [unknown, unknown];
    const segment = `[${typeof key === "string" ? JSON.stringify(key) : String(key)}]`;
    try {
      const itemJson = writeSchemaless(item, depth + 1);
      const separator = i === 0 ? "" : ",";
      out += objectMode
        ? `${separator}${quoteJson(key as string)}:${itemJson}`
        : `${separator}[${writeSchemaless(key, depth + 1)},${itemJson}]`;
    } catch (error) {
      throw JsonProblem.at(error, segment);
    }
  }
  return out + (objectMode ? "}" : "]");
}

function unsupported(value: unknown): JsonProblem {
  const hint =
    Struct.isStruct(value) || BigDecimal.isBigDecimal(value) || value instanceof Date
      ? " (Structs, Decimals and dates need a schema: pass one)"
      : "";
  return new JsonProblem(
    `a string, number, bigint, boolean, Uint8Array, array, Map or plain object${hint}`,
    describeJsValue(value),
  );
}
