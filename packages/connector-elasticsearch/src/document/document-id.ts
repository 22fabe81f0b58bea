import { DataError, type SinkRecord } from "@tributary/api";

const MAX_ID_BYTES = 512;
const MAX_VERSION = 2n ** 63n - 2n;

/**
 * The document id of a record: `topic+partition+offset` (the record's topic, partition and offset as the task sees
 * them, after any SMT, as in the Elasticsearch connector) when keys are ignored, otherwise the key, which must be an
 * integer or a non-empty string of at most 512 bytes.
 * @throws DataError when the key cannot be an id.
 * @internal
 */
export function documentIdOf(record: SinkRecord, ignoreKey: boolean): string {
  if (ignoreKey) {
    return `${record.topic}+${record.kafkaPartition ?? record.originalKafkaPartition}+${record.kafkaOffset}`;
  }
  const key = record.key;
  let id: string;
  if (typeof key === "string") id = key;
  else if (typeof key === "bigint") id = key.toString();
  else if (typeof key === "number" && Number.isInteger(key)) id = String(key);
  else if (key === null || key === undefined) {
    throw new DataError(
      `${where(record)} has a null key, which cannot be a document id; give the records keys, or set key.ignore=true (or list the topic in topic.key.ignore) for topic+partition+offset ids.`,
    );
  } else {
    throw new DataError(
      `${where(record)} has a key of ${record.keySchema?.type ?? typeof key}, but a document id must come from an integer or string key; extract one with the ExtractField transform, or set key.ignore=true.`,
    );
  }
  if (id === "" || Buffer.byteLength(id) > MAX_ID_BYTES) {
    throw new DataError(
      `${where(record)} has a key of ${Buffer.byteLength(id)} bytes, but a document id must have 1 to 512 bytes.`,
    );
  }
  return id;
}

/**
 * The external version of a record written with an id from its key: its Kafka offset, or the integer in header
 * `header` when one is named.
 * @throws DataError when the header is missing or not an integer from 0 to 2^63-2.
 * @internal
 */
export function externalVersionOf(record: SinkRecord, header: string | undefined): string {
  if (header === undefined) return record.kafkaOffset.toString();
  const found = record.headers.lastWithName(header);
  const value = found?.value;
  let version: bigint | undefined;
  if (typeof value === "bigint") version = value;
  else if (typeof value === "number" && Number.isSafeInteger(value)) version = BigInt(value);
  else if (typeof value === "string" && /^\d{1,19}$/.test(value.trim())) version = BigInt(value.trim());
  if (version === undefined || version < 0n || version > MAX_VERSION) {
    throw new DataError(
      `${where(record)} has ${found === undefined ? "no header" : `the header value ${String(value)} in`} "${header}", but external.version.header needs an integer from 0 to ${MAX_VERSION} there.`,
    );
  }
  return version.toString();
}

function where(record: SinkRecord): string {
  return `The record at ${record.originalTopic}-${record.originalKafkaPartition}@${record.originalKafkaOffset}`;
}
