/**
 * The header transforms against Kafka's (connect-transforms 4.1.1, through the Java harness): DropHeaders,
 * InsertHeader (whose value.literal goes through Values.parseString on both sides) and HeaderFrom$Key/$Value.
 */
import { ConnectDate, Header, type Schema, SchemaBuilder, Schema as Schemas, Struct } from "@tributary/api";
import { describe, expect, it } from "vitest";
import type { RecordDescription } from "../../../scripts/conformance/harness.js";
import { DropHeaders, HeaderFromKey, HeaderFromValue, InsertHeader } from "../src/index.js";
import { KAFKA, type Outcome, sink, source, TransformPair, useHarness } from "./conformance.js";

const harness = useHarness();

function pair(
  kafkaName: string,
  create: () => InsertHeader | DropHeaders | HeaderFromKey | HeaderFromValue,
  config: Record<string, string>,
) {
  return new TransformPair(harness, `${KAFKA}${kafkaName}`, create, config);
}

function struct(schema: Schema, values: Record<string, unknown>): Struct {
  const out = new Struct(schema);
  for (const [name, value] of Object.entries(values)) out.put(name, value);
  return out;
}

const headers = [
  new Header("trace", Schemas.STRING_SCHEMA, "t-1"),
  new Header("Trace", Schemas.STRING_SCHEMA, "upper"),
  new Header("count", Schemas.INT32_SCHEMA, 3),
  new Header("trace", null, "t-2"),
  new Header("day", ConnectDate.schema(), new Date(86_400_000)),
];

describe("DropHeaders, against Kafka", () => {
  it.each(["trace", "trace,count", "Trace", "absent", "trace, day ,count,Trace"])(
    "drops every header keyed %j and keeps the others in order",
    async (keys) => {
      const p = pair("DropHeaders", () => new DropHeaders(), { headers: keys });
      await p.expectSame(source({ headers, value: "v" }));
      await p.expectSame(sink({ headers: [], value: null }));
    },
  );

  it("both refuse a config without headers, and an empty list", async () => {
    await pair("DropHeaders", () => new DropHeaders(), {}).expectConfigRejected();
    await pair("DropHeaders", () => new DropHeaders(), { headers: "" }).expectConfigRejected();
  });
});

describe("InsertHeader, against Kafka", () => {
  it.each([
    "eu-west-1",
    "42",
    "-129",
    "40000",
    "3000000000",
    "9223372036854775808",
    "1.5",
    "0.1",
    "1e400",
    "true",
    "FALSE",
    "null",
    "",
    "  spaced  ",
    '"quoted"',
    "[1, 2, 3]",
    '{"a": 1, "b": 2}',
    "2024-01-17",
    "10:15:30.250Z",
    "2024-01-17T10:15:30.250Z",
    "[unclosed",
    "a,b",
  ])("adds a header from the literal %j as Kafka's Values.parseString reads it", async (literal) => {
    const p = pair("InsertHeader", () => new InsertHeader(), { header: "h", "value.literal": literal });
    await p.expectSame(source({ headers, value: "v" }));
    await p.expectSame(sink({ value: null }));
  });

  it.each([
    ["[]", ["array", []]],
    ["{}", ["map", []]],
    [
      '[1, "a"]',
      [
        "array",
        [
          ["float64", "3ff0000000000000"],
          ["string", "a"],
        ],
      ],
    ],
  ])(
    "adds the literal %j as a schemaless header, where Kafka infers a schema without an element schema",
    async (literal, ours) => {
      const p = pair("InsertHeader", () => new InsertHeader(), { header: "h", "value.literal": literal });
      const { kafka, tributary } = await p.outcomes(source({ value: "v" }));
      const header = (outcome: Outcome) => (outcome as { record: RecordDescription }).record.headers[0];
      // Kafka's ARRAY or MAP schema has no element schema, which its converters cannot write.
      expect(header(kafka)?.schema).toMatchObject({ type: literal.startsWith("{") ? "MAP" : "ARRAY" });
      expect(header(kafka)?.schema).not.toHaveProperty("valueSchema");
      expect(header(tributary)).toEqual({ key: "h", schema: null, value: ours });
    },
  );

  it("adds a header whose key is empty", async () => {
    await pair("InsertHeader", () => new InsertHeader(), { header: "", "value.literal": "x" }).expectSame(
      source({ value: "v" }),
    );
  });

  it("both refuse a config without header or without value.literal", async () => {
    await pair("InsertHeader", () => new InsertHeader(), { "value.literal": "x" }).expectConfigRejected();
    await pair("InsertHeader", () => new InsertHeader(), { header: "h" }).expectConfigRejected();
  });
});

const inner = SchemaBuilder.struct().name("Inner").field("x", Schemas.INT32_SCHEMA).build();
const order = SchemaBuilder.struct()
  .name("com.example.Order")
  .version(2)
  .doc("an order")
  .field("id", Schemas.INT64_SCHEMA)
  .field("tenant", SchemaBuilder.string().optional().defaultValue("none").build())
  .field("inner", inner)
  .field("tags", SchemaBuilder.array(Schemas.STRING_SCHEMA).optional().build())
  .build();
const value = struct(order, { id: 7n, inner: struct(inner, { x: 1 }), tags: ["a"] });

describe("HeaderFrom, against Kafka", () => {
  it.each([
    { fields: "id", headers: "order-id", operation: "copy" },
    { fields: "id", headers: "order-id", operation: "move" },
    { fields: "id,inner,tags", headers: "a,b,c", operation: "move" },
    { fields: "tenant,tenant", headers: "t1,t2", operation: "copy" },
    { fields: "tenant", headers: "trace", operation: "move", "replace.null.with.default": "false" },
  ])("moves or copies struct fields into headers with %j", async (config) => {
    const p = pair("HeaderFrom$Value", () => new HeaderFromValue(), config);
    await p.expectSame(source({ headers, valueSchema: order, value }));
    await p.expectSame(
      sink({
        valueSchema: order,
        value: struct(order, { id: 8n, tenant: "acme", inner: struct(inner, { x: 2 }) }),
      }),
    );
  });

  it.each([
    { fields: "id,missing", headers: "a,b", operation: "copy" },
    { fields: "id,nested", headers: "a,b", operation: "move" },
  ])("moves or copies map entries into schemaless headers with %j", async (config) => {
    const map = new Map<string, unknown>([
      ["id", 7n],
      ["nested", new Map([["k", "v"]])],
      ["none", null],
    ]);
    await pair("HeaderFrom$Value", () => new HeaderFromValue(), config).expectSame(
      source({ headers, value: map }),
    );
  });

  it("takes headers from the key with HeaderFrom$Key", async () => {
    await pair("HeaderFrom$Key", () => new HeaderFromKey(), {
      fields: "id",
      headers: "key-id",
      operation: "move",
    }).expectSame(sink({ keySchema: order, key: value, valueSchema: Schemas.STRING_SCHEMA, value: "v" }));
  });

  it("fails as Kafka does on a tombstone and on a field the schema lacks", async () => {
    const p = pair("HeaderFrom$Value", () => new HeaderFromValue(), {
      fields: "id",
      headers: "h",
      operation: "copy",
    });
    await p.expectBothFail(sink({ valueSchema: order, value: null }));
    await p.expectBothFail(sink({ value: null }));
    const missing = pair("HeaderFrom$Value", () => new HeaderFromValue(), {
      fields: "absent",
      headers: "h",
      operation: "move",
    });
    const record = source({ valueSchema: order, value });
    const { kafka } = await missing.outcomes(record);
    await missing.expectBothFail(record, kafka.ok ? "none" : kafka.error.split(":")[0]);
  });

  it.each([
    { fields: "a,b", headers: "h", operation: "copy" },
    { fields: "a", headers: "h", operation: "rename" },
    { fields: "a", headers: "h" },
    { fields: "", headers: "", operation: "copy" },
  ])("both refuse the config %j", async (config) => {
    await pair("HeaderFrom$Value", () => new HeaderFromValue(), config).expectConfigRejected();
  });
});
