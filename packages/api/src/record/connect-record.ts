import { ConnectSchema } from "../data/connect-schema.js";
import { describeValue } from "../data/describe-value.js";
import type { Schema } from "../data/schema.js";
import { valueEquals } from "../data/value-equals.js";
import { DataError } from "../errors/connect-error.js";
import type { Header } from "../header/header.js";
import { Headers } from "../header/headers.js";

const BRAND = Symbol.for("tributary.ConnectRecord");

/** The fields every record is created with; a field left out is `null` (no headers when `headers` is left out). */
export interface ConnectRecordInit {
  /** The Kafka topic the record goes to (source) or came from (sink). */
  readonly topic: string;
  /** The Kafka partition, or `null` to let the producer's partitioner choose. */
  readonly kafkaPartition?: number | null;
  /** The key's schema, or `null` for a schemaless key. */
  readonly keySchema?: Schema | null;
  /** The key, `null` when there is none. */
  readonly key?: unknown;
  /** The value's schema, or `null` for a schemaless value. */
  readonly valueSchema?: Schema | null;
  /** The value; `null` makes a tombstone. */
  readonly value?: unknown;
  /** Milliseconds since the epoch, or `null` when the record has no timestamp. */
  readonly timestamp?: number | null;
  /** The headers; they are copied, so later changes to the given collection do not reach the record. */
  readonly headers?: Iterable<Header>;
}

/**
 * What {@link ConnectRecord.newRecord} changes. A field that is left out (or `undefined`) keeps the record's current
 * value; to clear a field, pass `null` explicitly: `{ key: null, keySchema: null }` drops the key, `{}` copies the
 * record unchanged.
 */
export interface ConnectRecordChanges {
  /** A new topic, for example from a router transformation. */
  readonly topic?: string;
  /** A new partition, or `null` to let the producer choose. */
  readonly kafkaPartition?: number | null;
  /** A new key schema, or `null` for a schemaless key. */
  readonly keySchema?: Schema | null;
  /** A new key, or `null` for none. */
  readonly key?: unknown;
  /** A new value schema, or `null` for a schemaless value. */
  readonly valueSchema?: Schema | null;
  /** A new value, or `null` for a tombstone. */
  readonly value?: unknown;
  /** A new timestamp in milliseconds since the epoch, or `null` for none. */
  readonly timestamp?: number | null;
  /** New headers, copied into the new record; to add one, pass `record.headers.duplicate().add…(…)`. */
  readonly headers?: Iterable<Header>;
}

/**
 * The data every record carries, whether a source task produced it or a sink task receives it: topic, partition,
 * key and value with their schemas, timestamp and headers.
 *
 * Records are immutable values: their fields are read-only, their {@link Headers} are read-only, and
 * {@link ConnectRecord.newRecord} returns a changed copy, which is how transformations change records. The key and
 * value are not copied and not checked against their schemas here (the converter checks them); treat them as
 * immutable too, since a record may be shared by a transformation chain, the worker and the dead-letter queue.
 *
 * Extend {@link SourceRecord} or use {@link SinkRecord}; the offsets they add differ in kind, so this base has none.
 */
export abstract class ConnectRecord {
  /** The Kafka topic the record goes to (source) or came from, possibly renamed by a transformation (sink). */
  readonly topic: string;
  /** The Kafka partition, or `null` when the producer's partitioner chooses it. */
  readonly kafkaPartition: number | null;
  /** The key's schema, or `null` for a schemaless key. */
  readonly keySchema: Schema | null;
  /** The key, `null` when there is none. */
  readonly key: unknown;
  /** The value's schema, or `null` for a schemaless value. */
  readonly valueSchema: Schema | null;
  /** The value; `null` in a tombstone. */
  readonly value: unknown;
  /** Milliseconds since the epoch, or `null` when the record has none. */
  readonly timestamp: number | null;
  /** The record's headers, never `null`; read-only, see {@link Headers}. */
  readonly headers: Headers;

  /**
   * Sets and checks the common fields; subclasses freeze the instance once their own fields are set.
   * @throws DataError when the topic, partition, schemas or timestamp are not valid.
   */
  protected constructor(init: ConnectRecordInit) {
    if (typeof init.topic !== "string" || init.topic.length === 0) {
      throw new DataError(
        `A record's topic must be a non-empty string, got ${describeValue(init.topic)}; set the topic the record belongs to.`,
      );
    }
    const partition = init.kafkaPartition ?? null;
    if (partition !== null && !(Number.isInteger(partition) && partition >= 0 && partition <= 2147483647)) {
      throw new DataError(
        `A record's kafkaPartition must be an integer from 0 to 2147483647 or null, got ${describeValue(partition)}.`,
      );
    }
    const timestamp = init.timestamp ?? null;
    if (timestamp !== null && !(Number.isSafeInteger(timestamp) && timestamp >= 0)) {
      throw new DataError(
        `A record's timestamp must be whole milliseconds since the epoch (0 or more) or null, got ${describeValue(timestamp)}; use date.getTime() for a Date.`,
      );
    }
    this.topic = init.topic;
    this.kafkaPartition = partition;
    this.keySchema = checkSchema(init.keySchema, "keySchema");
    this.key = init.key ?? null;
    this.valueSchema = checkSchema(init.valueSchema, "valueSchema");
    this.value = init.value ?? null;
    this.timestamp = timestamp;
    this.headers = Headers.readOnly(init.headers);
  }

  /** True for any record, including one created by another copy of this package. */
  static isConnectRecord(value: unknown): value is ConnectRecord {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /**
   * A record of the same kind with `changes` applied and every other field, including the kind's own (source
   * offsets, original Kafka coordinates), kept; this record is not changed.
   *
   * @example
   * ```ts
   * record.newRecord({ topic: `${record.topic}-copy` });     // only the topic changes
   * record.newRecord({ key: null, keySchema: null });        // clears the key
   * record.newRecord({ headers: record.headers.duplicate().addString("via", "router") });
   * ```
   * @throws DataError when a changed field is not valid.
   */
  abstract newRecord(changes?: ConnectRecordChanges): this;

  /** True when `other` is a record with equal fields, headers included; subclasses also compare their own fields. */
  equals(other: unknown): boolean {
    if (this === other) return true;
    if (!ConnectRecord.isConnectRecord(other)) return false;
    return (
      this.topic === other.topic &&
      this.kafkaPartition === other.kafkaPartition &&
      schemasEqual(this.keySchema, other.keySchema) &&
      valueEquals(this.key, other.key) &&
      schemasEqual(this.valueSchema, other.valueSchema) &&
      valueEquals(this.value, other.value) &&
      this.timestamp === other.timestamp &&
      this.headers.equals(other.headers)
    );
  }

  /** A short description for logs, naming the topic, partition and timestamp. */
  toString(): string {
    return `${this.constructor.name}{topic=${this.topic}, kafkaPartition=${String(this.kafkaPartition)}, timestamp=${String(this.timestamp)}}`;
  }

  /**
   * The common fields of this record with `changes` applied, for a subclass's {@link ConnectRecord.newRecord}: a fresh
   * object the subclass may add its own fields to (adding them is faster in V8 than spreading this into a new one).
   */
  protected applyChanges(changes: ConnectRecordChanges): Required<ConnectRecordInit> {
    return {
      topic: changes.topic ?? this.topic,
      kafkaPartition: changes.kafkaPartition === undefined ? this.kafkaPartition : changes.kafkaPartition,
      keySchema: changes.keySchema === undefined ? this.keySchema : changes.keySchema,
      key: changes.key === undefined ? this.key : changes.key,
      valueSchema: changes.valueSchema === undefined ? this.valueSchema : changes.valueSchema,
      value: changes.value === undefined ? this.value : changes.value,
      timestamp: changes.timestamp === undefined ? this.timestamp : changes.timestamp,
      headers: changes.headers ?? this.headers,
    };
  }
}

function checkSchema(schema: Schema | null | undefined, what: string): Schema | null {
  if (schema === undefined || schema === null) return null;
  if (!ConnectSchema.isSchema(schema)) {
    throw new DataError(
      `A record's ${what} must be a Schema or null, got ${describeValue(schema)}; build one with SchemaBuilder.`,
    );
  }
  return schema;
}

function schemasEqual(a: Schema | null, b: Schema | null): boolean {
  return a === null ? b === null : b !== null && a.equals(b);
}

// The brand is on the prototype, so it costs nothing per instance: defining it on every new ConnectRecord made creating one
// several times slower, and transformations create them for every record.
Object.defineProperty(ConnectRecord.prototype, BRAND, { value: true });
