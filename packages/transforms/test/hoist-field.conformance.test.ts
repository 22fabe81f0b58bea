/**
 * HoistField$Key and HoistField$Value against Kafka's (connect-transforms 4.1.1, through the Java harness).
 */
import { BigDecimal, ConnectDate, Decimal, SchemaBuilder, Schema as Schemas, Struct } from "@tributary/api";
import { describe, it } from "vitest";
import { HoistFieldKey, HoistFieldValue } from "../src/index.js";
import { KAFKA, sink, source, TransformPair, useHarness } from "./conformance.js";

const harness = useHarness();

function hoistValue(config: Record<string, string>): TransformPair {
  return new TransformPair(harness, `${KAFKA}HoistField$Value`, () => new HoistFieldValue(), config);
}

function hoistKey(config: Record<string, string>): TransformPair {
  return new TransformPair(harness, `${KAFKA}HoistField$Key`, () => new HoistFieldKey(), config);
}

const item = SchemaBuilder.struct()
  .name("com.example.Item")
  .optional()
  .field("sku", Schemas.STRING_SCHEMA)
  .build();

describe("HoistField with a schema, against Kafka", () => {
  it.each([
    ["a string", Schemas.STRING_SCHEMA, "text"],
    ["an optional int64 with a default", SchemaBuilder.int64().optional().defaultValue(5n).build(), 7n],
    [
      "a named, versioned schema",
      SchemaBuilder.int32().name("com.example.Id").version(3).doc("id").build(),
      9,
    ],
    ["a Decimal", Decimal.schema(3), BigDecimal.of(12345n, 3)],
    ["a Date", ConnectDate.schema(), new Date(86_400_000 * 3)],
    ["a struct", item, new Struct(item).put("sku", "a")],
    ["an array", SchemaBuilder.array(Schemas.FLOAT32_SCHEMA).build(), [Math.fround(1.5)]],
  ])("wraps %s in a one-field struct", async (_, schema, value) => {
    const pair = hoistValue({ field: "wrapped" });
    await pair.expectSame(source({ valueSchema: schema, value }));
    await pair.expectSame(sink({ valueSchema: schema, value }));
  });

  it("wraps a null value of an optional schema", async () => {
    await hoistValue({ field: "wrapped" }).expectSame(source({ valueSchema: item, value: null }));
    await hoistValue({ field: "wrapped" }).expectSame(
      source({ valueSchema: Schemas.OPTIONAL_STRING_SCHEMA, value: null }),
    );
  });

  it("wraps the key with HoistField$Key", async () => {
    await hoistKey({ field: "id" }).expectSame(
      source({ keySchema: Schemas.INT64_SCHEMA, key: 42n, valueSchema: Schemas.STRING_SCHEMA, value: "v" }),
    );
  });

  it("accepts a field name with dots and spaces as it is", async () => {
    await hoistValue({ field: " a.b " }).expectSame(
      source({ valueSchema: Schemas.STRING_SCHEMA, value: "v" }),
    );
  });
});

describe("HoistField without a schema, against Kafka", () => {
  it.each([
    ["a string", "text"],
    ["a long", 2n ** 50n],
    ["a map", new Map([["k", [1n, 2n]]])],
    ["bytes", new Uint8Array([9])],
    ["null", null],
  ])("wraps %s in a one-entry map", async (_, value) => {
    await hoistValue({ field: "wrapped" }).expectSame(source({ value }));
  });

  it("wraps a schemaless key", async () => {
    await hoistKey({ field: "id" }).expectSame(sink({ key: "k1", value: null }));
  });
});

describe("HoistField with an empty field name, against Kafka", () => {
  it("wraps a schemaless value under the empty name", async () => {
    await hoistValue({ field: "" }).expectSame(source({ value: "v" }));
  });

  it("fails as Kafka does on a value with a schema, since a struct field needs a name", async () => {
    await hoistValue({ field: "" }).expectBothFail(
      source({ valueSchema: Schemas.STRING_SCHEMA, value: "v" }),
      "SchemaBuilderException",
    );
  });
});

describe("HoistField configuration, against Kafka", () => {
  it("both refuse a config without field", async () => {
    await hoistValue({}).expectConfigRejected();
  });
});
