import { ConnectDate } from "../logical/date.js";
import { Decimal } from "../logical/decimal.js";
import { ConnectTime } from "../logical/time.js";
import { ConnectTimestamp } from "../logical/timestamp.js";
import type { Schema } from "../schema.js";
import { convertToList, convertToMap, convertToStruct } from "./convert-container.js";
import { toBytes, toDecimal } from "./convert-decimal.js";
import {
  convertToBoolean,
  convertToByte,
  convertToDouble,
  convertToFloat,
  convertToInteger,
  convertToLong,
  convertToShort,
} from "./convert-number.js";
import { toDate, toTime, toTimestamp } from "./convert-temporal.js";
import { formatValue } from "./format-string.js";
import { conversionError } from "./java-number.js";

/**
 * `value` converted to the type of `toSchema` (logical types included), as Kafka's `Values.convertTo`: the parser
 * uses it to bring the elements of an array or map to their common schema.
 * @throws DataError when the value cannot be converted, or is null for a required schema.
 * @internal
 */
export function convertTo(toSchema: Schema, fromSchema: Schema | null, value: unknown): unknown {
  if (value === null || value === undefined) {
    if (toSchema.isOptional) return null;
    throw conversionError(value, toSchema.toString(), "the schema is required, so a value is needed.");
  }
  switch (toSchema.type) {
    case "BYTES":
      return toSchema.name === Decimal.LOGICAL_NAME ? toDecimal(toSchema, value) : toBytes(value);
    case "STRING":
      return formatValue(value, false, fromSchema);
    case "BOOLEAN":
      return convertToBoolean(fromSchema, value);
    case "INT8":
      return convertToByte(fromSchema, value);
    case "INT16":
      return convertToShort(fromSchema, value);
    case "INT32":
      if (toSchema.name === ConnectDate.LOGICAL_NAME) return toDate(toSchema, fromSchema, value);
      if (toSchema.name === ConnectTime.LOGICAL_NAME) return toTime(toSchema, fromSchema, value);
      return convertToInteger(fromSchema, value);
    case "INT64":
      if (toSchema.name === ConnectTimestamp.LOGICAL_NAME) return toTimestamp(toSchema, fromSchema, value);
      return convertToLong(fromSchema, value);
    case "FLOAT32":
      return convertToFloat(fromSchema, value);
    case "FLOAT64":
      return convertToDouble(fromSchema, value);
    case "ARRAY":
      return convertToList(toSchema, value);
    case "MAP":
      return convertToMap(toSchema, value);
    case "STRUCT":
      return convertToStruct(toSchema, value);
  }
}
