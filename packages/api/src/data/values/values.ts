import type { BigDecimal } from "../big-decimal.js";
import type { Schema } from "../schema.js";
import type { SchemaAndValue } from "../schema-and-value.js";
import type { Struct } from "../struct.js";
import * as containers from "./convert-container.js";
import * as decimals from "./convert-decimal.js";
import * as numbers from "./convert-number.js";
import * as temporals from "./convert-temporal.js";
import * as text from "./format-string.js";
import * as inference from "./infer-schema.js";
import * as parsing from "./parse-string.js";

/**
 * Converts Connect values from one kind to another and to and from text, as Kafka Connect's `Values` does; it is
 * what `SimpleHeaderConverter` writes headers with (`convertToString`) and reads them with (`parseString`).
 *
 * Every function is pure and may be called concurrently. Each takes the value's schema where Kafka does; it may be
 * `null` or `undefined`, and matters for logical types (a Date with a Timestamp schema is an instant) and, since a
 * JavaScript number does not say whether it is a float, for the text of FLOAT32 values.
 *
 * Conversions follow Kafka's rules, including where they are lenient:
 * - Integer conversions take the integer part and wrap to the target's width as Java's casts do: 300 becomes the
 *   INT8 44, `2.9` becomes 2, `"-1.5"` becomes -1. Nothing is range-checked. Doubles past ±2^63 saturate; NaN is 0.
 * - Text is read as an exact decimal (`"1e3"`, `"+7"`, `"0.5"`), never with spaces; `"true"`/`"false"` only as
 *   booleans. Booleans do not become numbers (a DataError), but numbers become booleans (zero is false).
 * - Failures are `DataError`s naming the value and the target.
 *
 * Where Kafka's behaviour cannot carry over to JavaScript values, or loses data, Tributary differs, as each function
 * says: INT64 values are bigints and convert exactly; a Timestamp beyond what a JavaScript `Date` holds is an error.
 *
 * @example
 * ```ts
 * Values.convertToLong(Schema.STRING_SCHEMA, "9007199254740993"); // 9007199254740993n
 * Values.convertToString(null, new Map([["a", [1, 2]]]));         // '{"a":[1,2]}'
 * Values.parseString("[1, 2, 300]");  // { schema: ARRAY of INT16, value: [1, 2, 300] }
 * ```
 * @namespace
 */
export const Values = Object.freeze({
  /**
   * The value as a BOOLEAN: booleans as they are; `"true"` or `"false"` text; any other number or numeric text is
   * false when its integer part is zero (`0.5` and `"0"` are false, `-1` and `"1e3"` true). Null gives null.
   * @throws DataError for text that is neither a boolean nor a number, and for values that are not numbers.
   */
  convertToBoolean(schema: Schema | null | undefined, value: unknown): boolean | null {
    return numbers.convertToBoolean(schema, value);
  },
  /**
   * The value as an INT8 `number`: the integer part of a number, bigint, BigDecimal or numeric text, wrapped to
   * 8 bits (`300` gives 44, `-129` gives 127), as Kafka does. A Date counts as days/milliseconds when `schema` is a
   * Date, Time or Timestamp schema. Null gives null.
   * @throws DataError when the value holds no number.
   */
  convertToByte(schema: Schema | null | undefined, value: unknown): number | null {
    return numbers.convertToByte(schema, value);
  },
  /** As {@link Values.convertToByte}, wrapped to 16 bits (INT16). */
  convertToShort(schema: Schema | null | undefined, value: unknown): number | null {
    return numbers.convertToShort(schema, value);
  },
  /** As {@link Values.convertToByte}, wrapped to 32 bits (INT32). */
  convertToInteger(schema: Schema | null | undefined, value: unknown): number | null {
    return numbers.convertToInteger(schema, value);
  },
  /**
   * The value as an INT64 `bigint`: exact for bigints, BigDecimals and numeric text of any size below 2^63
   * (`"9007199254740993"` stays exact); the integer part otherwise; wider values keep their low 64 bits and doubles
   * past ±2^63 saturate. A Timestamp (with its schema) gives its epoch milliseconds. Null gives null.
   * @throws DataError when the value holds no number.
   */
  convertToLong(schema: Schema | null | undefined, value: unknown): bigint | null {
    return numbers.convertToLong(schema, value);
  },
  /**
   * The value as a FLOAT32: its double (see {@link Values.convertToDouble}) rounded to single precision, so
   * `convertToFloat(null, 1.1)` is `Math.fround(1.1)`. Null gives null.
   * @throws DataError when the value holds no number.
   */
  convertToFloat(schema: Schema | null | undefined, value: unknown): number | null {
    return numbers.convertToFloat(schema, value);
  },
  /**
   * The value as a FLOAT64: numbers as they are; bigints, BigDecimals and numeric text rounded to the nearest
   * double (`"1e400"` is Infinity, `"NaN"` is not a number). Null gives null.
   * @throws DataError when the value holds no number.
   */
  convertToDouble(schema: Schema | null | undefined, value: unknown): number | null {
    return numbers.convertToDouble(schema, value);
  },
  /**
   * The value as Kafka writes it as text, exactly: strings as they are at the top level and quoted (with `\` and `"`
   * escaped) inside containers; `null` inside containers; arrays `[1,2,3]`; maps `{"a":1}`; structs as maps of field
   * name to value (defaults applied); bytes in base64; Decimals as Java's `BigDecimal.toString` (`1E+3`);
   * Date/Time/Timestamp as `yyyy-MM-dd`, `HH:mm:ss.SSSZ` or `yyyy-MM-ddTHH:mm:ss.SSSZ` in UTC, chosen by the
   * instant as Kafka chooses (any instant before 1970-01-02 prints as a time).
   *
   * Numbers print as Java prints them: a FLOAT64 as `Double.toString` (`1.0`, `1.0E20`, `1.0E-5`), a FLOAT32 as
   * `Float.toString`, integers plainly. Only the schema can say a number is a FLOAT32, so pass it (it is followed
   * into arrays, maps and structs); without one, a 32-bit integer prints as an integer and anything else as a double.
   * Null gives null.
   * @throws DataError for a value that is not Connect data (a plain object, an invalid Date).
   */
  convertToString(schema: Schema | null | undefined, value: unknown): string | null {
    return text.convertToString(schema, value);
  },
  /**
   * The value as an ARRAY: arrays as they are, or text that {@link Values.parseString} reads as an array.
   * @throws DataError for null and for anything else.
   */
  convertToList(schema: Schema | null | undefined, value: unknown): unknown[] {
    return containers.convertToList(schema, value);
  },
  /**
   * The value as a MAP: Maps as they are, or text that {@link Values.parseString} reads as a map.
   * @throws DataError for null and for anything else (plain objects included).
   */
  convertToMap(schema: Schema | null | undefined, value: unknown): Map<unknown, unknown> {
    return containers.convertToMap(schema, value);
  },
  /**
   * The value as a STRUCT: only a Struct is one.
   * @throws DataError for null and for anything else.
   */
  convertToStruct(schema: Schema | null | undefined, value: unknown): Struct {
    return containers.convertToStruct(schema, value);
  },
  /**
   * The value as a Date (a `Date` at midnight UTC): a `Date` as it is when `schema` is null or a Date schema; the
   * day of a Timestamp (counted toward the epoch, so 1969-12-31T12:00 gives 1970-01-01, as in Kafka); a number
   * (or a Date with a Time schema, as Kafka does) as days since the epoch; text parsed with
   * {@link Values.parseString} first (`"2019-08-23"`, `"18000"`). Unlike Kafka, ISO text that comes with a STRING
   * schema converts.
   * @throws DataError for null, for a value that holds no date, and for a day beyond a JavaScript `Date`.
   */
  convertToDate(schema: Schema | null | undefined, value: unknown): Date {
    return temporals.convertToDate(schema, value);
  },
  /**
   * The value as a Time (a `Date` on 1970-01-01 UTC): a `Date` as it is when `schema` is null or a Time schema; the
   * time of day of a Timestamp; a number as milliseconds since midnight (0 to 86,400,000); text parsed first
   * (`"14:34:54.346Z"`, `"1000"`).
   * @throws DataError for null, for a value that holds no time, or milliseconds outside one day.
   */
  convertToTime(schema: Schema | null | undefined, value: unknown): Date {
    return temporals.convertToTime(schema, value);
  },
  /**
   * The value as a Timestamp (a `Date`): a `Date` as it is when `schema` is null or a Timestamp schema; midnight of a
   * Date, or 1970-01-01 at a Time; a number as epoch milliseconds; text parsed first
   * (`"2019-08-23T14:34:54.346Z"`, `"1566570894346"`).
   * @throws DataError for null, for a value that holds no instant, or one beyond a JavaScript `Date` (±8.64e15 ms).
   */
  convertToTimestamp(schema: Schema | null | undefined, value: unknown): Date {
    return temporals.convertToTimestamp(schema, value);
  },
  /**
   * The value as a Decimal (a `BigDecimal`): a BigDecimal as it is (its own scale kept); bytes as the unscaled
   * value with `scale`; a number as Java's `BigDecimal.valueOf(double)` (the digits `Double.toString` shows, so `1`
   * gives `1.0`); decimal text exactly. A bigint gives Kafka's answer (through a double:
   * `3000000000n` gives `3.0E+9`) where that is exact, and the exact integer where Kafka would lose digits.
   * @throws DataError for null, NaN, infinities and anything that is not a number.
   */
  convertToDecimal(schema: Schema | null | undefined, value: unknown, scale: number): BigDecimal {
    return decimals.convertToDecimal(schema, value, scale);
  },
  /**
   * A schema for a value that carries no schema, or null when none can be found: STRING, BOOLEAN, INT64 for bigints,
   * INT32 for numbers that are 32-bit integers and FLOAT64 for other numbers, BYTES, a Struct's own schema. An
   * array or Map gets one when it is not empty and its non-null elements (keys, values) share one primitive type;
   * the element schema is that type's plain schema, optional when there are nulls. Dates and BigDecimals get none
   * (their logical type cannot be told from the value), as in Kafka.
   */
  inferSchema(value: unknown): Schema | null {
    return inference.inferSchema(value);
  },
  /**
   * Reads text into a schema and value, as Kafka reads `SimpleHeaderConverter` headers:
   * - `null` (spaces around allowed) and a null `text` give a null schema and value; empty text is an empty STRING.
   * - `true` and `false` are BOOLEAN, unless other text follows (`true}` is a string).
   * - Numbers take the narrowest type that holds them exactly: INT8, INT16, INT32, then INT64 (a bigint) for integers,
   *   `1.0` included; FLOAT32 for other numbers within the float range (`1.1` gives `Math.fround(1.1)`), FLOAT64 past
   *   it; a Decimal (scale 0) for integers beyond 64 bits. A number must start with a digit or sign (`.5` is text).
   * - `yyyy-MM-dd`, `HH:mm:ss.SSSZ` and `yyyy-MM-ddTHH:mm:ss.SSSZ` are Date, Time and Timestamp (UTC), read as
   *   leniently as Java (`2019-02-30` is March 2).
   * - `[...]` and `{...}` are arrays and maps of comma-separated elements and `key:value` entries, whose strings
   *   must be quoted; escape backslashes are kept inside quoted strings, as in Kafka. When every non-null element
   *   (key, value) fits one schema, numeric types widening to the widest, the elements are converted to it and the
   *   schema is an ARRAY or MAP of it. Otherwise the schema is `null` (Kafka gives an ARRAY or MAP schema without an
   *   element schema, which Tributary cannot express), and FLOAT32 elements are the doubles their text shows.
   * - Anything else, including malformed arrays and maps, is the whole text as a STRING. Kafka's quirks are kept:
   *   when the text starts with a number or date, what follows a comma or colon after it is ignored (`12,34` is 12);
   *   text after a complete array or map is ignored (`[1] x` is `[1]`); and malformed text that starts with
   *   whitespace reads as that whitespace alone (`" [1, 2"` is `" "`).
   */
  parseString(text: string | null | undefined): SchemaAndValue {
    return parsing.parseString(text);
  },
});
