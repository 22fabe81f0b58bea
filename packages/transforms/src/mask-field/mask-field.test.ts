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
  SinkRecord,
  Struct,
} from "@tributary/api";
import { describe, expect, it } from "vitest";
import { MaskFieldConfig, MaskFieldKey, MaskFieldValue } from "./mask-field.js";

const SCHEMA = SchemaBuilder.struct()
  .field("magic", Schema.INT32_SCHEMA)
  .field("bool", Schema.BOOLEAN_SCHEMA)
  .field("byte", Schema.INT8_SCHEMA)
  .field("short", Schema.INT16_SCHEMA)
  .field("int", Schema.INT32_SCHEMA)
  .field("long", Schema.INT64_SCHEMA)
  .field("float", Schema.FLOAT32_SCHEMA)
  .field("double", Schema.FLOAT64_SCHEMA)
  .field("string", Schema.STRING_SCHEMA)
  .field("date", ConnectDate.schema())
  .field("time", ConnectTime.schema())
  .field("timestamp", ConnectTimestamp.schema())
  .field("decimal", Decimal.schema(2))
  .field("array", SchemaBuilder.array(Schema.INT32_SCHEMA))
  .field("map", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA))
  .field("withDefault", SchemaBuilder.string().optional().defaultValue("default"))
  .field("bytes", Schema.OPTIONAL_BYTES_SCHEMA)
  .build();

function valueWithSchema(): Struct {
  return new Struct(SCHEMA)
    .put("magic", 42)
    .put("bool", true)
    .put("byte", 42)
    .put("short", 42)
    .put("int", 42)
    .put("long", 42n)
    .put("float", 42)
    .put("double", 42)
    .put("string", "hmm")
    .put("date", new Date(86_400_000))
    .put("time", new Date(1000))
    .put("timestamp", new Date(123456))
    .put("decimal", BigDecimal.parse("42.00"))
    .put("array", [1, 2, 3])
    .put("map", new Map([["what", "what"]]));
}

function schemalessValue(): Map<string, unknown> {
  return new Map<string, unknown>([
    ["magic", 42],
    ["bool", true],
    ["int", 42],
    ["long", 42n],
    ["double", 42.5],
    ["string", "55.121.20.20"],
    ["date", new Date(5)],
    ["bigdec", BigDecimal.parse("42.0")],
    ["list", [42]],
    ["map", new Map([["key", "value"]])],
  ]);
}

function record(schema: Schema | null, value: unknown) {
  return new SinkRecord({ topic: "cards", kafkaPartition: 0, kafkaOffset: 0n, valueSchema: schema, value });
}

function mask(
  fields: readonly string[],
  replacement?: string,
  extra: Record<string, unknown> = {},
): MaskFieldValue {
  const transform = new MaskFieldValue();
  transform.configure({ fields: [...fields], replacement, "replace.null.with.default": false, ...extra });
  return transform;
}

describe("MaskField configuration", () => {
  it("requires a non-empty list of fields and refuses an empty replacement", () => {
    expect(() => new MaskFieldValue().configure({})).toThrow(/Missing required configuration "fields"/);
    expect(() => new MaskFieldValue().configure({ fields: "" })).toThrow(/give at least one field to mask/);
    expect(() => new MaskFieldValue().configure({ fields: "a", replacement: " " })).toThrow(ConfigError);
    expect(MaskFieldConfig.parse({ fields: "a, b" }).fields).toEqual(["a", "b"]);
  });
});

describe("MaskField with a schema", () => {
  it("masks every type with its empty value and keeps the schema", () => {
    const fields = SCHEMA.fields()
      .map((field) => field.name)
      .filter((name) => name !== "magic");
    const out = mask(fields).apply(record(SCHEMA, valueWithSchema()));
    const struct = out.value as Struct;
    expect(out.valueSchema).toBe(SCHEMA);
    expect(struct.get("magic")).toBe(42);
    expect(struct.get("bool")).toBe(false);
    expect([struct.get("byte"), struct.get("short"), struct.get("int")]).toEqual([0, 0, 0]);
    expect(struct.get("long")).toBe(0n);
    expect([struct.get("float"), struct.get("double")]).toEqual([0, 0]);
    expect(struct.get("string")).toBe("");
    expect(struct.get("date")).toEqual(new Date(0));
    expect(struct.get("time")).toEqual(new Date(0));
    expect(struct.get("timestamp")).toEqual(new Date(0));
    expect((struct.get("decimal") as BigDecimal).equals(BigDecimal.of(0n, 2))).toBe(true);
    expect(struct.get("array")).toEqual([]);
    expect(struct.get("map")).toEqual(new Map());
    expect(struct.getWithoutDefault("withDefault")).toBeNull();
    expect(struct.get("bytes")).toBeNull();
  });

  it.each([
    ["short", "123", 123],
    ["byte", "123", 123],
    ["int", "123", 123],
    ["long", "123", 123n],
    ["float", "123.5", 123.5],
    ["double", "123.25", 123.25],
    ["string", "123", "123"],
    ["decimal", "123.0", BigDecimal.parse("123.00")],
  ])("masks %s with the replacement %j read as its type", (field, replacement, expected) => {
    const struct = mask([field], replacement).apply(record(SCHEMA, valueWithSchema())).value as Struct;
    const value = struct.get(field);
    if (BigDecimal.isBigDecimal(expected)) expect((value as BigDecimal).equals(expected)).toBe(true);
    else expect(value).toBe(expected);
  });

  it.each(["bool", "time", "timestamp", "date", "array", "map"])(
    "refuses a replacement for %s, naming the transformation, field and topic",
    (field) => {
      expect(() => mask([field], "123").apply(record(SCHEMA, valueWithSchema()))).toThrow(
        new RegExp(
          `^MaskField\\$Value cannot mask field "${field}" of the record on topic "cards": .*cannot be masked with a custom replacement`,
        ),
      );
    },
  );

  it("refuses a replacement its type cannot read, and bytes", () => {
    expect(() => mask(["int"], "foo").apply(record(SCHEMA, valueWithSchema()))).toThrow(
      /cannot mask field "int" .* the replacement "foo" cannot be read as a INT32/,
    );
    expect(() => mask(["decimal"], "1.234").apply(record(SCHEMA, valueWithSchema()))).toThrow(
      /cannot be read as a Decimal/,
    );
    const withBytes = valueWithSchema().put("bytes", new Uint8Array(2));
    expect(() => mask(["bytes"]).apply(record(SCHEMA, withBytes))).toThrow(/a BYTES value cannot be masked/);
    // A null field is not masked, so a type that cannot be masked passes while it is null.
    expect(() => mask(["bytes"]).apply(record(SCHEMA, valueWithSchema()))).not.toThrow();
  });

  it("reads a null field with a default as the default, then masks it, unless told not to", () => {
    const replaced = mask(["withDefault"], undefined, { "replace.null.with.default": true }).apply(
      record(SCHEMA, valueWithSchema()),
    ).value as Struct;
    expect(replaced.getWithoutDefault("withDefault")).toBe("");
    const kept = mask(["withDefault"]).apply(record(SCHEMA, valueWithSchema())).value as Struct;
    expect(kept.getWithoutDefault("withDefault")).toBeNull();
  });

  it("gives each record its own empty array and map", () => {
    const transform = mask(["array", "map"]);
    const first = transform.apply(record(SCHEMA, valueWithSchema())).value as Struct;
    const second = transform.apply(record(SCHEMA, valueWithSchema())).value as Struct;
    expect(first.get("array")).not.toBe(second.get("array"));
    expect(first.get("map")).not.toBe(second.get("map"));
  });

  it("refuses a tombstone, as Kafka does, pointing to the predicate that skips them", () => {
    expect(() => mask(["int"]).apply(record(SCHEMA, null))).toThrow(DataError);
    expect(() => mask(["int"]).apply(record(SCHEMA, null))).toThrow(
      /MaskField\$Value works on Struct values/,
    );
    expect(() => mask(["int"]).apply(record(null, null))).toThrow(/MaskField\$Value works on Map values/);
  });
});

describe("MaskField without a schema", () => {
  it("masks each kind of value and adds named fields the Map lacks as null", () => {
    const value = schemalessValue();
    const out = mask([
      "bool",
      "int",
      "long",
      "double",
      "string",
      "date",
      "bigdec",
      "list",
      "map",
      "missing",
    ]).apply(record(null, value));
    const masked = out.value as Map<string, unknown>;
    expect(out.valueSchema).toBeNull();
    expect(masked.get("magic")).toBe(42);
    expect(masked.get("bool")).toBe(false);
    expect(masked.get("int")).toBe(0);
    expect(masked.get("long")).toBe(0n);
    expect(masked.get("double")).toBe(0);
    expect(masked.get("string")).toBe("");
    expect(masked.get("date")).toEqual(new Date(0));
    expect((masked.get("bigdec") as BigDecimal).equals(BigDecimal.of(0n, 0))).toBe(true);
    expect(masked.get("list")).toEqual([]);
    expect(masked.get("map")).toEqual(new Map());
    expect(masked.has("missing")).toBe(true);
    expect(masked.get("missing")).toBeNull();
    expect(value.get("int")).toBe(42);
  });

  it("reads the replacement as each value's type", () => {
    const masked = mask(["int", "long", "double", "string", "bigdec"], "123").apply(
      record(null, schemalessValue()),
    ).value as Map<string, unknown>;
    expect([masked.get("int"), masked.get("long"), masked.get("double"), masked.get("string")]).toEqual([
      123,
      123n,
      123,
      "123",
    ]);
    expect((masked.get("bigdec") as BigDecimal).equals(BigDecimal.parse("123"))).toBe(true);
  });

  it.each(["date", "bool", "list", "map"])("refuses a replacement for %s", (field) => {
    expect(() => mask([field], "123").apply(record(null, schemalessValue()))).toThrow(
      /cannot be masked with a custom replacement/,
    );
  });

  it("refuses a replacement its type cannot read", () => {
    for (const field of ["int", "long", "double", "bigdec"]) {
      expect(() => mask([field], "foo").apply(record(null, schemalessValue()))).toThrow(
        /the replacement "foo" cannot be read/,
      );
    }
    expect(() => mask(["string", "int"], "foo").apply(record(null, schemalessValue()))).toThrow(
      /field "int"/,
    );
  });

  it("masks keys with MaskFieldKey", () => {
    const transform = new MaskFieldKey();
    transform.configure({ fields: "ssn" });
    const out = transform.apply(
      new SinkRecord({
        topic: "t",
        kafkaPartition: 0,
        kafkaOffset: 0n,
        key: new Map([["ssn", "123-45"]]),
        value: "v",
      }),
    );
    expect(out.key).toEqual(new Map([["ssn", ""]]));
    expect(out.value).toBe("v");
  });
});
