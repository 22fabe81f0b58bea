import { DataError } from "../errors/connect-error.js";
import type { BigDecimal } from "./big-decimal.js";
import { ConnectSchema } from "./connect-schema.js";
import type { Field } from "./field.js";
import type { Schema } from "./schema.js";
import type { SchemaType } from "./schema-type.js";
import { valueEquals } from "./value-equals.js";

const BRAND = Symbol.for("tributary.Struct");

/**
 * A value of a STRUCT schema: one slot per field, checked against the field's schema on every `put`.
 *
 * `get` returns a field's default in place of `null`; `getWithoutDefault` does not. The typed getters
 * (`getInt32`, `getString`, …) check the field's declared type and throw {@link DataError} on a mismatch.
 * A Struct is mutable while it is being filled; treat it as a value once it is in a record.
 *
 * @example
 * ```ts
 * const order = new Struct(schema).put("id", 42n).put("note", null);
 * order.getInt64("id"); // 42n
 * ```
 */
export class Struct {
  /** The STRUCT schema this value belongs to. */
  readonly schema: Schema;
  readonly #values: unknown[];

  /**
   * Creates an empty struct of `schema`; every field starts as `null`.
   * @throws DataError when `schema` is not a STRUCT schema.
   */
  constructor(schema: Schema) {
    if (schema.type !== "STRUCT") {
      throw new DataError(
        `Cannot create a Struct from a ${schema.type} schema: a STRUCT schema is required.`,
      );
    }
    this.schema = schema;
    this.#values = new Array<unknown>(schema.fields().length).fill(null);
  }

  /** True for any Struct, including one created by another copy of this package. */
  static isStruct(value: unknown): value is Struct {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /**
   * Sets a field's value after checking it against the field's schema.
   * @throws DataError when there is no such field or the value does not fit.
   */
  put(field: string | Field, value: unknown): this {
    const target = this.#lookup(field);
    ConnectSchema.validateValue(target.schema, value, target.name);
    this.#values[target.index] = value ?? null;
    return this;
  }

  /**
   * Sets a field's value with no check of its type: only for a value copied from a Struct into a field of the same
   * schema, or produced by code that guarantees the field's type.
   *
   * This is the fast path for transformations that rebuild a Struct per record; anything that may not fit, such as
   * a value from user configuration, belongs in {@link Struct.put}. A `null` for a required field is still refused,
   * so copying an unset required field fails here as it would with `put`, and {@link Struct.validate} checks every
   * value again.
   * @throws DataError when this struct's schema has no field of that name, or `value` is `null` and the field is
   * required.
   */
  putTrusted(field: Field, value: unknown): this {
    const target = this.#lookup(field);
    if (value === null || value === undefined) {
      ConnectSchema.validateValue(target.schema, value, target.name);
      this.#values[target.index] = null;
    } else {
      this.#values[target.index] = value;
    }
    return this;
  }

  /** A field's value, or the field's default when the value is `null` (and `null` when there is no default). */
  get(field: string | Field): unknown {
    const target = this.#lookup(field);
    const value = this.#values[target.index];
    return value === null ? (target.schema.defaultValue ?? null) : value;
  }

  /** A field's value as it was put, without falling back to the default. */
  getWithoutDefault(field: string | Field): unknown {
    return this.#values[this.#lookup(field).index];
  }

  /** The value of an INT8 field. */
  getInt8(field: string): number | null {
    return this.#typed(field, "INT8") as number | null;
  }
  /** The value of an INT16 field. */
  getInt16(field: string): number | null {
    return this.#typed(field, "INT16") as number | null;
  }
  /** The value of an INT32 field. */
  getInt32(field: string): number | null {
    return this.#typed(field, "INT32") as number | null;
  }
  /** The value of an INT64 field. */
  getInt64(field: string): bigint | null {
    return this.#typed(field, "INT64") as bigint | null;
  }
  /** The value of a FLOAT32 field. */
  getFloat32(field: string): number | null {
    return this.#typed(field, "FLOAT32") as number | null;
  }
  /** The value of a FLOAT64 field. */
  getFloat64(field: string): number | null {
    return this.#typed(field, "FLOAT64") as number | null;
  }
  /** The value of a BOOLEAN field. */
  getBoolean(field: string): boolean | null {
    return this.#typed(field, "BOOLEAN") as boolean | null;
  }
  /** The value of a STRING field. */
  getString(field: string): string | null {
    return this.#typed(field, "STRING") as string | null;
  }
  /** The value of a BYTES field. */
  getBytes(field: string): Uint8Array | null {
    return this.#typed(field, "BYTES") as Uint8Array | null;
  }
  /** The value of an ARRAY field. */
  getArray<T = unknown>(field: string): readonly T[] | null {
    return this.#typed(field, "ARRAY") as T[] | null;
  }
  /** The value of a MAP field. */
  getMap<K = unknown, V = unknown>(field: string): Map<K, V> | null {
    return this.#typed(field, "MAP") as Map<K, V> | null;
  }
  /** The value of a STRUCT field. */
  getStruct(field: string): Struct | null {
    return this.#typed(field, "STRUCT") as Struct | null;
  }
  /** The value of a Decimal field. */
  getDecimal(field: string): BigDecimal | null {
    return this.#typed(field, "BYTES") as BigDecimal | null;
  }
  /** The value of a Date, Time or Timestamp field. */
  getDate(field: string): Date | null {
    const target = this.#lookup(field);
    if (target.schema.type !== "INT32" && target.schema.type !== "INT64") {
      throw new DataError(
        `Field "${target.name}" is of type ${target.schema.type}, not a Date, Time or Timestamp.`,
      );
    }
    return this.get(target) as Date | null;
  }

  /**
   * Checks that every field holds a valid value: a `null` is allowed only where the field is optional or has a
   * default.
   * @throws DataError naming the first field that is not valid.
   */
  validate(): void {
    for (const field of this.schema.fields()) {
      const value = this.#values[field.index];
      if (value === null && (field.schema.isOptional || field.schema.defaultValue !== undefined)) continue;
      ConnectSchema.validateValue(field.schema, value, field.name);
    }
  }

  /** True when `other` is a Struct with an equal schema and equal values. */
  equals(other: unknown): boolean {
    if (this === other) return true;
    if (!Struct.isStruct(other) || !this.schema.equals(other.schema)) return false;
    return this.schema
      .fields()
      .every((field) => valueEquals(this.#values[field.index], other.getWithoutDefault(field.name)));
  }

  toString(): string {
    const parts = this.schema.fields().map((field) => `${field.name}=${String(this.#values[field.index])}`);
    return `Struct{${parts.join(",")}}`;
  }

  /** The field of that name; a Field object of this very schema is used as it is, with no lookup by name. */
  #lookup(field: string | Field): Field {
    if (typeof field !== "string" && this.schema.fields()[field.index] === field) return field;
    const name = typeof field === "string" ? field : field.name;
    const found = this.schema.field(name);
    if (found === undefined) {
      throw new DataError(`${name} is not a valid field name of ${this.schema.toString()}.`);
    }
    return found;
  }

  #typed(field: string, type: SchemaType): unknown {
    const target = this.#lookup(field);
    if (target.schema.type !== type) {
      throw new DataError(`Field "${target.name}" is of type ${target.schema.type}, not ${type}.`);
    }
    return this.get(target);
  }
}

// On the prototype rather than each instance: a per-instance property defined after construction slows creating
// and reading every Struct.
Object.defineProperty(Struct.prototype, BRAND, { value: true });
