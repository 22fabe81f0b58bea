import type { BigDecimal } from "../data/big-decimal.js";
import { describeValue } from "../data/describe-value.js";
import { ConnectDate } from "../data/logical/date.js";
import { Decimal } from "../data/logical/decimal.js";
import { ConnectTime } from "../data/logical/time.js";
import { ConnectTimestamp } from "../data/logical/timestamp.js";
import { Schema } from "../data/schema.js";
import type { SchemaAndValue } from "../data/schema-and-value.js";
import type { SchemaType } from "../data/schema-type.js";
import type { Struct } from "../data/struct.js";
import { ConnectError, DataError } from "../errors/connect-error.js";
import { Header } from "./header.js";

const BRAND = Symbol.for("tributary.Headers");
const OPTIONAL_DATE_SCHEMA = ConnectDate.builder().optional().build();
const OPTIONAL_TIME_SCHEMA = ConnectTime.builder().optional().build();
const OPTIONAL_TIMESTAMP_SCHEMA = ConnectTimestamp.builder().optional().build();

/**
 * Replaces one header in {@link Headers.apply}: return the header to keep (itself, or a new one made with
 * {@link Header.with} or {@link Header.rename}), or `null` to remove it.
 */
export type HeaderTransform = (header: Header) => Header | null;

/**
 * The ordered headers of a record, Kafka Connect's `ConnectHeaders`: several headers may share a key, and order is
 * kept as added.
 *
 * Every header is checked against its schema as it is added (see {@link Header}), so the `add…` methods throw
 * {@link DataError} for a value that does not fit. A new `Headers` is mutable. The headers inside a record are
 * read-only, because records are values: every mutating method throws {@link ConnectError} there. To change them,
 * take `record.headers.duplicate()`, change the copy and pass it to `record.newRecord({ headers })`.
 *
 * This is Tributary's class, not the Fetch API's global `Headers`; import it from `@tributary/api`.
 *
 * @example
 * ```ts
 * const headers = record.headers.duplicate().addString("source", "orders-db").addLong("seq", 42n);
 * return record.newRecord({ headers });
 * ```
 */
export class Headers implements Iterable<Header> {
  #headers: Header[] = [];
  #readOnly = false;

  /**
   * Creates mutable headers holding `headers`, in order.
   * @throws DataError when an element is not a {@link Header}.
   */
  constructor(headers: Iterable<Header> = []) {
    for (const header of headers) this.#headers.push(checkHeader(header));
  }

  /**
   * Read-only headers with the content of `headers`: `headers` itself when it is already read-only, else a read-only
   * copy. Records keep their headers this way, so records can share them safely.
   */
  static readOnly(headers: Iterable<Header> = []): Headers {
    if (Headers.isHeaders(headers) && headers.isReadOnly) return headers;
    const copy = new Headers(headers);
    copy.#readOnly = true;
    return copy;
  }

  /** True for any Headers, including one created by another copy of this package. */
  static isHeaders(value: unknown): value is Headers {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /** The number of headers. */
  get size(): number {
    return this.#headers.length;
  }

  /** True when these headers belong to a record and cannot be changed; {@link Headers.duplicate} gives a copy that can. */
  get isReadOnly(): boolean {
    return this.#readOnly;
  }

  /** True when there are no headers. */
  isEmpty(): boolean {
    return this.#headers.length === 0;
  }

  /** Appends `header`. */
  add(header: Header): this;
  /**
   * Appends a header from a converter's result; `null` stands for a schemaless `null` value.
   * @throws DataError when the value does not fit the schema.
   */
  add(key: string, schemaAndValue: SchemaAndValue | null): this;
  /**
   * Appends a header with `value` and its `schema` (`null` for a schemaless value).
   * @throws DataError when the value does not fit the schema.
   */
  add(key: string, value: unknown, schema: Schema | null): this;
  add(...args: [Header] | [string, SchemaAndValue | null] | [string, unknown, Schema | null]): this {
    this.#checkWritable();
    let header: Header;
    if (args.length === 1) header = checkHeader(args[0]);
    else if (args.length === 2) header = fromSchemaAndValue(args[0], args[1]);
    else header = new Header(args[0], args[2], args[1]);
    this.#headers.push(header);
    return this;
  }

  /** Appends a STRING header (an optional STRING schema when `value` is `null`). */
  addString(key: string, value: string | null): this {
    return this.add(key, value, value === null ? Schema.OPTIONAL_STRING_SCHEMA : Schema.STRING_SCHEMA);
  }
  /** Appends a BOOLEAN header. */
  addBoolean(key: string, value: boolean): this {
    return this.add(key, value, Schema.BOOLEAN_SCHEMA);
  }
  /**
   * Appends an INT8 header.
   * @throws DataError when `value` is not an integer from -128 to 127.
   */
  addByte(key: string, value: number): this {
    return this.add(key, value, Schema.INT8_SCHEMA);
  }
  /**
   * Appends an INT16 header.
   * @throws DataError when `value` is not an integer from -32768 to 32767.
   */
  addShort(key: string, value: number): this {
    return this.add(key, value, Schema.INT16_SCHEMA);
  }
  /**
   * Appends an INT32 header.
   * @throws DataError when `value` is not a 32-bit integer.
   */
  addInt(key: string, value: number): this {
    return this.add(key, value, Schema.INT32_SCHEMA);
  }
  /**
   * Appends an INT64 header; the value is a `bigint`, as every INT64 is.
   * @throws DataError when `value` is not a 64-bit `bigint`.
   */
  addLong(key: string, value: bigint): this {
    return this.add(key, value, Schema.INT64_SCHEMA);
  }
  /** Appends a FLOAT32 header. */
  addFloat(key: string, value: number): this {
    return this.add(key, value, Schema.FLOAT32_SCHEMA);
  }
  /** Appends a FLOAT64 header. */
  addDouble(key: string, value: number): this {
    return this.add(key, value, Schema.FLOAT64_SCHEMA);
  }
  /** Appends a BYTES header (an optional BYTES schema when `value` is `null`). */
  addBytes(key: string, value: Uint8Array | null): this {
    return this.add(key, value, value === null ? Schema.OPTIONAL_BYTES_SCHEMA : Schema.BYTES_SCHEMA);
  }
  /**
   * Appends an ARRAY header; a `null` value is added without a schema.
   * @throws DataError when `schema` is not an ARRAY schema or an element does not fit it.
   */
  addList(key: string, value: readonly unknown[] | null, schema: Schema): this {
    if (value === null) return this.add(key, null, null);
    return this.add(key, value, requireType(schema, "ARRAY", key));
  }
  /**
   * Appends a MAP header; a `null` value is added without a schema.
   * @throws DataError when `schema` is not a MAP schema or an entry does not fit it.
   */
  addMap(key: string, value: ReadonlyMap<unknown, unknown> | null, schema: Schema): this {
    if (value === null) return this.add(key, null, null);
    return this.add(key, value, requireType(schema, "MAP", key));
  }
  /** Appends a STRUCT header with the struct's own schema; a `null` value is added without a schema. */
  addStruct(key: string, value: Struct | null): this {
    return this.add(key, value, value === null ? null : value.schema);
  }
  /** Appends a Decimal header whose schema has the value's scale; a `null` value is added without a schema. */
  addDecimal(key: string, value: BigDecimal | null): this {
    return this.add(key, value, value === null ? null : Decimal.schema(value.scale));
  }
  /**
   * Appends a Date header (an optional Date schema when `value` is `null`).
   * @throws DataError when `value` is not midnight UTC.
   */
  addDate(key: string, value: Date | null): this {
    if (value === null) return this.add(key, null, OPTIONAL_DATE_SCHEMA);
    const schema = ConnectDate.schema();
    ConnectDate.fromLogical(schema, value);
    return this.add(key, value, schema);
  }
  /**
   * Appends a Time header (an optional Time schema when `value` is `null`).
   * @throws DataError when `value` lies outside 1970-01-01 UTC.
   */
  addTime(key: string, value: Date | null): this {
    if (value === null) return this.add(key, null, OPTIONAL_TIME_SCHEMA);
    const schema = ConnectTime.schema();
    ConnectTime.fromLogical(schema, value);
    return this.add(key, value, schema);
  }
  /**
   * Appends a Timestamp header (an optional Timestamp schema when `value` is `null`).
   * @throws DataError when `value` is an invalid Date.
   */
  addTimestamp(key: string, value: Date | null): this {
    if (value === null) return this.add(key, null, OPTIONAL_TIMESTAMP_SCHEMA);
    const schema = ConnectTimestamp.schema();
    ConnectTimestamp.fromLogical(schema, value);
    return this.add(key, value, schema);
  }

  /** Every header with `key`, in order; empty when there is none. */
  allWithName(key: string): Header[] {
    return this.#headers.filter((header) => header.key === key);
  }

  /** The last header with `key`, or `undefined` when there is none. */
  lastWithName(key: string): Header | undefined {
    return this.#headers.findLast((header) => header.key === key);
  }

  /** Removes every header with `key`. */
  remove(key: string): this {
    this.#checkWritable();
    this.#headers = this.#headers.filter((header) => header.key !== key);
    return this;
  }

  /**
   * Keeps only the last header with `key`, or, without a key, only the last header of every key; the headers kept
   * stay where they were.
   */
  retainLatest(key?: string): this {
    this.#checkWritable();
    const seen = new Set<string>();
    const kept: Header[] = [];
    for (let i = this.#headers.length - 1; i >= 0; i--) {
      const header = this.#headers[i] as Header;
      const applies = key === undefined || header.key === key;
      if (applies && seen.has(header.key)) continue;
      seen.add(header.key);
      kept.push(header);
    }
    this.#headers = kept.reverse();
    return this;
  }

  /** Removes every header. */
  clear(): this {
    this.#checkWritable();
    this.#headers = [];
    return this;
  }

  /** A mutable copy holding the same (immutable) {@link Header} objects; changing one never changes the other. */
  duplicate(): Headers {
    return new Headers(this.#headers);
  }

  /** Replaces every header by what `transform` returns for it, removing those it maps to `null`. */
  apply(transform: HeaderTransform): this;
  /** Replaces every header with `key` by what `transform` returns for it, removing those it maps to `null`. */
  apply(key: string, transform: HeaderTransform): this;
  apply(first: string | HeaderTransform, second?: HeaderTransform): this {
    this.#checkWritable();
    const key = typeof first === "string" ? first : undefined;
    const transform = (typeof first === "string" ? second : first) as HeaderTransform;
    const next: Header[] = [];
    for (const header of this.#headers) {
      if (key !== undefined && header.key !== key) {
        next.push(header);
        continue;
      }
      const replaced = transform(header);
      if (replaced !== null) next.push(checkHeader(replaced));
    }
    this.#headers = next;
    return this;
  }

  /** The headers in order. */
  [Symbol.iterator](): Iterator<Header> {
    return this.#headers[Symbol.iterator]();
  }

  /** True when `other` holds equal headers in the same order; read-only and mutable headers can be equal. */
  equals(other: unknown): boolean {
    if (this === other) return true;
    if (!Headers.isHeaders(other) || other.size !== this.size) return false;
    let i = 0;
    for (const header of other) {
      if (!(this.#headers[i] as Header).equals(header)) return false;
      i++;
    }
    return true;
  }

  /** A short description listing every header. */
  toString(): string {
    return `Headers(${this.#headers.map((header) => header.toString()).join(", ")})`;
  }

  #checkWritable(): void {
    if (this.#readOnly) {
      throw new ConnectError(
        "These headers belong to a record and are read-only: call headers.duplicate(), change the copy and pass it to record.newRecord({ headers }).",
      );
    }
  }
}

function checkHeader(header: unknown): Header {
  if (!Header.isHeader(header)) {
    throw new DataError(`Expected a Header, got ${describeValue(header)}; create one with new Header(...).`);
  }
  return header;
}

function fromSchemaAndValue(key: string, schemaAndValue: SchemaAndValue | null): Header {
  if (schemaAndValue === null) return new Header(key, null, null);
  if (typeof schemaAndValue !== "object" || !("schema" in schemaAndValue) || !("value" in schemaAndValue)) {
    throw new DataError(
      `Header "${key}": add(key, schemaAndValue) takes { schema, value }, got ${describeValue(schemaAndValue)}; to add a plain value, call add(key, value, schema).`,
    );
  }
  return new Header(key, schemaAndValue.schema, schemaAndValue.value);
}

function requireType(schema: Schema, type: SchemaType, key: string): Schema {
  if (schema.type !== type) {
    throw new DataError(`Header "${key}" needs a schema of type ${type}, got ${schema.toString()}.`);
  }
  return schema;
}

// The brand is on the prototype, so it costs nothing per instance: defining it on every new Headers made creating one
// several times slower, and transformations create them for every record.
Object.defineProperty(Headers.prototype, BRAND, { value: true });
