import { type ConnectRecord, type Schema, SinkRecord, SourceRecord, Values } from "@tributary/api";

/**
 * Where a record sits, without its contents, for logs and error messages: the consumed topic, partition and offset
 * of a sink record (as read from Kafka, whatever transformations did), or the topic, source partition and source
 * offset of a source record.
 * @internal
 */
export function recordCoordinates(record: ConnectRecord | undefined): Record<string, unknown> {
  if (record === undefined) return {};
  if (SinkRecord.isSinkRecord(record)) {
    return {
      topic: record.originalTopic,
      partition: record.originalKafkaPartition,
      offset: record.originalKafkaOffset.toString(),
    };
  }
  if (SourceRecord.isSourceRecord(record)) {
    return {
      topic: record.topic,
      partition: record.kafkaPartition,
      sourcePartition: record.sourcePartition,
      sourceOffset: record.sourceOffset,
    };
  }
  return { topic: record.topic, partition: record.kafkaPartition };
}

/** The coordinates as text for a message, such as ` on the record at orders-2@1041`. @internal */
export function describeCoordinates(record: ConnectRecord | undefined): string {
  if (record === undefined) return "";
  if (SinkRecord.isSinkRecord(record)) {
    return ` on the record at ${record.originalTopic}-${record.originalKafkaPartition}@${record.originalKafkaOffset}`;
  }
  if (SourceRecord.isSourceRecord(record)) {
    return ` on a record for topic ${record.topic} at source offset ${JSON.stringify(record.sourceOffset)}`;
  }
  return ` on a record of topic ${record.topic}`;
}

/**
 * The record's contents as text, for `errors.log.include.messages`: key, value and headers written as Kafka's
 * `Values.convertToString` writes them, schemas by name or type, and the timestamp.
 * @internal
 */
export function recordContents(record: ConnectRecord): Record<string, unknown> {
  return {
    keySchema: schemaName(record.keySchema),
    key: text(record.keySchema, record.key),
    valueSchema: schemaName(record.valueSchema),
    value: text(record.valueSchema, record.value),
    headers: [...record.headers].map((header) => ({
      key: header.key,
      value: text(header.schema, header.value),
    })),
    timestamp: record.timestamp,
  };
}

function schemaName(schema: Schema | null): string | null {
  return schema === null ? null : (schema.name ?? schema.type);
}

function text(schema: Schema | null, value: unknown): string | null {
  try {
    return Values.convertToString(schema, value);
  } catch {
    return String(value);
  }
}
