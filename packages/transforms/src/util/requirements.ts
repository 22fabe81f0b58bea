import { BigDecimal, type ConnectRecord, DataError, type Schema, SinkRecord, Struct } from "@tributary/api";

/**
 * Who needs a value, for error messages: the transformation (`InsertField$Value`), the field it was after, if any,
 * and the topic of the record at hand.
 */
export interface TransformPurpose {
  /** The transformation's name as users configure it, such as `InsertField$Value`. */
  readonly transform: string;
  /** The field (or field path) the transformation was working on, when there is one. */
  readonly field?: string | undefined;
  /** The topic of the record being transformed. */
  readonly topic: string;
}

/**
 * `value` as a {@link Struct}, for a transformation that works on records with a STRUCT schema.
 * @throws DataError naming the transformation, the field and the topic when `value` is not a Struct (null included).
 */
export function requireStruct(value: unknown, purpose: TransformPurpose): Struct {
  if (Struct.isStruct(value)) return value;
  throw new DataError(
    `${purpose.transform} works on Struct values when the record has a schema, but ${where(purpose)} holds ${describeKind(value)}. Give the record a STRUCT schema and a Struct value, or apply the transformation only to records that have one (with a predicate).`,
  );
}

/**
 * `value` as a `Map` with string keys, for a transformation that works on schemaless records (their structured
 * values are Maps).
 * @throws DataError naming the transformation, the field and the topic when `value` is not a Map (null included).
 */
export function requireMap(value: unknown, purpose: TransformPurpose): Map<string, unknown> {
  if (value instanceof Map) return value as Map<string, unknown>;
  throw new DataError(
    `${purpose.transform} works on Map values when the record has no schema, but ${where(purpose)} holds ${describeKind(value)}. Send schemaless records whose value is a Map (a JSON object), or apply the transformation only to records that have one (with a predicate).`,
  );
}

/**
 * `record` as a {@link SinkRecord}, for a transformation that reads what only sink records carry (the Kafka offset).
 * @throws DataError naming the transformation and the topic when the record is not a sink record.
 */
export function requireSinkRecord(record: ConnectRecord, purpose: TransformPurpose): SinkRecord {
  if (SinkRecord.isSinkRecord(record)) return record;
  throw new DataError(
    `${purpose.transform} needs a sink record${purpose.field === undefined ? "" : ` to fill field "${purpose.field}"`}, but the record on topic "${purpose.topic}" is a ${record.constructor.name}. Only sink connectors have Kafka offsets; remove the offset setting for source connectors.`,
  );
}

/**
 * `schema`, for a transformation that only works on records that have one.
 * @throws DataError naming the transformation and the topic when `schema` is null.
 */
export function requireSchema(schema: Schema | null, purpose: TransformPurpose): Schema {
  if (schema !== null) return schema;
  throw new DataError(
    `${purpose.transform} needs a schema, but ${where(purpose)} has none. Use a converter that provides schemas (JsonConverter with schemas.enable=true, for example), or apply the transformation only to records that have one.`,
  );
}

/**
 * The error for a record that lacks a field the transformation needs: it names the transformation, the field and
 * the topic, and says which fields there are when `available` is given.
 */
export function missingFieldError(
  purpose: TransformPurpose & { readonly field: string },
  available?: readonly string[],
): DataError {
  const known = available === undefined ? "" : ` It has ${listFields(available)}.`;
  return new DataError(
    `${purpose.transform} needs field "${purpose.field}", but the record on topic "${purpose.topic}" has no such field.${known} Check the field name in the transformation's configuration.`,
  );
}

function where(purpose: TransformPurpose): string {
  const field = purpose.field === undefined ? "" : ` (working on field "${purpose.field}")`;
  return `the record on topic "${purpose.topic}"${field}`;
}

function listFields(names: readonly string[]): string {
  if (names.length === 0) return "no fields";
  const shown = names.slice(0, 20).map((name) => `"${name}"`);
  return `fields ${shown.join(", ")}${names.length > shown.length ? ", …" : ""}`;
}

/**
 * What kind of value `value` is, for error messages: `null`, `a string`, `a Struct of schema x`, `a Map`, ...
 * @internal
 */
export function describeKind(value: unknown): string {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "string":
      return "a string";
    case "number":
      return `the number ${String(value)}`;
    case "bigint":
      return `the bigint ${String(value)}n`;
    case "boolean":
      return `the boolean ${String(value)}`;
  }
  if (value instanceof Uint8Array) return `bytes (length ${value.length})`;
  if (value instanceof Date) return "a Date";
  if (BigDecimal.isBigDecimal(value)) return "a BigDecimal";
  if (Struct.isStruct(value)) return `a Struct of schema ${value.schema.toString()}`;
  if (Array.isArray(value)) return "an array";
  if (value instanceof Map) return "a Map";
  return `an object of type ${(value as object).constructor?.name ?? "Object"}`;
}
