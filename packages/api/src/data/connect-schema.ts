import { DataError } from "../errors/connect-error.js";
import { BigDecimal } from "./big-decimal.js";
import { describeValue } from "./describe-value.js";
import type { Field } from "./field.js";
import type { Schema } from "./schema.js";
import type { SchemaType } from "./schema-type.js";
import { Struct } from "./struct.js";
import { valueEquals } from "./value-equals.js";

const BRAND = Symbol.for("tributary.Schema");
const DECIMAL_NAME = "org.apache.kafka.connect.data.Decimal";
const DATE_NAMES = new Set([
  "org.apache.kafka.connect.data.Date",
  "org.apache.kafka.connect.data.Time",
  "org.apache.kafka.connect.data.Timestamp",
]);
const INT_RANGES = {
  INT8: [-128, 127],
  INT16: [-32768, 32767],
  INT32: [-2147483648, 2147483647],
} as const;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Everything a {@link ConnectSchema} is made of; only `type` is required. */
export interface ConnectSchemaInit {
  readonly type: SchemaType;
  readonly isOptional?: boolean;
  readonly defaultValue?: unknown;
  readonly name?: string | undefined;
  readonly version?: number | undefined;
  readonly doc?: string | undefined;
  readonly parameters?: Readonly<Record<string, string>> | undefined;
  readonly fields?: readonly Field[] | undefined;
  readonly keySchema?: Schema | undefined;
  readonly valueSchema?: Schema | undefined;
}

/**
 * The immutable implementation of {@link Schema} that {@link SchemaBuilder} builds.
 *
 * Its static {@link ConnectSchema.validateValue} is the one place that decides whether a JavaScript value fits a
 * schema.
 */
export class ConnectSchema implements Schema {
  readonly type: SchemaType;
  readonly isOptional: boolean;
  readonly defaultValue: unknown;
  readonly name: string | undefined;
  readonly version: number | undefined;
  readonly doc: string | undefined;
  readonly parameters: Readonly<Record<string, string>> | undefined;
  readonly #fields: readonly Field[] | undefined;
  readonly #fieldsByName: ReadonlyMap<string, Field> | undefined;
  readonly #keySchema: Schema | undefined;
  readonly #valueSchema: Schema | undefined;

  constructor(init: ConnectSchemaInit) {
    this.type = init.type;
    this.isOptional = init.isOptional ?? false;
    this.defaultValue = init.defaultValue;
    this.name = init.name;
    this.version = init.version;
    this.doc = init.doc;
    this.parameters = init.parameters === undefined ? undefined : Object.freeze({ ...init.parameters });
    if (this.type === "STRUCT") {
      this.#fields = Object.freeze([...(init.fields ?? [])]);
      this.#fieldsByName = new Map(this.#fields.map((field) => [field.name, field]));
    } else if (init.fields !== undefined && init.fields.length > 0) {
      throw new DataError(
        `Cannot create a ${this.type} schema with fields: only STRUCT schemas have fields.`,
      );
    }
    if (this.type === "MAP" && (init.keySchema === undefined || init.valueSchema === undefined)) {
      throw new DataError("A MAP schema needs both a key schema and a value schema.");
    }
    if (this.type === "ARRAY" && init.valueSchema === undefined) {
      throw new DataError("An ARRAY schema needs a value schema for its elements.");
    }
    this.#keySchema = this.type === "MAP" ? init.keySchema : undefined;
    this.#valueSchema = this.type === "MAP" || this.type === "ARRAY" ? init.valueSchema : undefined;
    Object.freeze(this);
  }

  /** True for any schema, including one created by another copy of this package. */
  static isSchema(value: unknown): value is Schema {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  fields(): readonly Field[] {
    if (this.#fields === undefined) throw new DataError(`Cannot list fields of a ${this.type} schema.`);
    return this.#fields;
  }

  field(name: string): Field | undefined {
    if (this.#fieldsByName === undefined) {
      throw new DataError(`Cannot look up field "${name}" in a ${this.type} schema.`);
    }
    return this.#fieldsByName.get(name);
  }

  keySchema(): Schema {
    if (this.#keySchema === undefined) throw new DataError(`A ${this.type} schema has no key schema.`);
    return this.#keySchema;
  }

  valueSchema(): Schema {
    if (this.#valueSchema === undefined) throw new DataError(`A ${this.type} schema has no value schema.`);
    return this.#valueSchema;
  }

  equals(other: unknown): boolean {
    if (this === other) return true;
    if (!ConnectSchema.isSchema(other)) return false;
    if (
      this.type !== other.type ||
      this.isOptional !== other.isOptional ||
      this.name !== other.name ||
      this.version !== other.version ||
      this.doc !== other.doc ||
      !parametersEqual(this.parameters, other.parameters) ||
      !valueEquals(this.defaultValue ?? null, other.defaultValue ?? null)
    ) {
      return false;
    }
    switch (this.type) {
      case "STRUCT": {
        const mine = this.fields();
        const theirs = other.fields();
        return mine.length === theirs.length && mine.every((field, i) => field.equals(theirs[i]));
      }
      case "MAP":
        return this.keySchema().equals(other.keySchema()) && this.valueSchema().equals(other.valueSchema());
      case "ARRAY":
        return this.valueSchema().equals(other.valueSchema());
      default:
        return true;
    }
  }

  toString(): string {
    return this.name === undefined ? `Schema{${this.type}}` : `Schema{${this.name}:${this.type}}`;
  }

  /**
   * Checks that `value` fits `schema`: `null` only when the schema is optional, the JavaScript kind
   * the type holds, integers in range, logical types in their own representation, and nested values recursively.
   *
   * @param schema - the schema the value must fit
   * @param value - the value to check
   * @param path - where the value sits (a field name or path), used in the error message
   * @throws DataError naming the path, the schema and the value when it does not fit.
   */
  static validateValue(schema: Schema, value: unknown, path?: string): void {
    const problem = findProblem(schema, value, path);
    if (problem !== undefined) throw new DataError(problem);
  }
}

function where(path: string | undefined): string {
  return path === undefined ? "" : ` for field "${path}"`;
}

function expected(schema: Schema): string {
  if (schema.name === DECIMAL_NAME)
    return `a BigDecimal with scale ${schema.parameters?.scale ?? "?"} (Decimal)`;
  if (schema.name !== undefined && DATE_NAMES.has(schema.name)) {
    return `a valid Date (${schema.name.slice(schema.name.lastIndexOf(".") + 1)})`;
  }
  switch (schema.type) {
    case "INT8":
    case "INT16":
    case "INT32": {
      const [min, max] = INT_RANGES[schema.type];
      return `an integer number from ${min} to ${max} (${schema.type})`;
    }
    case "INT64":
      return "a bigint from -2^63 to 2^63-1 (INT64)";
    case "FLOAT32":
    case "FLOAT64":
      return `a number (${schema.type})`;
    case "BOOLEAN":
      return "a boolean (BOOLEAN)";
    case "STRING":
      return "a string (STRING)";
    case "BYTES":
      return "a Uint8Array (BYTES)";
    case "ARRAY":
      return "an array (ARRAY)";
    case "MAP":
      return "a Map (MAP)";
    case "STRUCT":
      return `a Struct of schema ${schema.toString()} (STRUCT)`;
  }
}

function findProblem(schema: Schema, value: unknown, path: string | undefined): string | undefined {
  if (value === null || value === undefined) {
    if (schema.isOptional) return undefined;
    return `Invalid value${where(path)}: null is not allowed by the required schema ${schema.toString()}.`;
  }
  if (!fitsKind(schema, value)) {
    return `Invalid value${where(path)}: expected ${expected(schema)}, got ${describeValue(value)}.`;
  }
  switch (schema.type) {
    case "STRUCT": {
      const struct = value as Struct;
      if (!struct.schema.equals(schema)) {
        return `Invalid value${where(path)}: the Struct's schema ${struct.schema.toString()} does not equal the expected ${schema.toString()}.`;
      }
      return undefined;
    }
    case "ARRAY": {
      const elementSchema = schema.valueSchema();
      const items = value as readonly unknown[];
      for (let i = 0; i < items.length; i++) {
        const problem = findProblem(elementSchema, items[i], `${path ?? ""}[${i}]`);
        if (problem !== undefined) return problem;
      }
      return undefined;
    }
    case "MAP": {
      const keySchema = schema.keySchema();
      const valueSchema = schema.valueSchema();
      for (const [key, item] of value as Map<unknown, unknown>) {
        const problem =
          findProblem(keySchema, key, `${path ?? ""}<key>`) ??
          findProblem(valueSchema, item, `${path ?? ""}[${String(key)}]`);
        if (problem !== undefined) return problem;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function fitsKind(schema: Schema, value: unknown): boolean {
  if (schema.name === DECIMAL_NAME) {
    return BigDecimal.isBigDecimal(value) && String(value.scale) === schema.parameters?.scale;
  }
  if (schema.name !== undefined && DATE_NAMES.has(schema.name)) {
    return value instanceof Date && !Number.isNaN(value.getTime());
  }
  switch (schema.type) {
    case "INT8":
    case "INT16":
    case "INT32": {
      const [min, max] = INT_RANGES[schema.type];
      return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
    }
    case "INT64":
      return typeof value === "bigint" && value >= INT64_MIN && value <= INT64_MAX;
    case "FLOAT32":
    case "FLOAT64":
      return typeof value === "number";
    case "BOOLEAN":
      return typeof value === "boolean";
    case "STRING":
      return typeof value === "string";
    case "BYTES":
      return value instanceof Uint8Array;
    case "ARRAY":
      return Array.isArray(value);
    case "MAP":
      return value instanceof Map;
    case "STRUCT":
      return Struct.isStruct(value);
  }
}

function parametersEqual(
  a: Readonly<Record<string, string>> | undefined,
  b: Readonly<Record<string, string>> | undefined,
): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key])
  );
}

// On the prototype rather than each instance: a per-instance property defined after construction slows creating
// and reading every ConnectSchema.
Object.defineProperty(ConnectSchema.prototype, BRAND, { value: true });
