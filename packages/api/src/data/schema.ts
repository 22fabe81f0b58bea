import { ConnectSchema } from "./connect-schema.js";
import type { Field } from "./field.js";
import type { SchemaType } from "./schema-type.js";

/**
 * The shape of Connect data: a type plus optional metadata, and for ARRAY, MAP and STRUCT the schemas they hold.
 *
 * Schemas are immutable values; two schemas are equal when every attribute is equal. Build them with
 * {@link SchemaBuilder} or use the ready-made constants on `Schema` such as `Schema.STRING_SCHEMA`.
 *
 * Metadata that is not set reads `undefined`; a data value that is absent is `null`.
 */
export interface Schema {
  /** The schema's type. */
  readonly type: SchemaType;
  /** Whether `null` is an allowed value. */
  readonly isOptional: boolean;
  /** The value used where a value is `null`, or `undefined` when there is none. */
  readonly defaultValue: unknown;
  /** A fully qualified name, such as `com.example.Order` or a logical type's name. */
  readonly name: string | undefined;
  /** The version of a named schema. */
  readonly version: number | undefined;
  /** Documentation for people reading the schema. */
  readonly doc: string | undefined;
  /** Extra string properties; logical types keep theirs here (Decimal's `scale`). */
  readonly parameters: Readonly<Record<string, string>> | undefined;
  /**
   * The fields of a STRUCT schema, in order.
   * @throws DataError when the schema is not a STRUCT.
   */
  fields(): readonly Field[];
  /**
   * The field called `name` of a STRUCT schema, or `undefined` when there is none.
   * @throws DataError when the schema is not a STRUCT.
   */
  field(name: string): Field | undefined;
  /**
   * The schema of a MAP's keys.
   * @throws DataError when the schema is not a MAP.
   */
  keySchema(): Schema;
  /**
   * The schema of a MAP's values or an ARRAY's elements.
   * @throws DataError when the schema is neither MAP nor ARRAY.
   */
  valueSchema(): Schema;
  /** True when `other` is a schema with every attribute equal. */
  equals(other: unknown): boolean;
  /** A short description such as `Schema{com.example.Order:STRUCT}`. */
  toString(): string;
}

function primitive(type: SchemaType, isOptional: boolean): Schema {
  return new ConnectSchema({ type, isOptional });
}

/** Ready-made schemas of every primitive type, required and optional, named as Kafka Connect's constants. */
export const Schema = Object.freeze({
  INT8_SCHEMA: primitive("INT8", false),
  INT16_SCHEMA: primitive("INT16", false),
  INT32_SCHEMA: primitive("INT32", false),
  INT64_SCHEMA: primitive("INT64", false),
  FLOAT32_SCHEMA: primitive("FLOAT32", false),
  FLOAT64_SCHEMA: primitive("FLOAT64", false),
  BOOLEAN_SCHEMA: primitive("BOOLEAN", false),
  STRING_SCHEMA: primitive("STRING", false),
  BYTES_SCHEMA: primitive("BYTES", false),
  OPTIONAL_INT8_SCHEMA: primitive("INT8", true),
  OPTIONAL_INT16_SCHEMA: primitive("INT16", true),
  OPTIONAL_INT32_SCHEMA: primitive("INT32", true),
  OPTIONAL_INT64_SCHEMA: primitive("INT64", true),
  OPTIONAL_FLOAT32_SCHEMA: primitive("FLOAT32", true),
  OPTIONAL_FLOAT64_SCHEMA: primitive("FLOAT64", true),
  OPTIONAL_BOOLEAN_SCHEMA: primitive("BOOLEAN", true),
  OPTIONAL_STRING_SCHEMA: primitive("STRING", true),
  OPTIONAL_BYTES_SCHEMA: primitive("BYTES", true),
  /** True for any schema, including one created by another copy of this package. */
  isSchema: (value: unknown): value is Schema => ConnectSchema.isSchema(value),
});
