import { describe, expect, it } from "vitest";
import { BigDecimal } from "../big-decimal.js";
import type { Schema } from "../schema.js";
import { parseString } from "./parse-string.js";

/** A schema in short: `INT8`, `ARRAY<INT16>`, `MAP<STRING,Date>`, `Decimal(0)`, or null. */
function shape(schema: Schema | null): string | null {
  if (schema === null) return null;
  const name = schema.name?.slice(schema.name.lastIndexOf(".") + 1);
  if (name === "Decimal") return `Decimal(${schema.parameters?.scale})`;
  if (name !== undefined) return name;
  if (schema.type === "ARRAY") return `ARRAY<${shape(schema.valueSchema())}>`;
  if (schema.type === "MAP") return `MAP<${shape(schema.keySchema())},${shape(schema.valueSchema())}>`;
  return schema.type;
}

function parse(text: string): [string | null, unknown] {
  const { schema, value } = parseString(text);
  return [shape(schema), value];
}

const WHITESPACE = "\n \t \t\n";
const date = (iso: string) => new Date(iso);

describe("parseString", () => {
  it.each<[string, string | null, unknown]>([
    ["", "STRING", ""],
    ["null", null, null],
    [`${WHITESPACE}null${WHITESPACE}`, null, null],
    ["true", "BOOLEAN", true],
    ["false", "BOOLEAN", false],
    [`${WHITESPACE}true${WHITESPACE}`, "BOOLEAN", true],
    [`${WHITESPACE}false${WHITESPACE}`, "BOOLEAN", false],
    ["simple", "STRING", "simple"],
    ["  ", "STRING", "  "],
    ["'simple' string", "STRING", "'simple' string"],
    ["\uffff", "STRING", "\uffff"],
  ])("reads %j as %s %j", (text, schema, value) => {
    expect(parse(text)).toEqual([schema, value]);
  });

  it("gives a null schema and value for null text", () => {
    expect(parseString(null)).toEqual({ schema: null, value: null });
    expect(parseString(undefined)).toEqual({ schema: null, value: null });
  });

  it.each([
    ["127", "INT8", 127],
    ["-128", "INT8", -128],
    ["128", "INT16", 128],
    ["32767", "INT16", 32767],
    ["-32768", "INT16", -32768],
    ["32768", "INT32", 32768],
    ["2147483647", "INT32", 2147483647],
    ["-2147483648", "INT32", -2147483648],
    ["2147483648", "INT64", 2147483648n],
    ["9223372036854775807", "INT64", 9223372036854775807n],
    ["-9223372036854775808", "INT64", -9223372036854775808n],
    ["9007199254740993", "INT64", 9007199254740993n],
    ["9223372036854775808", "Decimal(0)", BigDecimal.parse("9223372036854775808")],
    ["-9223372036854775809", "Decimal(0)", BigDecimal.parse("-9223372036854775809")],
    ["100000000000000000000", "Decimal(0)", BigDecimal.parse("100000000000000000000")],
    ["+5", "INT8", 5],
    ["1e5", "INT32", 100000],
    ["5.", "INT8", 5],
    ["0.0", "INT8", 0],
    ["-0.0", "INT8", 0],
    ["1.0", "INT8", 1],
    ["300.0", "INT16", 300],
    ["66000.0", "INT32", 66000],
    ["1.1", "FLOAT32", Math.fround(1.1)],
    ["300.01", "FLOAT32", Math.fround(300.01)],
    ["66000.0008", "FLOAT32", Math.fround(66000.0008)],
    ["3.4028235E38", "FLOAT32", Math.fround(3.4028235e38)],
    ["-3.4028235E38", "FLOAT32", Math.fround(-3.4028235e38)],
    // An integer beyond 64 bits written with an exponent has a non-zero scale, so it is a float, as in Kafka.
    ["1e20", "FLOAT32", Math.fround(1e20)],
    ["1e-50", "FLOAT32", 0],
    ["1.7976931348623157E308", "FLOAT64", 1.7976931348623157e308],
    ["-1.7976931348623157E308", "FLOAT64", -1.7976931348623157e308],
    ["1e400", "Decimal(-400)", BigDecimal.parse("1e400")],
    ["21625525.00000000000000000000000000001", "FLOAT32", 21625526],
  ])("reads the number %j as the narrowest type that holds it: %s", (text, schema, value) => {
    expect(parse(text)).toEqual([schema, value]);
  });

  it.each([".5", "-", "+", "0x10", "1_000", "1 000", "NaN", "Infinity", "12 34"])(
    "reads %j, which Java's BigDecimal rejects, as a string",
    (text) => {
      expect(parse(text)).toEqual(["STRING", text]);
    },
  );

  it.each([
    ["2019-08-23", "Date", date("2019-08-23T00:00:00Z")],
    ["14:34:54.346Z", "Time", date("1970-01-01T14:34:54.346Z")],
    ["2019-08-23T14:34:54.346Z", "Timestamp", date("2019-08-23T14:34:54.346Z")],
    ["2019-08-23T14\\:34\\:54.346Z", "Timestamp", date("2019-08-23T14:34:54.346Z")],
    ["14\\:34\\:54.346Z", "Time", date("1970-01-01T14:34:54.346Z")],
    ["2019-02-30", "Date", date("2019-03-02T00:00:00Z")],
    ["1970-01-02", "Date", date("1970-01-02T00:00:00Z")],
  ])("reads %j as a %s", (text, schema, value) => {
    expect(parse(text)).toEqual([schema, value]);
  });

  it.each([
    ["true}", "a literal followed by more text"],
    ["false]", "a literal followed by more text"],
    ["null=", "a literal followed by more text"],
    ["{foo: 3}", "unquoted map keys"],
    ["{3: foo}", "unquoted map values"],
    ["[foo]", "unquoted array elements"],
    ["{6:9 4:20}", "map entries without commas"],
    ["[0 1 2]", "array elements without commas"],
    ["{null: 3}", "a null map key"],
    ["[1, 2, 3,,,]", "empty array elements"],
    ["[1, null]", "a null among elements of a required common schema"],
    ["[null, 1]", "a null among elements of a required common schema"],
    ["[1, 100000000, 14:34:54.346Z]", "elements that do not convert to their common schema"],
    ['{ "foo" :  1234567890 ,, "bar" : 0 }', "an empty map entry"],
    ['{ "foo" :  1234567890 , "a", "bar" : 0 }', "a map entry without a value"],
    ["{ ,,  , , }", "only empty map entries"],
    ['["unterminated]', "an unterminated quoted string"],
    ["[1, 2", "a missing ']'"],
    ["{1: 2", "a missing '}'"],
    ["[1,", "an array that ends after a comma"],
    ["[", "a lone bracket"],
    ["a{b", "text with a delimiter"],
    ['"simple" string', "quotes at the top level"],
  ])("reads %j, %s, as the whole text", (text) => {
    expect(parse(text)).toEqual(["STRING", text]);
  });

  it("reads arrays whose elements share a schema, widening numbers to the widest", () => {
    expect(parse("[true, false]")).toEqual(["ARRAY<BOOLEAN>", [true, false]]);
    expect(parse("[]")).toEqual([null, []]);
    expect(parse("[1, 2, 300]")).toEqual(["ARRAY<INT16>", [1, 2, 300]]);
    expect(parse("[1, 2, 32768]")).toEqual(["ARRAY<INT32>", [1, 2, 32768]]);
    expect(parse("[1, 3000000000]")).toEqual(["ARRAY<INT64>", [1n, 3000000000n]]);
    expect(parse("[1, 2, 3.4028235E38]")).toEqual(["ARRAY<FLOAT32>", [1, 2, Math.fround(3.4028235e38)]]);
    expect(parse("[1, 2, 1.7976931348623157E308]")).toEqual([
      "ARRAY<FLOAT64>",
      [1, 2, 1.7976931348623157e308],
    ]);
    // A FLOAT32 widened to FLOAT64 keeps its float value, as Java's float-to-double does.
    expect(parse("[1.1, 1e39]")).toEqual(["ARRAY<FLOAT64>", [Math.fround(1.1), 1e39]]);
    expect(parse('["a", "b"]')).toEqual(["ARRAY<STRING>", ["a", "b"]]);
    expect(parse("[[1], [2, 3]]")).toEqual(["ARRAY<ARRAY<INT8>>", [[1], [2, 3]]]);
    expect(parse("[{}]")).toEqual([null, [new Map()]]);
    expect(parse(" [ 1 , 2 ] ")).toEqual(["ARRAY<INT8>", [1, 2]]);
    expect(parse("[\n1,\n2\n]")).toEqual(["ARRAY<INT8>", [1, 2]]);
  });

  it("reads the same elements alike whatever their order", () => {
    expect(parse('[1, 2, 300, "four"]')).toEqual([null, [1, 2, 300, "four"]]);
    expect(parse('[2, 300, "four", 1]')).toEqual([null, [2, 300, "four", 1]]);
    expect(parse('[300, "four", 1, 2]')).toEqual([null, [300, "four", 1, 2]]);
    expect(parse('["four", 1, 2, 300]')).toEqual([null, ["four", 1, 2, 300]]);
  });

  it("gives no schema when elements share none, keeping each element's own value", () => {
    expect(parse("[null]")).toEqual([null, [null]]);
    expect(parse("[null, null]")).toEqual([null, [null, null]]);
    expect(parse("[[]]")).toEqual([null, [[]]]);
    expect(parse('[1, "two", [3], {"four": 4}]')).toEqual([null, [1, "two", [3], new Map([["four", 4]])]]);
    expect(parse('["1.0", 9223372036854775808, -9223372036854775809, 1, 1]')).toEqual([
      null,
      ["1.0", BigDecimal.parse("9223372036854775808"), BigDecimal.parse("-9223372036854775809"), 1, 1],
    ]);
    // Without a schema to say so, a float is kept as the double its text shows, so it is written back the same.
    expect(parse('[1.1, "a"]')).toEqual([null, [1.1, "a"]]);
    expect(parse('[[1.1, 2.5], "a"]')).toEqual([null, [[1.1, 2.5], "a"]]);
  });

  it("reads Decimals beyond 64 bits into a common Decimal schema", () => {
    expect(parse("[9223372036854775808, -9223372036854775809]")).toEqual([
      "ARRAY<Decimal(0)>",
      [BigDecimal.parse("9223372036854775808"), BigDecimal.parse("-9223372036854775809")],
    ]);
  });

  it("reads dates and times inside arrays and maps, quoted or not", () => {
    expect(parse("[2019-08-23]")).toEqual(["ARRAY<Date>", [date("2019-08-23T00:00:00Z")]]);
    expect(parse("[14:34:54.346Z]")).toEqual(["ARRAY<Time>", [date("1970-01-01T14:34:54.346Z")]]);
    expect(parse("[2019-08-23T14:34:54.346Z,2019-01-23T15:12:34.567Z,   2019-04-23T19:12:34.567Z]")).toEqual([
      "ARRAY<Timestamp>",
      [date("2019-08-23T14:34:54.346Z"), date("2019-01-23T15:12:34.567Z"), date("2019-04-23T19:12:34.567Z")],
    ]);
    const time = new Map([["k1", date("1970-01-01T14:34:54.346Z")]]);
    expect(parse('{"k1":"14:34:54.346Z"}')).toEqual(["MAP<STRING,Time>", time]);
    expect(parse('{"k1":14:34:54.346Z}')).toEqual(["MAP<STRING,Time>", time]);
  });

  it("converts numbers to a logical common schema as Kafka does", () => {
    // INT8 and Date share INT32, so 1 becomes the Date one day after the epoch.
    expect(parse("[1, 2019-08-23]")).toEqual([
      "ARRAY<Date>",
      [date("1970-01-02T00:00:00Z"), date("2019-08-23T00:00:00Z")],
    ]);
  });

  it("reads maps, with a schema when keys and values each share one", () => {
    expect(parse("{}")).toEqual([null, new Map()]);
    expect(parse('{"foo":"123","bar":"baz"}')).toEqual([
      "MAP<STRING,STRING>",
      new Map([
        ["foo", "123"],
        ["bar", "baz"],
      ]),
    ]);
    expect(parse(' { "foo" :  1234567890 , "bar" : 0,  "baz" : -987654321 }  ')).toEqual([
      "MAP<STRING,INT32>",
      new Map([
        ["foo", 1234567890],
        ["bar", 0],
        ["baz", -987654321],
      ]),
    ]);
    expect(parse("{true: false, false: true}")).toEqual([
      "MAP<BOOLEAN,BOOLEAN>",
      new Map([
        [true, false],
        [false, true],
      ]),
    ]);
    expect(parse('{"a":{}}')).toEqual([null, new Map([["a", new Map()]])]);
    expect(parse('{"a":[1]}')).toEqual(["MAP<STRING,ARRAY<INT8>>", new Map([["a", [1]]])]);
    expect(parse('{"a": 1, "a": 2}')).toEqual(["MAP<STRING,INT8>", new Map([["a", 2]])]);
    // Kafka accepts a missing comma before a quoted key.
    expect(parse('{"a":1 "b":2}')).toEqual([
      "MAP<STRING,INT8>",
      new Map([
        ["a", 1],
        ["b", 2],
      ]),
    ]);
  });

  it("gives no schema to maps whose keys or values share none, converting the keys when they do", () => {
    const keys = new Map<unknown, unknown>([
      [1, 1],
      [2, 1],
      [300, 300],
      ["four", 1],
    ]);
    expect(parse('{1:1, 2:1, 300:300, "four":1}')).toEqual([null, keys]);
    expect(parse('{"four":1, 1:1, 2:1, 300:300}')).toEqual([null, new Map([...keys].reverse().reverse())]);
    expect(parse('{1:1, 2:1, 300:300, 4:"four"}')).toEqual([
      null,
      new Map<unknown, unknown>([
        [1, 1],
        [2, 1],
        [300, 300],
        [4, "four"],
      ]),
    ]);
    expect(parse("{3: null}")).toEqual([null, new Map([[3, null]])]);
    expect(parse("{1: null, 3000000000: null}")).toEqual([
      null,
      new Map([
        [1n, null],
        [3000000000n, null],
      ]),
    ]);
  });

  it("keeps backslashes inside quoted strings and drops whitespace-only pieces, as Kafka does", () => {
    expect(parse('["a\\"b"]')).toEqual(["ARRAY<STRING>", ['a\\"b']]);
    expect(parse('["a\\\\b"]')).toEqual(["ARRAY<STRING>", ["a\\\\b"]]);
    expect(parse('["a, b"]')).toEqual(["ARRAY<STRING>", ["a, b"]]);
    expect(parse('[" "]')).toEqual(["ARRAY<STRING>", [""]]);
  });

  it("reads malformed text after leading whitespace as that whitespace alone, as Kafka 4.1 does", () => {
    expect(parse(" { ,,  , , }  ")).toEqual(["STRING", " "]);
    expect(parse(' { "foo" : 1 ,, "bar" : 0 }')).toEqual(["STRING", " "]);
    expect(parse(" [1, 2")).toEqual(["STRING", " "]);
  });

  it("ignores what follows a complete value where Kafka does", () => {
    expect(parse("[1] abc")).toEqual(["ARRAY<INT8>", [1]]);
    expect(parse("12,34")).toEqual(["INT8", 12]);
    expect(parse("2019-08-23, later")).toEqual(["Date", date("2019-08-23T00:00:00Z")]);
    expect(parse("[1,]")).toEqual(["ARRAY<INT8>", [1]]);
  });
});
