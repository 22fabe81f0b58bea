import type { ConnectRecord, Schema } from "@tributary/api";

/**
 * The part of a record a Key or Value variant of a transformation works on: how to read its schema and data and how
 * to make a record with new ones, everything else (the other part, topic, partition, timestamp, headers) kept.
 *
 * Use the two instances {@link KEY} and {@link VALUE}; a transformation's base class takes one in its constructor,
 * as `InsertFieldKey` and `InsertFieldValue` do. They hold no state, so any number of transformations share them.
 */
export interface KeyOrValue {
  /** Which part of the record: `key` or `value`. */
  readonly part: "key" | "value";
  /** The suffix of the variant's name, as in Kafka's `InsertField$Key` / `InsertField$Value`. */
  readonly variant: "Key" | "Value";
  /** The schema of this part of `record`, or `null` when it is schemaless. */
  schemaOf(record: ConnectRecord): Schema | null;
  /** The data of this part of `record`; `null` when absent (a tombstone's value). */
  valueOf(record: ConnectRecord): unknown;
  /** A copy of `record` whose part has `schema` and `value`; nothing else changes. */
  withSchemaAndValue<R extends ConnectRecord>(record: R, schema: Schema | null, value: unknown): R;
}

/** The record's key: what the `...Key` variants of transformations change. */
export const KEY: KeyOrValue = Object.freeze({
  part: "key",
  variant: "Key",
  schemaOf: (record: ConnectRecord): Schema | null => record.keySchema,
  valueOf: (record: ConnectRecord): unknown => record.key,
  withSchemaAndValue: <R extends ConnectRecord>(record: R, schema: Schema | null, value: unknown): R =>
    record.newRecord({ keySchema: schema, key: value }),
});

/** The record's value: what the `...Value` variants of transformations change. */
export const VALUE: KeyOrValue = Object.freeze({
  part: "value",
  variant: "Value",
  schemaOf: (record: ConnectRecord): Schema | null => record.valueSchema,
  valueOf: (record: ConnectRecord): unknown => record.value,
  withSchemaAndValue: <R extends ConnectRecord>(record: R, schema: Schema | null, value: unknown): R =>
    record.newRecord({ valueSchema: schema, value }),
});
