import {
  BigDecimal,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  DataError,
  Decimal,
  Schema,
  SchemaBuilder,
  Struct,
} from "@tributary/api";
import { describe, expect, it } from "vitest";
import { JsonWriter } from "./json-writer.js";

const writer = new JsonWriter({ compactMapEntries: true, decimalMapping: "keyword" });

describe("JsonWriter", () => {
  it("writes a Struct of every type exactly", () => {
    const schema = SchemaBuilder.struct()
      .field("i8", Schema.INT8_SCHEMA)
      .field("i64", Schema.INT64_SCHEMA)
      .field("f32", Schema.FLOAT32_SCHEMA)
      .field("f64", Schema.FLOAT64_SCHEMA)
      .field("bool", Schema.BOOLEAN_SCHEMA)
      .field("text", Schema.STRING_SCHEMA)
      .field("bytes", Schema.BYTES_SCHEMA)
      .field("price", Decimal.schema(2))
      .field("day", ConnectDate.builder().build())
      .field("at", ConnectTimestamp.builder().build())
      .field("time", ConnectTime.builder().build())
      .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
      .field("note", Schema.OPTIONAL_STRING_SCHEMA)
      .build();
    const value = new Struct(schema)
      .put("i8", -3)
      .put("i64", 2n ** 63n - 1n)
      .put("f32", 0.1)
      .put("f64", 1.5)
      .put("bool", true)
      .put("text", 'say "hi"\n')
      .put("bytes", new Uint8Array([1, 2, 255]))
      .put("price", BigDecimal.of(123456789012345678901234567890n, 2))
      .put("day", new Date(Date.UTC(2024, 0, 17)))
      .put("at", new Date(1_700_000_000_123))
      .put("time", new Date(3_600_000))
      .put("tags", ["a", "b"])
      .put("note", null);
    expect(writer.write(value, schema)).toBe(
      '{"i8":-3,"i64":9223372036854775807,"f32":0.1,"f64":1.5,"bool":true,"text":"say \\"hi\\"\\n","bytes":"AQL/","price":"1234567890123456789012345678.90","day":1705449600000,"at":1700000000123,"time":3600000,"tags":["a","b"],"note":null}',
    );
  });

  it("writes Decimals as exact JSON numbers for scaled_float and double", () => {
    const numeric = new JsonWriter({ compactMapEntries: true, decimalMapping: "scaled_float" });
    expect(numeric.write(BigDecimal.of(-5n, 3), Decimal.schema(3))).toBe("-0.005");
    expect(numeric.write(BigDecimal.of(12345678901234567890n, 0), Decimal.schema(0))).toBe(
      "12345678901234567890",
    );
  });

  it("puts a field's default in place of null", () => {
    const schema = SchemaBuilder.struct()
      .field("n", SchemaBuilder.int32().optional().defaultValue(7).build())
      .build();
    expect(writer.write(new Struct(schema), schema)).toBe('{"n":7}');
  });

  it("writes maps with string keys as objects when compact, otherwise as key/value entries", () => {
    const stringMap = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA).build();
    const intMap = SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build();
    const value = new Map([["a", 1n]]);
    expect(writer.write(value, stringMap)).toBe('{"a":1}');
    expect(writer.write(new Map([[1, "x"]]), intMap)).toBe('[{"key":1,"value":"x"}]');
    const entries = new JsonWriter({ compactMapEntries: false, decimalMapping: "keyword" });
    expect(entries.write(value, stringMap)).toBe('[{"key":"a","value":1}]');
  });

  it("writes schemaless values by their kind, bigints exact", () => {
    const value = new Map<string, unknown>([
      ["id", 2n ** 60n + 1n],
      ["nested", { ok: true, list: [1, "two", null] }],
      ["at", new Date(5)],
      ["nan", Number.NaN],
    ]);
    expect(writer.write(value, null)).toBe(
      '{"id":1152921504606846977,"nested":{"ok":true,"list":[1,"two",null]},"at":5,"nan":"NaN"}',
    );
  });

  it("writes schemaless maps of plain values exactly as piece by piece, key order and edge cases included", () => {
    const plain = new Map<string, unknown>([
      ["__proto__", "p"],
      ["s", 'q"\u2028\n'],
      ["n", -0],
      ["f", 1e21],
      ["b", false],
      ["z", null],
      ["tags", ["a", 1, true, null]],
      ["", "empty"],
    ]);
    expect(writer.write(plain, null)).toBe(
      '{"__proto__":"p","s":"q\\"\u2028\\n","n":0,"f":1e+21,"b":false,"z":null,"tags":["a",1,true,null],"":"empty"}',
    );
    // Integer-like keys keep the map's order; values JSON.stringify would write otherwise go the slow way.
    expect(
      writer.write(
        new Map<string, unknown>([
          ["b", 1],
          ["2", 2],
          ["1", 3],
        ]),
        null,
      ),
    ).toBe('{"b":1,"2":2,"1":3}');
    expect(
      writer.write(
        new Map<string, unknown>([
          ["x", Number.NaN],
          ["y", [Number.POSITIVE_INFINITY]],
        ]),
        null,
      ),
    ).toBe('{"x":"NaN","y":["Infinity"]}');
    expect(
      writer.write(
        new Map<string, unknown>([
          ["u", undefined],
          ["d", new Date(5)],
          ["i", 2n ** 64n],
        ]),
        null,
      ),
    ).toBe('{"u":null,"d":5,"i":18446744073709551616}');
    expect(writer.write(new Map<unknown, unknown>([[1, "a"]]), null)).toBe('[{"key":1,"value":"a"}]');
  });

  it("writes a leading field first, dropping the value's own field of that name", () => {
    const schema = SchemaBuilder.struct()
      .field("@timestamp", Schema.INT64_SCHEMA)
      .field("msg", Schema.STRING_SCHEMA)
      .build();
    const struct = new Struct(schema).put("@timestamp", 1n).put("msg", "m");
    const leading = { key: "@timestamp", json: "99" };
    expect(writer.writeDocument(struct, schema, leading)).toBe('{"@timestamp":99,"msg":"m"}');
    expect(writer.writeDocument(new Map([["msg", "m"]]), null, leading)).toBe('{"@timestamp":99,"msg":"m"}');
    expect(writer.writeDocument({ "@timestamp": 1 }, null, leading)).toBe('{"@timestamp":99}');
    expect(() => writer.writeDocument("text", null, leading)).toThrow(DataError);
  });

  it("refuses values JSON cannot hold", () => {
    expect(() => writer.write(Symbol("x"), null)).toThrow(DataError);
  });
});
