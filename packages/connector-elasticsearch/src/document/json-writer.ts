import {
  BigDecimal,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  DataError,
  Decimal,
  formatJavaFloat,
  type Schema,
  Struct,
} from "@tributary/api";
import type { DecimalMapping } from "../config/elasticsearch-sink-config.js";

/** How values become JSON: how maps are laid out and how Decimals are written. */
export interface JsonWriterOptions {
  /**
   * Maps with string keys become JSON objects (`compact.map.entries=true`); otherwise, and always for other keys, an
   * array of `{"key":…,"value":…}` objects.
   */
  readonly compactMapEntries: boolean;
  /** `keyword` writes a Decimal as a JSON string, the others as a JSON number; both exact. */
  readonly decimalMapping: DecimalMapping;
}

/** A key written first in a document, replacing the value's own field of that name. */
export interface LeadingField {
  /** The key, such as `@timestamp`. */
  readonly key: string;
  /** Its value as JSON text. */
  readonly json: string;
}

type Write = (value: unknown) => string;

/**
 * Writes Connect values as JSON text for documents, exactly: INT64 values (bigint) are written with all their
 * digits, Decimals from their exact digits, never through a float. Date, Time and Timestamp become epoch
 * milliseconds (what a `date` field reads by default), BYTES base64. Values without a schema are written by their
 * JavaScript kind, as JsonConverter with `schemas.enable=false` would.
 *
 * The writer for each STRUCT, MAP and ARRAY schema is built once and kept while the schema lives, so a stream of
 * records of one schema costs one property lookup per record for the dispatch.
 * @internal
 */
export class JsonWriter {
  readonly #options: JsonWriterOptions;
  readonly #compiled = new WeakMap<Schema, Write>();
  /** `#schemaless` as a function, made once rather than once per object written. */
  readonly #writeAny: Write = (value) => this.#schemaless(value);

  constructor(options: JsonWriterOptions) {
    this.#options = options;
  }

  /**
   * The JSON text of `value` as described by `schema` (or by its own kind when `schema` is null), with the schema's
   * default in place of a null.
   * @throws DataError when the value does not fit JSON (a map key of a kind JSON cannot hold, say).
   */
  write(value: unknown, schema: Schema | null): string {
    return schema === null ? this.#schemaless(value) : this.#writerOf(schema)(value);
  }

  /**
   * Like {@link JsonWriter.write} for a document (a Struct, Map or object), with `leading` written first in place of
   * the value's own field of that key.
   * @throws DataError when the value is not an object.
   */
  writeDocument(value: unknown, schema: Schema | null, leading: LeadingField): string {
    const head = `{${JSON.stringify(leading.key)}:${leading.json}`;
    const body = this.write(value, schema);
    if (!body.startsWith("{")) {
      throw new DataError(`A document must be a JSON object, but the value is written as ${preview(body)}.`);
    }
    if (Struct.isStruct(value) && value.schema.field(leading.key) !== undefined) {
      return this.#structWithout(value, leading.key, head);
    }
    if (value instanceof Map && value.has(leading.key)) {
      const copy = new Map(value);
      copy.delete(leading.key);
      return join(head, this.write(copy, schema));
    }
    if (isPlainObject(value) && Object.hasOwn(value, leading.key)) {
      const { [leading.key]: _dropped, ...rest } = value;
      return join(head, this.write(rest, schema));
    }
    return join(head, body);
  }

  #structWithout(struct: Struct, key: string, head: string): string {
    let out = head;
    for (const field of struct.schema.fields()) {
      if (field.name === key) continue;
      out += `,${JSON.stringify(field.name)}:${this.#writerOf(field.schema)(struct.get(field))}`;
    }
    return `${out}}`;
  }

  #writerOf(schema: Schema): Write {
    let writer = this.#compiled.get(schema);
    if (writer === undefined) {
      writer = this.#compile(schema);
      this.#compiled.set(schema, writer);
    }
    return writer;
  }

  #compile(schema: Schema): Write {
    const fallback = schema.defaultValue ?? null;
    const nullable = (write: Write): Write =>
      fallback === null
        ? (value) => (value === null || value === undefined ? "null" : write(value))
        : (value) => write(value === null || value === undefined ? fallback : value);
    switch (schema.name) {
      case Decimal.LOGICAL_NAME:
        return nullable((value) => this.#decimal(value));
      case ConnectDate.LOGICAL_NAME:
      case ConnectTime.LOGICAL_NAME:
      case ConnectTimestamp.LOGICAL_NAME:
        return nullable(epochMillis);
    }
    switch (schema.type) {
      case "INT8":
      case "INT16":
      case "INT32":
      case "FLOAT64":
        return nullable(number);
      case "FLOAT32":
        return nullable(float32);
      case "INT64":
        return nullable((value) => (typeof value === "bigint" ? value.toString() : number(value)));
      case "BOOLEAN":
        return nullable((value) => (value === true ? "true" : "false"));
      case "STRING":
        return nullable((value) => JSON.stringify(String(value)));
      case "BYTES":
        return nullable(base64);
      case "ARRAY": {
        const item = this.#writerOf(schema.valueSchema());
        return nullable((value) => {
          let out = "[";
          for (const element of value as readonly unknown[]) {
            out += out.length === 1 ? item(element) : `,${item(element)}`;
          }
          return `${out}]`;
        });
      }
      case "MAP": {
        const keySchema = schema.keySchema();
        const writeKey = this.#writerOf(keySchema);
        const writeValue = this.#writerOf(schema.valueSchema());
        const compact = this.#options.compactMapEntries && keySchema.type === "STRING";
        return nullable((value) =>
          compact
            ? compactMap(value as ReadonlyMap<unknown, unknown>, writeValue)
            : mapEntries(value as ReadonlyMap<unknown, unknown>, writeKey, writeValue),
        );
      }
      case "STRUCT": {
        const fields = schema.fields().map((field) => ({
          field,
          prefix: JSON.stringify(field.name),
          write: this.#writerOf(field.schema),
        }));
        return nullable((value) => {
          const struct = value as Struct;
          let out = "{";
          for (const { field, prefix, write } of fields) {
            out += `${out.length === 1 ? "" : ","}${prefix}:${write(struct.get(field))}`;
          }
          return `${out}}`;
        });
      }
    }
    throw new DataError(`Cannot write a value of schema ${schema.toString()} as JSON.`);
  }

  #decimal(value: unknown): string {
    const decimal = BigDecimal.isBigDecimal(value) ? value : BigDecimal.fromNumber(Number(value));
    const text = decimal.toPlainString();
    return this.#options.decimalMapping === "keyword" ? `"${text}"` : text;
  }

  #schemaless(value: unknown): string {
    switch (typeof value) {
      case "string":
        return JSON.stringify(value);
      case "number":
        return number(value);
      case "bigint":
        return value.toString();
      case "boolean":
        return value ? "true" : "false";
      case "undefined":
        return "null";
      case "object": {
        if (value === null) return "null";
        if (Struct.isStruct(value)) return this.#writerOf(value.schema)(value);
        if (value instanceof Uint8Array) return base64(value);
        if (value instanceof Date) return epochMillis(value);
        if (BigDecimal.isBigDecimal(value)) return this.#decimal(value);
        const write = this.#writeAny;
        if (Array.isArray(value)) return `[${value.map(write).join(",")}]`;
        if (value instanceof Map) {
          if (!this.#options.compactMapEntries) return mapEntries(value, write, write);
          return plainJsonOf(value) ?? compactStringMap(value, write) ?? mapEntries(value, write, write);
        }
        if (isPlainObject(value)) {
          const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${write(v)}`);
          return `{${entries.join(",")}}`;
        }
      }
    }
    throw new DataError(`Cannot write a value of kind ${describe(value)} as JSON.`);
  }
}

function number(value: unknown): string {
  const n = value as number;
  // JSON has no NaN or infinities; Jackson writes them as strings, so the engine decides (it refuses them).
  return Number.isFinite(n) ? String(n) : `"${String(n)}"`;
}

function float32(value: unknown): string {
  const n = value as number;
  return Number.isFinite(n) ? formatJavaFloat(n) : `"${String(n)}"`;
}

function epochMillis(value: unknown): string {
  if (value instanceof Date) return String(value.getTime());
  return number(value);
}

function base64(value: unknown): string {
  const bytes = value as Uint8Array;
  return `"${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64")}"`;
}

function compactMap(map: ReadonlyMap<unknown, unknown>, writeValue: Write): string {
  let out = "{";
  for (const [key, item] of map) {
    out += `${out.length === 1 ? "" : ","}${JSON.stringify(String(key))}:${writeValue(item)}`;
  }
  return `${out}}`;
}

/** A map as an object when every key is a string (checked as it is written), else `undefined`. */
/**
 * The JSON of a map whose keys are strings and whose values JSON.stringify writes exactly as this writer would
 * (strings, finite numbers, booleans, null, and flat arrays of those), written natively in one call, which costs a
 * fraction of writing it piece by piece; `undefined` for any other map. Keys starting with a digit are left to the
 * slow path, since an object would put integer-like keys first and change the order.
 */
function plainJsonOf(map: ReadonlyMap<unknown, unknown>): string | undefined {
  const object: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, item] of map) {
    if (typeof key !== "string") return undefined;
    const first = key.charCodeAt(0);
    if (first >= 48 && first <= 57) return undefined;
    if (!isPlainJson(item)) {
      if (!Array.isArray(item)) return undefined;
      for (const element of item) if (!isPlainJson(element)) return undefined;
    }
    object[key] = item;
  }
  return JSON.stringify(object);
}

/** Whether JSON.stringify writes the value as this writer does: a string, finite number, boolean or null. */
function isPlainJson(value: unknown): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value);
    case "object":
      return value === null;
    default:
      return false;
  }
}

function compactStringMap(map: ReadonlyMap<unknown, unknown>, writeValue: Write): string | undefined {
  let out = "{";
  for (const [key, item] of map) {
    if (typeof key !== "string") return undefined;
    out += `${out.length === 1 ? "" : ","}${JSON.stringify(key)}:${writeValue(item)}`;
  }
  return `${out}}`;
}

function mapEntries(map: ReadonlyMap<unknown, unknown>, writeKey: Write, writeValue: Write): string {
  let out = "[";
  for (const [key, item] of map) {
    out += `${out.length === 1 ? "" : ","}{"key":${writeKey(key)},"value":${writeValue(item)}}`;
  }
  return `${out}]`;
}

function join(head: string, body: string): string {
  return body === "{}" ? `${head}}` : `${head},${body.slice(1)}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (typeof value !== "object" || value === null) return typeof value;
  return (value as object).constructor?.name ?? "object";
}

function preview(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
