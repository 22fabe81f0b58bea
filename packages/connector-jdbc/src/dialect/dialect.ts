import type { Schema } from "@tributary/api";
import type { DialectReader, TableId } from "./dialect-reader.js";

/** The dialects Tributary has: MySQL and MariaDB share one. */
export type DialectName = "postgresql" | "mysql" | "sqlite";

/** What a dialect's SQL depends on besides the database: Confluent's `db.timezone` and `quote.sql.identifiers`. */
export interface DialectOptions {
  /** IANA zone that timestamps are written in for columns without a zone (`db.timezone`); default `UTC`. */
  readonly timeZone?: string;
  /**
   * `quote.sql.identifiers`: `always` (default) quotes every identifier; `never` leaves plain names
   * (`[A-Za-z_][A-Za-z0-9_$]*`) bare so the database folds their case, but still quotes any other name, so a name from
   * a topic or a record can never change the statement.
   */
  readonly quoteIdentifiers?: "always" | "never";
}

/** A column to create or add: its name, the Connect schema of its values, and whether it is part of the key. */
export interface ColumnSpec {
  /** The column's name, unquoted. */
  readonly name: string;
  /** The Connect schema of its values: its type, logical name, optionality and default give the column's SQL. */
  readonly schema: Schema;
  /** Whether the column is part of the primary key (MySQL then needs a bounded type such as VARCHAR). */
  readonly primaryKey: boolean;
}

/** A statement taking one array parameter per column, and how to bind such an array. */
export interface ColumnarInsert {
  /** The statement; parameter `i` holds column `i`'s values for every row. */
  readonly sql: string;
  /** The parameter for one column's bound values (as {@link Dialect.binder} made them), in row order. */
  encode(values: readonly unknown[]): unknown;
}

/** Turns one Connect value into what the driver binds for it; `null` for null. */
export type ValueBinder = (value: unknown) => unknown;

/**
 * One SQL database product as both JDBC connectors see it. The write side (this interface) builds the sink's
 * statements and binds its values; {@link Dialect.reader} is the read side the source uses.
 *
 * A dialect is immutable and shares no state between calls, so one instance serves every task. It never talks to
 * the database: statements run through a `SqlClient`. Every identifier it writes is quoted and escaped (see
 * {@link DialectOptions.quoteIdentifiers}), every value is a bound parameter; the only literals it writes are column
 * defaults in DDL, escaped for the database.
 *
 * Statements take parameters in the order their columns are given, row after row; {@link Dialect.update} takes the
 * value columns first and the key columns last.
 */
export interface Dialect {
  /** Which dialect. */
  readonly name: DialectName;
  /** The read side: listing and describing tables, reading values. */
  readonly reader: DialectReader;
  /** The most bound parameters one statement may carry; multi-row statements are split below it. */
  readonly maxParameters: number;

  /** Quotes and escapes an identifier: `"a""b"` (PostgreSQL, SQLite) or `` `a``b` `` (MySQL). */
  quoteIdentifier(name: string): string;

  /** An identifier as {@link DialectOptions.quoteIdentifiers} asks: quoted, or bare when that is safe. */
  identifier(name: string): string;

  /** The SQL name of a table, its parts written with {@link Dialect.identifier}. */
  tableName(table: TableId): string;

  /**
   * Reads a table name as `table.name.format` produced it: `name`, `schema.name` (PostgreSQL), `database.name`
   * (MySQL), `catalog.schema.name` (PostgreSQL). SQLite keeps dots as part of the name.
   * @throws ConfigError when the name is empty or has more parts than the database has levels.
   */
  parseTableName(text: string): TableId;

  /** The placeholder of the `index`-th (1-based) bound parameter: `$1` or `?`. */
  placeholder(index: number): string;

  /**
   * The SQL type of a column holding values of `schema` (for `auto.create` and `auto.evolve`).
   * @throws DataError for a schema with no column type (ARRAY, MAP, STRUCT).
   */
  columnType(schema: Schema, primaryKey: boolean): string;

  /** `CREATE TABLE` with the columns, NOT NULL for required fields, defaults, and the key columns as primary key. */
  createTable(table: TableId, columns: readonly ColumnSpec[]): string;

  /** The statements adding `columns` to an existing table (one per column where the database needs that). */
  addColumns(table: TableId, columns: readonly ColumnSpec[]): string[];

  /** `INSERT` of `rows` rows of `columns`. */
  insert(table: TableId, columns: readonly string[], rows: number): string;

  /**
   * An insert of `rows` rows of `columns` that updates the row with the same `keyColumns` instead when there is one
   * (`keyColumns` are among `columns`); when every column is a key column an existing row is left as it is.
   */
  upsert(table: TableId, keyColumns: readonly string[], columns: readonly string[], rows: number): string;

  /**
   * An optional fast path for many rows: an insert (an upsert on `keyColumns` when given) that takes one array
   * parameter per column, each holding that column's values for every row (PostgreSQL: `SELECT * FROM UNNEST(…)`),
   * so the statement and its plan stay the same whatever the row count. `columnTypes` are the table's column types
   * as {@link DialectReader.describeTable} names them. `undefined` when a type cannot be cast this way (then the
   * caller writes with {@link Dialect.insert} or {@link Dialect.upsert}).
   */
  columnarInsert?(
    table: TableId,
    columns: readonly string[],
    columnTypes: readonly string[],
    keyColumns: readonly string[] | undefined,
  ): ColumnarInsert | undefined;

  /** `UPDATE … SET` the `valueColumns` `WHERE` the `keyColumns` equal: parameters are the values, then the keys. */
  update(table: TableId, keyColumns: readonly string[], valueColumns: readonly string[]): string;

  /** `DELETE` of the rows whose `keyColumns` equal one of `rows` key tuples. */
  delete(table: TableId, keyColumns: readonly string[], rows: number): string;

  /**
   * How to bind values of `schema`: Decimal exactly as text, INT64 exactly, BYTES as a Buffer, Date/Time as text,
   * Timestamp as text in `db.timezone`, booleans as the database takes them. Without a schema (schemaless maps) the
   * binder goes by the JavaScript type.
   * @throws DataError from the binder for a value it cannot write (a nested struct, map or array).
   */
  binder(schema: Schema | undefined): ValueBinder;

  /**
   * For the few values whose parameter depends on the column they go into, a binder per column of the table's
   * `columnTypes` (as {@link DialectReader.describeTable} names them; `undefined` when not known) that finishes a
   * value {@link Dialect.binder} made; `undefined` when every bound value is already its parameter. MySQL: a
   * Timestamp into a TIMESTAMP column is written in UTC (the session's zone, from which the server converts),
   * into any other column as the wall-clock time of `db.timezone`.
   */
  columnBinders?(columnTypes: readonly (string | undefined)[]): readonly ValueBinder[] | undefined;

  /** The SQL expression of the database's current time. */
  currentTimestamp(): string;

  /** `sql` limited to `limit` rows after skipping `offset`. */
  limitOffset(sql: string, limit: number, offset?: number): string;
}
