/**
 * The record descriptions themselves, checked against Kafka: a record described here, built by the Java harness and
 * described there again (passed through Kafka's RegexRouter with a regex that never matches, which returns the
 * record as it is) must come back as it was sent, and constructing it here must give back an equal record.
 */
import {
  BigDecimal,
  ConnectTimestamp,
  Decimal,
  Header,
  Schema,
  SchemaBuilder,
  SinkRecord,
  Struct,
} from "@tributary/api";
import { describe, expect, it } from "vitest";
import type { RecordDescription } from "../../../scripts/conformance/harness.js";
import { normalized } from "../../converters/test/data-description.js";
import { KAFKA, sink, source, useHarness } from "./conformance.js";
import { comparable, constructRecord, describeRecord } from "./record-description.js";

const harness = useHarness();

const keySchema = SchemaBuilder.struct()
  .name("com.example.Key")
  .version(2)
  .field("id", Schema.INT64_SCHEMA)
  .field("region", Schema.OPTIONAL_STRING_SCHEMA)
  .build();
const valueSchema = SchemaBuilder.struct()
  .name("com.example.Order")
  .doc("an order")
  .field("price", Decimal.schema(2))
  .field("at", ConnectTimestamp.schema())
  .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
  .field("ratio", SchemaBuilder.float32().defaultValue(0.5).build())
  .build();

function headers(): Header[] {
  return [
    new Header("trace", Schema.STRING_SCHEMA, "abc"),
    new Header("trace", Schema.OPTIONAL_STRING_SCHEMA, null),
    new Header("count", Schema.INT16_SCHEMA, 7),
    new Header("raw", null, new Uint8Array([0, 255])),
    new Header("loose", null, new Map<string, unknown>([["n", 1n]])),
  ];
}

/** Sends the record through a transform that changes nothing and returns what Kafka described. */
async function throughKafka(description: RecordDescription): Promise<RecordDescription> {
  const out = await harness().request("transform.apply", {
    className: `${KAFKA}RegexRouter`,
    config: { regex: "never-matches", replacement: "x" },
    record: description,
  });
  if (out.record === null) throw new Error("RegexRouter dropped the record");
  return out.record;
}

describe("record descriptions", () => {
  it("describe a sink record with struct key, logical types, defaults and repeated headers as Kafka does", async () => {
    const key = new Struct(keySchema).put("id", 2n ** 60n);
    const value = new Struct(valueSchema)
      .put("price", BigDecimal.of(-1234n, 2))
      .put("at", new Date(1_700_000_000_123))
      .put("tags", ["a", "b"]);
    const record = new SinkRecord({
      topic: "orders",
      kafkaPartition: 5,
      kafkaOffset: 2n ** 62n,
      timestamp: 12,
      timestampType: "LOG_APPEND_TIME",
      keySchema,
      key,
      valueSchema,
      value,
      headers: headers(),
    });
    const description = describeRecord(record);
    expect(normalized(description.value)).toEqual(description.value);
    expect(await throughKafka(description)).toEqual(description);
    expect(constructRecord(description).equals(record)).toBe(true);
  });

  it("describe a schemaless source record with its source partition and offset", async () => {
    const record = source({
      kafkaPartition: null,
      timestamp: null,
      key: "k",
      value: new Map<string, unknown>([
        ["id", 9n],
        ["nested", new Map([["deep", [true, null]]])],
      ]),
      headers: headers(),
    });
    const withOffsets = describeRecord(record);
    const description: RecordDescription = {
      ...withOffsets,
      kind: "source",
      sourcePartition: { file: "a.txt" },
      sourceOffset: { position: 30, done: false },
    };
    const back = await throughKafka(description);
    expect(comparable(back)).toEqual(comparable(description));
    const rebuilt = constructRecord(description);
    expect(describeRecord(rebuilt)).toEqual(description);
  });

  it("keep a sink record's original coordinates apart from the current ones", async () => {
    const description: RecordDescription = {
      ...describeRecord(sink({ value: null })),
      kind: "sink",
      kafkaOffset: "1",
      timestampType: "CREATE_TIME",
      originalTopic: "raw-orders",
      originalKafkaPartition: 0,
      originalKafkaOffset: "100",
    };
    expect(await throughKafka(description)).toEqual(description);
    const record = constructRecord(description) as SinkRecord;
    expect([record.originalTopic, record.originalKafkaPartition, record.originalKafkaOffset]).toEqual([
      "raw-orders",
      0,
      100n,
    ]);
  });

  it("compare schemaless numbers as Tributary holds them: a Java Integer and a Double are both a number", () => {
    const kafka = describeRecord(source({ value: new Map([["n", 1]]) }));
    const asInteger: RecordDescription = {
      ...kafka,
      value: [
        "map",
        [
          [
            ["string", "n"],
            ["int32", "1"],
          ],
        ],
      ],
    };
    const asLong: RecordDescription = {
      ...kafka,
      value: [
        "map",
        [
          [
            ["string", "n"],
            ["int64", "1"],
          ],
        ],
      ],
    };
    expect(comparable(asInteger)).toEqual(comparable(kafka));
    expect(comparable(asLong)).not.toEqual(comparable(kafka));
  });
});
