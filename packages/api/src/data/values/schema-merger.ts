import type { Schema } from "../schema.js";
import type { SchemaType } from "../schema-type.js";

/** Numeric types from narrowest to widest; a wider one can hold the values of a narrower one. */
const NUMERIC_RANK: Partial<Record<SchemaType, number>> = {
  INT8: 0,
  INT16: 1,
  INT32: 2,
  INT64: 3,
  FLOAT32: 4,
  FLOAT64: 5,
};

/**
 * The schema that can hold values of both `previous` and `next`, as Kafka's `Values` parser merges element schemas:
 * of two numeric types the wider one (logical types included, so INT8 and Date give Date); of one type, the optional
 * schema when both are optional and `next` when both are required; otherwise none (`null`).
 * @internal
 */
export function mergeSchemas(previous: Schema, next: Schema): Schema | null {
  if (previous.type !== next.type) {
    const previousRank = NUMERIC_RANK[previous.type];
    const nextRank = NUMERIC_RANK[next.type];
    if (previousRank === undefined || nextRank === undefined) return null;
    return nextRank > previousRank ? next : previous;
  }
  if (previous.isOptional === next.isOptional) return previous.isOptional ? previous : next;
  return null;
}

/**
 * Finds the one schema that every element of an array (or every key, or value, of a map) fits, element by element.
 * Elements without a schema (nulls) fit anything. Once two elements have no common schema, there is none.
 * @internal
 */
export class SchemaMerger {
  #common: Schema | null = null;
  #compatible = true;

  /** Takes one more element's schema into account. */
  merge(schema: Schema | null | undefined): void {
    if (!schema || !this.#compatible) return;
    this.#common = this.#common === null ? schema : mergeSchemas(this.#common, schema);
    this.#compatible = this.#common !== null;
  }

  /** The schema common to every element seen, or null when there is none (or only nulls were seen). */
  get common(): Schema | null {
    return this.#compatible ? this.#common : null;
  }
}
