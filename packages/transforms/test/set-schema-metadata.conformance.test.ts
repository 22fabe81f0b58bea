/**
 * SetSchemaMetadata$Key and SetSchemaMetadata$Value against Kafka's (connect-transforms 4.1.1, through the Java
 * harness).
 */
import {
  BigDecimal,
  ConnectTimestamp,
  Decimal,
  type Schema,
  SchemaBuilder,
  Schema as Schemas,
  Struct,
} from "@tributary/api";
import { describe, expect, it } from "vitest";
import type { SchemaDescription } from "../../../scripts/conformance/harness.js";
import { SetSchemaMetadataKey, SetSchemaMetadataValue } from "../src/index.js";
import { KAFKA, sink, source, TransformPair, useHarness } from "./conformance.js";
import { comparable, describeRecord } from "./record-description.js";

const harness = useHarness();

function setValue(config: Record<string, string>): TransformPair {
  return new TransformPair(
    harness,
    `${KAFKA}SetSchemaMetadata$Value`,
    () => new SetSchemaMetadataValue(),
    config,
  );
}

function setKey(config: Record<string, string>): TransformPair {
  return new TransformPair(
    harness,
    `${KAFKA}SetSchemaMetadata$Key`,
    () => new SetSchemaMetadataKey(),
    config,
  );
}

function struct(schema: Schema, values: Record<string, unknown>): Struct {
  const out = new Struct(schema);
  for (const [name, value] of Object.entries(values)) out.put(name, value);
  return out;
}

const inner = SchemaBuilder.struct().name("com.example.Inner").field("x", Schemas.INT32_SCHEMA).build();
const order = SchemaBuilder.struct()
  .name("com.example.Order")
  .version(1)
  .doc("an order")
  .parameter("k", "v")
  .optional()
  .field("id", Schemas.INT64_SCHEMA)
  .field("note", SchemaBuilder.string().optional().defaultValue("none").build())
  .field("inner", inner)
  .build();
const value = struct(order, { id: 1n, inner: struct(inner, { x: 2 }) });

const CONFIGS: Record<string, string>[] = [
  { "schema.name": "com.example.Renamed" },
  { "schema.version": "7" },
  { "schema.name": "com.example.Renamed", "schema.version": "-1" },
  { "schema.name": "com.example.Renamed", "replace.null.with.default": "false" },
];

describe("SetSchemaMetadata, against Kafka", () => {
  it.each(CONFIGS)("renames a struct's schema and copies the struct onto it with %j", async (config) => {
    const pair = setValue(config);
    await pair.expectSame(source({ valueSchema: order, value }));
    await pair.expectSame(sink({ valueSchema: order, value: null }));
  });

  it.each([
    ["a plain string", Schemas.STRING_SCHEMA, "text"],
    ["an optional int64 with a default", SchemaBuilder.int64().optional().defaultValue(3n).build(), 2n],
    ["an array", SchemaBuilder.array(Schemas.INT16_SCHEMA).version(3).build(), [1, 2]],
    [
      "a map",
      SchemaBuilder.map(Schemas.STRING_SCHEMA, inner).build(),
      new Map([["a", struct(inner, { x: 1 })]]),
    ],
    ["a Decimal", Decimal.schema(2), BigDecimal.of(12n, 2)],
    ["a Timestamp", ConnectTimestamp.schema(), new Date(5)],
  ])(
    "sets the version of %s, where Kafka 4.1.1 fails on every schema that is not a struct",
    async (_, schema, data) => {
      const record = source({ valueSchema: schema, value: data });
      const { kafka, tributary } = await setValue({ "schema.version": "9" }).outcomes(record);
      // Kafka lists the fields of whatever schema it is given, which only a STRUCT schema has.
      expect(kafka).toEqual({ ok: false, error: "DataException: Cannot list fields on non-struct type" });
      const expected = describeRecord(record);
      expect(tributary).toEqual({
        ok: true,
        record: comparable({
          ...expected,
          valueSchema: { ...(expected.valueSchema as SchemaDescription), version: 9 },
        }),
      });
    },
  );

  it("changes the key's schema with SetSchemaMetadata$Key", async () => {
    await setKey({ "schema.name": "com.example.Key", "schema.version": "2" }).expectSame(
      sink({ keySchema: order, key: value, valueSchema: Schemas.STRING_SCHEMA, value: "v" }),
    );
  });

  it("fails as Kafka does on a record without a schema", async () => {
    await setValue({ "schema.name": "x" }).expectBothFail(source({ value: new Map([["a", 1n]]) }));
  });

  it("passes a schemaless tombstone as Kafka does", async () => {
    const pair = setValue({ "schema.name": "x" });
    const record = sink({ valueSchema: null, value: null });
    const { kafka } = await pair.outcomes(record);
    if (kafka.ok) await pair.expectSame(record);
    else await pair.expectBothFail(record);
  });
});

describe("SetSchemaMetadata configuration, against Kafka", () => {
  it("both refuse a config that sets neither name nor version", async () => {
    await setValue({}).expectConfigRejected(source({ valueSchema: Schemas.STRING_SCHEMA, value: "v" }));
  });

  it("both refuse a version that is not a 32-bit integer", async () => {
    await setValue({ "schema.version": "one" }).expectConfigRejected();
    await setValue({ "schema.version": "2147483648" }).expectConfigRejected();
  });
});
