import { describe, expect, it } from "vitest";
import { BigDecimal } from "../big-decimal.js";
import { ConnectDate } from "../logical/date.js";
import { Decimal } from "../logical/decimal.js";
import { ConnectTime } from "../logical/time.js";
import { ConnectTimestamp } from "../logical/timestamp.js";
import { Schema } from "../schema.js";
import { SchemaBuilder } from "../schema-builder.js";
import { Values } from "./values.js";

/** Writes a value as a header's text and reads it back, as SimpleHeaderConverter does. */
function roundTrip(schema: Schema | null, value: unknown) {
  const text = Values.convertToString(schema, value);
  return { text, ...Values.parseString(text) };
}

describe("Values", () => {
  it("offers every Kafka conversion, frozen", () => {
    expect(Object.isFrozen(Values)).toBe(true);
    expect(Object.keys(Values).sort()).toEqual(
      [
        "convertToBoolean",
        "convertToByte",
        "convertToDate",
        "convertToDecimal",
        "convertToDouble",
        "convertToFloat",
        "convertToInteger",
        "convertToList",
        "convertToLong",
        "convertToMap",
        "convertToShort",
        "convertToString",
        "convertToStruct",
        "convertToTime",
        "convertToTimestamp",
        "inferSchema",
        "parseString",
      ].sort(),
    );
  });

  it.each<[string, Schema, unknown, string]>([
    ["a boolean", Schema.BOOLEAN_SCHEMA, true, "true"],
    ["an INT8", Schema.INT8_SCHEMA, -128, "-128"],
    ["an INT16", Schema.INT16_SCHEMA, 32767, "32767"],
    ["an INT32", Schema.INT32_SCHEMA, -2147483648, "-2147483648"],
    ["an INT64 past 2^53", Schema.INT64_SCHEMA, 9007199254740993n, "9007199254740993"],
    ["the largest INT64", Schema.INT64_SCHEMA, 2n ** 63n - 1n, "9223372036854775807"],
    ["a FLOAT32", Schema.FLOAT32_SCHEMA, Math.fround(300.01), "300.01"],
    [
      "a FLOAT64 past the float range",
      Schema.FLOAT64_SCHEMA,
      1.7976931348623157e308,
      "1.7976931348623157E308",
    ],
    [
      "a Decimal past 64 bits",
      Decimal.schema(0),
      BigDecimal.parse("98765432109876543210"),
      "98765432109876543210",
    ],
    ["a Date", ConnectDate.schema(), new Date("2019-08-23T00:00:00Z"), "2019-08-23"],
    ["a Time", ConnectTime.schema(), new Date("1970-01-01T14:34:54.346Z"), "14:34:54.346Z"],
    [
      "a Timestamp",
      ConnectTimestamp.schema(),
      new Date("2019-08-23T14:34:54.346Z"),
      "2019-08-23T14:34:54.346Z",
    ],
    ["a string", Schema.STRING_SCHEMA, "simple", "simple"],
    [
      "an array of INT32",
      SchemaBuilder.array(Schema.INT32_SCHEMA).build(),
      [1234567890, -987654321],
      "[1234567890,-987654321]",
    ],
    [
      "an array of strings",
      SchemaBuilder.array(Schema.STRING_SCHEMA).build(),
      ["foo", "bar"],
      '["foo","bar"]',
    ],
    [
      "an array of INT64",
      SchemaBuilder.array(Schema.INT64_SCHEMA).build(),
      [1n, 9007199254740993n],
      "[1,9007199254740993]",
    ],
    [
      "a map of strings",
      SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build(),
      new Map([
        ["foo", "123"],
        ["bar", "baz"],
      ]),
      '{"foo":"123","bar":"baz"}',
    ],
    [
      "a map of INT16",
      SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT16_SCHEMA).build(),
      new Map([
        ["foo", 12345],
        ["bar", 0],
        ["baz", -4321],
      ]),
      '{"foo":12345,"bar":0,"baz":-4321}',
    ],
  ])("writes %s as %j and reads it back with the same schema and value", (_what, schema, value, text) => {
    const result = roundTrip(schema, value);
    expect(result.text).toBe(text);
    expect(result.schema?.equals(schema)).toBe(true);
    expect(result.value).toEqual(value);
  });

  it.each([
    "",
    'three"blind\\"mice',
    "string with delimiters: <>?,./\\=+-!@#$%^&*(){}[]|;':",
    "true}",
    "[foo]",
  ])("writes the string %j and reads it back as the same string", (text) => {
    expect(roundTrip(Schema.STRING_SCHEMA, text)).toEqual({
      text,
      schema: Schema.STRING_SCHEMA,
      value: text,
    });
  });

  it("reads the string null back as null, as Kafka does", () => {
    expect(roundTrip(Schema.STRING_SCHEMA, "null")).toEqual({ text: "null", schema: null, value: null });
    expect(Values.convertToString(Schema.STRING_SCHEMA, "null")).toBe("null");
  });

  it("reads strings back from containers with Kafka's escaping kept, as Kafka does", () => {
    const schema = SchemaBuilder.array(Schema.STRING_SCHEMA).build();
    const result = roundTrip(schema, ['say "hi"']);
    expect(result.text).toBe('["say \\"hi\\""]');
    expect(result.value).toEqual(['say \\"hi\\"']);
  });

  it("reads back values that have no common schema, writing them again to the same text", () => {
    for (const text of [
      '[1,"two",[3],{"four":4}]',
      '[1.1,"a"]',
      '{1:1,"four":1.5}',
      "[null]",
      "[]",
      "{3:null}",
    ]) {
      const { schema, value } = Values.parseString(text);
      expect(schema).toBeNull();
      expect(Values.convertToString(schema, value)).toBe(text);
    }
  });

  it("narrows parsed numbers to the smallest type, so a written type may not be read back", () => {
    const result = roundTrip(Schema.INT64_SCHEMA, 5n);
    expect(result).toEqual({ text: "5", schema: Schema.INT8_SCHEMA, value: 5 });
    expect(Values.convertToLong(result.schema, result.value)).toBe(5n);
    expect(roundTrip(Schema.FLOAT64_SCHEMA, 1).schema).toBe(Schema.INT8_SCHEMA);
  });

  it("converts header text to the type a reader expects", () => {
    expect(Values.convertToLong(Schema.STRING_SCHEMA, "123")).toBe(123n);
    expect(Values.convertToInteger(Schema.STRING_SCHEMA, "1234567890")).toBe(1234567890);
    expect(Values.convertToBoolean(Schema.STRING_SCHEMA, "false")).toBe(false);
    expect(Values.convertToList(Schema.STRING_SCHEMA, "[1, 2, 3]")).toEqual([1, 2, 3]);
    expect(Values.convertToMap(Schema.STRING_SCHEMA, '{"a":[1]}')).toEqual(new Map([["a", [1]]]));
    expect(Values.convertToDecimal(Schema.STRING_SCHEMA, "98765432109876543210.55", 2)).toEqual(
      BigDecimal.parse("98765432109876543210.55"),
    );
    expect(Values.convertToTimestamp(null, "2019-08-23T14:34:54.346Z")).toEqual(new Date(1_566_570_894_346));
    expect(Values.inferSchema(Values.convertToList(null, "[1, 2]"))?.type).toBe("ARRAY");
  });
});
