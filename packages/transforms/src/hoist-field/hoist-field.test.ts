import { Schema, SchemaBuilder, SinkRecord, Struct } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { HoistFieldConfig, HoistFieldKey, HoistFieldValue } from "./hoist-field.js";

function record(
  keySchema: Schema | null,
  key: unknown,
  valueSchema: Schema | null = null,
  value: unknown = null,
) {
  return new SinkRecord({
    topic: "lines",
    kafkaPartition: 1,
    kafkaOffset: 7n,
    keySchema,
    key,
    valueSchema,
    value,
  });
}

function hoistKey(field = "magic"): HoistFieldKey {
  const transform = new HoistFieldKey();
  transform.configure({ field });
  return transform;
}

describe("HoistField", () => {
  it("requires field", () => {
    expect(() => new HoistFieldValue().configure({})).toThrow(/Missing required configuration "field"/);
    expect(HoistFieldConfig.keys).toEqual(["field"]);
  });

  it("wraps a schemaless key in a Map", () => {
    const out = hoistKey().apply(record(null, 42));
    expect(out.keySchema).toBeNull();
    expect(out.key).toEqual(new Map([["magic", 42]]));
  });

  it("wraps a null schemaless value too", () => {
    const transform = new HoistFieldValue();
    transform.configure({ field: "line" });
    const out = transform.apply(record(null, "k", null, null));
    expect(out.value).toEqual(new Map([["line", null]]));
    expect(out.key).toBe("k");
  });

  it("wraps a key with a schema in a Struct with one field of that schema", () => {
    const out = hoistKey().apply(record(Schema.INT32_SCHEMA, 42));
    const expectedSchema = SchemaBuilder.struct().field("magic", Schema.INT32_SCHEMA).build();
    expect(out.keySchema?.equals(expectedSchema)).toBe(true);
    expect((out.key as Struct).equals(new Struct(expectedSchema).put("magic", 42))).toBe(true);
  });

  it("builds the wrapping schema once per source schema", () => {
    const transform = hoistKey();
    const first = transform.apply(record(Schema.STRING_SCHEMA, "a"));
    expect(transform.apply(record(Schema.STRING_SCHEMA, "b")).keySchema).toBe(first.keySchema);
    expect(transform.apply(record(Schema.INT64_SCHEMA, 1n)).keySchema).not.toBe(first.keySchema);
  });

  it("wraps a null with an optional schema, and names the transformation and topic when the schema is required", () => {
    const out = hoistKey().apply(record(Schema.OPTIONAL_STRING_SCHEMA, null));
    expect((out.key as Struct).get("magic")).toBeNull();
    expect(() => hoistKey().apply(record(Schema.STRING_SCHEMA, null))).toThrow(
      /^HoistField\$Key cannot wrap the key of the record on topic "lines" in field "magic": .*null is not allowed/,
    );
  });

  it("refuses an empty field name for records with a schema", () => {
    expect(() => hoistKey("").apply(record(Schema.STRING_SCHEMA, "a"))).toThrow(/empty name/);
    expect(hoistKey("").apply(record(null, "a")).key).toEqual(new Map([["", "a"]]));
  });
});
