import { ConfigError, DataError, Schema, SchemaBuilder, SinkRecord, Struct } from "@tributary/api";
import { describe, expect, it } from "vitest";
import {
  SetSchemaMetadataConfig,
  SetSchemaMetadataKey,
  SetSchemaMetadataValue,
} from "./set-schema-metadata.js";

function record(
  valueSchema: Schema | null,
  value: unknown,
  keySchema: Schema | null = null,
  key: unknown = null,
) {
  return new SinkRecord({
    topic: "orders",
    kafkaPartition: 0,
    kafkaOffset: 0n,
    keySchema,
    key,
    valueSchema,
    value,
  });
}

function setValue(props: Record<string, unknown>): SetSchemaMetadataValue {
  const transform = new SetSchemaMetadataValue();
  transform.configure(props);
  return transform;
}

describe("SetSchemaMetadata configuration", () => {
  it("needs a name or a version, reported on schema.name", () => {
    expect(() => new SetSchemaMetadataValue().configure({})).toThrow(ConfigError);
    expect(() => new SetSchemaMetadataValue().configure({})).toThrow(
      "Invalid value null for configuration schema.name: neither schema.name nor schema.version is set; set at least one of them.",
    );
    expect(SetSchemaMetadataConfig.validate({ "schema.version": "2" }).errorCount).toBe(0);
    expect(SetSchemaMetadataConfig.validate({ "schema.version": "two" }).errorCount).toBe(1);
  });
});

describe("SetSchemaMetadata", () => {
  it("sets the name, the version, or both, keeping the rest of the schema", () => {
    const schema = SchemaBuilder.int32().name("old").version(1).doc("d").optional().defaultValue(5).build();
    expect(setValue({ "schema.name": "foo" }).apply(record(schema, 1)).valueSchema?.name).toBe("foo");
    const versioned = setValue({ "schema.version": 42 }).apply(record(schema, 1)).valueSchema!;
    expect([versioned.name, versioned.version]).toEqual(["old", 42]);
    const both = setValue({ "schema.name": "foo", "schema.version": "42" }).apply(record(schema, 1))
      .valueSchema!;
    expect([both.name, both.version, both.doc, both.isOptional, both.defaultValue]).toEqual([
      "foo",
      42,
      "d",
      true,
      5,
    ]);
  });

  it("keeps map and array element schemas", () => {
    const map = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA).build();
    const out = setValue({ "schema.name": "m" }).apply(record(map, new Map([["a", 1n]])));
    expect(out.valueSchema?.keySchema()).toBe(Schema.STRING_SCHEMA);
    expect(out.valueSchema?.valueSchema()).toBe(Schema.INT64_SCHEMA);
    const array = SchemaBuilder.array(Schema.STRING_SCHEMA).build();
    expect(
      setValue({ "schema.name": "a" })
        .apply(record(array, ["x"]))
        .valueSchema?.valueSchema(),
    ).toBe(Schema.STRING_SCHEMA);
  });

  it("copies a Struct onto the renamed schema, and builds that schema once", () => {
    const inner = SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).build();
    const schema = SchemaBuilder.struct()
      .name("my.orig.SchemaDefn")
      .field("stringField", Schema.STRING_SCHEMA)
      .field("nested", inner)
      .build();
    const value = new Struct(schema).put("stringField", "value").put("nested", new Struct(inner).put("x", 1));
    const transform = setValue({ "schema.name": "foo", "schema.version": 42 });
    const out = transform.apply(record(schema, value));
    const struct = out.value as Struct;
    expect(struct.schema).toBe(out.valueSchema);
    expect([out.valueSchema?.name, out.valueSchema?.version]).toEqual(["foo", 42]);
    expect(struct.get("stringField")).toBe("value");
    expect(struct.getStruct("nested")?.schema).toBe(inner);
    expect(out.valueSchema?.field("nested")?.schema).toBe(inner);
    expect(transform.apply(record(schema, value)).valueSchema).toBe(out.valueSchema);
  });

  it.each([
    [true, "default"],
    [false, null],
  ])("with replace.null.with.default=%s copies a null field with a default as %j", (replace, expected) => {
    const schema = SchemaBuilder.struct()
      .field("f", SchemaBuilder.string().optional().defaultValue("default"))
      .build();
    const out = setValue({ "schema.name": "foo", "replace.null.with.default": replace }).apply(
      record(schema, new Struct(schema)),
    );
    expect((out.value as Struct).getWithoutDefault("f")).toBe(expected);
  });

  it("sets the key schema with SetSchemaMetadataKey", () => {
    const transform = new SetSchemaMetadataKey();
    transform.configure({ "schema.name": "k" });
    const out = transform.apply(record(Schema.STRING_SCHEMA, "v", Schema.INT64_SCHEMA, 7n));
    expect(out.keySchema?.name).toBe("k");
    expect(out.key).toBe(7n);
    expect(out.valueSchema).toBe(Schema.STRING_SCHEMA);
  });

  it("keeps a null value with a schema, and a record without schema or value", () => {
    const schema = SchemaBuilder.struct().optional().build();
    const out = setValue({ "schema.name": "foo" }).apply(record(schema, null));
    expect(out.valueSchema?.name).toBe("foo");
    expect(out.value).toBeNull();
    const empty = record(null, null);
    expect(setValue({ "schema.name": "foo" }).apply(empty)).toBe(empty);
  });

  it("needs a schema when there is a value, naming the transformation and topic", () => {
    expect(() => setValue({ "schema.name": "foo" }).apply(record(null, "x"))).toThrow(DataError);
    expect(() => setValue({ "schema.name": "foo" }).apply(record(null, "x"))).toThrow(
      /^SetSchemaMetadata\$Value needs a schema, but the record on topic "orders" has none/,
    );
  });
});
