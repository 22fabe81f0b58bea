import {
  ConfigError,
  ConnectTimestamp,
  Schema,
  SchemaBuilder,
  SinkRecord,
  SourceRecord,
  Struct,
} from "@tributary/api";
import { describe, expect, it } from "vitest";
import { InsertFieldConfig, InsertFieldKey, InsertFieldValue } from "./insert-field.js";
import { parseInsertionSpec } from "./insertion-spec.js";

const ALL = {
  "topic.field": "topic_field!",
  "partition.field": "partition_field",
  "timestamp.field": "timestamp_field?",
  "static.field": "instance_id",
  "static.value": "my-instance-id",
};

function insertValue(props: Record<string, unknown> = ALL): InsertFieldValue {
  const transform = new InsertFieldValue();
  transform.configure(props);
  return transform;
}

function source(
  valueSchema: Schema | null,
  value: unknown,
  keySchema: Schema | null = null,
  key: unknown = null,
) {
  return new SourceRecord({
    topic: "test",
    kafkaPartition: 0,
    sourcePartition: {},
    sourceOffset: {},
    keySchema,
    key,
    valueSchema,
    value,
    timestamp: 789,
  });
}

const simpleSchema = SchemaBuilder.struct()
  .name("name")
  .version(1)
  .doc("doc")
  .field("magic", Schema.OPTIONAL_INT64_SCHEMA)
  .build();

describe("InsertField configuration", () => {
  it("needs at least one field, reported on topic.field", () => {
    const validation = InsertFieldConfig.validate({});
    expect(validation.errorCount).toBe(1);
    expect(validation.configs.find((config) => config.value.name === "topic.field")?.value.errors[0]).toMatch(
      /no field insertion is configured; set at least one of topic.field, partition.field, offset.field, timestamp.field, static.field/,
    );
    expect(() => new InsertFieldValue().configure({})).toThrow(ConfigError);
  });

  it("needs static.value with static.field", () => {
    expect(() => new InsertFieldValue().configure({ "static.field": "origin" })).toThrow(
      /Invalid value null for configuration static.value: static.field is set to "origin" but no value is given for it/,
    );
    expect(InsertFieldConfig.validate({ "static.field": "origin", "static.value": "" }).errorCount).toBe(0);
  });

  it("reads the ! and ? suffixes", () => {
    expect(parseInsertionSpec("a!")).toEqual({ name: "a", optional: false });
    expect(parseInsertionSpec("a?")).toEqual({ name: "a", optional: true });
    expect(parseInsertionSpec("a")).toEqual({ name: "a", optional: true });
    expect(parseInsertionSpec("a?!")).toEqual({ name: "a?", optional: false });
    expect(parseInsertionSpec(undefined)).toBeUndefined();
  });
});

describe("InsertField with a schema", () => {
  it("copies the schema and inserts the configured fields", () => {
    const transform = insertValue();
    const out = transform.apply(source(simpleSchema, new Struct(simpleSchema).put("magic", 42n)));
    const schema = out.valueSchema!;
    const struct = out.value as Struct;
    expect([schema.name, schema.version, schema.doc]).toEqual(["name", 1, "doc"]);
    expect(schema.field("magic")?.schema).toBe(Schema.OPTIONAL_INT64_SCHEMA);
    expect(struct.getInt64("magic")).toBe(42n);
    expect(schema.field("topic_field")?.schema.equals(Schema.STRING_SCHEMA)).toBe(true);
    expect(struct.getString("topic_field")).toBe("test");
    expect(schema.field("partition_field")?.schema.equals(Schema.OPTIONAL_INT32_SCHEMA)).toBe(true);
    expect(struct.getInt32("partition_field")).toBe(0);
    expect(
      schema.field("timestamp_field")?.schema.equals(ConnectTimestamp.builder().optional().build()),
    ).toBe(true);
    expect((struct.get("timestamp_field") as Date).getTime()).toBe(789);
    expect(schema.field("instance_id")?.schema.equals(Schema.OPTIONAL_STRING_SCHEMA)).toBe(true);
    expect(struct.getString("instance_id")).toBe("my-instance-id");
    const again = transform.apply(source(simpleSchema, new Struct(simpleSchema).put("magic", 1n)));
    expect(again.valueSchema).toBe(schema);
  });

  it("inserts the offset of sink records, and refuses it for source records", () => {
    const transform = insertValue({ "offset.field": "offset!" });
    const sink = new SinkRecord({
      topic: "test",
      kafkaPartition: 3,
      kafkaOffset: 9007199254740993n,
      valueSchema: simpleSchema,
      value: new Struct(simpleSchema),
    });
    const out = transform.apply(sink);
    expect(out.valueSchema?.field("offset")?.schema.equals(Schema.INT64_SCHEMA)).toBe(true);
    expect((out.value as Struct).get("offset")).toBe(9007199254740993n);
    expect((out as SinkRecord).kafkaOffset).toBe(9007199254740993n);
    expect(() => transform.apply(source(simpleSchema, new Struct(simpleSchema)))).toThrow(
      /InsertField\$Value needs a sink record to fill field "offset", but the record on topic "test" is a SourceRecord/,
    );
  });

  it("leaves a null partition or timestamp out", () => {
    const record = new SourceRecord({
      topic: "test",
      sourcePartition: {},
      sourceOffset: {},
      valueSchema: simpleSchema,
      value: new Struct(simpleSchema),
    });
    const struct = insertValue().apply(record).value as Struct;
    expect(struct.get("partition_field")).toBeNull();
    expect(struct.get("timestamp_field")).toBeNull();
  });

  it("leaves a tombstone with a schema unchanged", () => {
    const tombstone = source(simpleSchema, null);
    expect(insertValue().apply(tombstone)).toBe(tombstone);
  });

  it.each([
    [true, 42n],
    [false, null],
  ])("with replace.null.with.default=%s copies a null field with a default as %s", (replace, expected) => {
    const schema = SchemaBuilder.struct()
      .field("optional_with_default", SchemaBuilder.int64().optional().defaultValue(42n))
      .build();
    const out = insertValue({ ...ALL, "replace.null.with.default": replace }).apply(
      source(schema, new Struct(schema)),
    );
    expect((out.value as Struct).getWithoutDefault("optional_with_default")).toBe(expected);
  });

  it("names the transformation and topic for a clash with an existing field and for a value that is not a Struct", () => {
    const transform = insertValue({ "topic.field": "magic" });
    expect(() => transform.apply(source(simpleSchema, new Struct(simpleSchema)))).toThrow(
      /^InsertField\$Value cannot insert its fields into Schema\{name:STRUCT\} of the record on topic "test": .*"magic"/,
    );
    expect(() => insertValue().apply(source(Schema.INT32_SCHEMA, 42))).toThrow(
      /InsertField\$Value works on Struct values/,
    );
  });
});

describe("InsertField without a schema", () => {
  it("inserts the configured fields into a Map", () => {
    const out = insertValue().apply(source(null, new Map([["magic", 42n]])));
    expect(out.valueSchema).toBeNull();
    expect(out.value).toEqual(
      new Map<string, unknown>([
        ["magic", 42n],
        ["topic_field", "test"],
        ["partition_field", 0],
        ["timestamp_field", 789n],
        ["instance_id", "my-instance-id"],
      ]),
    );
  });

  it("inserts into the key of a tombstone, and leaves a null key unchanged", () => {
    const transform = new InsertFieldKey();
    transform.configure(ALL);
    const record = new SourceRecord({
      topic: "test",
      kafkaPartition: 0,
      sourcePartition: {},
      sourceOffset: {},
      key: new Map([["magic", 42n]]),
    });
    const out = transform.apply(record);
    expect(out.key).toEqual(
      new Map<string, unknown>([
        ["magic", 42n],
        ["topic_field", "test"],
        ["partition_field", 0],
        ["instance_id", "my-instance-id"],
      ]),
    );
    expect(out.value).toBeNull();
    const nullKey = source(null, new Map());
    expect(transform.apply(nullKey)).toBe(nullKey);
  });

  it("leaves a schemaless tombstone unchanged and refuses values that are not Maps", () => {
    const tombstone = source(null, null);
    expect(insertValue().apply(tombstone)).toBe(tombstone);
    expect(() => insertValue().apply(source(null, "text"))).toThrow(/InsertField\$Value works on Map values/);
  });
});
