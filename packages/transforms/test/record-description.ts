/**
 * Tributary's side of the conformance harness's record descriptions (scripts/conformance/README.md): describeRecord()
 * turns a SourceRecord or SinkRecord into the description Kafka's side also produces, constructRecord() builds one
 * from a description, and comparable() puts a description in the form two implementations' outputs are compared in.
 */
import { type ConnectRecord, Header, type OffsetPrimitive, SinkRecord, SourceRecord } from "@tributary/api";
import type {
  HeaderDescription,
  RecordDescription,
  ValueDescription,
} from "../../../scripts/conformance/harness.js";
import {
  constructSchema,
  constructValue,
  describeSchema,
  describeValue,
  normalized,
} from "../../converters/test/data-description.js";

/** The description of a Tributary source or sink record, with every field the harness describes. */
export function describeRecord(record: ConnectRecord): RecordDescription {
  const common = {
    topic: record.topic,
    kafkaPartition: record.kafkaPartition,
    keySchema: record.keySchema === null ? null : describeSchema(record.keySchema),
    key: describeValue(record.keySchema, record.key),
    valueSchema: record.valueSchema === null ? null : describeSchema(record.valueSchema),
    value: describeValue(record.valueSchema, record.value),
    timestamp: record.timestamp,
    headers: [...record.headers].map(
      (header): HeaderDescription => ({
        key: header.key,
        schema: header.schema === null ? null : describeSchema(header.schema),
        value: describeValue(header.schema, header.value),
      }),
    ),
  };
  if (SinkRecord.isSinkRecord(record)) {
    return {
      kind: "sink",
      ...common,
      kafkaOffset: String(record.kafkaOffset),
      timestampType: record.timestampType,
      originalTopic: record.originalTopic,
      originalKafkaPartition: record.originalKafkaPartition,
      originalKafkaOffset: String(record.originalKafkaOffset),
    };
  }
  if (SourceRecord.isSourceRecord(record)) {
    return {
      kind: "source",
      ...common,
      sourcePartition: flat(record.sourcePartition),
      sourceOffset: flat(record.sourceOffset),
    };
  }
  throw new Error(
    `No record description for ${String(record)}: only SourceRecord and SinkRecord are described`,
  );
}

/** The Tributary record a description describes; a sink record's original coordinates default to its current ones. */
export function constructRecord(description: RecordDescription): SourceRecord | SinkRecord {
  const common = {
    topic: description.topic,
    kafkaPartition: description.kafkaPartition,
    keySchema: description.keySchema === null ? null : constructSchema(description.keySchema),
    key: constructValue(description.key),
    valueSchema: description.valueSchema === null ? null : constructSchema(description.valueSchema),
    value: constructValue(description.value),
    timestamp: description.timestamp,
    headers: description.headers.map(
      (header) =>
        new Header(
          header.key,
          header.schema === null ? null : constructSchema(header.schema),
          constructValue(header.value),
        ),
    ),
  };
  if (description.kind === "source") {
    return new SourceRecord({
      ...common,
      sourcePartition: description.sourcePartition,
      sourceOffset: description.sourceOffset,
    });
  }
  return new SinkRecord({
    ...common,
    kafkaPartition: description.kafkaPartition,
    kafkaOffset: BigInt(description.kafkaOffset),
    timestampType: description.timestampType,
    ...(description.originalTopic === undefined ? {} : { originalTopic: description.originalTopic }),
    ...(description.originalKafkaPartition === undefined
      ? {}
      : { originalKafkaPartition: description.originalKafkaPartition }),
    ...(description.originalKafkaOffset === undefined
      ? {}
      : { originalKafkaOffset: BigInt(description.originalKafkaOffset) }),
  });
}

/**
 * A description in the form in which Kafka's and Tributary's outputs are compared: maps' entries in a canonical
 * order (Kafka's transforms build schemaless maps in HashMaps, whose order means nothing), and every schemaless
 * value as Tributary holds it. Without a schema JavaScript cannot tell a Java Integer, Short or Float from a
 * Double: each is a `number`, described as a Double, while a Long stays a `bigint` and so an int64. Schemaless
 * keys, values and headers are rebuilt as Tributary values and described again, which keeps every distinction
 * Tributary can make (Long vs the other numbers, bytes, decimals, dates, structs) and drops only the ones it cannot.
 */
export function comparable(description: RecordDescription): RecordDescription {
  return {
    ...description,
    key: value(description.keySchema === null, description.key),
    value: value(description.valueSchema === null, description.value),
    headers: description.headers.map((header) => ({
      ...header,
      value: value(header.schema === null, header.value),
    })),
  };
}

function value(schemaless: boolean, description: ValueDescription): ValueDescription {
  return normalized(schemaless ? describeValue(null, constructValue(description)) : description);
}

function flat(
  map: Readonly<Record<string, OffsetPrimitive>>,
): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, item] of Object.entries(map)) {
    // The harness carries JSON numbers; a bigint position is compared by its value.
    out[key] = typeof item === "bigint" ? Number(item) : item;
  }
  return out;
}
