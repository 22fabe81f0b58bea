/**
 * ReplaceField$Key and ReplaceField$Value against Kafka's (connect-transforms 4.1.1, through the Java harness):
 * exclude, include, renames and their old names, with and without schemas.
 */
import { type Schema, SchemaBuilder, Schema as Schemas, Struct } from "@tributary/api";
import { describe, expect, it } from "vitest";
import type { RecordDescription } from "../../../scripts/conformance/harness.js";
import { ReplaceFieldKey, ReplaceFieldValue } from "../src/index.js";
import { KAFKA, sink, source, TransformPair, useHarness } from "./conformance.js";

const harness = useHarness();

function replaceValue(config: Record<string, string>): TransformPair {
  return new TransformPair(harness, `${KAFKA}ReplaceField$Value`, () => new ReplaceFieldValue(), config);
}

function replaceKey(config: Record<string, string>): TransformPair {
  return new TransformPair(harness, `${KAFKA}ReplaceField$Key`, () => new ReplaceFieldKey(), config);
}

function struct(schema: Schema, values: Record<string, unknown>): Struct {
  const out = new Struct(schema);
  for (const [name, value] of Object.entries(values)) out.put(name, value);
  return out;
}

const inner = SchemaBuilder.struct().name("Inner").optional().field("x", Schemas.INT32_SCHEMA).build();
const order = SchemaBuilder.struct()
  .name("com.example.Order")
  .version(3)
  .doc("an order")
  .parameter("k", "v")
  .field("id", Schemas.INT64_SCHEMA)
  .field("customer", Schemas.STRING_SCHEMA)
  .field("note", SchemaBuilder.string().optional().defaultValue("none").doc("a note").build())
  .field("inner", inner)
  .field("tags", SchemaBuilder.array(Schemas.STRING_SCHEMA).optional().build())
  .build();
const value = struct(order, { id: 1n, customer: "Ann", inner: struct(inner, { x: 1 }) });
const map = new Map<string, unknown>([
  ["id", 1n],
  ["customer", "Ann"],
  ["note", null],
  ["inner", new Map([["x", 1n]])],
]);

const CONFIGS: Record<string, string>[] = [
  { exclude: "note" },
  { exclude: "note, tags ,absent" },
  { include: "id,inner" },
  { include: "tags,id" },
  { include: "absent" },
  { renames: "customer:buyer,id:order_id" },
  { renames: "absent:other" },
  { exclude: "note", include: "note,id" },
  { include: "id,customer", renames: "customer:buyer" },
  { exclude: "customer", renames: "customer:buyer" },
  { renames: "id:customer,customer:id" },
  { exclude: "id", blacklist: "customer" },
  { include: "id", whitelist: "customer" },
  {},
];

describe("ReplaceField with a schema, against Kafka", () => {
  it.each(CONFIGS)("replaces fields of a struct with %j", async (config) => {
    const pair = replaceValue(config);
    await pair.expectSame(source({ valueSchema: order, value }));
    await pair.expectSame(
      sink({ valueSchema: order, value: struct(order, { id: 2n, customer: "Bo", note: "n" }) }),
    );
  });

  it.each(["true", "false"])(
    "copies null fields with defaults per replace.null.with.default=%s",
    async (flag) => {
      await replaceValue({ exclude: "id", "replace.null.with.default": flag }).expectSame(
        source({ valueSchema: order, value }),
      );
    },
  );

  it("builds the new struct schema as Kafka does from an optional struct schema, and passes tombstones", async () => {
    const optional = SchemaBuilder.struct()
      .name("Opt")
      .optional()
      .field("a", Schemas.INT8_SCHEMA)
      .field("b", Schemas.INT8_SCHEMA)
      .build();
    const pair = replaceValue({ exclude: "a" });
    await pair.expectSame(source({ valueSchema: optional, value: struct(optional, { a: 1, b: 2 }) }));
    await pair.expectSame(sink({ valueSchema: optional, value: null }));
    await pair.expectSame(sink({ valueSchema: null, value: null }));
  });

  it("replaces key fields with ReplaceField$Key", async () => {
    await replaceKey({ include: "id", renames: "id:key_id" }).expectSame(
      source({ keySchema: order, key: value, valueSchema: Schemas.STRING_SCHEMA, value: "v" }),
    );
  });

  it("fails as Kafka does when a rename collides with a kept field", async () => {
    await replaceValue({ renames: "customer:id" }).expectBothFail(
      source({ valueSchema: order, value }),
      "SchemaBuilderException",
    );
  });

  it("fails as Kafka does on a value with a schema that is not a struct", async () => {
    await replaceValue({ exclude: "a" }).expectBothFail(
      source({ valueSchema: Schemas.STRING_SCHEMA, value: "x" }),
    );
  });
});

describe("ReplaceField without a schema, against Kafka", () => {
  it.each(CONFIGS)("replaces entries of a map with %j", async (config) => {
    await replaceValue(config).expectSame(source({ value: map }));
  });

  it("replaces entries of a schemaless key", async () => {
    await replaceKey({ renames: "id:key_id" }).expectSame(source({ key: map, value: null }));
  });

  it("keeps the last of two entries renamed to one name, as Kafka's HashMap does", async () => {
    await replaceValue({ renames: "id:x,customer:x" }).expectSame(source({ value: map }));
  });

  it("fails as Kafka does on a schemaless value that is not a map", async () => {
    await replaceValue({ exclude: "a" }).expectBothFail(source({ value: "x" }));
  });
});

describe("ReplaceField's old key names, against Kafka", () => {
  it.each([
    [{ blacklist: "note" }, ["id", "customer", "inner"]],
    [{ whitelist: "id" }, ["id"]],
  ])("reads %j as its new name, where Kafka 4 ignores it (a documented difference)", async (config, ours) => {
    const { kafka, tributary } = await replaceValue(config).outcomes(source({ value: map }));
    const keys = (outcome: typeof kafka) =>
      ((outcome as { record: RecordDescription }).record.value as [string, [[string, string], unknown][]])[1]
        .map(([key]) => key[1])
        .sort();
    expect(keys(kafka)).toEqual([...map.keys()].sort());
    expect(keys(tributary)).toEqual([...ours].sort());
  });
});

describe("ReplaceField configuration, against Kafka", () => {
  it.each(["a", "a:b:c", "a:b,c", ":"])("both refuse the renames %j", async (renames) => {
    await replaceValue({ renames }).expectConfigRejected(source({ value: new Map() }));
  });
});
