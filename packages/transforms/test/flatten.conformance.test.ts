/**
 * Flatten$Key and Flatten$Value against Kafka's (connect-transforms 4.1.1, through the Java harness): nested
 * structs and maps, delimiters, optionality and defaults carried down, and what both refuse.
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
import { describe, it } from "vitest";
import type { RecordDescription } from "../../../scripts/conformance/harness.js";
import { FlattenKey, FlattenValue } from "../src/index.js";
import { KAFKA, sink, source, TransformPair, useHarness } from "./conformance.js";
import { describeRecord } from "./record-description.js";

const harness = useHarness();

function flattenValue(config: Record<string, string> = {}): TransformPair {
  return new TransformPair(harness, `${KAFKA}Flatten$Value`, () => new FlattenValue(), config);
}

function flattenKey(config: Record<string, string> = {}): TransformPair {
  return new TransformPair(harness, `${KAFKA}Flatten$Key`, () => new FlattenKey(), config);
}

function struct(schema: Schema, values: Record<string, unknown>): Struct {
  const out = new Struct(schema);
  for (const [name, value] of Object.entries(values)) out.put(name, value);
  return out;
}

const geo = SchemaBuilder.struct()
  .name("com.example.Geo")
  .optional()
  .field("lat", Schemas.FLOAT64_SCHEMA)
  .field("lon", SchemaBuilder.float64().defaultValue(0.0).doc("longitude").build())
  .build();
const address = SchemaBuilder.struct()
  .name("com.example.Address")
  .doc("where")
  .field("city", Schemas.STRING_SCHEMA)
  .field("geo", geo)
  .field("since", ConnectTimestamp.builder().optional().build())
  .build();
const item = SchemaBuilder.struct().name("com.example.Item").field("sku", Schemas.STRING_SCHEMA).build();
const order = SchemaBuilder.struct()
  .name("com.example.Order")
  .version(4)
  .doc("an order")
  .parameter("p", "v")
  .field("id", Schemas.INT32_SCHEMA)
  .field("address", address)
  .field("items", SchemaBuilder.array(item).build())
  .field("total", Decimal.builder(2).optional().build())
  .field("flags", SchemaBuilder.array(Schemas.BOOLEAN_SCHEMA).optional().defaultValue([true]).build())
  .build();

const full = struct(order, {
  id: 1,
  address: struct(address, {
    city: "Oslo",
    geo: struct(geo, { lat: 59.9, lon: 10.7 }),
    since: new Date(1_600_000_000_000),
  }),
  items: [struct(item, { sku: "a" }), struct(item, { sku: "b" })],
  total: BigDecimal.of(1999n, 2),
});
const sparse = struct(order, { id: 2, address: struct(address, { city: "Bergen" }), items: [] });

describe("Flatten with a schema, against Kafka", () => {
  it.each([".", "_", "->", ""])("flattens nested structs with the delimiter %j", async (delimiter) => {
    const pair = flattenValue({ delimiter });
    await pair.expectSame(source({ valueSchema: order, value: full }));
    await pair.expectSame(sink({ valueSchema: order, value: sparse }));
  });

  it("uses '.' when no delimiter is given", async () => {
    await flattenValue().expectSame(source({ valueSchema: order, value: full }));
  });

  it("makes every field of an optional struct optional, and keeps a null struct's fields null", async () => {
    const outer = SchemaBuilder.struct()
      .field(
        "a",
        SchemaBuilder.struct().optional().field("b", address).field("c", Schemas.INT8_SCHEMA).build(),
      )
      .field("z", Schemas.OPTIONAL_STRING_SCHEMA)
      .build();
    await flattenValue({ delimiter: "/" }).expectSame(
      source({ valueSchema: outer, value: struct(outer, {}) }),
    );
  });

  it("flattens the key with Flatten$Key and keeps the value", async () => {
    await flattenKey({ delimiter: "__" }).expectSame(
      source({ keySchema: order, key: full, valueSchema: order, value: full }),
    );
  });

  it("passes a struct without nested fields and a tombstone unchanged in content", async () => {
    await flattenValue().expectSame(source({ valueSchema: item, value: struct(item, { sku: "x" }) }));
    await flattenValue().expectSame(sink({ valueSchema: order, value: null }));
    await flattenValue().expectSame(sink({ valueSchema: null, value: null }));
  });

  it("fails as Kafka does on a MAP field", async () => {
    const schema = SchemaBuilder.struct()
      .field("m", SchemaBuilder.map(Schemas.STRING_SCHEMA, Schemas.STRING_SCHEMA).build())
      .build();
    await flattenValue().expectBothFail(
      source({ valueSchema: schema, value: struct(schema, { m: new Map() }) }),
    );
  });

  it("fails as Kafka does when flattened names collide", async () => {
    const schema = SchemaBuilder.struct()
      .field("a", SchemaBuilder.struct().field("b", Schemas.INT32_SCHEMA).build())
      .field("a.b", Schemas.INT32_SCHEMA)
      .build();
    const value = struct(schema, { a: struct(schema.field("a")?.schema as Schema, { b: 1 }), "a.b": 2 });
    await flattenValue().expectBothFail(source({ valueSchema: schema, value }), "SchemaBuilderException");
  });

  it("fails as Kafka does on a schema that is not a struct", async () => {
    await flattenValue().expectBothFail(source({ valueSchema: Schemas.STRING_SCHEMA, value: "x" }));
  });
});

describe("Flatten without a schema, against Kafka", () => {
  const nested = new Map<string, unknown>([
    ["id", 1n],
    [
      "address",
      new Map<string, unknown>([
        ["city", "Oslo"],
        [
          "geo",
          new Map<string, unknown>([
            ["lat", 59.9],
            ["lon", null],
          ]),
        ],
        ["empty", new Map()],
      ]),
    ],
    ["items", [new Map([["sku", "a"]]), "b"]],
    ["raw", new Uint8Array([1, 2])],
    ["none", null],
  ]);

  it.each([".", "_", "::"])("flattens nested maps with the delimiter %j", async (delimiter) => {
    await flattenValue({ delimiter }).expectSame(source({ value: nested }));
  });

  it("keeps the later of two entries that flatten to the same name", async () => {
    const clash = new Map<string, unknown>([
      ["a", new Map([["b", 1n]])],
      ["a.b", 2n],
    ]);
    await flattenValue().expectSame(source({ value: clash }));
    await flattenValue().expectSame(source({ value: new Map([...clash].reverse()) }));
  });

  it("flattens a schemaless key", async () => {
    await flattenKey().expectSame(source({ key: nested, value: "v" }));
  });

  it("flattens maps holding Java Integers and Floats as Tributary's numbers", async () => {
    const record: RecordDescription = {
      ...describeRecord(source()),
      value: [
        "map",
        [
          [
            ["string", "a"],
            [
              "map",
              [
                [
                  ["string", "b"],
                  ["int32", "5"],
                ],
              ],
            ],
          ],
          [
            ["string", "c"],
            ["float32", "3fc00000"],
          ],
        ],
      ],
    };
    await flattenValue().expectSame(record);
  });

  it("fails as Kafka does on a schemaless value that is not a map", async () => {
    await flattenValue().expectBothFail(source({ value: "text" }));
  });

  it("fails as Kafka does on logical values, which schemaless Connect data cannot hold", async () => {
    await flattenValue().expectBothFail(source({ value: new Map([["at", new Date(0)]]) }));
    await flattenValue().expectBothFail(source({ value: new Map([["d", BigDecimal.of(1n, 0)]]) }));
  });

  it("fails as Kafka does on a struct inside a schemaless map", async () => {
    await flattenValue().expectBothFail(source({ value: new Map([["s", struct(item, { sku: "a" })]]) }));
  });
});
