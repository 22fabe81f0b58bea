/**
 * ExtractField$Key and ExtractField$Value against Kafka's (connect-transforms 4.1.1, through the Java harness),
 * with field.syntax.version V1 and V2.
 */
import { type Schema, SchemaBuilder, Schema as Schemas, Struct } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { ExtractFieldKey, ExtractFieldValue } from "../src/index.js";
import { KAFKA, sink, source, TransformPair, useHarness } from "./conformance.js";

const harness = useHarness();

function extractValue(config: Record<string, string>): TransformPair {
  return new TransformPair(harness, `${KAFKA}ExtractField$Value`, () => new ExtractFieldValue(), config);
}

function extractKey(config: Record<string, string>): TransformPair {
  return new TransformPair(harness, `${KAFKA}ExtractField$Key`, () => new ExtractFieldKey(), config);
}

function struct(schema: Schema, values: Record<string, unknown>): Struct {
  const out = new Struct(schema);
  for (const [name, value] of Object.entries(values)) out.put(name, value);
  return out;
}

const city = SchemaBuilder.struct()
  .name("com.example.City")
  .optional()
  .field("name", Schemas.STRING_SCHEMA)
  .field("zip", SchemaBuilder.string().optional().defaultValue("0000").build())
  .build();
const address = SchemaBuilder.struct()
  .name("com.example.Address")
  .optional()
  .field("city", city)
  .field("a.b", Schemas.OPTIONAL_INT32_SCHEMA)
  .field("tick`", Schemas.OPTIONAL_INT32_SCHEMA)
  .field("b`.c", Schemas.OPTIONAL_INT32_SCHEMA)
  .build();
const order = SchemaBuilder.struct()
  .name("com.example.Order")
  .field("id", Schemas.INT64_SCHEMA)
  .field("note", SchemaBuilder.string().optional().defaultValue("none").doc("a note").build())
  .field("address", address)
  .field("tags", SchemaBuilder.array(Schemas.STRING_SCHEMA).optional().build())
  .field("a.b", Schemas.OPTIONAL_STRING_SCHEMA)
  .build();

const fullOrder = struct(order, {
  id: 7n,
  address: struct(address, {
    city: struct(city, { name: "Oslo" }),
    "a.b": 12,
    "tick`": 13,
    "b`.c": 14,
  }),
  tags: ["x"],
  "a.b": "dotted",
});
const bareOrder = struct(order, { id: 8n });

const schemaless = new Map<string, unknown>([
  ["id", 7n],
  [
    "address",
    new Map<string, unknown>([
      ["city", new Map([["name", "Oslo"]])],
      ["a.b", "inner dotted"],
    ]),
  ],
  ["a.b", "dotted"],
  ["list", [1n, 2n]],
  ["nothing", null],
]);

describe("ExtractField with field.syntax.version=V1, against Kafka", () => {
  it.each(["id", "note", "address", "tags", "a.b"])(
    "extracts the top-level field %j of a struct",
    async (field) => {
      const pair = extractValue({ field });
      await pair.expectSame(source({ valueSchema: order, value: fullOrder }));
      await pair.expectSame(sink({ valueSchema: order, value: bareOrder }));
    },
  );

  it.each(["true", "false"])(
    "reads a null field with a default per replace.null.with.default=%s",
    async (flag) => {
      await extractValue({ field: "note", "replace.null.with.default": flag }).expectSame(
        source({ valueSchema: order, value: bareOrder }),
      );
    },
  );

  it("extracts from the key with ExtractField$Key", async () => {
    await extractKey({ field: "id" }).expectSame(
      source({ keySchema: order, key: fullOrder, valueSchema: Schemas.STRING_SCHEMA, value: "v" }),
    );
    await extractKey({ field: "id" }).expectSame(source({ key: schemaless, value: "v" }));
  });

  it.each(["id", "a.b", "list", "nothing", "absent"])(
    "extracts the field %j of a schemaless map",
    async (field) => {
      await extractValue({ field }).expectSame(source({ value: schemaless }));
    },
  );

  it("keeps tombstones: null with the field's schema, or null without one", async () => {
    await extractValue({ field: "note" }).expectSame(sink({ valueSchema: order, value: null }));
    await extractValue({ field: "note" }).expectSame(sink({ valueSchema: null, value: null }));
  });

  it("fails as Kafka does on a field the schema lacks", async () => {
    const { tributary } = await extractValue({ field: "absent" }).expectBothFail(
      source({ valueSchema: order, value: fullOrder }),
      "IllegalArgumentException",
    );
    expect(tributary).toMatch(/absent/);
  });

  it("fails as Kafka does on data that is neither a struct nor a map", async () => {
    await extractValue({ field: "id" }).expectBothFail(source({ value: "text" }));
    await extractValue({ field: "id" }).expectBothFail(
      source({ valueSchema: Schemas.STRING_SCHEMA, value: "text" }),
    );
  });
});

describe("ExtractField with field.syntax.version=V2, against Kafka", () => {
  it.each([
    "id",
    "address.city",
    "address.city.name",
    "address.city.zip",
    "`a.b`",
    "address.`a.b`",
    "address.tick`",
    "address.`b\\`.c`",
    "`address`.`city`.name",
  ])("follows the path %j through structs", async (field) => {
    const pair = extractValue({ field, "field.syntax.version": "V2" });
    await pair.expectSame(source({ valueSchema: order, value: fullOrder }));
    await pair.expectSame(source({ valueSchema: order, value: bareOrder }));
  });

  it.each([
    "address.city.name",
    "address.`a.b`",
    "`a.b`",
    "address.absent",
    "absent.deeper",
    "nothing.deeper",
  ])("follows the path %j through schemaless maps", async (field) => {
    await extractValue({ field, "field.syntax.version": "v2" }).expectSame(source({ value: schemaless }));
  });

  it.each(["true", "false"])(
    "reads a nested null with a default per replace.null.with.default=%s",
    async (flag) => {
      await extractValue({
        field: "address.city.zip",
        "field.syntax.version": "V2",
        "replace.null.with.default": flag,
      }).expectSame(source({ valueSchema: order, value: fullOrder }));
    },
  );

  it.each(["address.absent", "absent.city", "id.deeper", "a.b", "address.`tick\\``"])(
    "fails as Kafka does when the schema has no field at %j",
    async (field) => {
      const pair = extractValue({ field, "field.syntax.version": "V2" });
      const { kafka } = await pair.outcomes(source({ valueSchema: order, value: fullOrder }));
      expect(kafka.ok).toBe(false);
      await pair.expectBothFail(
        source({ valueSchema: order, value: fullOrder }),
        (kafka as { error: string }).error.split(":")[0],
      );
    },
  );

  it("fails as Kafka does when a schemaless path meets a value that is not a map", async () => {
    const pair = extractValue({ field: "list.x", "field.syntax.version": "V2" });
    const { kafka } = await pair.outcomes(source({ value: schemaless }));
    expect(kafka.ok).toBe(false);
    await pair.expectBothFail(
      source({ value: schemaless }),
      (kafka as { error: string }).error.split(":")[0],
    );
  });
});

describe("ExtractField configuration, against Kafka", () => {
  it("both refuse a config without field", async () => {
    await extractValue({}).expectConfigRejected();
  });

  it("both refuse an unknown field.syntax.version", async () => {
    await extractValue({ field: "a", "field.syntax.version": "V3" }).expectConfigRejected();
  });

  it.each(["`a.b", "a.`b", "`a\\`"])(
    "both refuse the V2 path %j with an unclosed backtick",
    async (field) => {
      await extractValue({ field, "field.syntax.version": "V2" }).expectConfigRejected();
    },
  );
});
