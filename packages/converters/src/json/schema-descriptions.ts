import {
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  Decimal,
  type Schema,
  type SchemaType,
} from "@tributary/api";

/** The type names of Kafka's JSON schemas, by schema type. */
export const JSON_TYPE_NAMES: Readonly<Record<SchemaType, string>> = Object.freeze({
  INT8: "int8",
  INT16: "int16",
  INT32: "int32",
  INT64: "int64",
  FLOAT32: "float",
  FLOAT64: "double",
  BOOLEAN: "boolean",
  STRING: "string",
  BYTES: "bytes",
  ARRAY: "array",
  MAP: "map",
  STRUCT: "struct",
});

/**
 * What the JSON for a value of `schema` should look like, for error messages: `an int32 number (-2147483648 to
 * 2147483647)`, `a Decimal with scale 2 (base64 or a number)`.
 * @internal
 */
export function expectedJson(schema: Schema): string {
  switch (schema.name) {
    case Decimal.LOGICAL_NAME:
      return `a Decimal with scale ${schema.parameters?.scale ?? "?"} (base64 of the unscaled value, or a number)`;
    case ConnectDate.LOGICAL_NAME:
      return "a Date (an integer number of days since 1970-01-01)";
    case ConnectTime.LOGICAL_NAME:
      return "a Time (an integer number of milliseconds since midnight)";
    case ConnectTimestamp.LOGICAL_NAME:
      return "a Timestamp (an integer number of milliseconds since the epoch)";
  }
  switch (schema.type) {
    case "INT8":
      return "an int8 number (an integer from -128 to 127)";
    case "INT16":
      return "an int16 number (an integer from -32768 to 32767)";
    case "INT32":
      return "an int32 number (an integer from -2147483648 to 2147483647)";
    case "INT64":
      return "an int64 number (an integer from -2^63 to 2^63-1)";
    case "FLOAT32":
      return "a float number";
    case "FLOAT64":
      return "a double number";
    case "BOOLEAN":
      return "a boolean";
    case "STRING":
      return "a string";
    case "BYTES":
      return "bytes (a base64 string)";
    case "ARRAY":
      return "an array";
    case "MAP":
      return schema.keySchema().type === "STRING"
        ? "a map (a JSON object)"
        : "a map (an array of [key, value] pairs)";
    case "STRUCT":
      return `a struct${schema.name === undefined ? "" : ` ${schema.name}`} (a JSON object)`;
  }
}

/**
 * What JavaScript value a value of `schema` must be, for error messages when writing: `a bigint (INT64)`.
 * @internal
 */
export function expectedValue(schema: Schema): string {
  switch (schema.name) {
    case Decimal.LOGICAL_NAME:
      return `a BigDecimal with scale ${schema.parameters?.scale ?? "?"} (Decimal)`;
    case ConnectDate.LOGICAL_NAME:
      return "a Date at midnight UTC (Date)";
    case ConnectTime.LOGICAL_NAME:
      return "a Date on 1970-01-01 UTC (Time)";
    case ConnectTimestamp.LOGICAL_NAME:
      return "a valid Date (Timestamp)";
  }
  switch (schema.type) {
    case "INT8":
      return "an integer number from -128 to 127 (INT8)";
    case "INT16":
      return "an integer number from -32768 to 32767 (INT16)";
    case "INT32":
      return "an integer number from -2147483648 to 2147483647 (INT32)";
    case "INT64":
      return "a bigint from -2^63 to 2^63-1 (INT64)";
    case "FLOAT32":
      return "a number within the float range (FLOAT32)";
    case "FLOAT64":
      return "a number (FLOAT64)";
    case "BOOLEAN":
      return "a boolean (BOOLEAN)";
    case "STRING":
      return "a string (STRING)";
    case "BYTES":
      return "a Uint8Array (BYTES)";
    case "ARRAY":
      return "an array (ARRAY)";
    case "MAP":
      return "a Map (MAP)";
    case "STRUCT":
      return `a Struct of schema ${schema.toString()} (STRUCT)`;
  }
}
