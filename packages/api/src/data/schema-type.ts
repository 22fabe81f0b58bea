/**
 * The types a Connect {@link Schema} can have, named as in Kafka Connect's `Schema.Type`.
 *
 * The JavaScript value each type holds is listed in `docs/data-model.md`: integers up to 32 bits are `number`,
 * INT64 is `bigint`, BYTES is `Uint8Array`, ARRAY is an array, MAP is a `Map` and STRUCT is a {@link Struct}.
 */
export const SchemaType = {
  INT8: "INT8",
  INT16: "INT16",
  INT32: "INT32",
  INT64: "INT64",
  FLOAT32: "FLOAT32",
  FLOAT64: "FLOAT64",
  BOOLEAN: "BOOLEAN",
  STRING: "STRING",
  BYTES: "BYTES",
  ARRAY: "ARRAY",
  MAP: "MAP",
  STRUCT: "STRUCT",
} as const;

/** One of the {@link SchemaType} names. */
export type SchemaType = (typeof SchemaType)[keyof typeof SchemaType];

/** All schema types, in Kafka's declaration order. */
export const SCHEMA_TYPES: readonly SchemaType[] = Object.freeze(Object.values(SchemaType));

/** True for every type that holds no other schema (everything but ARRAY, MAP and STRUCT). */
export function isPrimitiveType(type: SchemaType): boolean {
  return type !== "ARRAY" && type !== "MAP" && type !== "STRUCT";
}

/** True when `value` names a {@link SchemaType}. */
export function isSchemaType(value: unknown): value is SchemaType {
  return typeof value === "string" && Object.hasOwn(SchemaType, value);
}
