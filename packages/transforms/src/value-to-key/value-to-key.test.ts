import {
  ConfigError,
  DataError,
  Schema,
  SchemaBuilder,
  SinkRecord,
  SourceRecord,
  Struct,
} from "@tributary/api";
import { describe, expect, it } from "vitest";
import { ValueToKey, ValueToKeyConfig } from "./value-to-key.js";

function record(valueSchema: Schema | null, value: unknown) {
  return new SinkRecord({
    topic: "orders",
    kafkaPartition: 0,
    kafkaOffset: 0n,
    keySchema: Schema.STRING_SCHEMA,
    key: "old",
    valueSchema,
    value,
  });
}

function valueToKey(props: Record<string, unknown>): ValueToKey {
  const transform = new ValueToKey();
  transform.configure(props);
  return transform;
}

const schema = SchemaBuilder.struct()
  .name("com.example.Order")
  .field("a", Schema.INT32_SCHEMA)
  .field("b", Schema.INT32_SCHEMA)
  .field("c", Schema.INT32_SCHEMA)
  .build();

describe("ValueToKey configuration", () => {
  it("requires a non-empty list of fields", () => {
    expect(() => new ValueToKey().configure({})).toThrow(/Missing required configuration "fields"/);
    expect(() => new ValueToKey().configure({ fields: "" })).toThrow(ConfigError);
    expect(ValueToKeyConfig.validate({ fields: "" }).configs[0]?.value.errors[0]).toMatch(
      /for configuration fields: give at least one field of the value to copy into the key/,
    );
  });
});

describe("ValueToKey", () => {
  it("makes a Map key from a schemaless value, null where the value lacks a field", () => {
    const value = new Map<string, unknown>([
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ]);
    const out = valueToKey({ fields: "a,b,missing" }).apply(record(null, value));
    expect(out.keySchema).toBeNull();
    expect(out.key).toEqual(
      new Map<string, unknown>([
        ["a", 1],
        ["b", 2],
        ["missing", null],
      ]),
    );
    expect(out.value).toBe(value);
  });

  it("makes a Struct key with the fields' schemas, in the configured order, built once", () => {
    const transform = valueToKey({ fields: "b,a" });
    const value = new Struct(schema).put("a", 1).put("b", 2).put("c", 3);
    const out = transform.apply(record(schema, value));
    const expectedKeySchema = SchemaBuilder.struct()
      .field("b", Schema.INT32_SCHEMA)
      .field("a", Schema.INT32_SCHEMA)
      .build();
    expect(out.keySchema?.equals(expectedKeySchema)).toBe(true);
    expect((out.key as Struct).equals(new Struct(expectedKeySchema).put("b", 2).put("a", 1))).toBe(true);
    expect(out.value).toBe(value);
    expect(out.valueSchema).toBe(schema);
    expect(transform.apply(record(schema, value)).keySchema).toBe(out.keySchema);
  });

  it.each([
    [true, 42],
    [false, null],
  ])("with replace.null.with.default=%s copies a null field with a default as %j", (replace, expected) => {
    const withDefault = SchemaBuilder.struct()
      .field("d", SchemaBuilder.int32().optional().defaultValue(42))
      .build();
    const out = valueToKey({ fields: "d", "replace.null.with.default": replace }).apply(
      record(withDefault, new Struct(withDefault)),
    );
    expect((out.key as Struct).getWithoutDefault("d")).toBe(expected);
  });

  it("names the transformation, the field and the topic when the value lacks a field", () => {
    const value = new Struct(schema).put("a", 1).put("b", 2).put("c", 3);
    const transform = valueToKey({ fields: "a,not_exist" });
    expect(() => transform.apply(record(schema, value))).toThrow(DataError);
    expect(() => transform.apply(record(schema, value))).toThrow(
      'ValueToKey needs field "not_exist", but the record on topic "orders" has no such field. It has fields "a", "b", "c".',
    );
  });

  it("refuses a field named twice", () => {
    const value = new Struct(schema).put("a", 1).put("b", 2).put("c", 3);
    expect(() => valueToKey({ fields: "a,a" }).apply(record(schema, value))).toThrow(/names field "a" twice/);
  });

  it("refuses tombstones and values that are neither Structs nor Maps, as Kafka does", () => {
    const transform = valueToKey({ fields: "a" });
    expect(() => transform.apply(record(null, null))).toThrow(/ValueToKey works on Map values/);
    expect(() => transform.apply(record(schema, null))).toThrow(/ValueToKey works on Struct values/);
    const source = new SourceRecord({ topic: "t", sourcePartition: {}, sourceOffset: {}, value: "text" });
    expect(() => transform.apply(source)).toThrow(/on topic "t" holds a string/);
  });
});
