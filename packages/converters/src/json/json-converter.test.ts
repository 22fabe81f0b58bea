import {
  BigDecimal,
  ConfigError,
  ConnectError,
  ConnectTime,
  DataError,
  Decimal,
  Headers,
  hasErrorCode,
  Schema,
  SchemaBuilder,
  Struct,
} from "@tributary/api";
import { describe, expect, it } from "vitest";
import { JsonConverter } from "./json-converter.js";
import { JsonConverterConfig } from "./json-converter-config.js";

const headers = new Headers();

function converter(props: Record<string, unknown> = {}, isKey = false): JsonConverter {
  const created = new JsonConverter();
  created.configure(props, isKey);
  return created;
}

const utf8 = (bytes: Uint8Array | null): string | null =>
  bytes === null ? null : Buffer.from(bytes).toString("utf8");
const write = (c: JsonConverter, schema: Schema | null, value: unknown): string | null =>
  utf8(c.fromConnectData("orders", headers, schema, value));
const read = (c: JsonConverter, json: string) =>
  c.toConnectData("orders", headers, Buffer.from(json, "utf8"));

/** The DataError reading `json` throws. */
function readError(c: JsonConverter, json: string | Uint8Array): DataError {
  try {
    c.toConnectData("orders", headers, typeof json === "string" ? Buffer.from(json, "utf8") : json);
  } catch (error) {
    expect(hasErrorCode(error, "DATA")).toBe(true);
    return error as DataError;
  }
  throw new Error(`Reading ${String(json)} did not fail`);
}

const order = SchemaBuilder.struct()
  .name("com.example.Order")
  .version(1)
  .field("id", Schema.INT32_SCHEMA)
  .field("note", Schema.OPTIONAL_STRING_SCHEMA)
  .field("price", Decimal.schema(2))
  .build();
const referenceJson =
  '{"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"},{"type":"string","optional":true,"field":"note"},{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"field":"price"}],"optional":false,"name":"com.example.Order","version":1},"payload":{"id":42,"note":null,"price":"BNI="}}';
const envelope = (schema: string, payload: string): string => `{"schema":${schema},"payload":${payload}}`;

describe("JsonConverter configuration", () => {
  it("declares Kafka's keys and defaults", () => {
    const c = new JsonConverter();
    expect(c.config()).toBe(JsonConverterConfig);
    expect(c.config().keys).toEqual([
      "converter.type",
      "schemas.enable",
      "schemas.cache.size",
      "decimal.format",
      "replace.null.with.default",
    ]);
    expect(JsonConverterConfig.parse({ "converter.type": "value" })).toEqual({
      "converter.type": "value",
      "schemas.enable": true,
      "schemas.cache.size": 1000,
      "decimal.format": "BASE64",
      "replace.null.with.default": true,
    });
  });

  it("reads decimal.format in any case and refuses unknown values", () => {
    expect(
      write(converter({ "decimal.format": "numeric" }), Decimal.schema(2), BigDecimal.parse("1.50")),
    ).toContain('"payload":1.50');
    expect(() => converter({ "decimal.format": "HEX" })).toThrow(ConfigError);
    expect(() => converter({ "schemas.cache.size": "-1" })).toThrow(ConfigError);
    expect(() => converter({ "schemas.enable": "maybe" })).toThrow(ConfigError);
  });

  it("needs converter.type when configured as a header converter, as Kafka does", () => {
    expect(() => new JsonConverter().configure({})).toThrow(/converter\.type/);
    const c = new JsonConverter();
    c.configure({ "converter.type": "header" });
    const bytes = c.fromConnectHeader("orders", "trace", Schema.STRING_SCHEMA, "abc");
    expect(utf8(bytes)).toBe('{"schema":{"type":"string","optional":false},"payload":"abc"}');
    expect(c.toConnectHeader("orders", "trace", bytes)).toEqual({
      schema: Schema.STRING_SCHEMA,
      value: "abc",
    });
  });

  it("refuses to convert before it is configured", () => {
    expect(() => new JsonConverter().fromConnectData("t", headers, null, 1n)).toThrow(ConnectError);
  });
});

describe("JsonConverter writing", () => {
  it("writes Kafka's envelope, byte for byte", () => {
    const value = new Struct(order).put("id", 42).put("note", null).put("price", BigDecimal.parse("12.34"));
    expect(write(converter(), order, value)).toBe(referenceJson);
  });

  it("writes only the payload when schemas are disabled", () => {
    const value = new Struct(order).put("id", 42).put("price", BigDecimal.parse("1.56"));
    expect(write(converter({ "schemas.enable": "false" }), order, value)).toBe(
      '{"id":42,"note":null,"price":"AJw="}',
    );
  });

  it("writes a tombstone only for a null schema and value", () => {
    expect(converter().fromConnectData("t", headers, null, null)).toBeNull();
    expect(write(converter(), Schema.OPTIONAL_INT32_SCHEMA, null)).toBe(
      '{"schema":{"type":"int32","optional":true},"payload":null}',
    );
    expect(write(converter({ "schemas.enable": false }), Schema.OPTIONAL_INT32_SCHEMA, null)).toBe("null");
  });

  it("writes INT64 values beyond 2^53 and NUMERIC decimals with every digit", () => {
    const c = converter({ "schemas.enable": false, "decimal.format": "NUMERIC" });
    expect(write(c, Schema.INT64_SCHEMA, 2n ** 63n - 1n)).toBe("9223372036854775807");
    expect(write(c, Decimal.schema(3), BigDecimal.parse("123456789012345678901234567890.123"))).toBe(
      "123456789012345678901234567890.123",
    );
    expect(write(c, Decimal.schema(-2), BigDecimal.parse("5E+2"))).toBe("5E+2");
  });

  it("writes defaults in the schema and for nulls, unless replace.null.with.default is false", () => {
    const schema = SchemaBuilder.struct()
      .field("qty", SchemaBuilder.int32().optional().defaultValue(1).build())
      .build();
    const value = new Struct(schema);
    expect(write(converter({ "schemas.enable": false }), schema, value)).toBe('{"qty":1}');
    expect(
      write(converter({ "schemas.enable": false, "replace.null.with.default": false }), schema, value),
    ).toBe('{"qty":null}');
    expect(write(converter(), schema, value)).toContain(
      '"type":"int32","optional":true,"default":1,"field":"qty"',
    );
  });

  it("writes schemaless values by their JavaScript kind, numbers as doubles", () => {
    const c = converter({ "schemas.enable": false });
    const value = new Map<unknown, unknown>([
      ["n", 5],
      ["i", 5n],
      ["list", [true, null, "x", new Uint8Array([1])]],
      ["byId", new Map([[1n, "one"]])],
      ["plain", { a: 1.5 }],
    ]);
    expect(write(c, null, value)).toBe(
      '{"n":5.0,"i":5,"list":[true,null,"x","AQ=="],"byId":[[1,"one"]],"plain":{"a":1.5}}',
    );
    expect(write(converter(), null, "x")).toBe('{"schema":null,"payload":"x"}');
  });

  it.each<[string, Schema, unknown, RegExp]>([
    ["a number for INT64", Schema.INT64_SCHEMA, 5, /at value, expected a bigint .* but found number 5/],
    ["a fraction for INT32", Schema.INT32_SCHEMA, 1.5, /expected an integer number .* but found number 1.5/],
    ["an INT8 out of range", Schema.INT8_SCHEMA, 128, /from -128 to 127 \(INT8\) but found number 128/],
    ["a float beyond FLOAT32", Schema.FLOAT32_SCHEMA, 1e39, /within the float range/],
    [
      "a Decimal of another scale",
      Decimal.schema(2),
      BigDecimal.parse("1.5"),
      /scale 2 .* BigDecimal 1.5 \(scale 1\)/,
    ],
    ["a null for a required schema", Schema.STRING_SCHEMA, null, /found null, which a required schema/],
    [
      "a Time with a date",
      ConnectTime.schema(),
      new Date(Date.UTC(2020, 0, 1)),
      /A Time value must lie on 1970-01-01/,
    ],
    [
      "a plain object for a MAP",
      SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT8_SCHEMA).build(),
      { a: 1 },
      /a Map/,
    ],
  ])("refuses %s with a DataError naming the topic and the place", (_name, schema, value, message) => {
    expect(() => converter().fromConnectData("orders", headers, schema, value)).toThrow(DataError);
    expect(() => converter().fromConnectData("orders", headers, schema, value)).toThrow(
      /^Cannot write JSON for topic "orders": /,
    );
    expect(() => converter().fromConnectData("orders", headers, schema, value)).toThrow(message);
  });

  it("names the path to a bad value inside structs, arrays and maps", () => {
    const item = SchemaBuilder.struct().field("qty", Schema.INT32_SCHEMA).build();
    const schema = SchemaBuilder.struct().field("items", SchemaBuilder.array(item).build()).build();
    const bad = new Struct(item);
    const value = new Struct(schema).put("items", [new Struct(item).put("qty", 1), bad]);
    expect(() => converter().fromConnectData("orders", headers, schema, value)).toThrow(
      "at value.items[1].qty, expected an integer number from -2147483648 to 2147483647 (INT32) but found null",
    );
    const other = SchemaBuilder.struct().field("qty", Schema.INT64_SCHEMA).build();
    expect(() => converter({}, true).fromConnectData("orders", headers, item, new Struct(other))).toThrow(
      /at key, expected a Struct of schema .* but found a Struct of another schema/,
    );
  });

  it("refuses Structs, Decimals, Dates and unknown objects without a schema, as Kafka does", () => {
    const c = converter({ "schemas.enable": false });
    expect(() => write(c, null, new Struct(order))).toThrow(/need a schema/);
    expect(() => write(c, null, [BigDecimal.parse("1")])).toThrow(/at value\[0\].*need a schema/);
    expect(() => write(c, null, new Map([["at", new Date(0)]]))).toThrow(/at value\["at"\]/);
    expect(() => write(c, null, new URL("https://example.com"))).toThrow(/an instance of URL/);
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(() => write(c, null, cyclic)).toThrow(/is it cyclic/);
  });
});

describe("JsonConverter schema caching when writing", () => {
  it("writes a new but equal schema object as the one before it", () => {
    const build = () =>
      SchemaBuilder.struct().name("com.example.Point").field("x", Schema.INT32_SCHEMA).build();
    const c = converter({ "schemas.cache.size": 1 });
    const first = write(c, build(), new Struct(build()).put("x", 1));
    expect(write(c, build(), new Struct(build()).put("x", 1))).toBe(first);
    expect(write(c, Schema.INT8_SCHEMA, 1)).toBe('{"schema":{"type":"int8","optional":false},"payload":1}');
  });
});

describe("JsonConverter reading", () => {
  it("reads Kafka's envelope back into the schema and value", () => {
    const { schema, value } = read(converter(), referenceJson);
    expect(schema?.equals(order)).toBe(true);
    expect(value).toEqual(new Struct(order).put("id", 42).put("price", BigDecimal.parse("12.34")));
  });

  it("reads null bytes as a tombstone and a null payload as null", () => {
    expect(converter().toConnectData("t", headers, null)).toEqual({ schema: null, value: null });
    expect(read(converter(), envelope('{"type":"int8","optional":true}', "null")).value).toBeNull();
    expect(read(converter({ "schemas.enable": false }), "").value).toBeNull();
  });

  it("keeps INT64 values beyond 2^53 and decimals exact", () => {
    const c = converter();
    expect(read(c, envelope('{"type":"int64","optional":false}', "9007199254740993")).value).toBe(
      9007199254740993n,
    );
    const decimal =
      '{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":"2"}}';
    expect(read(c, envelope(decimal, "12345678901234567890.12")).value).toEqual(
      BigDecimal.parse("12345678901234567890.12"),
    );
    // A number with fewer decimals is brought to the schema's scale; that loses nothing.
    expect(read(c, envelope(decimal, "12.3")).value).toEqual(BigDecimal.parse("12.30"));
    expect(read(c, envelope(decimal, '"BNI="')).value).toEqual(BigDecimal.parse("12.34"));
  });

  it("reads JSON without schemas as Kafka does: INT64 bigints, FLOAT64 numbers, Maps", () => {
    const { schema, value } = read(
      converter({ "schemas.enable": false }),
      '{"a":[1,2.5,"x",null,true],"b":{}}',
    );
    expect(schema).toBeNull();
    expect(value).toEqual(
      new Map<string, unknown>([
        ["a", [1n, 2.5, "x", null, true]],
        ["b", new Map()],
      ]),
    );
  });

  it("reads defaults for nulls and missing fields, or null when replace.null.with.default is false", () => {
    const schema =
      '{"type":"struct","fields":[{"type":"int32","optional":true,"default":7,"field":"a"},{"type":"int32","optional":true,"field":"b"}],"optional":false}';
    const withDefaults = read(converter(), envelope(schema, '{"a":null}')).value as Struct;
    expect([withDefaults.get("a"), withDefaults.get("b")]).toEqual([7, null]);
    const keepNulls = read(converter({ "replace.null.with.default": false }), envelope(schema, "{}"))
      .value as Struct;
    expect(keepNulls.getWithoutDefault("a")).toBeNull();
  });

  it("accepts an envelope with the payload first, whitespace and a byte order mark", () => {
    const bytes = Buffer.from(
      `\ufeff { "payload" : 5 , "schema" : {"type":"int8","optional":false} } \n`,
      "utf8",
    );
    expect(converter().toConnectData("t", headers, bytes)).toEqual({ schema: Schema.INT8_SCHEMA, value: 5 });
  });

  it("reuses the schema it read while it stays in the cache of schemas.cache.size entries", () => {
    const a = envelope('{"type":"int8","optional":false}', "1");
    const b = envelope('{"type":"int16","optional":false}', "1");
    const big = converter({ "schemas.cache.size": 2 });
    const first = read(big, a).schema;
    read(big, b);
    expect(read(big, a).schema).toBe(first);
    const small = converter({ "schemas.cache.size": 1 });
    const evicted = read(small, a).schema;
    read(small, b);
    const again = read(small, a).schema;
    expect(again).not.toBe(evicted);
    expect(again?.equals(evicted)).toBe(true);
  });

  it.each<[string, string | Uint8Array, string]>([
    [
      "bytes that are not UTF-8",
      new Uint8Array([0x7b, 0xff, 0x7d]),
      "expected UTF-8 text but found 3 bytes that are not valid UTF-8",
    ],
    ["text that is not JSON", "not json", "at the top level, expected an envelope"],
    ["a truncated document", '{"schema":null,"payload":[1,2', "',' or ']'"],
    [
      "trailing content",
      '{"schema":null,"payload":1} {}',
      "expected the end of the input after the JSON value but found `{}`",
    ],
    [
      "plain JSON while schemas are enabled",
      '{"id":1}',
      'but found a field named "id". With schemas.enable=true',
    ],
    ["an envelope without a payload", '{"schema":null}', 'an object without "payload"'],
    [
      "a string where int32 was declared",
      envelope('{"type":"int32","optional":false}', '"42"'),
      'at payload, expected an int32 number (an integer from -2147483648 to 2147483647) but found `"42"` (at character 54)',
    ],
    [
      "an int32 out of range",
      envelope('{"type":"int32","optional":false}', "2147483648"),
      "but found `2147483648`",
    ],
    [
      "a fraction where an integer belongs",
      envelope('{"type":"int64","optional":false}', "1.5"),
      "expected an int64 number",
    ],
    [
      "a Decimal that would need rounding",
      envelope(
        '{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":"2"}}',
        "1.234",
      ),
      "found 1.234, which would need rounding to scale 2",
    ],
    [
      "invalid base64",
      envelope('{"type":"bytes","optional":false}', '"AJw"'),
      'expected bytes (a base64 string) but found `"AJw"`',
    ],
    [
      "a Time outside one day",
      envelope('{"type":"int32","optional":false,"name":"org.apache.kafka.connect.data.Time"}', "86400001"),
      "at payload, Time values must be milliseconds from 0 to 86400000, got 86400001",
    ],
    [
      "a missing required field",
      envelope(
        '{"type":"struct","fields":[{"type":"int8","optional":false,"field":"n"}],"optional":false}',
        "{}",
      ),
      "at payload.n, expected an int8 number (an integer from -128 to 127) but found no such member",
    ],
    [
      "a bad value deep inside",
      envelope(
        '{"type":"array","items":{"type":"map","keys":{"type":"string","optional":false},"values":{"type":"boolean","optional":false},"optional":false},"optional":false}',
        '[{"a":true},{"b":1}]',
      ),
      'at payload[1]["b"], expected a boolean but found `1`',
    ],
    [
      "a schema of an unknown type",
      envelope('{"type":"decimal"}', "1"),
      'at schema, expected a schema with a "type" of int8',
    ],
    [
      "a struct field without a name",
      envelope('{"type":"struct","fields":[{"type":"int8"}]}', "{}"),
      'at schema.fields[0], expected a "field" string',
    ],
    [
      "a Decimal schema without a scale",
      envelope('{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal"}', '"AA=="'),
      "at schema, Invalid Decimal schema",
    ],
    [
      "a default that does not fit",
      envelope('{"type":"int8","optional":false,"default":"x"}', "1"),
      "at schema.default, expected an int8 number",
    ],
  ])(
    "refuses %s with a DataError naming the topic, what was expected and what came",
    (_name, json, message) => {
      const error = readError(converter(), json);
      expect(error.message).toMatch(/^Cannot read JSON from topic "orders": /);
      expect(error.message).toContain(message);
    },
  );

  it("refuses integers beyond INT64 in schemaless JSON rather than wrapping them", () => {
    const error = readError(converter({ "schemas.enable": false }), '{"id":12345678901234567890}');
    expect(error.message).toContain('at value["id"], expected an integer from -2^63 to 2^63-1 (INT64)');
  });
});
