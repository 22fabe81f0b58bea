import { ConfigError, DataError, Schema, SchemaBuilder, SinkRecord, Struct } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { ExtractFieldConfig, ExtractFieldKey, ExtractFieldValue } from "./extract-field.js";

function record(
  keySchema: Schema | null,
  key: unknown,
  valueSchema: Schema | null = null,
  value: unknown = null,
) {
  return new SinkRecord({
    topic: "users",
    kafkaPartition: 0,
    kafkaOffset: 0n,
    keySchema,
    key,
    valueSchema,
    value,
  });
}

function extractKey(props: Record<string, unknown>): ExtractFieldKey {
  const transform = new ExtractFieldKey();
  transform.configure(props);
  return transform;
}

const fooSchema = SchemaBuilder.struct().field("foo", Schema.INT32_SCHEMA).build();
const nestedSchema = SchemaBuilder.struct().field("magic", fooSchema).build();

describe("ExtractField configuration", () => {
  it("requires field, defaults to V1 and reads the version in any case", () => {
    expect(() => new ExtractFieldKey().configure({})).toThrow(/Missing required configuration "field"/);
    const config = ExtractFieldConfig.parse({ field: "a", "field.syntax.version": "v2" });
    expect(config["field.syntax.version"]).toBe("V2");
    expect(ExtractFieldConfig.parse({ field: "a" })["field.syntax.version"]).toBe("V1");
    expect(ExtractFieldConfig.validate({ field: "a", "field.syntax.version": "V3" }).errorCount).toBe(1);
  });

  it("reports an unreadable V2 path on the field key when validating and configuring", () => {
    const props = { field: "foo.`bar", "field.syntax.version": "V2" };
    const validation = ExtractFieldConfig.validate(props, { prefix: "" });
    const entry = validation.configs.find((config) => config.value.name === "field");
    expect(entry?.value.errors).toEqual([
      'Invalid value "foo.`bar" for configuration field: the backtick at position 4 of "foo.`bar" has no closing backtick; close it, or write \\` to keep a backtick that is followed by a dot.',
    ]);
    expect(() => new ExtractFieldValue().configure(props)).toThrow(ConfigError);
    expect(() => new ExtractFieldValue().configure({ ...props, "field.syntax.version": "V1" })).not.toThrow();
  });

  it("names prefixed keys as the user wrote them", () => {
    const props = { "transforms.x.field": "`a", "transforms.x.field.syntax.version": "V2" };
    const validation = ExtractFieldConfig.validate(props, { prefix: "transforms.x." });
    expect(validation.errorCount).toBe(1);
    expect(JSON.stringify(validation.configs)).toContain("for configuration transforms.x.field:");
  });
});

describe("ExtractField without a schema", () => {
  it("extracts a top-level field of a Map, and null for a missing field or a null key", () => {
    const transform = extractKey({ field: "magic" });
    const out = transform.apply(record(null, new Map([["magic", 42]])));
    expect(out.keySchema).toBeNull();
    expect(out.key).toBe(42);
    expect(transform.apply(record(null, new Map([["other", 1]]))).key).toBeNull();
    expect(transform.apply(record(null, null)).key).toBeNull();
  });

  it("follows a V2 path through nested Maps and gives null when a step is missing or null", () => {
    const transform = extractKey({ field: "magic.foo", "field.syntax.version": "V2" });
    const key = new Map([["magic", new Map([["foo", 42]])]]);
    expect(transform.apply(record(null, key)).key).toBe(42);
    expect(transform.apply(record(null, new Map([["magic", new Map()]]))).key).toBeNull();
    expect(transform.apply(record(null, new Map([["magic", null]]))).key).toBeNull();
    expect(() => transform.apply(record(null, new Map([["magic", "text"]])))).toThrow(
      'ExtractField$Key cannot follow the path "magic.foo" in the record on topic "users": field "magic" holds a string, not a Map.',
    );
  });

  it("treats V1 dots as part of the name", () => {
    const transform = extractKey({ field: "magic.foo" });
    expect(transform.apply(record(null, new Map([["magic.foo", 1]]))).key).toBe(1);
  });

  it("refuses a schemaless value that is not a Map, naming the transformation, field and topic", () => {
    expect(() => extractKey({ field: "magic" }).apply(record(null, "text"))).toThrow(
      /^ExtractField\$Key works on Map values .* topic "users" \(working on field "magic"\) holds a string/,
    );
  });
});

describe("ExtractField with a schema", () => {
  it("extracts a field with its schema", () => {
    const schema = SchemaBuilder.struct().field("magic", Schema.INT32_SCHEMA).build();
    const out = extractKey({ field: "magic" }).apply(record(schema, new Struct(schema).put("magic", 42)));
    expect(out.keySchema).toBe(Schema.INT32_SCHEMA);
    expect(out.key).toBe(42);
  });

  it("follows a V2 path through nested Structs", () => {
    const transform = extractKey({ field: "magic.foo", "field.syntax.version": "V2" });
    const key = new Struct(nestedSchema).put("magic", new Struct(fooSchema).put("foo", 42));
    const out = transform.apply(record(nestedSchema, key));
    expect(out.keySchema).toBe(Schema.INT32_SCHEMA);
    expect(out.key).toBe(42);
  });

  it("gives a tombstone the field's schema and a null value", () => {
    const schema = SchemaBuilder.struct().field("magic", Schema.INT32_SCHEMA).optional().build();
    const out = extractKey({ field: "magic" }).apply(record(schema, null));
    expect(out.keySchema).toBe(Schema.INT32_SCHEMA);
    expect(out.key).toBeNull();
  });

  it("gives null when a nested struct on the way is null", () => {
    const schema = SchemaBuilder.struct()
      .field("magic", SchemaBuilder.struct().field("foo", Schema.INT32_SCHEMA).optional())
      .build();
    const transform = extractKey({ field: "magic.foo", "field.syntax.version": "V2" });
    const out = transform.apply(record(schema, new Struct(schema)));
    expect(out.keySchema).toBe(Schema.INT32_SCHEMA);
    expect(out.key).toBeNull();
  });

  it("names the transformation, the field and the topic when the schema lacks the field", () => {
    const schema = SchemaBuilder.struct().field("magic", Schema.INT32_SCHEMA).build();
    expect(() =>
      extractKey({ field: "nonexistent" }).apply(record(schema, new Struct(schema).put("magic", 1))),
    ).toThrow(
      'ExtractField$Key needs field "nonexistent", but the record on topic "users" has no such field. It has fields "magic".',
    );
    const nested = extractKey({ field: "magic.nonexistent", "field.syntax.version": "V2" });
    const key = new Struct(nestedSchema).put("magic", new Struct(fooSchema).put("foo", 42));
    expect(() => nested.apply(record(nestedSchema, key))).toThrow(DataError);
    expect(() => nested.apply(record(nestedSchema, key))).toThrow(/needs field "magic.nonexistent"/);
  });

  it("refuses a path through a field that is not a struct, and a value that is not a Struct", () => {
    const schema = SchemaBuilder.struct().field("magic", Schema.INT32_SCHEMA).build();
    const transform = extractKey({ field: "magic.foo", "field.syntax.version": "V2" });
    expect(() => transform.apply(record(schema, new Struct(schema).put("magic", 1)))).toThrow(
      /field "magic" has a INT32 schema, not a STRUCT one/,
    );
    expect(() => extractKey({ field: "a" }).apply(record(Schema.INT32_SCHEMA, 5))).toThrow(
      /works on Struct values/,
    );
  });

  it.each([
    [true, 42],
    [false, null],
  ])("with replace.null.with.default=%s reads a null field with a default as %j", (replace, expected) => {
    const schema = SchemaBuilder.struct()
      .field("optional_with_default", SchemaBuilder.int32().optional().defaultValue(42))
      .build();
    const transform = new ExtractFieldValue();
    transform.configure({ field: "optional_with_default", "replace.null.with.default": replace });
    const out = transform.apply(record(Schema.STRING_SCHEMA, "k", schema, new Struct(schema)));
    expect(out.value).toBe(expected);
    expect(out.key).toBe("k");
  });
});
