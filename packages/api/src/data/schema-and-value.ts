import type { Schema } from "./schema.js";

/**
 * A value together with the schema that describes it, as a converter reads it from bytes; `schema` is `null` for
 * schemaless data.
 */
export interface SchemaAndValue {
  /** The schema of `value`, or `null` when the data has none. */
  readonly schema: Schema | null;
  /** The value, `null` when absent. */
  readonly value: unknown;
}
