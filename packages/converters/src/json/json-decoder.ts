import {
  BigDecimal,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  Decimal,
  type Field,
  parseFloat32,
  type Schema,
  Struct,
} from "@tributary/api";
import { decodeBase64 } from "./base64.js";
import { smallUnscaledFromBase64, smallUnscaledFromBytes } from "./decimal-bytes.js";
import { readDecimal, readDouble, readInt64, readSmallInteger } from "./json-numbers.js";
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
import { expectedJson } from "./schema-descriptions.js";

/** Reads one JSON value from the reader as a Connect value of a schema fixed when the decoder was compiled. */
export type JsonDecode = (reader: JsonReader) => unknown;

/** What changes how payloads are read. */
export interface JsonDecodeOptions {
  /** Read a `null` (or a missing struct field) of a schema with a default as that default. */
  readonly replaceNullWithDefault: boolean;
}

/** Days a JavaScript Date can reach either side of the epoch. */
const MAX_DATE_DAYS = 100_000_000;

/**
 * Builds, once per schema, a decoder that reads a payload straight from JSON text into Connect values, checking
 * every value against the schema: a wrong JSON type, an integer out of range, a fraction where an integer belongs,
 * bad base64 or a Decimal that would need rounding throw {@link JsonProblem} instead of giving wrong data.
 * @internal
 */
export function compileDecoder(schema: Schema, options: JsonDecodeOptions): JsonDecode {
  const expected = expectedJson(schema);
  const onNull = nullReader(schema, options, expected);
  const decode = valueDecoder(schema, options, expected);
  return (reader) => {
    if (reader.peek() === LOWER_N) {
      reader.readLiteral("null");
      return onNull();
    }
    return decode(reader);
  };
}

/** What a `null` of `schema` reads as: its default, `null`, or an error when it is required. */
function nullReader(schema: Schema, options: JsonDecodeOptions, expected: string): () => unknown {
  const defaultValue = schema.defaultValue;
  if (defaultValue !== undefined && defaultValue !== null && options.replaceNullWithDefault) {
    return () => defaultValue;
  }
  if (schema.isOptional) return () => null;
  return () => {
    throw new JsonProblem(expected, "null, which a required schema without a default does not allow");
  };
}

function valueDecoder(schema: Schema, options: JsonDecodeOptions, expected: string): JsonDecode {
  switch (schema.name) {
    case Decimal.LOGICAL_NAME:
      return decimalDecoder(schema, expected);
    case ConnectDate.LOGICAL_NAME:
      return (reader) => {
        const days = integer(reader, -MAX_DATE_DAYS, MAX_DATE_DAYS, expected);
        return ConnectDate.toLogical(schema, days);
      };
    case ConnectTime.LOGICAL_NAME:
      return (reader) => ConnectTime.toLogical(schema, integer(reader, -2147483648, 2147483647, expected));
    case ConnectTimestamp.LOGICAL_NAME:
      return (reader) => {
        const start = reader.pos;
        if (!isNumberStart(reader.peek())) throw reader.mismatch(expected, start);
        reader.readNumber();
        // Integers of up to 15 digits (every date until the year 33658) need no BigInt on the way to a Date.
        const small = reader.numberSmall;
        if (!Number.isNaN(small)) return new Date(small);
        const millis = readInt64(reader);
        if (millis === undefined) throw reader.mismatch(expected, start);
        return ConnectTimestamp.toLogical(schema, millis);
      };
  }
  switch (schema.type) {
    case "INT8":
      return (reader) => integer(reader, -128, 127, expected);
    case "INT16":
      return (reader) => integer(reader, -32768, 32767, expected);
    case "INT32":
      return (reader) => integer(reader, -2147483648, 2147483647, expected);
    case "INT64":
      return (reader) => int64(reader, expected);
    case "FLOAT32":
      return (reader) => float(reader, expected, true);
    case "FLOAT64":
      return (reader) => float(reader, expected, false);
    case "BOOLEAN":
      return (reader) => {
        const code = reader.peek();
        if (code !== LOWER_T && code !== LOWER_F) throw reader.mismatch(expected);
        reader.readLiteral(code === LOWER_T ? "true" : "false");
        return code === LOWER_T;
      };
    case "STRING":
      return (reader) => {
        if (reader.peek() !== QUOTE) throw reader.mismatch(expected);
        return reader.readString();
      };
    case "BYTES":
      return (reader) => bytes(reader, expected);
    case "ARRAY":
      return arrayDecoder(schema, options, expected);
    case "MAP":
      return schema.keySchema().type === "STRING"
        ? objectMapDecoder(schema, options, expected)
        : pairMapDecoder(schema, options, expected);
    case "STRUCT":
      return structDecoder(schema, options, expected);
  }
}

function isNumberStart(code: number): boolean {
  return code === MINUS || (code >= ZERO && code <= NINE);
}

function integer(reader: JsonReader, min: number, max: number, expected: string): number {
  const start = reader.pos;
  if (isNumberStart(reader.peek())) {
    reader.readNumber();
    const value = readSmallInteger(reader, min, max);
    if (value !== undefined) return value;
  }
  throw reader.mismatch(expected, start);
}

function int64(reader: JsonReader, expected: string): bigint {
  const start = reader.pos;
  if (isNumberStart(reader.peek())) {
    reader.readNumber();
    const value = readInt64(reader);
    if (value !== undefined) return value;
  }
  throw reader.mismatch(expected, start);
}

function float(reader: JsonReader, expected: string, single: boolean): number {
  const code = reader.peek();
  if (isNumberStart(code)) {
    reader.readNumber();
    return single ? parseFloat32(reader.numberText()) : readDouble(reader);
  }
  if (code === QUOTE) {
    // Kafka writes NaN and the infinities as strings; read them back as the numbers they stand for.
    const start = reader.pos;
    switch (reader.readString()) {
      case "NaN":
        return Number.NaN;
      case "Infinity":
        return Number.POSITIVE_INFINITY;
      case "-Infinity":
        return Number.NEGATIVE_INFINITY;
    }
    throw reader.mismatch(expected, start);
  }
  throw reader.mismatch(expected);
}

function bytes(reader: JsonReader, expected: string): Uint8Array {
  const start = reader.pos;
  if (reader.peek() === QUOTE) {
    const decoded = decodeBase64(reader.readString());
    if (decoded !== undefined) return decoded;
  }
  throw reader.mismatch(expected, start);
}

function decimalDecoder(schema: Schema, expected: string): JsonDecode {
  const scale = Decimal.scaleOf(schema);
  return (reader) => {
    const start = reader.pos;
    const code = reader.peek();
    if (isNumberStart(code)) {
      reader.readNumber();
      const value = readDecimal(reader, scale);
      if (value !== undefined) return value;
      throw new JsonProblem(expected, `${reader.numberText()}, which would need rounding to scale ${scale}`);
    }
    if (code === QUOTE) {
      const text = reader.readString();
      const unscaled = smallUnscaledFromBase64(text);
      if (unscaled !== undefined) return BigDecimal.of(unscaled, scale);
      const decoded = decodeBase64(text);
      // Java's BigInteger has no value for zero bytes, so Kafka rejects them too.
      if (decoded !== undefined && decoded.length > 0) {
        const small = smallUnscaledFromBytes(decoded);
        return small === undefined ? Decimal.toLogical(schema, decoded) : BigDecimal.of(small, scale);
      }
    }
    throw reader.mismatch(expected, start);
  };
}

function arrayDecoder(schema: Schema, options: JsonDecodeOptions, expected: string): JsonDecode {
  const element = compileDecoder(schema.valueSchema(), options);
  return (reader) => {
    if (reader.peek() !== OPEN_BRACKET) throw reader.mismatch(expected);
    reader.pos++;
    const out: unknown[] = [];
    if (reader.peek() === CLOSE_BRACKET) {
      reader.pos++;
      return out;
    }
    for (;;) {
      try {
        out.push(element(reader));
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
  };
}

function objectMapDecoder(schema: Schema, options: JsonDecodeOptions, expected: string): JsonDecode {
  const value = compileDecoder(schema.valueSchema(), options);
  return (reader) => {
    if (reader.peek() !== OPEN_BRACE) throw reader.mismatch(expected);
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
        out.set(key, value(reader));
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
  };
}

function pairMapDecoder(schema: Schema, options: JsonDecodeOptions, expected: string): JsonDecode {
  const key = compileDecoder(schema.keySchema(), options);
  const value = compileDecoder(schema.valueSchema(), options);
  return (reader) => {
    if (reader.peek() !== OPEN_BRACKET) throw reader.mismatch(expected);
    reader.pos++;
    const out = new Map<unknown, unknown>();
    if (reader.peek() === CLOSE_BRACKET) {
      reader.pos++;
      return out;
    }
    for (let index = 0; ; index++) {
      const start = reader.pos;
      if (reader.peek() !== OPEN_BRACKET) throw reader.mismatch("a [key, value] pair", start);
      reader.pos++;
      let entryKey: unknown;
      try {
        entryKey = key(reader);
        reader.expect(COMMA, "',' between the key and the value of a [key, value] pair");
        out.set(entryKey, value(reader));
        reader.expect(CLOSE_BRACKET, "']' closing a [key, value] pair");
      } catch (error) {
        throw JsonProblem.at(error, `[${index}]`);
      }
      const next = reader.peek();
      reader.pos++;
      if (next === COMMA) continue;
      if (next === CLOSE_BRACKET) return out;
      reader.pos--;
      throw reader.problem("',' or ']'");
    }
  };
}

function structDecoder(schema: Schema, options: JsonDecodeOptions, expected: string): JsonDecode {
  const fields: readonly Field[] = schema.fields();
  const count = fields.length;
  const decoders = fields.map((field) => compileDecoder(field.schema, options));
  const nulls = fields.map((field) => nullReader(field.schema, options, expectedJson(field.schema)));
  // Kafka writes fields in schema order, so each key is first compared in place with the one expected next.
  const quotedNames = fields.map((field) => JSON.stringify(field.name));
  const indexByName = new Map(fields.map((field, index) => [field.name, index]));
  const scratch: unknown[] = new Array(count);
  return (reader) => {
    if (reader.peek() !== OPEN_BRACE) throw reader.mismatch(expected);
    reader.pos++;
    // Filled afresh for every struct; a schema never contains itself, so one decoder never runs nested in itself.
    const values = scratch;
    values.fill(undefined);
    let code = reader.peek();
    let guess = 0;
    if (code === CLOSE_BRACE) reader.pos++;
    else {
      for (;;) {
        if (code !== QUOTE) throw reader.problem("a string naming an object member");
        let index: number | undefined;
        const quoted = quotedNames[guess];
        if (quoted !== undefined && reader.text.startsWith(quoted, reader.pos)) {
          index = guess;
          reader.pos += quoted.length;
        } else {
          index = indexByName.get(reader.readString());
        }
        reader.expect(COLON, "':' after an object member's name");
        if (index === undefined) reader.skipValue();
        else {
          try {
            values[index] = (decoders[index] as JsonDecode)(reader);
          } catch (error) {
            throw JsonProblem.at(error, `.${(fields[index] as Field).name}`);
          }
          guess = index + 1;
        }
        code = reader.peek();
        reader.pos++;
        if (code === COMMA) {
          code = reader.peek();
          continue;
        }
        if (code === CLOSE_BRACE) break;
        reader.pos--;
        throw reader.problem("',' or '}'");
      }
    }
    const struct = new Struct(schema);
    for (let i = 0; i < count; i++) {
      const field = fields[i] as Field;
      let value = values[i];
      if (value === undefined) {
        try {
          value = (nulls[i] as () => unknown)();
        } catch {
          throw JsonProblem.at(
            new JsonProblem(
              expectedJson(field.schema),
              "no such member, which a required field without a default needs",
            ),
            `.${field.name}`,
          );
        }
      }
      struct.put(field, value);
    }
    return struct;
  };
}
