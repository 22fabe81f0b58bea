import { describe, expect, it } from "vitest";
import { DataError } from "../../errors/connect-error.js";
import { BigDecimal } from "../big-decimal.js";
import { ConnectDate } from "../logical/date.js";
import { Decimal } from "../logical/decimal.js";
import { ConnectTime } from "../logical/time.js";
import { ConnectTimestamp } from "../logical/timestamp.js";
import { Schema } from "../schema.js";
import { SchemaBuilder } from "../schema-builder.js";
import { Struct } from "../struct.js";
import { convertToList, convertToMap, convertToStruct } from "./convert-container.js";
import { convertToDecimal } from "./convert-decimal.js";
import {
  convertToBoolean,
  convertToByte,
  convertToDouble,
  convertToFloat,
  convertToInteger,
  convertToLong,
  convertToShort,
} from "./convert-number.js";
import { convertToDate, convertToTime, convertToTimestamp } from "./convert-temporal.js";

const DATE = ConnectDate.schema();
const TIME = ConnectTime.schema();
const TIMESTAMP = ConnectTimestamp.schema();
const MILLIS_PER_DAY = 86_400_000;

describe("integer conversions", () => {
  it.each<[unknown, number, number, number, bigint]>([
    ["0", 0, 0, 0, 0n],
    ["-1", -1, -1, -1, -1n],
    ["300", 44, 300, 300, 300n],
    ["-129", 127, -129, -129, -129n],
    ["70000", 112, 4464, 70000, 70000n],
    ["3000000000", 0, 24064, -1294967296, 3000000000n],
    ["9223372036854775808", 0, 0, 0, -9223372036854775808n],
    ["18446744073709551617", 1, 1, 1, 1n],
    ["1.5", 1, 1, 1, 1n],
    ["-1.5", -1, -1, -1, -1n],
    ["1e3", -24, 1000, 1000, 1000n],
    ["+7", 7, 7, 7, 7n],
    ["1e400", 0, 0, 0, 0n],
    [1.1, 1, 1, 1, 1n],
    [-2.9, -2, -2, -2, -2n],
    [1e20, -1, -1, -1, 9223372036854775807n],
    [Number.POSITIVE_INFINITY, -1, -1, -1, 9223372036854775807n],
    [Number.NEGATIVE_INFINITY, 0, 0, 0, -9223372036854775808n],
    [Number.NaN, 0, 0, 0, 0n],
    [9007199254740993n, 1, 1, 1, 9007199254740993n],
    [2n ** 64n + 5n, 5, 5, 5, 5n],
    [BigDecimal.parse("12.345"), 12, 12, 12, 12n],
    [BigDecimal.parse("1E+3"), -24, 1000, 1000, 1000n],
    [BigDecimal.parse("18446744073709551617.9"), 1, 1, 1, 1n],
    [BigDecimal.parse("-0.5"), 0, 0, 0, 0n],
  ])(
    "converts %s as Kafka does: INT8 %d, INT16 %d, INT32 %d, INT64 %d",
    (value, int8, int16, int32, int64) => {
      expect(convertToByte(Schema.STRING_SCHEMA, value)).toBe(int8);
      expect(convertToShort(null, value)).toBe(int16);
      expect(convertToInteger(undefined, value)).toBe(int32);
      expect(convertToLong(null, value)).toBe(int64);
    },
  );

  it("converts INT64 text beyond 2^53 exactly", () => {
    expect(convertToLong(Schema.STRING_SCHEMA, "9007199254740993")).toBe(9007199254740993n);
    expect(convertToLong(null, "-9223372036854775808")).toBe(-(2n ** 63n));
  });

  it("returns null for null", () => {
    for (const convert of [convertToByte, convertToShort, convertToInteger, convertToLong]) {
      expect(convert(null, null)).toBeNull();
      expect(convert(Schema.INT32_SCHEMA, undefined)).toBeNull();
    }
  });

  it.each([" 5", "5 ", "abc", "true", "NaN", "0x10", "", true, false, new Uint8Array([1]), [1], new Map()])(
    "rejects %s, which holds no number, naming the value and the target",
    (value) => {
      expect(() => convertToInteger(null, value)).toThrow(DataError);
      expect(() => convertToLong(null, value)).toThrow(/Cannot convert .* to INT64/);
    },
  );

  it("reads Dates as days or milliseconds only with their logical schema", () => {
    const day = new Date(18_000 * MILLIS_PER_DAY);
    expect(convertToInteger(DATE, day)).toBe(18_000);
    expect(convertToInteger(TIME, new Date(1000))).toBe(1000);
    expect(convertToLong(TIMESTAMP, new Date(1_566_570_894_346))).toBe(1_566_570_894_346n);
    expect(() => convertToLong(null, day)).toThrow(/Date, Time or Timestamp schema/);
    expect(() => convertToLong(Schema.STRING_SCHEMA, day)).toThrow(/from Schema\{STRING\}/);
    expect(() => convertToInteger(DATE, new Date(1000))).toThrow(/midnight/);
  });
});

describe("convertToBoolean", () => {
  it.each<[unknown, boolean]>([
    [true, true],
    [false, false],
    ["true", true],
    ["false", false],
    [" true ", true],
    ["0", false],
    ["1", true],
    ["-1", true],
    ["0.5", false],
    ["1e3", true],
    ["1e400", false],
    [0, false],
    [0.5, false],
    [-2.9, true],
    [Number.NaN, false],
    [0n, false],
    [2n ** 64n, false],
    [BigDecimal.parse("-0.5"), false],
    [BigDecimal.parse("12.345"), true],
  ])("converts %s to %s", (value, expected) => {
    expect(convertToBoolean(null, value)).toBe(expected);
  });

  it("returns null for null and rejects other text", () => {
    expect(convertToBoolean(null, null)).toBeNull();
    for (const text of ['"green"', "TRUE", "yes", "null"]) {
      expect(() => convertToBoolean(Schema.STRING_SCHEMA, text)).toThrow(DataError);
    }
    expect(() => convertToBoolean(null, new Uint8Array([1]))).toThrow(/to BOOLEAN/);
  });
});

describe("floating-point conversions", () => {
  it.each<[unknown, number, number]>([
    ["1.5", 1.5, 1.5],
    ["0.1", Math.fround(0.1), 0.1],
    ["300", 300, 300],
    ["9223372036854775808", 2 ** 63, 2 ** 63],
    ["1e400", Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY],
    [1.1, Math.fround(1.1), 1.1],
    [1e300, Number.POSITIVE_INFINITY, 1e300],
    [Number.NaN, Number.NaN, Number.NaN],
    [9007199254740993n, 9007199254740992, 9007199254740992],
    [BigDecimal.parse("12.345"), Math.fround(12.345), 12.345],
  ])("converts %s to FLOAT32 %d and FLOAT64 %d", (value, float, double) => {
    expect(convertToFloat(null, value)).toBe(float);
    expect(convertToDouble(null, value)).toBe(double);
  });

  it("returns null for null and rejects what holds no number", () => {
    expect(convertToFloat(null, null)).toBeNull();
    expect(convertToDouble(null, undefined)).toBeNull();
    expect(() => convertToDouble(null, "NaN")).toThrow(/to FLOAT64/);
    expect(() => convertToFloat(null, true)).toThrow(/to FLOAT32/);
  });
});

describe("temporal conversions", () => {
  const now = new Date(1_566_570_894_346);
  const midnight = new Date(1_566_518_400_000);
  const timeOfDay = new Date(52_494_346);

  it("converts to a Time", () => {
    expect(convertToTime(TIME, now)).toBe(now);
    expect(convertToTime(null, now)).toBe(now);
    expect(convertToTime(TIMESTAMP, now)).toEqual(timeOfDay);
    expect(convertToTime(TIMESTAMP, new Date(-1))).toEqual(new Date(MILLIS_PER_DAY - 1));
    expect(convertToTime(TIME, "52494346")).toEqual(timeOfDay);
    expect(convertToTime(TIME, 52_494_346)).toEqual(timeOfDay);
    expect(convertToTime(null, "14:34:54.346Z")).toEqual(timeOfDay);
    expect(() => convertToTime(TIME, 86_400_001)).toThrow(/0 to 86400000/);
    expect(() => convertToTime(TIME, -1)).toThrow(DataError);
  });

  it("converts to a Date", () => {
    expect(convertToDate(DATE, now)).toBe(now);
    expect(convertToDate(TIMESTAMP, now)).toEqual(midnight);
    // Counted toward the epoch, as Kafka does: noon on 1969-12-31 gives 1970-01-01.
    expect(convertToDate(TIMESTAMP, new Date(-MILLIS_PER_DAY / 2))).toEqual(new Date(0));
    expect(convertToDate(DATE, "18131")).toEqual(midnight);
    expect(convertToDate(DATE, 18_131)).toEqual(midnight);
    expect(convertToDate(DATE, 18_131n)).toEqual(midnight);
    expect(convertToDate(null, "2019-08-23")).toEqual(midnight);
    // Kafka reads a Time's milliseconds as days here.
    expect(convertToDate(TIME, new Date(2))).toEqual(new Date(2 * MILLIS_PER_DAY));
    expect(() => convertToDate(DATE, 3_000_000_000)).toThrow(/outside the range of a JavaScript Date/);
  });

  it("converts to a Timestamp", () => {
    expect(convertToTimestamp(TIMESTAMP, now)).toBe(now);
    expect(convertToTimestamp(DATE, midnight)).toEqual(midnight);
    expect(convertToTimestamp(TIME, timeOfDay)).toEqual(timeOfDay);
    expect(convertToTimestamp(TIMESTAMP, "1566570894346")).toEqual(now);
    expect(convertToTimestamp(TIMESTAMP, 1_566_570_894_346n)).toEqual(now);
    expect(convertToTimestamp(null, "2019-08-23T14:34:54.346Z")).toEqual(now);
    expect(() => convertToTimestamp(DATE, now)).toThrow(/midnight/);
    expect(() => convertToTimestamp(Schema.INT32_SCHEMA, now)).toThrow(DataError);
    expect(() => convertToTimestamp(null, 2n ** 62n)).toThrow(/JavaScript Date/);
  });

  it("converts ISO text that comes with a STRING schema, which Kafka rejects", () => {
    expect(convertToDate(Schema.STRING_SCHEMA, "2019-08-23")).toEqual(midnight);
    expect(convertToTimestamp(Schema.STRING_SCHEMA, "2019-08-23T14:34:54.346Z")).toEqual(now);
    expect(convertToTime(Schema.STRING_SCHEMA, "14:34:54.346Z")).toEqual(timeOfDay);
  });

  it("rejects null, and text that holds null or no instant", () => {
    expect(() => convertToTime(null, null)).toThrow(/a value is required/);
    expect(() => convertToDate(null, null)).toThrow(DataError);
    expect(() => convertToTimestamp(null, undefined)).toThrow(DataError);
    expect(() => convertToDate(null, "null")).toThrow(/holds null/);
    expect(() => convertToTimestamp(null, "yesterday")).toThrow(/to a Timestamp/);
  });
});

describe("convertToDecimal", () => {
  it("reads the same number alike from a float, text, a BigDecimal and unscaled bytes", () => {
    const expected = BigDecimal.parse("1.0");
    const bytes = Decimal.fromLogical(Decimal.schema(1), expected);
    expect(convertToDecimal(null, Math.fround(1), 1)).toEqual(expected);
    expect(convertToDecimal(null, "1.0", 1)).toEqual(expected);
    expect(convertToDecimal(null, expected, 1)).toBe(expected);
    expect(convertToDecimal(null, bytes, 1)).toEqual(expected);
  });

  it.each<[unknown, string]>([
    [1, "1.0"],
    [0.1, "0.1"],
    [1e20, "1.0E+20"],
    [3000000000n, "3.0E+9"],
    [9007199254740993n, "9007199254740993"],
    [-(2n ** 63n), "-9223372036854775808"],
    ["123456789012345678901234567890.12", "123456789012345678901234567890.12"],
    [BigDecimal.parse("12.345"), "12.345"],
  ])("converts %s to %s, never losing digits", (value, text) => {
    expect(convertToDecimal(null, value, 2).toString()).toBe(text);
  });

  it("rejects null, non-finite numbers and other values", () => {
    expect(() => convertToDecimal(null, null, 2)).toThrow(/a value is required/);
    expect(() => convertToDecimal(null, Number.NaN, 2)).toThrow(/finite/);
    expect(() => convertToDecimal(null, "12,5", 2)).toThrow(/not a decimal number/);
    expect(() => convertToDecimal(null, true, 2)).toThrow(DataError);
  });
});

describe("container conversions", () => {
  it("converts arrays and array text", () => {
    const list = [1, 2];
    expect(convertToList(null, list)).toBe(list);
    expect(convertToList(Schema.STRING_SCHEMA, "[1, 2, 32768]")).toEqual([1, 2, 32768]);
    expect(convertToList(Schema.STRING_SCHEMA, "[1, 2, 3.4028235E38]")).toEqual([
      1,
      2,
      Math.fround(3.4028235e38),
    ]);
    expect(() => convertToList(Schema.STRING_SCHEMA, "[1, 2, 3,,,]")).toThrow(/to ARRAY/);
    expect(() => convertToList(Schema.STRING_SCHEMA, '[1, 2, 3, "four",,,]')).toThrow(DataError);
    expect(() => convertToList(null, null)).toThrow(/a value is required/);
    expect(() => convertToList(null, new Map())).toThrow(DataError);
  });

  it("converts Maps and map text", () => {
    expect(convertToMap(Schema.STRING_SCHEMA, '{"a": 1}')).toEqual(new Map([["a", 1]]));
    expect(() =>
      convertToMap(Schema.STRING_SCHEMA, ' { "foo" :  "1234567890" ,, "bar" : "0",  "baz" : "boz" }  '),
    ).toThrow(/to MAP/);
    expect(() => convertToMap(null, { a: 1 })).toThrow(/a Map/);
    expect(() => convertToMap(null, undefined)).toThrow(DataError);
  });

  it("converts only Structs to Structs", () => {
    const struct = new Struct(SchemaBuilder.struct().build());
    expect(convertToStruct(struct.schema, struct)).toBe(struct);
    expect(() => convertToStruct(struct.schema, null)).toThrow(DataError);
    expect(() => convertToStruct(struct.schema, "")).toThrow(/no other value converts to one/);
  });
});
