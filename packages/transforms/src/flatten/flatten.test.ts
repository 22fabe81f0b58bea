import { DataError, Decimal, Schema, SchemaBuilder, SourceRecord, Struct } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { FlattenConfig, FlattenKey, FlattenValue } from "./flatten.js";

function record(
  valueSchema: Schema | null,
  value: unknown,
  keySchema: Schema | null = null,
  key: unknown = null,
) {
  return new SourceRecord({
    topic: "events",
    kafkaPartition: 0,
    sourcePartition: {},
    sourceOffset: {},
    keySchema,
    key,
    valueSchema,
    value,
  });
}

function flattenValue(props: Record<string, unknown> = {}): FlattenValue {
  const transform = new FlattenValue();
  transform.configure(props);
  return transform;
}

const leafSchema = SchemaBuilder.struct()
  .field("int8", Schema.INT8_SCHEMA)
  .field("int64", Schema.INT64_SCHEMA)
  .field("float32", Schema.FLOAT32_SCHEMA)
  .field("boolean", Schema.BOOLEAN_SCHEMA)
  .field("string", Schema.STRING_SCHEMA)
  .field("bytes", Schema.BYTES_SCHEMA)
  .build();
const middleSchema = SchemaBuilder.struct().field("B", leafSchema).build();
const topSchema = SchemaBuilder.struct().name("com.example.Top").version(2).field("A", middleSchema).build();

function nestedValue(): Struct {
  const leaf = new Struct(leafSchema)
    .put("int8", 8)
    .put("int64", 64n)
    .put("float32", 32)
    .put("boolean", true)
    .put("string", "stringy")
    .put("bytes", new TextEncoder().encode("bytes"));
  return new Struct(topSchema).put("A", new Struct(middleSchema).put("B", leaf));
}

describe("Flatten configuration", () => {
  it("defaults the delimiter to a dot and trims it as Kafka does", () => {
    expect(FlattenConfig.parse({}).delimiter).toBe(".");
    expect(FlattenConfig.parse({ delimiter: " # " }).delimiter).toBe("#");
  });
});

describe("Flatten with a schema", () => {
  it("flattens nested structs into one level, keeping the top schema's name", () => {
    const out = flattenValue().apply(record(topSchema, nestedValue()));
    const flat = out.value as Struct;
    expect(out.valueSchema?.name).toBe("com.example.Top");
    expect(out.valueSchema?.version).toBe(2);
    expect(out.valueSchema?.fields().map((field) => field.name)).toEqual([
      "A.B.int8",
      "A.B.int64",
      "A.B.float32",
      "A.B.boolean",
      "A.B.string",
      "A.B.bytes",
    ]);
    expect(flat.get("A.B.int8")).toBe(8);
    expect(flat.get("A.B.int64")).toBe(64n);
    expect(flat.get("A.B.string")).toBe("stringy");
    expect(new TextDecoder().decode(flat.getBytes("A.B.bytes")!)).toBe("bytes");
  });

  it("uses the delimiter and builds the flat schema once per source schema", () => {
    const transform = flattenValue({ delimiter: "#" });
    const first = transform.apply(record(topSchema, nestedValue()));
    const second = transform.apply(record(topSchema, nestedValue()));
    expect(second.valueSchema).toBe(first.valueSchema);
    expect((second.value as Struct).get("A#B#int8")).toBe(8);
  });

  it("makes fields of an optional struct optional and keeps the field's logical schema", () => {
    const inner = SchemaBuilder.struct()
      .field("price", Decimal.schema(2))
      .field("n", Schema.INT32_SCHEMA)
      .optional()
      .build();
    const schema = SchemaBuilder.struct()
      .field("B", inner)
      .field("opt_int32", Schema.OPTIONAL_INT32_SCHEMA)
      .build();
    const out = flattenValue().apply(record(schema, new Struct(schema)));
    const flatSchema = out.valueSchema!;
    expect(flatSchema.field("B.price")?.schema.equals(Decimal.builder(2).optional().build())).toBe(true);
    expect(flatSchema.field("B.n")?.schema.equals(Schema.OPTIONAL_INT32_SCHEMA)).toBe(true);
    expect((out.value as Struct).get("B.n")).toBeNull();
    expect((out.value as Struct).get("opt_int32")).toBeNull();
  });

  it("takes defaults from a parent struct's default, as Kafka does", () => {
    const builder = SchemaBuilder.struct()
      .optional()
      .field("req_field", Schema.STRING_SCHEMA)
      .field("opt_field", SchemaBuilder.string().optional().defaultValue("child_default"));
    builder.defaultValue(new Struct(builder.build()).put("req_field", "req_default"));
    const schema = builder.build();
    const out = flattenValue().apply(record(schema, new Struct(schema)));
    const flatSchema = out.valueSchema!;
    expect(flatSchema.isOptional).toBe(false);
    expect(
      flatSchema
        .field("req_field")
        ?.schema.equals(SchemaBuilder.string().optional().defaultValue("req_default").build()),
    ).toBe(true);
    expect(
      flatSchema
        .field("opt_field")
        ?.schema.equals(SchemaBuilder.string().optional().defaultValue("child_default").build()),
    ).toBe(true);
  });

  it("leaves arrays, and structs inside them, as they are", () => {
    const nested = SchemaBuilder.struct().field("lfg", Schema.STRING_SCHEMA).build();
    const inner = SchemaBuilder.struct().field("baz", nested).build();
    const schema = SchemaBuilder.struct().field("foo", SchemaBuilder.array(inner).doc("durk")).build();
    const value = new Struct(schema).put("foo", [
      new Struct(inner).put("baz", new Struct(nested).put("lfg", "lfg")),
    ]);
    const out = flattenValue().apply(record(schema, value));
    expect(out.valueSchema?.equals(schema)).toBe(true);
    expect((out.value as Struct).equals(value)).toBe(true);
  });

  it("passes tombstones through, schema and all", () => {
    const schema = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).optional().build();
    const tombstone = record(schema, null);
    expect(flattenValue().apply(tombstone)).toBe(tombstone);
    const schemaless = record(null, null);
    expect(flattenValue().apply(schemaless)).toBe(schemaless);
  });

  it("keeps null fields null", () => {
    const schema = SchemaBuilder.struct()
      .field("firstNull", Schema.OPTIONAL_STRING_SCHEMA)
      .field("firstNonNull", Schema.OPTIONAL_STRING_SCHEMA)
      .build();
    const value = new Struct(schema).put("firstNonNull", "nonNull");
    const out = flattenValue().apply(record(schema, value));
    expect((out.value as Struct).equals(value)).toBe(true);
  });

  it("refuses MAP fields and non-struct schemas, naming the transformation, field and topic", () => {
    const schema = SchemaBuilder.struct()
      .field("m", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA))
      .build();
    expect(() => flattenValue().apply(record(schema, new Struct(schema).put("m", new Map())))).toThrow(
      /^Flatten\$Value cannot flatten the record on topic "events": field "m" is a MAP/,
    );
    expect(() => flattenValue().apply(record(Schema.INT32_SCHEMA, 1))).toThrow(/works on Struct values/);
    const flattenKey = new FlattenKey();
    flattenKey.configure({});
    expect(() => flattenKey.apply(record(null, 1, Schema.STRING_SCHEMA, "k"))).toThrow(
      /works on Struct values/,
    );
  });

  it("refuses flattened names that collide", () => {
    const inner = SchemaBuilder.struct().field("b", Schema.INT32_SCHEMA).build();
    const schema = SchemaBuilder.struct().field("a.b", Schema.INT32_SCHEMA).field("a", inner).build();
    expect(() => flattenValue().apply(record(schema, new Struct(schema)))).toThrow(DataError);
  });
});

describe("Flatten without a schema", () => {
  it("flattens nested Maps with the delimiter and keeps arrays and nulls", () => {
    const value = new Map<string, unknown>([
      [
        "A",
        new Map<string, unknown>([
          [
            "B",
            new Map<string, unknown>([
              ["int8", 8],
              ["int64", 64n],
              ["none", null],
            ]),
          ],
        ]),
      ],
      ["list", [new Map([["x", 1]])]],
      ["top", "t"],
    ]);
    const out = flattenValue({ delimiter: "#" }).apply(record(null, value));
    expect(out.valueSchema).toBeNull();
    expect(out.value).toEqual(
      new Map<string, unknown>([
        ["A#B#int8", 8],
        ["A#B#int64", 64n],
        ["A#B#none", null],
        ["list", [new Map([["x", 1]])]],
        ["top", "t"],
      ]),
    );
  });

  it("flattens keys with FlattenKey", () => {
    const transform = new FlattenKey();
    transform.configure({});
    const out = transform.apply(record(null, null, null, new Map([["A", new Map([["B", 12]])]])));
    expect(out.key).toEqual(new Map([["A.B", 12]]));
  });

  it("refuses values that are not Maps and data a schemaless record cannot hold", () => {
    expect(() => flattenValue().apply(record(null, 42))).toThrow(
      /^Flatten\$Value works on Map values when the record has no schema, but the record on topic "events" holds the number 42/,
    );
    expect(() => flattenValue().apply(record(null, new Map([["a", new Date(0)]])))).toThrow(
      'Flatten$Value cannot flatten field "a" of the record on topic "events": it holds a Date, and it is not Connect data a record without a schema can hold.',
    );
    const struct = new Struct(SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).build()).put("x", 1);
    expect(() => flattenValue().apply(record(null, new Map([["a", struct]])))).toThrow(
      /a Struct in a record without a schema is not supported/,
    );
    expect(() => flattenValue().apply(record(null, new Map([[1, "x"]])))).toThrow(/needs text keys in Maps/);
  });
});
