/**
 * ValueToKey against Kafka's (connect-transforms 4.1.1, through the Java harness).
 */
import { ConnectTimestamp, type Schema, SchemaBuilder, Schema as Schemas, Struct } from "@tributary/api";
import { describe, it } from "vitest";
import { ValueToKey } from "../src/index.js";
import { KAFKA, sink, source, TransformPair, useHarness } from "./conformance.js";

const harness = useHarness();

function valueToKey(config: Record<string, string>): TransformPair {
  return new TransformPair(harness, `${KAFKA}ValueToKey`, () => new ValueToKey(), config);
}

function struct(schema: Schema, values: Record<string, unknown>): Struct {
  const out = new Struct(schema);
  for (const [name, value] of Object.entries(values)) out.put(name, value);
  return out;
}

const inner = SchemaBuilder.struct().name("Inner").field("x", Schemas.INT32_SCHEMA).build();
const order = SchemaBuilder.struct()
  .name("com.example.Order")
  .version(2)
  .field("id", Schemas.INT64_SCHEMA)
  .field("region", SchemaBuilder.string().optional().defaultValue("eu").doc("where").build())
  .field("at", ConnectTimestamp.schema())
  .field("inner", inner)
  .build();
const value = struct(order, { id: 5n, at: new Date(1000), inner: struct(inner, { x: 1 }) });

describe("ValueToKey with a schema, against Kafka", () => {
  it.each(["id", "region,id", "inner, at"])("makes a key struct of the fields %j", async (fields) => {
    const pair = valueToKey({ fields });
    await pair.expectSame(
      source({ keySchema: Schemas.STRING_SCHEMA, key: "old", valueSchema: order, value }),
    );
    await pair.expectSame(
      sink({
        valueSchema: order,
        value: struct(order, { id: 6n, region: "us", at: new Date(0), inner: struct(inner, { x: 2 }) }),
      }),
    );
  });

  it.each(["true", "false"])(
    "copies a null field with a default per replace.null.with.default=%s",
    async (flag) => {
      await valueToKey({ fields: "region", "replace.null.with.default": flag }).expectSame(
        source({ valueSchema: order, value }),
      );
    },
  );

  it("fails as Kafka does on a field named twice", async () => {
    await valueToKey({ fields: "id,id" }).expectBothFail(
      source({ valueSchema: order, value }),
      "SchemaBuilderException",
    );
  });

  it("fails as Kafka does on a field the value lacks", async () => {
    await valueToKey({ fields: "id,absent" }).expectBothFail(source({ valueSchema: order, value }));
  });

  it("fails as Kafka does on a tombstone and on a value that is not a struct", async () => {
    await valueToKey({ fields: "id" }).expectBothFail(sink({ valueSchema: order, value: null }));
    await valueToKey({ fields: "id" }).expectBothFail(
      source({ valueSchema: Schemas.STRING_SCHEMA, value: "x" }),
    );
  });
});

describe("ValueToKey without a schema, against Kafka", () => {
  const map = new Map<string, unknown>([
    ["id", 5n],
    ["region", null],
    ["nested", new Map([["a", [1n]]])],
  ]);

  it.each(["id", "nested,id", "absent", "id,id"])("makes a key map of the entries %j", async (fields) => {
    await valueToKey({ fields }).expectSame(source({ key: "old", value: map }));
  });

  it("fails as Kafka does on a schemaless tombstone and on a value that is not a map", async () => {
    await valueToKey({ fields: "id" }).expectBothFail(sink({ value: null }));
    await valueToKey({ fields: "id" }).expectBothFail(source({ value: "x" }));
  });
});

describe("ValueToKey configuration, against Kafka", () => {
  it("both refuse a config without fields, and an empty list of fields", async () => {
    await valueToKey({}).expectConfigRejected(source({ value: new Map() }));
    await valueToKey({ fields: "" }).expectConfigRejected(source({ value: new Map() }));
  });
});
