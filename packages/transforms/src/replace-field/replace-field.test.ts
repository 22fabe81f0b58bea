import { ConfigError, Schema, SchemaBuilder, SinkRecord, Struct } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { ReplaceFieldConfig, ReplaceFieldKey, ReplaceFieldValue } from "./replace-field.js";

function record(
  valueSchema: Schema | null,
  value: unknown,
  keySchema: Schema | null = null,
  key: unknown = null,
) {
  return new SinkRecord({
    topic: "people",
    kafkaPartition: 0,
    kafkaOffset: 0n,
    keySchema,
    key,
    valueSchema,
    value,
  });
}

function replaceValue(props: Record<string, unknown>): ReplaceFieldValue {
  const transform = new ReplaceFieldValue();
  transform.configure(props);
  return transform;
}

const schema = SchemaBuilder.struct()
  .name("com.example.Person")
  .version(4)
  .doc("people")
  .field("dont", Schema.STRING_SCHEMA)
  .field("abc", Schema.INT32_SCHEMA)
  .field("foo", Schema.BOOLEAN_SCHEMA)
  .field("etc", Schema.STRING_SCHEMA)
  .build();

function value(): Struct {
  return new Struct(schema).put("dont", "whatever").put("abc", 42).put("foo", true).put("etc", "etc");
}

describe("ReplaceField configuration", () => {
  it("defaults every list to empty", () => {
    const config = ReplaceFieldConfig.parse({});
    expect([config.exclude, config.include, config.renames]).toEqual([[], [], []]);
    expect(config["replace.null.with.default"]).toBe(true);
  });

  it.each(["abc", "a:b:c", ":", "abc:"])(
    "refuses the rename %j when validating and configuring",
    (rename) => {
      const validation = ReplaceFieldConfig.validate({ renames: `foo:bar,${rename}` });
      const errors = validation.configs.find((config) => config.value.name === "renames")?.value.errors;
      expect(errors).toHaveLength(1);
      expect(errors?.[0]).toContain(
        `for configuration renames: "${rename}" is not a rename; write each rename as old:new (such as foo:bar), separated by commas.`,
      );
      expect(() => replaceValue({ renames: rename })).toThrow(ConfigError);
    },
  );

  it("accepts the renames Java's split accepts", () => {
    expect(ReplaceFieldConfig.validate({ renames: ":new,a:b:" }).errorCount).toBe(0);
  });
});

describe("ReplaceField with a schema", () => {
  it("keeps the included fields, renames them and keeps the struct's name", () => {
    const transform = replaceValue({ include: "abc,foo", renames: "abc:xyz,foo:bar" });
    const out = transform.apply(record(schema, value()));
    const updated = out.valueSchema!;
    expect([updated.name, updated.version, updated.doc]).toEqual(["com.example.Person", 4, "people"]);
    expect(updated.fields().map((field) => [field.name, field.schema])).toEqual([
      ["xyz", Schema.INT32_SCHEMA],
      ["bar", Schema.BOOLEAN_SCHEMA],
    ]);
    const struct = out.value as Struct;
    expect(struct.get("xyz")).toBe(42);
    expect(struct.get("bar")).toBe(true);
    expect(transform.apply(record(schema, value())).valueSchema).toBe(updated);
  });

  it("gives exclude precedence over include", () => {
    const out = replaceValue({ include: "abc,foo", exclude: "foo" }).apply(record(schema, value()));
    expect(out.valueSchema?.fields().map((field) => field.name)).toEqual(["abc"]);
  });

  it("accepts the deprecated blacklist and whitelist when the new names are not set", () => {
    const black = replaceValue({ blacklist: "dont,etc" }).apply(record(schema, value()));
    expect(black.valueSchema?.fields().map((field) => field.name)).toEqual(["abc", "foo"]);
    const white = replaceValue({ whitelist: "abc" }).apply(record(schema, value()));
    expect(white.valueSchema?.fields().map((field) => field.name)).toEqual(["abc"]);
    const both = replaceValue({ exclude: "abc", blacklist: "foo" }).apply(record(schema, value()));
    expect(both.valueSchema?.fields().map((field) => field.name)).toEqual(["dont", "foo", "etc"]);
  });

  it("leaves a tombstone unchanged", () => {
    const tombstone = record(SchemaBuilder.struct().optional().build(), null);
    expect(replaceValue({ include: "abc" }).apply(tombstone)).toBe(tombstone);
  });

  it.each([
    [true, 42],
    [false, null],
  ])("with replace.null.with.default=%s copies a null field with a default as %j", (replace, expected) => {
    const withDefault = SchemaBuilder.struct()
      .field("abc", SchemaBuilder.int32().optional().defaultValue(42))
      .build();
    const transform = new ReplaceFieldKey();
    transform.configure({
      include: "abc",
      renames: "abc:optional_with_default",
      "replace.null.with.default": replace,
    });
    const out = transform.apply(record(null, null, withDefault, new Struct(withDefault)));
    expect((out.key as Struct).getWithoutDefault("optional_with_default")).toBe(expected);
    expect(out.keySchema?.field("optional_with_default")?.schema.defaultValue).toBe(42);
  });

  it("names the transformation and topic when renames clash", () => {
    expect(() => replaceValue({ renames: "abc:foo" }).apply(record(schema, value()))).toThrow(
      /^ReplaceField\$Value cannot replace fields of Schema\{com.example.Person:STRUCT\} in the record on topic "people": .*"foo"/,
    );
    expect(() => replaceValue({}).apply(record(Schema.STRING_SCHEMA, "x"))).toThrow(/works on Struct values/);
  });
});

describe("ReplaceField without a schema", () => {
  it("drops the excluded fields and renames the others", () => {
    const map = new Map<string, unknown>([
      ["dont", "whatever"],
      ["abc", 42],
      ["foo", true],
      ["etc", "etc"],
    ]);
    const out = replaceValue({ exclude: "dont", renames: "abc:xyz,foo:bar" }).apply(record(null, map));
    expect(out.valueSchema).toBeNull();
    expect(out.value).toEqual(
      new Map<string, unknown>([
        ["xyz", 42],
        ["bar", true],
        ["etc", "etc"],
      ]),
    );
    expect(map.size).toBe(4);
  });

  it("leaves a tombstone unchanged and refuses values that are not Maps", () => {
    const tombstone = record(null, null);
    expect(replaceValue({ include: "abc" }).apply(tombstone)).toBe(tombstone);
    expect(() => replaceValue({}).apply(record(null, [1]))).toThrow(
      /ReplaceField\$Value works on Map values/,
    );
  });
});
