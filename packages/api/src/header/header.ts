import { ConnectSchema } from "../data/connect-schema.js";
import { describeValue } from "../data/describe-value.js";
import type { Schema } from "../data/schema.js";
import { Struct } from "../data/struct.js";
import { valueEquals } from "../data/value-equals.js";
import { DataError } from "../errors/connect-error.js";

const BRAND = Symbol.for("tributary.Header");

/**
 * One record header: a key, which need not be unique within a record, and a value with its schema.
 *
 * Headers are immutable values; {@link Header.with} and {@link Header.rename} return new ones. A header with a
 * schema is checked against it when created ({@link ConnectSchema.validateValue}), so a header can never carry a
 * value its schema does not allow. A header without a schema (`schema` is `null`) holds any value, as a schemaless
 * header converter reads it; a {@link Struct} value with no schema given takes the struct's own schema.
 *
 * Collect headers in {@link Headers}, which also offers typed shortcuts such as `addString`.
 */
export class Header {
  /** The header's key; several headers of one record may share it. */
  readonly key: string;
  /** The schema of {@link Header.value}, or `null` for a schemaless header. */
  readonly schema: Schema | null;
  /** The header's value as the header converter read it; `null` when absent. */
  readonly value: unknown;

  /**
   * Creates a header, checking `value` against `schema` when there is one.
   * @throws DataError when `key` is not a string or `value` does not fit `schema`.
   */
  constructor(key: string, schema: Schema | null, value: unknown) {
    if (typeof key !== "string") {
      throw new DataError(`A header key must be a string, got ${describeValue(key)}.`);
    }
    const resolved = schema ?? (Struct.isStruct(value) ? value.schema : null);
    if (resolved !== null) {
      try {
        ConnectSchema.validateValue(resolved, value);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new DataError(
          `Header "${key}" does not fit its schema ${resolved.toString()}: ${reason} Pass a value of the schema's type, or a schema that matches the value.`,
          { cause: error },
        );
      }
    }
    this.key = key;
    this.schema = resolved;
    this.value = value ?? null;
    Object.freeze(this);
  }

  /** True for any Header, including one created by another copy of this package. */
  static isHeader(value: unknown): value is Header {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /**
   * A header with the same key and a new schema and value.
   * @throws DataError when `value` does not fit `schema`.
   */
  with(schema: Schema | null, value: unknown): Header {
    return new Header(this.key, schema, value);
  }

  /** A header with the same schema and value under a new key (this one when the key is unchanged). */
  rename(key: string): Header {
    return key === this.key ? this : new Header(key, this.schema, this.value);
  }

  /** True when `other` is a header with the same key, an equal schema (or none on both) and an equal value. */
  equals(other: unknown): boolean {
    if (this === other) return true;
    if (!Header.isHeader(other) || other.key !== this.key) return false;
    const schemasEqual =
      this.schema === null
        ? other.schema === null
        : other.schema !== null && this.schema.equals(other.schema);
    return schemasEqual && valueEquals(this.value, other.value);
  }

  /** A short description such as `Header{key=trace-id, value=abc, schema=Schema{STRING}}`. */
  toString(): string {
    const schema = this.schema === null ? "null" : this.schema.toString();
    return `Header{key=${this.key}, value=${String(this.value)}, schema=${schema}}`;
  }
}

// The brand is on the prototype, so it costs nothing per instance: defining it on every new Header made creating one
// several times slower, and transformations create them for every record.
Object.defineProperty(Header.prototype, BRAND, { value: true });
