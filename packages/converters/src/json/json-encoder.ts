import {
  BigDecimal,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  Decimal,
  type Field,
  type Schema,
  Struct,
} from "@tributary/api";
import { encodeBase64 } from "./base64.js";
import { smallUnscaledToBase64 } from "./decimal-bytes.js";
import { describeJsValue } from "./describe-js-value.js";
import { jsonDouble, jsonFloat, quoteJson } from "./jackson-text.js";
import { JsonProblem } from "./json-problem.js";
import { expectedValue } from "./schema-descriptions.js";

/** Writes one Connect value of a schema fixed when the encoder was compiled as compact JSON text. */
export type JsonEncode = (value: unknown) => string;

/** What changes how payloads are written. */
export interface JsonEncodeOptions {
  /** Write Decimals as JSON numbers (`NUMERIC`) or as base64 of the unscaled value (`BASE64`). */
  readonly decimalFormat: "BASE64" | "NUMERIC";
  /** Write a `null` of a schema with a default as that default. */
  readonly replaceNullWithDefault: boolean;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Builds, once per schema, an encoder that writes Connect values as the exact JSON text Kafka's JsonConverter
 * writes: fields in schema order, Jackson's number and string formats, and the configured Decimal format. A value
 * that does not fit the schema throws {@link JsonProblem}.
 * @internal
 */
export function compileEncoder(schema: Schema, options: JsonEncodeOptions): JsonEncode {
  const encode = valueEncoder(schema, options);
  const defaultValue = schema.defaultValue;
  const useDefault = defaultValue !== undefined && defaultValue !== null && options.replaceNullWithDefault;
  const optional = schema.isOptional;
  let defaultJson: string | undefined;
  return (value) => {
    if (value !== null && value !== undefined) return encode(value);
    if (useDefault) {
      defaultJson ??= encode(defaultValue);
      return defaultJson;
    }
    if (optional) return "null";
    throw new JsonProblem(
      expectedValue(schema),
      "null, which a required schema without a default does not allow",
    );
  };
}

function mismatch(schema: Schema, value: unknown): JsonProblem {
  return new JsonProblem(expectedValue(schema), describeJsValue(value));
}

function integerEncoder(schema: Schema, min: number, max: number): JsonEncode {
  return (value) => {
    if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) {
      return String(value + 0);
    }
    throw mismatch(schema, value);
  };
}

function valueEncoder(schema: Schema, options: JsonEncodeOptions): JsonEncode {
  switch (schema.name) {
    case Decimal.LOGICAL_NAME:
      return decimalEncoder(schema, options);
    case ConnectDate.LOGICAL_NAME:
      return (value) => {
        if (!(value instanceof Date)) throw mismatch(schema, value);
        return String(ConnectDate.fromLogical(schema, value));
      };
    case ConnectTime.LOGICAL_NAME:
      return (value) => {
        if (!(value instanceof Date)) throw mismatch(schema, value);
        return String(ConnectTime.fromLogical(schema, value));
      };
    case ConnectTimestamp.LOGICAL_NAME:
      return (value) => {
        const millis = value instanceof Date ? value.getTime() : Number.NaN;
        if (Number.isNaN(millis)) throw mismatch(schema, value);
        return String(millis);
      };
  }
  switch (schema.type) {
    case "INT8":
      return integerEncoder(schema, -128, 127);
    case "INT16":
      return integerEncoder(schema, -32768, 32767);
    case "INT32":
      return integerEncoder(schema, -2147483648, 2147483647);
    case "INT64":
      return (value) => {
        if (typeof value === "bigint" && value >= INT64_MIN && value <= INT64_MAX) return value.toString();
        throw mismatch(schema, value);
      };
    case "FLOAT32":
      return (value) => {
        // A finite number beyond the float range would silently become Infinity.
        if (typeof value === "number" && (Number.isFinite(Math.fround(value)) || !Number.isFinite(value))) {
          return jsonFloat(value);
        }
        throw mismatch(schema, value);
      };
    case "FLOAT64":
      return (value) => {
        if (typeof value === "number") return jsonDouble(value);
        throw mismatch(schema, value);
      };
    case "BOOLEAN":
      return (value) => {
        if (typeof value === "boolean") return value ? "true" : "false";
        throw mismatch(schema, value);
      };
    case "STRING":
      return (value) => {
        if (typeof value === "string") return quoteJson(value);
        throw mismatch(schema, value);
      };
    case "BYTES":
      return (value) => {
        if (value instanceof Uint8Array) return `"${encodeBase64(value)}"`;
        throw mismatch(schema, value);
      };
    case "ARRAY":
      return arrayEncoder(schema, options);
    case "MAP":
      return mapEncoder(schema, options);
    case "STRUCT":
      return structEncoder(schema, options);
  }
}

function decimalEncoder(schema: Schema, options: JsonEncodeOptions): JsonEncode {
  const scale = Decimal.scaleOf(schema);
  const numeric = options.decimalFormat === "NUMERIC";
  return (value) => {
    if (!BigDecimal.isBigDecimal(value) || value.scale !== scale) throw mismatch(schema, value);
    if (numeric) return value.toString();
    const text = smallUnscaledToBase64(value.unscaled) ?? encodeBase64(Decimal.fromLogical(schema, value));
    return `"${text}"`;
  };
}

function arrayEncoder(schema: Schema, options: JsonEncodeOptions): JsonEncode {
  const element = compileEncoder(schema.valueSchema(), options);
  return (value) => {
    if (!Array.isArray(value)) throw mismatch(schema, value);
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ",";
      try {
        out += element(value[i]);
      } catch (error) {
        throw JsonProblem.at(error, `[${i}]`);
      }
    }
    return `${out}]`;
  };
}

function mapEncoder(schema: Schema, options: JsonEncodeOptions): JsonEncode {
  const keySchema = schema.keySchema();
  const key = compileEncoder(keySchema, options);
  const item = compileEncoder(schema.valueSchema(), options);
  // Maps with string keys are JSON objects; any other key type makes an array of [key, value] pairs.
  const objectMode = keySchema.type === "STRING";
  return (value) => {
    if (!(value instanceof Map)) throw mismatch(schema, value);
    let out = objectMode ? "{" : "[";
    let first = true;
    for (const [entryKey, entryValue] of value) {
      if (!first) out += ",";
      first = false;
      try {
        if (objectMode) {
          if (typeof entryKey !== "string") throw mismatch(keySchema, entryKey);
          out += `${quoteJson(entryKey)}:${item(entryValue)}`;
        } else {
          out += `[${key(entryKey)},${item(entryValue)}]`;
        }
      } catch (error) {
        throw JsonProblem.at(
          error,
          `[${typeof entryKey === "string" ? JSON.stringify(entryKey) : String(entryKey)}]`,
        );
      }
    }
    return out + (objectMode ? "}" : "]");
  };
}

function structEncoder(schema: Schema, options: JsonEncodeOptions): JsonEncode {
  const fields: readonly Field[] = schema.fields();
  const encoders = fields.map((field) => compileEncoder(field.schema, options));
  const prefixes = fields.map((field, i) => `${i === 0 ? "" : ","}${quoteJson(field.name)}:`);
  return (value) => {
    if (!Struct.isStruct(value)) throw mismatch(schema, value);
    if (value.schema !== schema && !value.schema.equals(schema)) {
      throw new JsonProblem(
        `a Struct of schema ${schema.toString()}`,
        `a Struct of another schema, ${value.schema.toString()}`,
      );
    }
    let out = "{";
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i] as Field;
      try {
        out += (prefixes[i] as string) + (encoders[i] as JsonEncode)(value.getWithoutDefault(field));
      } catch (error) {
        throw JsonProblem.at(error, `.${field.name}`);
      }
    }
    return `${out}}`;
  };
}
