import { describe, expect, it } from "vitest";
import { DataError } from "../../errors/connect-error.js";
import { BigDecimal } from "../big-decimal.js";
import { ConnectDate } from "../logical/date.js";
import { Decimal } from "../logical/decimal.js";
import { Schema } from "../schema.js";
import { SchemaBuilder } from "../schema-builder.js";
import { Struct } from "../struct.js";
import { convertToString } from "./format-string.js";

describe("convertToString", () => {
  it.each<[string, Schema | null, unknown, string | null]>([
    ["null", null, null, null],
    ["undefined", Schema.OPTIONAL_STRING_SCHEMA, undefined, null],
    ["a string, as it is", Schema.STRING_SCHEMA, 'three"blind\\"mice', 'three"blind\\"mice'],
    ["the text null", Schema.STRING_SCHEMA, "null", "null"],
    ["an empty string", Schema.STRING_SCHEMA, "", ""],
    ["a boolean", Schema.BOOLEAN_SCHEMA, false, "false"],
    ["an INT8", Schema.INT8_SCHEMA, -128, "-128"],
    ["an INT32", Schema.INT32_SCHEMA, 2147483647, "2147483647"],
    ["an INT64 past 2^53", Schema.INT64_SCHEMA, 9007199254740993n, "9007199254740993"],
    ["the smallest INT64", null, -(2n ** 63n), "-9223372036854775808"],
    ["a FLOAT32", Schema.FLOAT32_SCHEMA, Math.fround(1.1), "1.1"],
    ["a whole FLOAT32", Schema.FLOAT32_SCHEMA, 1, "1.0"],
    ["a large FLOAT32", Schema.FLOAT32_SCHEMA, 1e10, "1.0E10"],
    ["a whole FLOAT64", Schema.FLOAT64_SCHEMA, 1, "1.0"],
    ["a large FLOAT64", Schema.FLOAT64_SCHEMA, 1e20, "1.0E20"],
    ["a small FLOAT64", Schema.FLOAT64_SCHEMA, 1e-5, "1.0E-5"],
    ["a FLOAT64 NaN", Schema.FLOAT64_SCHEMA, Number.NaN, "NaN"],
    ["a FLOAT64 -0", Schema.FLOAT64_SCHEMA, -0, "-0.0"],
    ["bytes, in base64", Schema.BYTES_SCHEMA, new Uint8Array([1, 2, 3]), "AQID"],
    ["a Decimal", Decimal.schema(2), BigDecimal.parse("12.34"), "12.34"],
    ["a Decimal with a negative scale", Decimal.schema(-3), BigDecimal.parse("1E+3"), "1E+3"],
    ["a small Decimal", null, BigDecimal.parse("0.00000012"), "1.2E-7"],
    ["a Date", ConnectDate.schema(), new Date("2019-08-23T00:00:00Z"), "2019-08-23"],
    ["a Timestamp", null, new Date("2019-08-23T14:34:54.346Z"), "2019-08-23T14:34:54.346Z"],
    ["a Time", null, new Date("1970-01-01T14:34:54.346Z"), "14:34:54.346Z"],
    ["a Timestamp at midnight, as a date", null, new Date("2019-08-23T00:00:00Z"), "2019-08-23"],
    ["the epoch, as a time", null, new Date(0), "00:00:00.000Z"],
  ])("writes %s as Kafka does", (_what, schema, value, text) => {
    expect(convertToString(schema, value)).toBe(text);
  });

  it.each([
    [1, "1"],
    [-5, "-5"],
    [1.5, "1.5"],
    [3e9, "3.0E9"],
    [1e20, "1.0E20"],
    [0.0001, "1.0E-4"],
    [-0, "-0.0"],
    [Math.fround(1.1), "1.100000023841858"],
  ])(
    "writes the number %s without a schema as an Integer when it is one, else as a Double: %s",
    (value, text) => {
      expect(convertToString(null, value)).toBe(text);
    },
  );

  it("writes bytes from a view into a larger buffer", () => {
    const buffer = new Uint8Array([9, 9, 1, 2, 3, 9]);
    expect(convertToString(null, buffer.subarray(2, 5))).toBe("AQID");
  });

  it("writes arrays and maps compactly, quoting and escaping strings inside", () => {
    expect(convertToString(null, [1, 2, 3])).toBe("[1,2,3]");
    expect(convertToString(null, [])).toBe("[]");
    expect(convertToString(null, ["foo", 'b"a\\r', null])).toBe('["foo","b\\"a\\\\r",null]');
    expect(convertToString(null, [new Uint8Array([1, 2, 3])])).toBe('["AQID"]');
    expect(convertToString(null, [true, 5n, BigDecimal.parse("1.50")])).toBe("[true,5,1.50]");
    expect(convertToString(null, new Map([["a", 1]]))).toBe('{"a":1}');
    expect(convertToString(null, new Map())).toBe("{}");
    expect(
      convertToString(
        null,
        new Map<unknown, unknown>([
          [1, [1, 2]],
          ["k", new Map([[true, null]])],
        ]),
      ),
    ).toBe('{1:[1,2],"k":{true:null}}');
    expect(convertToString(null, [new Date("2019-08-23T00:00:00Z"), new Date(1000)])).toBe(
      "[2019-08-23,00:00:01.000Z]",
    );
  });

  it("follows the schema into containers to tell floats from doubles", () => {
    const floats = SchemaBuilder.array(Schema.FLOAT32_SCHEMA).build();
    expect(convertToString(floats, [Math.fround(1.1), 2])).toBe("[1.1,2.0]");
    const doubles = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.FLOAT64_SCHEMA).build();
    expect(convertToString(doubles, new Map([["x", 1]]))).toBe('{"x":1.0}');
    expect(convertToString(Schema.STRING_SCHEMA, [1.0])).toBe("[1]");
  });

  it("writes structs as maps of quoted field names, with defaults applied and schemas followed", () => {
    const point = SchemaBuilder.struct().field("x", Schema.FLOAT32_SCHEMA).build();
    const schema = SchemaBuilder.struct()
      .field("id", Schema.INT64_SCHEMA)
      .field("note", Schema.OPTIONAL_STRING_SCHEMA)
      .field("qty", SchemaBuilder.int32().defaultValue(1))
      .field('we"ird', Schema.BOOLEAN_SCHEMA)
      .field("at", point)
      .build();
    const struct = new Struct(schema)
      .put("id", 42n)
      .put('we"ird', true)
      .put("at", new Struct(point).put("x", Math.fround(0.1)));
    expect(convertToString(schema, struct)).toBe(
      '{"id":42,"note":null,"qty":1,"we\\"ird":true,"at":{"x":0.1}}',
    );
    expect(convertToString(null, new Struct(SchemaBuilder.struct().build()))).toBe("{}");
  });

  it("rejects values that are not Connect data", () => {
    expect(() => convertToString(null, { a: 1 })).toThrow(DataError);
    expect(() => convertToString(null, { a: 1 })).toThrow(/Use a Map for MAP values/);
    expect(() => convertToString(null, [Symbol.iterator])).toThrow(DataError);
    expect(() => convertToString(null, new Date(Number.NaN))).toThrow(/invalid Date/);
  });
});
