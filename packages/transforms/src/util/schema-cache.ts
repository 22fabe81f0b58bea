import type { Schema } from "@tributary/api";

/**
 * Derives a value from a source schema once and keeps it for as long as the source schema lives, so a
 * transformation builds its new schema (and its per-field plan) once per schema, not once per record.
 *
 * Entries are keyed by the schema object itself in a `WeakMap`, so schemas that are no longer used are collected
 * with their entries; the last schema seen is also kept for a lookup without hashing, since a stream of records
 * usually shares one schema. Structurally equal schemas that are different objects each get their own entry.
 * `build` runs on the first lookup of each schema; it must not depend on anything but the schema and the
 * transformation's configuration. Not for use by several transformations at once: give each instance its own cache.
 *
 * @typeParam V - what is derived from a schema, such as the new schema plus a field plan
 * @example
 * ```ts
 * const plans = new SchemaCache((schema) => buildPlan(schema));
 * const plan = plans.get(record.valueSchema); // built on the first record of each schema
 * ```
 */
export class SchemaCache<V> {
  readonly #build: (schema: Schema) => V;
  #entries = new WeakMap<Schema, V>();
  #lastSchema: Schema | undefined;
  #lastValue: V | undefined;

  /** Creates an empty cache that derives values with `build`. */
  constructor(build: (schema: Schema) => V) {
    this.#build = build;
  }

  /**
   * The value derived from `schema`, built now when this is the first time the schema is seen.
   * @throws whatever `build` throws; nothing is cached then, so the next lookup tries again.
   */
  get(schema: Schema): V {
    if (schema === this.#lastSchema) return this.#lastValue as V;
    let value = this.#entries.get(schema);
    if (value === undefined) {
      value = this.#build(schema);
      this.#entries.set(schema, value);
    }
    this.#lastSchema = schema;
    this.#lastValue = value;
    return value;
  }

  /** True when a value for `schema` has been built. */
  has(schema: Schema): boolean {
    return this.#entries.has(schema);
  }

  /** Forgets every entry, for example when the transformation closes. */
  clear(): void {
    this.#entries = new WeakMap();
    this.#lastSchema = undefined;
    this.#lastValue = undefined;
  }
}
