/**
 * The wire format of Tributary's Java conformance harness: the canonical data descriptions and the ops.
 *
 * A description names each value by the Java class Kafka produced (int32 vs int64, float32 vs float64, the raw
 * bits of a float, a decimal's scale), so comparing two descriptions compares exactly. Numbers that JSON
 * cannot carry exactly travel as decimal strings; floats travel as the lowercase hex of their raw IEEE 754 bits.
 */

/** The name of a Connect schema type, as Java's `Schema.Type` spells it. */
export type SchemaTypeName =
  | "INT8"
  | "INT16"
  | "INT32"
  | "INT64"
  | "FLOAT32"
  | "FLOAT64"
  | "BOOLEAN"
  | "STRING"
  | "BYTES"
  | "ARRAY"
  | "MAP"
  | "STRUCT";

/**
 * A schema: properties that are unset are absent; `fields` only for STRUCT, `keySchema` and `valueSchema`
 * for MAP, `valueSchema` for ARRAY. The harness writes keys in this order.
 */
export interface SchemaDescription {
  type: SchemaTypeName;
  optional: boolean;
  name?: string;
  version?: number;
  doc?: string;
  parameters?: Record<string, string>;
  default?: ValueDescription;
  fields?: FieldDescription[];
  keySchema?: SchemaDescription;
  valueSchema?: SchemaDescription;
}

/** One field of a STRUCT schema description, in field order. */
export interface FieldDescription {
  name: string;
  schema: SchemaDescription;
}

/**
 * A value, tagged by its Java class: integers as decimal strings; `float32` as 8 and `float64` as 16 lowercase
 * hex digits of the raw bits; bytes as standard base64; decimal as unscaled decimal string and scale; date as
 * epoch milliseconds (decimal string); maps as `[key, value]` pairs in iteration order; a struct as its
 * schema and `[field name, value without default]` pairs in field order.
 */
export type ValueDescription =
  | null
  | ["int8" | "int16" | "int32" | "int64", string]
  | ["float32" | "float64", string]
  | ["boolean", boolean]
  | ["string", string]
  | ["bytes", string]
  | ["decimal", string, number]
  | ["date", string]
  | ["array", ValueDescription[]]
  | ["map", [ValueDescription, ValueDescription][]]
  | ["struct", SchemaDescription, [string, ValueDescription][]];

/** Top-level data: a schema (null when schemaless) and a value. */
export interface DataDescription {
  schema: SchemaDescription | null;
  value: ValueDescription;
}

/** The fields every JsonConverter op carries: the converter's config, whether it converts keys, and the topic. */
export interface JsonConverterTarget {
  /** Given to `configure(config, isKey)`; one converter is kept per distinct (config, isKey). */
  config: Record<string, string>;
  isKey: boolean;
  topic: string;
}

/** One record header: its key, its schema (null when schemaless) and its value. */
export interface HeaderDescription {
  key: string;
  schema: SchemaDescription | null;
  value: ValueDescription;
}

/** The fields every record description has, whatever its kind. */
export interface RecordDescriptionBase {
  topic: string;
  /** Null lets the producer choose; a sink record always has one. */
  kafkaPartition: number | null;
  keySchema: SchemaDescription | null;
  key: ValueDescription;
  valueSchema: SchemaDescription | null;
  value: ValueDescription;
  /** Milliseconds since the epoch, or null. */
  timestamp: number | null;
  /** In order; several may share a key. */
  headers: HeaderDescription[];
}

/** A `SourceRecord`: its source partition and offset are flat objects of JSON primitives (integers as Long). */
export interface SourceRecordDescription extends RecordDescriptionBase {
  kind: "source";
  sourcePartition: Record<string, string | number | boolean | null>;
  sourceOffset: Record<string, string | number | boolean | null>;
}

/**
 * A `SinkRecord`: offsets are decimal int64 strings. The original coordinates may be left out of a request (they
 * default to the current ones) and are always present in a response.
 */
export interface SinkRecordDescription extends RecordDescriptionBase {
  kind: "sink";
  kafkaOffset: string;
  timestampType: "NO_TIMESTAMP_TYPE" | "CREATE_TIME" | "LOG_APPEND_TIME";
  originalTopic?: string;
  originalKafkaPartition?: number;
  originalKafkaOffset?: string;
}

/** A record, as `transform.apply` and `predicate.test` take and give them. */
export type RecordDescription = SourceRecordDescription | SinkRecordDescription;

/**
 * The fields of the SMT and predicate ops: a Kafka class name (`org.apache.kafka.connect.transforms.Cast$Value`),
 * its config and one record. One configured instance is kept per (className, config), so schema caches behave as
 * in a worker; a config `configure` rejects fails every request with Kafka's exception (`ConfigException: ...`).
 */
export interface PluginTarget {
  className: string;
  config: Record<string, string>;
  record: RecordDescription;
}

/** Every op the harness answers: its request fields (besides `id` and `op`) and its result fields. */
export interface HarnessOps {
  /** Builds the Java schema and value from the description, then describes them again. */
  "describe.roundTrip": { request: { data: DataDescription }; response: { data: DataDescription } };
  /** The Kafka and Java versions the harness runs. */
  "harness.versions": { request: Record<string, never>; response: { kafka: string; java: string } };
  /** `JsonConverter.fromConnectData`; `bytes` is base64, or null for Kafka's null (a tombstone). */
  "json.fromConnect": {
    request: JsonConverterTarget & { data: DataDescription };
    response: { bytes: string | null };
  };
  /** `JsonConverter.toConnectData` of base64 bytes (or null). */
  "json.toConnect": {
    request: JsonConverterTarget & { bytes: string | null };
    response: { data: DataDescription };
  };
  /** Reads the bytes, then writes what was read with the same converter. */
  "json.roundTrip": {
    request: JsonConverterTarget & { bytes: string | null };
    response: { data: DataDescription; bytes: string | null };
  };
  /** `Transformation.apply`; `record` is null when the transformation dropped the record. */
  "transform.apply": { request: PluginTarget; response: { record: RecordDescription | null } };
  /** `Predicate.test` (the predicate alone: `negate` belongs to the runtime's chain). */
  "predicate.test": { request: PluginTarget; response: { result: boolean } };
}

/** The name of an op the harness answers. */
export type HarnessOp = keyof HarnessOps;
