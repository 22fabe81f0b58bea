/**
 * Filter and the predicates TopicNameMatches, HasHeaderKey and RecordIsTombstone against Kafka's
 * (connect-transforms 4.1.1, through the Java harness). `negate` belongs to the worker's chain, so each predicate is
 * compared on its own.
 */
import { Header, SchemaBuilder, Schema as Schemas, Struct } from "@tributary/api";
import { describe, it } from "vitest";
import { Filter, HasHeaderKey, RecordIsTombstone, TopicNameMatches } from "../src/index.js";
import {
  KAFKA,
  KAFKA_PREDICATES,
  PredicatePair,
  sink,
  source,
  TransformPair,
  useHarness,
} from "./conformance.js";

const harness = useHarness();

const schema = SchemaBuilder.struct().optional().field("a", Schemas.INT8_SCHEMA).build();
const RECORDS = [
  source({ topic: "orders-eu", value: "v" }),
  source({ topic: "my-orders-eu", valueSchema: schema, value: new Struct(schema).put("a", 1) }),
  sink({ topic: "orders", value: null }),
  sink({ topic: "Orders", valueSchema: schema, value: null, key: "k" }),
  sink({
    topic: "orders.v2",
    headers: [new Header("trace", null, null), new Header("Trace", Schemas.STRING_SCHEMA, "x")],
  }),
  source({ topic: "a\nb", headers: [new Header("", Schemas.STRING_SCHEMA, "empty key")] }),
];

describe("Filter, against Kafka", () => {
  it("drops every record, tombstones included", async () => {
    const filter = new TransformPair(harness, `${KAFKA}Filter`, () => new Filter(), {});
    for (const record of RECORDS) await filter.expectSame(record);
  });

  it("ignores settings it does not have", async () => {
    await new TransformPair(harness, `${KAFKA}Filter`, () => new Filter(), { anything: "x" }).expectSame(
      RECORDS[0] as never,
    );
  });
});

describe("TopicNameMatches, against Kafka", () => {
  it.each(["orders-.*", "orders", "(?i)orders", ".*\\.v\\d", "a.b", "(?s)a.b", "[^-]+", "orders-(eu|us)"])(
    "matches whole topic names with %j",
    async (pattern) => {
      const predicate = new PredicatePair(
        harness,
        `${KAFKA_PREDICATES}TopicNameMatches`,
        () => new TopicNameMatches(),
        {
          pattern,
        },
      );
      for (const record of RECORDS) await predicate.expectSame(record);
    },
  );

  it.each(["", "(", "*"])("both refuse the pattern %j", async (pattern) => {
    await new PredicatePair(harness, `${KAFKA_PREDICATES}TopicNameMatches`, () => new TopicNameMatches(), {
      pattern,
    }).expectConfigRejected();
  });

  it("both refuse a config without pattern", async () => {
    await new PredicatePair(
      harness,
      `${KAFKA_PREDICATES}TopicNameMatches`,
      () => new TopicNameMatches(),
      {},
    ).expectConfigRejected();
  });
});

describe("HasHeaderKey, against Kafka", () => {
  it.each(["trace", "Trace", "absent"])(
    "finds records with a header keyed %j, whatever its value",
    async (name) => {
      const predicate = new PredicatePair(
        harness,
        `${KAFKA_PREDICATES}HasHeaderKey`,
        () => new HasHeaderKey(),
        { name },
      );
      for (const record of RECORDS) await predicate.expectSame(record);
    },
  );

  it("both refuse a config without name, and an empty name", async () => {
    await new PredicatePair(
      harness,
      `${KAFKA_PREDICATES}HasHeaderKey`,
      () => new HasHeaderKey(),
      {},
    ).expectConfigRejected();
    await new PredicatePair(harness, `${KAFKA_PREDICATES}HasHeaderKey`, () => new HasHeaderKey(), {
      name: "",
    }).expectConfigRejected();
  });
});

describe("RecordIsTombstone, against Kafka", () => {
  it("is true for records whose value is null, whatever their schema and key", async () => {
    const predicate = new PredicatePair(
      harness,
      `${KAFKA_PREDICATES}RecordIsTombstone`,
      () => new RecordIsTombstone(),
      {},
    );
    for (const record of RECORDS) await predicate.expectSame(record);
  });
});
