import { ConfigError, DataError, type Schema } from "@tributary/api";
import type { ColumnSpec, Dialect, DialectName, DialectOptions, ValueBinder } from "./dialect.js";
import type { DialectReader, TableId } from "./dialect-reader.js";
import {
  bufferOf,
  dateOf,
  decimalText,
  describeValue,
  kindOfValue,
  type ValueKind,
  valueKind,
  WriteValues,
} from "./write-values.js";

/** The kinds of values that have a column type. */
export type ColumnKind = Exclude<ValueKind, "ARRAY" | "MAP" | "STRUCT" | "decimal">;

/** A name the databases accept unquoted, so `quote.sql.identifiers=never` may leave it bare. */
const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The logical-type parameter holding a Decimal's precision, when the producer knew it. */
const DECIMAL_PRECISION = "connect.decimal.precision";

/**
 * The SQL the three dialects write alike; each dialect overrides quoting, placeholders, types, upsert and the few
 * values its driver takes differently.
 *
 * @internal
 */
export abstract class BaseDialect implements Dialect {
  abstract readonly name: DialectName;
  abstract readonly maxParameters: number;
  readonly reader: DialectReader;
  /** Text forms of exact and temporal values, in `db.timezone`. */
  protected readonly values: WriteValues;
  /** `db.timezone`. */
  protected readonly timeZone: string;
  readonly #quoteAlways: boolean;

  constructor(reader: DialectReader, options: DialectOptions = {}) {
    this.reader = reader;
    this.timeZone = options.timeZone ?? "UTC";
    this.values = new WriteValues(this.timeZone);
    this.#quoteAlways = (options.quoteIdentifiers ?? "always") === "always";
  }

  abstract quoteIdentifier(name: string): string;
  abstract parseTableName(text: string): TableId;
  /** The column type of each kind of value other than Decimal, for `auto.create` and `auto.evolve`. */
  protected abstract readonly columnTypes: Readonly<Record<ColumnKind, string>>;

  /** Quotes `name` between `quote` characters, doubling any inside. */
  protected quoteWith(name: string, quote: string): string {
    if (name === "")
      throw new DataError(
        "An SQL identifier cannot be empty: check the topic, table.name.format and field names",
      );
    if (name.includes("\0"))
      throw new DataError(`The SQL identifier ${JSON.stringify(name)} contains a NUL character`);
    return quote + name.replaceAll(quote, quote + quote) + quote;
  }

  identifier(name: string): string {
    return !this.#quoteAlways && PLAIN_IDENTIFIER.test(name) ? name : this.quoteIdentifier(name);
  }

  tableName(table: TableId): string {
    const prefix = table.schema ?? table.catalog;
    return prefix === undefined
      ? this.identifier(table.name)
      : `${this.identifier(prefix)}.${this.identifier(table.name)}`;
  }

  /** Splits `text` on dots into at most `levels` parts, the last one the table's name. */
  protected splitTableName(text: string, levels: number): string[] {
    const parts = text.split(".");
    if (text.trim() === "" || parts.some((part) => part === "") || parts.length > levels) {
      throw new ConfigError(
        `The table name ${JSON.stringify(text)} is not valid for ${this.name}: write table${levels > 1 ? ", schema.table" : ""}` +
          `${levels > 2 ? " or catalog.schema.table" : ""} (check table.name.format and the topic name)`,
      );
    }
    return parts;
  }

  placeholder(_index: number): string {
    return "?";
  }

  columnType(schema: Schema, _primaryKey: boolean): string {
    const kind = this.columnKind(schema);
    return kind === "decimal" ? this.decimalType(schema) : this.columnTypes[kind];
  }

  /** `INSERT … ON CONFLICT (keys) DO UPDATE SET …`, which PostgreSQL and SQLite share; MySQL overrides it. */
  upsert(table: TableId, keyColumns: readonly string[], columns: readonly string[], rows: number): string {
    return `${this.insert(table, columns, rows)} ${this.onConflict(keyColumns, columns)}`;
  }

  /**
   * `ON CONFLICT (keys) DO UPDATE SET c = EXCLUDED.c, …` (PostgreSQL, SQLite), or `DO NOTHING` when every column is
   * a key column.
   */
  protected onConflict(keyColumns: readonly string[], columns: readonly string[]): string {
    const keys = new Set(keyColumns);
    const updates = columns
      .filter((column) => !keys.has(column))
      .map((column) => `${this.identifier(column)} = EXCLUDED.${this.identifier(column)}`);
    const conflict = keyColumns.map((column) => this.identifier(column)).join(", ");
    const action = updates.length === 0 ? "DO NOTHING" : `DO UPDATE SET ${updates.join(", ")}`;
    return `ON CONFLICT (${conflict}) ${action}`;
  }

  /** The SQL type of a Decimal column. */
  protected decimalType(schema: Schema): string {
    const precision = schema.parameters?.[DECIMAL_PRECISION];
    const scale = schema.parameters?.scale ?? "0";
    return precision === undefined ? "NUMERIC" : `NUMERIC(${Number(precision)},${Number(scale)})`;
  }

  /** The schema kind, for type mapping, refusing those with no column type. */
  protected columnKind(schema: Schema): Exclude<ValueKind, "ARRAY" | "MAP" | "STRUCT"> {
    const kind = valueKind(schema);
    if (kind === "ARRAY" || kind === "MAP" || kind === "STRUCT") {
      throw new DataError(
        `A ${kind} field has no ${this.name} column type: flatten it first (the Flatten transform) or leave it out with fields.whitelist`,
      );
    }
    return kind;
  }

  #columnDefinition(column: ColumnSpec): string {
    let sql = `${this.identifier(column.name)} ${this.columnType(column.schema, column.primaryKey)}`;
    if (!column.schema.isOptional || column.primaryKey) sql += " NOT NULL";
    const fallback = column.schema.defaultValue;
    if (fallback !== undefined && fallback !== null)
      sql += ` DEFAULT ${this.literal(fallback, column.schema)}`;
    return sql;
  }

  createTable(table: TableId, columns: readonly ColumnSpec[]): string {
    const keys = columns.filter((column) => column.primaryKey).map((column) => this.identifier(column.name));
    const lines = columns.map((column) => `  ${this.#columnDefinition(column)}`);
    if (keys.length > 0) lines.push(`  PRIMARY KEY (${keys.join(", ")})`);
    return `CREATE TABLE ${this.tableName(table)} (\n${lines.join(",\n")}\n)`;
  }

  addColumns(table: TableId, columns: readonly ColumnSpec[]): string[] {
    const name = this.tableName(table);
    return columns.map((column) => `ALTER TABLE ${name} ADD COLUMN ${this.#columnDefinition(column)}`);
  }

  /** `(p1, p2), (p3, p4), …`: `rows` groups of `width` placeholders, numbered from `start`. */
  protected valueRows(width: number, rows: number, start = 1): string {
    const groups: string[] = new Array(rows);
    let index = start;
    for (let row = 0; row < rows; row++) {
      const marks: string[] = new Array(width);
      for (let column = 0; column < width; column++) marks[column] = this.placeholder(index++);
      groups[row] = `(${marks.join(", ")})`;
    }
    return groups.join(", ");
  }

  insert(table: TableId, columns: readonly string[], rows: number): string {
    const names = columns.map((column) => this.identifier(column)).join(", ");
    return `INSERT INTO ${this.tableName(table)} (${names}) VALUES ${this.valueRows(columns.length, rows)}`;
  }

  update(table: TableId, keyColumns: readonly string[], valueColumns: readonly string[]): string {
    let index = 1;
    const set = valueColumns.map((column) => `${this.identifier(column)} = ${this.placeholder(index++)}`);
    const where = keyColumns.map((column) => `${this.identifier(column)} = ${this.placeholder(index++)}`);
    return `UPDATE ${this.tableName(table)} SET ${set.join(", ")} WHERE ${where.join(" AND ")}`;
  }

  delete(table: TableId, keyColumns: readonly string[], rows: number): string {
    const keys = keyColumns.map((column) => this.identifier(column));
    const target = keys.length === 1 ? (keys[0] as string) : `(${keys.join(", ")})`;
    const list =
      keys.length === 1
        ? Array.from({ length: rows }, (_, i) => this.placeholder(i + 1)).join(", ")
        : this.valueRows(keys.length, rows);
    return `DELETE FROM ${this.tableName(table)} WHERE ${target} IN (${list})`;
  }

  currentTimestamp(): string {
    return "CURRENT_TIMESTAMP";
  }

  limitOffset(sql: string, limit: number, offset = 0): string {
    const rows = Math.max(0, Math.floor(limit));
    return offset > 0 ? `${sql} LIMIT ${rows} OFFSET ${Math.floor(offset)}` : `${sql} LIMIT ${rows}`;
  }

  /** How the driver takes a boolean. */
  protected bindBoolean(value: boolean): unknown {
    return value;
  }

  /** How the driver takes a 64-bit integer exactly. */
  protected bindInt64(value: bigint | number): unknown {
    return value;
  }

  /** Whether timestamps carry their offset (PostgreSQL: a timestamptz column then gets the right instant). */
  protected timestampsWithOffset(): boolean {
    return false;
  }

  /** How a Timestamp is bound: text in `db.timezone`, with the offset when {@link timestampsWithOffset}. */
  protected bindTimestamp(date: Date): unknown {
    return this.values.timestamp(date, this.timestampsWithOffset());
  }

  binder(schema: Schema | undefined): ValueBinder {
    if (schema === undefined) {
      return (value) =>
        value === null || value === undefined ? null : this.#bind(kindOfValue(value), value);
    }
    const kind = valueKind(schema);
    switch (kind) {
      case "INT8":
      case "INT16":
      case "INT32":
      case "FLOAT32":
      case "FLOAT64":
      case "STRING":
        return (value) => value ?? null;
      default:
        return (value) => (value === null || value === undefined ? null : this.#bind(kind, value));
    }
  }

  #bind(kind: ValueKind, value: unknown): unknown {
    switch (kind) {
      case "BOOLEAN":
        return this.bindBoolean(value === true);
      case "INT64":
        return typeof value === "bigint" || typeof value === "number" ? this.bindInt64(value) : value;
      case "BYTES":
        return bufferOf(value);
      case "decimal":
        return decimalText(value);
      case "date":
        return this.values.date(dateOf(value, "date"));
      case "time":
        return this.values.time(dateOf(value, "time"));
      case "timestamp":
        return this.bindTimestamp(dateOf(value, "timestamp"));
      case "ARRAY":
      case "MAP":
      case "STRUCT":
        throw new DataError(
          `Cannot write ${describeValue(value)} to a ${this.name} column: nested values need flattening first (the Flatten transform)`,
        );
      default:
        return value;
    }
  }

  /** A column default as an SQL literal: the only value written into SQL text, so it is escaped here. */
  protected literal(value: unknown, schema: Schema): string {
    const bound = this.binder(schema)(value);
    if (bound === null) return "NULL";
    if (typeof bound === "number") {
      if (!Number.isFinite(bound)) throw new DataError(`The default ${bound} has no SQL literal`);
      return String(bound);
    }
    if (typeof bound === "bigint") return String(bound);
    if (typeof bound === "boolean") return bound ? "TRUE" : "FALSE";
    if (Buffer.isBuffer(bound)) return this.bytesLiteral(bound);
    if (bound instanceof Date)
      return this.stringLiteral(this.values.timestamp(bound, this.timestampsWithOffset()));
    if (valueKind(schema) === "decimal") return decimalText(value);
    return this.stringLiteral(String(bound));
  }

  /** A string literal, quotes doubled. */
  protected stringLiteral(text: string): string {
    if (text.includes("\0")) throw new DataError("A column default cannot contain a NUL character");
    return `'${text.replaceAll("'", "''")}'`;
  }

  /** A bytes literal. */
  protected bytesLiteral(bytes: Buffer): string {
    return `X'${bytes.toString("hex")}'`;
  }
}
