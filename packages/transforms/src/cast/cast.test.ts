import {
  BigDecimal,
  ConfigError,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  DataError,
  Decimal,
  Schema,
  SchemaBuilder,
  SourceRecord,
  Struct,
} from "@tributary/api";
import { describe, expect, it } from "vitest";
import { CastConfig, CastKey, CastValue } from "./cast.js";

const DAY = 86_400_000;

function record(
  valueSchema: Schema | null,
  value: unknown,
  keySchema: Schema | null = null,
  key: unknown = null,
) {
  return new SourceRecord({
    topic: "orders",
    kafkaPartition: 0,
    sourcePartition: {},
    sourceOffset: {},
    keySchema,
    key,
    valueSchema,
    value,
  });
}

function castValue(spec: string, extra: Record<string, unknown> = {}): CastValue {
  const cast = new CastValue();
  cast.configure({ spec, ...extra });
  return cast;
}

describe("Cast configuration", () => {
  it.each([
    ["", /give at least one field to cast/],
    ["foo:faketype", /unknown type "faketype" in "foo:faketype"; use one of int8, int16/],
    ["foo:array", /Cast cannot cast to ARRAY \(in "foo:array"\)/],
    ["array", /Cast cannot cast to ARRAY/],
    ["foo:bytes", /Cast cannot cast to BYTES/],
    ["foo:int8:extra", /"foo:int8:extra" is not a field:type pair/],
    ["::", /"::" is not a field:type pair/],
    ["foo:", /unknown type "foo"/],
    ["foo:int8,int32", /a spec that casts the whole value to one type must have no other entries/],
  ])("refuses the spec %j when validating and when configuring", (spec, message) => {
    const validation = CastConfig.validate({ spec });
    const entry = validation.configs.find((config) => config.value.name === "spec");
    expect(entry?.value.errors).toHaveLength(1);
    expect(entry?.value.errors[0]).toMatch(/^Invalid value .* for configuration spec: /);
    expect(entry?.value.errors[0]).toMatch(message);
    expect(() => new CastValue().configure({ spec })).toThrow(ConfigError);
    expect(() => new CastValue().configure({ spec })).toThrow(message);
  });

  it("requires a spec and accepts types in any case, with spaces", () => {
    expect(() => new CastKey().configure({})).toThrow(/Missing required configuration "spec"/);
    expect(CastConfig.validate({ spec: "a : Int64, b:STRING,c:float32" }).errorCount).toBe(0);
    expect(CastConfig.validate({ spec: "a:int8:" }).errorCount).toBe(0); // Java's split drops the trailing part
    expect(CastConfig.parse({ spec: "int8" })["replace.null.with.default"]).toBe(true);
  });

  it("refuses to apply before it is configured", () => {
    expect(() => new CastValue().apply(record(null, 1))).toThrow(/Cast\$Value has not been configured/);
  });
});

describe("Cast of whole values", () => {
  it("leaves null keys and values, with and without schemas, unchanged", () => {
    const withSchema = record(Schema.OPTIONAL_STRING_SCHEMA, null, Schema.STRING_SCHEMA, "k");
    expect(castValue("int64").apply(withSchema)).toBe(withSchema);
    const schemaless = record(null, null);
    expect(castValue("int64").apply(schemaless)).toBe(schemaless);
    const key = new CastKey();
    key.configure({ spec: "int8" });
    const nullKey = record(Schema.INT32_SCHEMA, 1, Schema.OPTIONAL_INT32_SCHEMA, null);
    expect(key.apply(nullKey)).toBe(nullKey);
  });

  it.each([
    ["int8", "INT8", 42],
    ["int16", "INT16", 42],
    ["int32", "INT32", 42],
    ["int64", "INT64", 42n],
    ["float32", "FLOAT32", 42],
    ["float64", "FLOAT64", 42],
    ["boolean", "BOOLEAN", true],
    ["string", "STRING", "42"],
  ])("casts an INT32 value to %s", (spec, type, expected) => {
    const out = castValue(spec).apply(record(Schema.INT32_SCHEMA, 42));
    expect(out.valueSchema?.type).toBe(type);
    expect(out.value).toBe(expected);
  });

  it("casts the key, leaving the value alone", () => {
    const cast = new CastKey();
    cast.configure({ spec: "int8" });
    const out = cast.apply(record(Schema.STRING_SCHEMA, "v", Schema.INT32_SCHEMA, 300));
    expect(out.keySchema?.type).toBe("INT8");
    expect(out.key).toBe(44); // the low 8 bits, as Java's (byte) cast
    expect(out.value).toBe("v");
    expect(out.valueSchema).toBe(Schema.STRING_SCHEMA);
  });

  it("casts the schema's default and keeps optionality, name, version and doc", () => {
    const schema = SchemaBuilder.float32()
      .optional()
      .defaultValue(-42.125)
      .name("com.example.Score")
      .version(3)
      .doc("d")
      .build();
    const out = castValue("int32").apply(record(schema, 42.125));
    expect(out.value).toBe(42);
    expect(out.valueSchema?.defaultValue).toBe(-42);
    expect(out.valueSchema?.isOptional).toBe(true);
    expect([out.valueSchema?.name, out.valueSchema?.version, out.valueSchema?.doc]).toEqual([
      "com.example.Score",
      3,
      "d",
    ]);
  });

  it("casts whole logical values without keeping the logical name", () => {
    const decimal = castValue("string").apply(record(Decimal.schema(0), BigDecimal.parse("42")));
    expect(decimal.value).toBe("42");
    expect(decimal.valueSchema?.name).toBeUndefined();
    expect(decimal.valueSchema?.parameters).toBeUndefined();
    const timestamp = castValue("int64").apply(record(ConnectTimestamp.schema(), new Date(1234)));
    expect(timestamp.value).toBe(1234n);
    expect(timestamp.valueSchema?.equals(Schema.INT64_SCHEMA)).toBe(true);
    const date = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6));
    expect(castValue("string").apply(record(ConnectTimestamp.schema(), date)).value).toBe(
      "2024-01-02T03:04:05.006Z",
    );
  });

  it.each([
    ["int8", 42, 42],
    ["int16", 42, 42],
    ["int32", 42n, 42],
    ["int64", 42, 42n],
    ["float32", 42, 42],
    ["float64", 42, 42],
    ["boolean", 42, true],
    ["boolean", 0, false],
    ["string", 42, "42"],
    ["string", 42.5, "42.5"],
    ["string", 1, "1"],
    ["string", 1e20, "1.0E20"],
    ["string", true, "true"],
    ["string", new Uint8Array([0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10]), "/ty6mHZUMhA="],
  ])("casts a schemaless value to %s", (spec, value, expected) => {
    const out = castValue(spec).apply(record(null, value));
    expect(out.valueSchema).toBeNull();
    expect(out.value).toBe(expected);
  });

  it("refuses schemaless values that are not primitive Connect data, naming transformation and topic", () => {
    expect(() => castValue("int8").apply(record(null, ["foo"]))).toThrow(
      /^Cast\$Value cannot cast the value of the record on topic "orders" to INT8: casting from ARRAY is not supported/,
    );
    expect(() => castValue("int8").apply(record(null, new Date(0)))).toThrow(
      /a Date without a schema is not Connect data/,
    );
    expect(() => castValue("string").apply(record(null, BigDecimal.parse("1")))).toThrow(DataError);
  });

  it("refuses casting a whole struct, and a STRUCT schema with a default", () => {
    const schema = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build();
    expect(() => castValue("int32").apply(record(schema, new Struct(schema).put("a", 1)))).toThrow(
      /^Cast\$Value cannot cast the value of the record on topic "orders" to INT32: casting from STRUCT is not supported/,
    );
    const defaulted = SchemaBuilder.struct()
      .field("a", Schema.INT32_SCHEMA)
      .defaultValue(new Struct(schema).put("a", 1))
      .build();
    expect(() => castValue("int32").apply(record(defaulted, new Struct(defaulted).put("a", 1)))).toThrow(
      /^Cast\$Value cannot derive a schema from .* casting from STRUCT is not supported/,
    );
  });
});

describe("Cast of fields with a schema", () => {
  it("casts each named field as Kafka does and keeps the others", () => {
    const schema = SchemaBuilder.struct()
      .name("com.example.All")
      .field("int8", Schema.INT8_SCHEMA)
      .field("int16", Schema.OPTIONAL_INT16_SCHEMA)
      .field("int32", SchemaBuilder.int32().defaultValue(2))
      .field("int64", Schema.INT64_SCHEMA)
      .field("float32", Schema.FLOAT32_SCHEMA)
      .field("float64", SchemaBuilder.float64().defaultValue(-1.125))
      .field("boolean", Schema.BOOLEAN_SCHEMA)
      .field("string", Schema.STRING_SCHEMA)
      .field("bigdecimal", Decimal.schema(0))
      .field("date", ConnectDate.schema())
      .field("optional", Schema.OPTIONAL_FLOAT32_SCHEMA)
      .field("timestamp", ConnectTimestamp.schema())
      .field("bytes", Schema.BYTES_SCHEMA)
      .build();
    const value = new Struct(schema)
      .put("int8", 8)
      .put("int16", 16)
      .put("int32", 32)
      .put("int64", 64n)
      .put("float32", 32)
      .put("float64", -64)
      .put("boolean", true)
      .put("string", "42")
      .put("bigdecimal", BigDecimal.parse("42"))
      .put("date", new Date(DAY))
      .put("timestamp", new Date(0))
      .put("bytes", new Uint8Array([0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10]));
    const cast = castValue(
      "int8:int16,int16:int32,int32:int64,int64:boolean,float32:float64,float64:boolean,boolean:int8,string:int32,bigdecimal:string,date:string,optional:int32,bytes:string",
    );
    const out = cast.apply(record(schema, value));
    const struct = out.value as Struct;
    const updated = out.valueSchema!;
    expect(struct.schema).toBe(updated);
    expect(updated.name).toBe("com.example.All");
    expect(struct.get("int8")).toBe(8);
    expect(struct.get("int16")).toBe(16);
    expect(struct.get("int32")).toBe(32n);
    expect(struct.get("int64")).toBe(true);
    expect(struct.get("float32")).toBe(32);
    expect(struct.get("float64")).toBe(true);
    expect(struct.get("boolean")).toBe(1);
    expect(struct.get("string")).toBe(42);
    expect(struct.get("bigdecimal")).toBe("42");
    expect(struct.get("date")).toBe("1970-01-02");
    expect(struct.get("optional")).toBeNull();
    expect(struct.get("timestamp")).toEqual(new Date(0));
    expect(struct.get("bytes")).toBe("/ty6mHZUMhA=");
    expect(updated.field("int8")?.schema.equals(Schema.INT16_SCHEMA)).toBe(true);
    expect(updated.field("int16")?.schema.equals(Schema.OPTIONAL_INT32_SCHEMA)).toBe(true);
    expect(updated.field("int32")?.schema.defaultValue).toBe(2n);
    expect(updated.field("float64")?.schema.defaultValue).toBe(true);
    expect(updated.field("optional")?.schema.equals(Schema.OPTIONAL_INT32_SCHEMA)).toBe(true);
    expect(updated.field("timestamp")?.schema).toBe(schema.field("timestamp")?.schema);
  });

  it("builds the new schema once per source schema", () => {
    const schema = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build();
    const cast = castValue("a:string");
    const first = cast.apply(record(schema, new Struct(schema).put("a", 1)));
    const second = cast.apply(record(schema, new Struct(schema).put("a", 2)));
    expect(second.valueSchema).toBe(first.valueSchema);
    expect((second.value as Struct).get("a")).toBe("2");
  });

  it("casts logical values to their numbers, narrowing as Java does", () => {
    const schema = SchemaBuilder.struct()
      .field("date", ConnectDate.schema())
      .field("timestamp", ConnectTimestamp.schema())
      .field("time", ConnectTime.schema())
      .field("decimal", Decimal.schema(0))
      .field("stamp", ConnectTimestamp.schema())
      .field("none", ConnectTimestamp.builder().optional())
      .build();
    const value = new Struct(schema)
      .put("date", new Date(DAY))
      .put("timestamp", new Date(0))
      .put("time", new Date(1))
      .put("decimal", BigDecimal.parse("2147483648"))
      .put("stamp", new Date(8_640_000_000_000_000));
    const out = castValue(
      "date:int32,timestamp:int64,time:int64,decimal:int32,stamp:float64,none:int32",
    ).apply(record(schema, value));
    const struct = out.value as Struct;
    expect(struct.get("date")).toBe(1);
    expect(struct.get("timestamp")).toBe(0n);
    expect(struct.get("time")).toBe(1n);
    expect(struct.get("decimal")).toBe(-2147483648);
    expect(struct.get("stamp")).toBe(8.64e15);
    expect(struct.get("none")).toBeNull();
    expect(out.valueSchema?.field("none")?.schema.equals(Schema.OPTIONAL_INT32_SCHEMA)).toBe(true);
  });

  it("casts logical values to text as Kafka prints them", () => {
    const schema = SchemaBuilder.struct()
      .field("date", ConnectDate.schema())
      .field("decimal", Decimal.schema(2))
      .field("time", ConnectTime.schema())
      .field("timestamp", ConnectTimestamp.schema())
      .build();
    const value = new Struct(schema)
      .put("date", new Date(DAY))
      .put("decimal", BigDecimal.parse("19.82"))
      .put("time", new Date(3_600_000))
      .put("timestamp", new Date(Date.UTC(2020, 1, 3, 4, 5, 6, 7)));
    const struct = castValue("date:string,decimal:string,time:string,timestamp:string").apply(
      record(schema, value),
    ).value as Struct;
    expect(struct.get("date")).toBe("1970-01-02");
    expect(struct.get("decimal")).toBe("19.82");
    expect(struct.get("time")).toBe("01:00:00.000Z");
    expect(struct.get("timestamp")).toBe("2020-02-03T04:05:06.007Z");
  });

  it.each([
    [true, "10"],
    [false, null],
  ])("with replace.null.with.default=%s reads a null field with a default as %j", (replace, expected) => {
    const schema = SchemaBuilder.struct()
      .field("magic", SchemaBuilder.int32().optional().defaultValue(10))
      .build();
    const out = castValue("magic:string", { "replace.null.with.default": replace }).apply(
      record(schema, new Struct(schema).put("magic", null)),
    );
    expect(out.valueSchema?.field("magic")?.schema.type).toBe("STRING");
    expect(out.valueSchema?.field("magic")?.schema.defaultValue).toBe("10");
    expect((out.value as Struct).getWithoutDefault("magic")).toBe(expected);
  });

  it("ignores named fields the struct does not have", () => {
    const schema = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build();
    const out = castValue("missing:string").apply(record(schema, new Struct(schema).put("a", 1)));
    expect((out.value as Struct).get("a")).toBe(1);
    expect(out.valueSchema?.fields().map((field) => field.name)).toEqual(["a"]);
  });

  it("names the transformation, the field and the topic when a field cannot be cast", () => {
    const schema = SchemaBuilder.struct()
      .field("s", Schema.STRING_SCHEMA)
      .field("b", Schema.BYTES_SCHEMA)
      .field("n", SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).optional())
      .build();
    const value = new Struct(schema).put("s", "12x").put("b", new Uint8Array(1));
    expect(() => castValue("s:int32").apply(record(schema, value))).toThrow(
      'Cast$Value cannot cast field "s" of the record on topic "orders" to INT32: the text "12x" is not a INT32 value',
    );
    expect(() => castValue("b:int32").apply(record(schema, value))).toThrow(
      /field "b" .* bytes \(length 1\) cannot be cast to INT32: only numbers, booleans and text convert to INT32; bytes convert to string only/,
    );
    // A struct field that is null is not cast, so it passes; a present one cannot be cast.
    expect(() => castValue("n:int32").apply(record(schema, value))).not.toThrow();
    const nested = new Struct(schema.field("n")!.schema).put("x", 1);
    expect(() =>
      castValue("n:int32").apply(
        record(schema, new Struct(schema).put("s", "1").put("b", new Uint8Array()).put("n", nested)),
      ),
    ).toThrow(/field "n" .* casting from STRUCT is not supported/);
  });

  it("refuses field casts of a schema that is not a struct, and a value that is not a Struct", () => {
    expect(() => castValue("a:int8").apply(record(Schema.INT32_SCHEMA, 1))).toThrow(
      /a spec of field:type pairs casts fields of a Struct, but the schema is INT32/,
    );
    const schema = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build();
    expect(() => castValue("a:int8").apply(record(schema, new Map()))).toThrow(
      /Cast\$Value works on Struct values/,
    );
  });
});

describe("Cast of schemaless fields", () => {
  it("casts each named field of a Map and adds the missing ones as null", () => {
    const value = new Map<string, unknown>([
      ["int8", 8],
      ["int16", 16],
      ["int32", 32],
      ["int64", 64n],
      ["float32", 32],
      ["float64", -64],
      ["boolean", true],
      ["string", "42"],
      ["other", "kept"],
    ]);
    const out = castValue(
      "int8:int16,int16:int32,int32:int64,int64:boolean,float32:float64,float64:boolean,boolean:int8,string:int32,missing:string",
    ).apply(record(null, value));
    expect(out.valueSchema).toBeNull();
    expect(out.value).toEqual(
      new Map<string, unknown>([
        ["int8", 8],
        ["int16", 16],
        ["int32", 32n],
        ["int64", true],
        ["float32", 32],
        ["float64", true],
        ["boolean", 1],
        ["string", 42],
        ["other", "kept"],
        ["missing", null],
      ]),
    );
    expect(value.get("int32")).toBe(32); // the input is not changed
  });

  it("refuses a schemaless value that is not a Map", () => {
    expect(() => castValue("a:int8").apply(record(null, "text"))).toThrow(
      /Cast\$Value works on Map values when the record has no schema, but the record on topic "orders" holds a string/,
    );
  });
});
