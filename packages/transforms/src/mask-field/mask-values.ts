import {
  BigDecimal,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  DataError,
  Decimal,
  type Schema,
  Values,
} from "@tributary/api";
import { describeKind } from "../util/requirements.js";

/**
 * What a masked value becomes: a value shared by every record (immutable primitives), a fresh empty container or
 * epoch Date per record (they are mutable), or an error to throw when a value is actually masked.
 * @internal
 */
export type Mask =
  | { readonly kind: "value"; readonly value: unknown }
  | { readonly kind: "emptyArray" }
  | { readonly kind: "emptyMap" }
  | { readonly kind: "epoch" }
  | { readonly kind: "error"; readonly message: string };

const EMPTY_ARRAY: Mask = { kind: "emptyArray" };
const EMPTY_MAP: Mask = { kind: "emptyMap" };
const EPOCH: Mask = { kind: "epoch" };
const DATE_NAMES = new Set<string>([
  ConnectDate.LOGICAL_NAME,
  ConnectTime.LOGICAL_NAME,
  ConnectTimestamp.LOGICAL_NAME,
]);

/**
 * How values of `schema` are masked: with the type's empty value (0, false, "", an empty array or map, the epoch
 * for dates, zero at the schema's scale for Decimals) or, with a `replacement`, that text read as the type (numbers
 * and text only, as in Kafka). Bytes and structs cannot be masked.
 * @internal
 */
export function maskForSchema(schema: Schema, replacement: string | undefined): Mask {
  if (schema.name === Decimal.LOGICAL_NAME) {
    const scale = Decimal.scaleOf(schema);
    if (replacement === undefined) return constant(BigDecimal.of(0n, scale));
    return attempt(() => BigDecimal.parse(replacement).withScale(scale), replacement, "a Decimal");
  }
  if (schema.name !== undefined && DATE_NAMES.has(schema.name)) {
    return replacement === undefined
      ? EPOCH
      : noReplacement(`a ${schema.name.slice(schema.name.lastIndexOf(".") + 1)}`);
  }
  switch (schema.type) {
    case "INT8":
      return number(replacement, 0, Values.convertToByte, "INT8");
    case "INT16":
      return number(replacement, 0, Values.convertToShort, "INT16");
    case "INT32":
      return number(replacement, 0, Values.convertToInteger, "INT32");
    case "INT64":
      return number(replacement, 0n, Values.convertToLong, "INT64");
    case "FLOAT32":
      return number(replacement, 0, Values.convertToFloat, "FLOAT32");
    case "FLOAT64":
      return number(replacement, 0, Values.convertToDouble, "FLOAT64");
    case "STRING":
      return constant(replacement ?? "");
    case "BOOLEAN":
      return replacement === undefined ? constant(false) : noReplacement("a BOOLEAN");
    case "ARRAY":
      return replacement === undefined ? EMPTY_ARRAY : noReplacement("an ARRAY");
    case "MAP":
      return replacement === undefined ? EMPTY_MAP : noReplacement("a MAP");
    case "BYTES":
    case "STRUCT":
      return {
        kind: "error",
        message: `a ${schema.type} value cannot be masked; mask numbers, text, booleans, dates, arrays or maps.`,
      };
  }
}

/**
 * How one schemaless value is masked, chosen by its kind as Kafka chooses by its Java class; a number is read as an
 * INT32 when it is a 32-bit integer and as a FLOAT64 otherwise.
 * @internal
 */
export function maskForValue(value: unknown, replacement: string | undefined): Mask {
  switch (typeof value) {
    case "boolean":
      return replacement === undefined ? constant(false) : noReplacement("a boolean");
    case "number":
      return Number.isInteger(value) && value >= -2147483648 && value <= 2147483647
        ? number(replacement, 0, Values.convertToInteger, "INT32")
        : number(replacement, 0, Values.convertToDouble, "FLOAT64");
    case "bigint":
      return number(replacement, 0n, Values.convertToLong, "INT64");
    case "string":
      return constant(replacement ?? "");
  }
  if (BigDecimal.isBigDecimal(value)) {
    return replacement === undefined
      ? constant(BigDecimal.of(0n, 0))
      : attempt(() => BigDecimal.parse(replacement), replacement, "a Decimal");
  }
  if (value instanceof Date) return replacement === undefined ? EPOCH : noReplacement("a Date");
  if (replacement !== undefined) return noReplacement(describeKind(value));
  if (Array.isArray(value)) return EMPTY_ARRAY;
  if (value instanceof Map) return EMPTY_MAP;
  return {
    kind: "error",
    message: `${describeKind(value)} cannot be masked; mask numbers, text, booleans, dates, arrays or maps.`,
  };
}

/**
 * The masked value; a fresh one for containers and dates.
 * @throws DataError with the mask's message when the value cannot be masked.
 * @internal
 */
export function applyMask(mask: Mask): unknown {
  switch (mask.kind) {
    case "value":
      return mask.value;
    case "emptyArray":
      return [];
    case "emptyMap":
      return new Map();
    case "epoch":
      return new Date(0);
    case "error":
      throw new DataError(mask.message);
  }
}

function constant(value: unknown): Mask {
  return { kind: "value", value };
}

function number(
  replacement: string | undefined,
  zero: unknown,
  convert: (schema: null, text: string) => unknown,
  type: string,
): Mask {
  if (replacement === undefined) return constant(zero);
  return attempt(() => convert(null, replacement), replacement, type === "INT64" ? "an INT64" : `a ${type}`);
}

function attempt(convert: () => unknown, replacement: string, what: string): Mask {
  try {
    return constant(convert());
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      kind: "error",
      message: `the replacement ${JSON.stringify(replacement)} cannot be read as ${what}: ${reason} Set a replacement that fits the masked fields.`,
    };
  }
}

function noReplacement(what: string): Mask {
  return {
    kind: "error",
    message: `${what} value cannot be masked with a custom replacement (only numbers and text can); remove the replacement or mask other fields.`,
  };
}
