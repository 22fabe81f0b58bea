import {
  ConfigError,
  DataError,
  type Field,
  type Schema,
  SchemaBuilder,
  type SinkRecord,
  Struct,
} from "@tributary/api";
import type { Dialect, ValueBinder } from "../dialect/dialect.js";
import { type JdbcSinkConfigValues, KAFKA_PK_FIELDS } from "./jdbc-sink-config.js";

/** One column the sink writes: where its value comes from in a record, and how it is bound. */
export interface SinkColumn {
  /** The column's name. */
  readonly name: string;
  /** The Connect schema of its values; `undefined` for a field of a schemaless map. */
  readonly schema: Schema | undefined;
  /** The bound value of this column for `record`. */
  readonly read: (record: SinkRecord) => unknown;
}

/**
 * The columns records of one key and value schema write (Confluent's FieldsMetadata): the key columns, which
 * `pk.mode` and `pk.fields` pick, then the value columns, which `fields.whitelist` filters.
 *
 * @internal
 */
export class RecordShape {
  static #next = 0;
  /** Unique per shape in this process, for caching statements. */
  readonly id: number;
  /** The primary key columns, in order. */
  readonly keyColumns: readonly SinkColumn[];
  /** The other columns, in order. */
  readonly valueColumns: readonly SinkColumn[];
  /** All column names: keys first. */
  readonly columnNames: readonly string[];
  /** The key column names. */
  readonly keyNames: readonly string[];
  /** The value column names. */
  readonly valueNames: readonly string[];
  /** Whether every column has a schema, so the table can be created or evolved from it. */
  readonly hasSchemas: boolean;

  constructor(keyColumns: readonly SinkColumn[], valueColumns: readonly SinkColumn[]) {
    this.id = RecordShape.#next++;
    this.keyColumns = keyColumns;
    this.valueColumns = valueColumns;
    this.keyNames = keyColumns.map((c) => c.name);
    this.valueNames = valueColumns.map((c) => c.name);
    this.columnNames = [...this.keyNames, ...this.valueNames];
    this.hasSchemas = [...keyColumns, ...valueColumns].every((c) => c.schema !== undefined);
    const seen = new Set<string>();
    for (const name of this.columnNames) {
      if (seen.has(name))
        throw new DataError(`The column ${JSON.stringify(name)} would be written twice: check pk.fields`);
      seen.add(name);
    }
  }

  /** The bound values of all columns for `record`, keys first. */
  row(record: SinkRecord): unknown[] {
    const keys = this.keyColumns;
    const values = this.valueColumns;
    const row = new Array<unknown>(keys.length + values.length);
    let i = 0;
    for (const column of keys) {
      const value = column.read(record);
      if (value === null) {
        throw new DataError(
          `The primary key column ${JSON.stringify(column.name)} has no value in the record at ${where(record)}`,
        );
      }
      row[i++] = value;
    }
    for (const column of values) row[i++] = column.read(record);
    return row;
  }

  /** The bound key values of `record` (for a delete). */
  keyRow(record: SinkRecord): unknown[] {
    return this.row(record).slice(0, this.keyColumns.length);
  }
}

/** Where a record came from, for messages. */
export function where(record: SinkRecord): string {
  return `${record.topic}-${record.kafkaPartition ?? "?"}@${record.kafkaOffset}`;
}

/** Reads a named field of a struct or map value. */
type FieldSource = "key" | "value";

function fieldReader(source: FieldSource, name: string, field: Field | undefined, bind: ValueBinder) {
  if (field !== undefined && source === "value") {
    return (record: SinkRecord): unknown => {
      const container = record.value;
      return Struct.isStruct(container)
        ? bind(container.get(field))
        : readField(record, source, name, field, bind);
    };
  }
  return (record: SinkRecord): unknown => readField(record, source, name, field, bind);
}

function readField(
  record: SinkRecord,
  source: FieldSource,
  name: string,
  field: Field | undefined,
  bind: ValueBinder,
): unknown {
  const container = source === "key" ? record.key : record.value;
  if (field !== undefined && Struct.isStruct(container)) return bind(container.get(field));
  if (container instanceof Map) return bind(container.get(name));
  if (typeof container === "object" && container !== null && !Struct.isStruct(container)) {
    return bind((container as Record<string, unknown>)[name]);
  }
  throw new DataError(
    `The record ${source} at ${where(record)} is not a struct or map: cannot read ${JSON.stringify(name)}`,
  );
}

const INT32 = SchemaBuilder.int32().build();
const INT64 = SchemaBuilder.int64().build();
const STRING = SchemaBuilder.string().build();

/**
 * Finds the {@link RecordShape} of each record, reusing one per distinct key and value schema (schemaless maps:
 * per set of field names), so a batch of like records costs one lookup each.
 *
 * @internal
 */
export class RecordShapes {
  readonly #config: JdbcSinkConfigValues;
  readonly #dialect: Dialect;
  readonly #whitelist: ReadonlySet<string> | undefined;
  readonly #schemaIds = new WeakMap<Schema, number>();
  #nextSchemaId = 0;
  readonly #shapes = new Map<string, RecordShape>();
  /** Whether the key columns follow from the schemas alone (not from headers or schemaless keys). */
  readonly #structuralKey: boolean;
  /** Whether the key columns follow from the key schema when there is one (record_key). */
  readonly #keyFromKeySchema: boolean;
  #last:
    | { keySchema: Schema | null; valueSchema: Schema | null; tombstone: boolean; shape: RecordShape }
    | undefined;

  constructor(config: JdbcSinkConfigValues, dialect: Dialect) {
    this.#config = config;
    this.#dialect = dialect;
    const whitelist = config["fields.whitelist"];
    this.#whitelist = whitelist.length === 0 ? undefined : new Set(whitelist);
    this.#structuralKey = config["pk.mode"] !== "record_header" && config["pk.mode"] !== "record_key";
    this.#keyFromKeySchema = config["pk.mode"] === "record_key";
  }

  /**
   * The shape of `record`. A tombstone (null value) has only key columns.
   * @throws DataError when the record cannot give the configured key or its value is not a struct or map.
   */
  of(record: SinkRecord): RecordShape {
    // Most puts carry one schema pair throughout: compare identities before building a cache key.
    const last = this.#last;
    if (
      last !== undefined &&
      record.valueSchema?.type === "STRUCT" &&
      record.valueSchema === last.valueSchema &&
      record.keySchema === last.keySchema &&
      (record.value === null) === last.tombstone &&
      (this.#structuralKey || (this.#keyFromKeySchema && record.keySchema?.type === "STRUCT"))
    ) {
      return last.shape;
    }
    const shape = this.#lookup(record);
    this.#last = {
      keySchema: record.keySchema,
      valueSchema: record.valueSchema,
      tombstone: record.value === null,
      shape,
    };
    return shape;
  }

  #lookup(record: SinkRecord): RecordShape {
    const cacheKey = `${this.#keyPart(record)}|${this.#valuePart(record)}`;
    let shape = this.#shapes.get(cacheKey);
    if (shape === undefined) {
      if (this.#shapes.size > 1000) this.#shapes.clear();
      shape = this.#build(record);
      this.#shapes.set(cacheKey, shape);
    }
    return shape;
  }

  #schemaId(schema: Schema | null): string {
    if (schema === null) return "-";
    let id = this.#schemaIds.get(schema);
    if (id === undefined) {
      id = this.#nextSchemaId++;
      this.#schemaIds.set(schema, id);
    }
    return String(id);
  }

  #keyPart(record: SinkRecord): string {
    switch (this.#config["pk.mode"]) {
      case "record_key":
        return record.keySchema !== null && record.keySchema.type !== "MAP"
          ? this.#schemaId(record.keySchema)
          : `m:${mapKeys(record.key)}`;
      case "record_header": {
        const names: string[] = [];
        for (const header of record.headers)
          names.push(`${header.key}:${header.schema?.type ?? "?"}:${header.schema?.name ?? ""}`);
        return names.join(",");
      }
      default:
        return "";
    }
  }

  #valuePart(record: SinkRecord): string {
    if (record.value === null) return "null";
    // A map's columns are its keys, which differ from record to record under one MAP schema.
    return record.valueSchema !== null && record.valueSchema.type !== "MAP"
      ? this.#schemaId(record.valueSchema)
      : `m:${mapKeys(record.value)}`;
  }

  #build(record: SinkRecord): RecordShape {
    const keyColumns = this.#keyColumns(record);
    const keyNames = new Set(keyColumns.map((c) => c.name));
    const valueColumns = record.value === null ? [] : this.#valueColumns(record, keyNames);
    return new RecordShape(keyColumns, valueColumns);
  }

  #keyColumns(record: SinkRecord): SinkColumn[] {
    const fields = this.#config["pk.fields"];
    const dialect = this.#dialect;
    switch (this.#config["pk.mode"]) {
      case "none":
        return [];
      case "kafka": {
        const [topic, partition, offset] = fields.length === 3 ? fields : KAFKA_PK_FIELDS;
        const bindOffset = dialect.binder(INT64);
        return [
          { name: topic as string, schema: STRING, read: (r) => r.topic },
          { name: partition as string, schema: INT32, read: (r) => r.kafkaPartition },
          { name: offset as string, schema: INT64, read: (r) => bindOffset(r.kafkaOffset) },
        ];
      }
      case "record_key":
        return this.#structOrPrimitiveColumns(record, "key", fields);
      case "record_value":
        if (record.value === null) {
          throw new DataError(
            `The record at ${where(record)} has a null value, so pk.mode=record_value finds no key`,
          );
        }
        return this.#structOrPrimitiveColumns(record, "value", fields);
      case "record_header": {
        const names = fields.length > 0 ? fields : [...new Set([...record.headers].map((h) => h.key))];
        if (names.length === 0) {
          throw new DataError(
            `The record at ${where(record)} has no headers, so pk.mode=record_header finds no key`,
          );
        }
        return names.map((name) => {
          const header = record.headers.lastWithName(name);
          if (header === undefined)
            throw new DataError(
              `The record at ${where(record)} has no header ${JSON.stringify(name)} for the key`,
            );
          const schema = header.schema ?? undefined;
          const bind = dialect.binder(schema);
          return { name, schema, read: (r: SinkRecord) => bind(r.headers.lastWithName(name)?.value ?? null) };
        });
      }
    }
  }

  /** Key columns from the key (record_key) or the value (record_value): a primitive's one column, or named fields. */
  #structOrPrimitiveColumns(
    record: SinkRecord,
    source: FieldSource,
    fields: readonly string[],
  ): SinkColumn[] {
    const schema = source === "key" ? record.keySchema : record.valueSchema;
    const value = source === "key" ? record.key : record.value;
    if (schema !== null && schema.type !== "STRUCT" && schema.type !== "MAP") {
      if (fields.length !== 1) {
        throw new ConfigError(
          `The record ${source} is a primitive (${schema.type}), so pk.fields must name exactly one column for it (it names ${fields.length})`,
        );
      }
      const bind = this.#dialect.binder(schema);
      const name = fields[0] as string;
      return [{ name, schema, read: (r) => bind(source === "key" ? r.key : r.value) }];
    }
    if (schema === null && (value === null || typeof value !== "object")) {
      if (fields.length !== 1) {
        throw new DataError(
          `The record ${source} at ${where(record)} is a schemaless primitive, so pk.fields must name exactly one column for it`,
        );
      }
      const bind = this.#dialect.binder(undefined);
      return [
        {
          name: fields[0] as string,
          schema: undefined,
          read: (r) => bind(source === "key" ? r.key : r.value),
        },
      ];
    }
    const names = fields.length > 0 ? fields : fieldNames(schema, value);
    return names.map((name) => this.#fieldColumn(schema, source, name, record));
  }

  #fieldColumn(schema: Schema | null, source: FieldSource, name: string, record: SinkRecord): SinkColumn {
    if (schema !== null && schema.type === "STRUCT") {
      const field = schema.field(name);
      if (field === undefined) {
        throw new DataError(
          `The record ${source} at ${where(record)} has no field ${JSON.stringify(name)}: check pk.fields`,
        );
      }
      return {
        name,
        schema: field.schema,
        read: fieldReader(source, name, field, this.#dialect.binder(field.schema)),
      };
    }
    return {
      name,
      schema: undefined,
      read: fieldReader(source, name, undefined, this.#dialect.binder(undefined)),
    };
  }

  #valueColumns(record: SinkRecord, keyNames: ReadonlySet<string>): SinkColumn[] {
    const schema = record.valueSchema;
    if (schema !== null && schema.type !== "STRUCT" && schema.type !== "MAP") {
      if (this.#config["pk.mode"] === "record_value") return [];
      throw new DataError(
        `The record value at ${where(record)} is a ${schema.type}, not a struct: the JDBC sink writes structs (or maps) as rows`,
      );
    }
    if (schema === null && !isRowLike(record.value)) {
      throw new DataError(
        `The record value at ${where(record)} is not a struct or map: the JDBC sink writes structs (or maps) as rows`,
      );
    }
    const whitelist = this.#whitelist;
    return fieldNames(schema, record.value)
      .filter((name) => !keyNames.has(name) && (whitelist === undefined || whitelist.has(name)))
      .map((name) => this.#fieldColumn(schema, "value", name, record));
  }
}

/** The field names of a struct schema, or the keys of a schemaless map or object. */
function fieldNames(schema: Schema | null, value: unknown): string[] {
  if (schema !== null && schema.type === "STRUCT") return schema.fields().map((f) => f.name);
  if (value instanceof Map) return [...value.keys()].map(String);
  if (Struct.isStruct(value)) return value.schema.fields().map((f) => f.name);
  if (typeof value === "object" && value !== null) return Object.keys(value);
  return [];
}

function mapKeys(value: unknown): string {
  return JSON.stringify(fieldNames(null, value));
}

/** A schemaless value that can be a row: a map or a plain object. */
function isRowLike(value: unknown): boolean {
  if (value instanceof Map) return true;
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
