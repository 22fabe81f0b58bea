/**
 * InsertField$Key and InsertField$Value against Kafka's (connect-transforms 4.1.1, through the Java harness):
 * every kind of field, the `!` and `?` suffixes, source and sink records, maps and tombstones.
 */
import { type Schema, SchemaBuilder, Schema as Schemas, Struct } from "@tributary/api";
import { describe, it } from "vitest";
import { InsertFieldKey, InsertFieldValue } from "../src/index.js";
import { KAFKA, sink, source, TransformPair, useHarness } from "./conformance.js";

const harness = useHarness();

function insertValue(config: Record<string, string>): TransformPair {
  return new TransformPair(harness, `${KAFKA}InsertField$Value`, () => new InsertFieldValue(), config);
}

function insertKey(config: Record<string, string>): TransformPair {
  return new TransformPair(harness, `${KAFKA}InsertField$Key`, () => new InsertFieldKey(), config);
}

function struct(schema: Schema, values: Record<string, unknown>): Struct {
  const out = new Struct(schema);
  for (const [name, value] of Object.entries(values)) out.put(name, value);
  return out;
}

const order = SchemaBuilder.struct()
  .name("com.example.Order")
  .version(2)
  .doc("an order")
  .field("id", Schemas.INT64_SCHEMA)
  .field("note", SchemaBuilder.string().optional().defaultValue("none").build())
  .build();
const value = struct(order, { id: 1n });

const EVERYTHING = {
  "topic.field": "topic",
  "partition.field": "partition",
  "timestamp.field": "ts",
  "static.field": "origin",
  "static.value": "orders-db",
};
const REQUIRED = {
  "topic.field": "topic!",
  "partition.field": "partition!",
  "timestamp.field": "ts!",
  "static.field": "origin!",
  "static.value": "orders-db",
};
const OPTIONAL = {
  "topic.field": "topic?",
  "partition.field": "partition?",
  "timestamp.field": "ts?",
  "static.field": "origin?",
  "static.value": "",
};

describe("InsertField with a schema, against Kafka", () => {
  it.each([
    ["no suffix", EVERYTHING],
    ["! suffixes", REQUIRED],
    ["? suffixes", OPTIONAL],
  ])(
    "inserts topic, partition, timestamp and a static value into a source record's struct (%s)",
    async (_, config) => {
      const pair = insertValue(config);
      await pair.expectSame(source({ kafkaPartition: 4, valueSchema: order, value }));
      await pair.expectSame(
        source({ kafkaPartition: 5, valueSchema: order, value: struct(order, { id: 2n, note: "x" }) }),
      );
    },
  );

  it.each([
    ["offset.field", "offset"],
    ["offset.field", "offset!"],
  ])("inserts a sink record's offset with %s=%s", async (key, field) => {
    await insertValue({ [key]: field, "topic.field": "t" }).expectSame(
      sink({ kafkaPartition: 7, kafkaOffset: 2n ** 40n, valueSchema: order, value }),
    );
  });

  it("fails as Kafka does when offset.field meets a source record", async () => {
    await insertValue({ "offset.field": "offset" }).expectBothFail(source({ valueSchema: order, value }));
  });

  it("inserts null for a missing partition or timestamp into optional fields", async () => {
    await insertValue(EVERYTHING).expectSame(
      source({ kafkaPartition: null, timestamp: null, valueSchema: order, value }),
    );
  });

  it.each([
    ["partition.field", "partition!", { kafkaPartition: null }],
    ["timestamp.field", "ts!", { timestamp: null }],
  ])(
    "leaves a required %s unset, as Kafka does, when there is nothing to insert",
    async (key, field, init) => {
      await insertValue({ [key]: field }).expectSame(source({ ...init, valueSchema: order, value }));
    },
  );

  it.each(["true", "false"])(
    "copies null fields with defaults per replace.null.with.default=%s",
    async (flag) => {
      await insertValue({ "topic.field": "topic", "replace.null.with.default": flag }).expectSame(
        source({ valueSchema: order, value }),
      );
    },
  );

  it("keeps an optional struct schema optional and passes tombstones unchanged", async () => {
    const optional = SchemaBuilder.struct().optional().field("a", Schemas.INT8_SCHEMA).build();
    const pair = insertValue(EVERYTHING);
    await pair.expectSame(source({ valueSchema: optional, value: struct(optional, { a: 1 }) }));
    await pair.expectSame(sink({ valueSchema: optional, value: null }));
    await pair.expectSame(sink({ valueSchema: null, value: null }));
  });

  it("inserts into the key with InsertField$Key", async () => {
    await insertKey({ "topic.field": "topic!", "static.field": "s", "static.value": "v" }).expectSame(
      sink({ keySchema: order, key: value, valueSchema: Schemas.STRING_SCHEMA, value: "v" }),
    );
  });

  it("fails as Kafka does when the inserted field already exists", async () => {
    await insertValue({ "topic.field": "id" }).expectBothFail(
      source({ valueSchema: order, value }),
      "SchemaBuilderException",
    );
  });

  it("fails as Kafka does on a value with a schema that is not a struct", async () => {
    await insertValue({ "topic.field": "topic" }).expectBothFail(
      source({ valueSchema: Schemas.STRING_SCHEMA, value: "x" }),
    );
  });
});

describe("InsertField without a schema, against Kafka", () => {
  const map = new Map<string, unknown>([
    ["id", 1n],
    ["nested", new Map([["a", "b"]])],
  ]);

  it.each([
    ["no suffix", EVERYTHING],
    ["! suffixes", REQUIRED],
    ["? suffixes", OPTIONAL],
  ])("inserts topic, partition, timestamp and a static value into a map (%s)", async (_, config) => {
    await insertValue(config).expectSame(source({ kafkaPartition: 1, value: map }));
    await insertValue(config).expectSame(source({ kafkaPartition: null, timestamp: null, value: map }));
  });

  it("inserts a sink record's offset into a map", async () => {
    await insertValue({ "offset.field": "offset" }).expectSame(sink({ kafkaOffset: 99n, value: map }));
  });

  it("replaces a map entry of the same name", async () => {
    await insertValue({ "topic.field": "id" }).expectSame(source({ value: map }));
  });

  it("inserts into a schemaless key and passes a null key unchanged", async () => {
    await insertKey(EVERYTHING).expectSame(sink({ key: map, value: "v" }));
    await insertKey(EVERYTHING).expectSame(sink({ key: null, value: "v" }));
  });

  it("fails as Kafka does on a schemaless value that is not a map", async () => {
    await insertValue(EVERYTHING).expectBothFail(source({ value: "text" }));
  });
});

describe("InsertField configuration, against Kafka", () => {
  it("both refuse a config that inserts nothing", async () => {
    await insertValue({}).expectConfigRejected(source({ value: new Map() }));
    await insertValue({ "static.value": "v" }).expectConfigRejected(source({ value: new Map() }));
  });

  it("both refuse static.field without static.value", async () => {
    await insertValue({ "static.field": "s" }).expectConfigRejected(source({ value: new Map() }));
  });

  it("both refuse a replace.null.with.default that is not a boolean", async () => {
    await insertValue({ "topic.field": "t", "replace.null.with.default": "yes" }).expectConfigRejected();
  });
});
