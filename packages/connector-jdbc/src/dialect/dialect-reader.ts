import type { Schema } from "@tributary/api";
import type { SqlClient } from "../connection/sql-client.js";
import type { ReadTimeZone } from "./read-time-zone.js";

/** How NUMERIC and DECIMAL columns map to Connect types, as Confluent's `numeric.mapping` names it. */
export const NUMERIC_MAPPINGS = ["none", "precision_only", "best_fit", "best_fit_eager_double"] as const;

/** A `numeric.mapping` value. */
export type NumericMapping = (typeof NUMERIC_MAPPINGS)[number];

/**
 * A table or view, by its parts as the database names them (unquoted): PostgreSQL has a catalog (the database), a
 * schema and a name; MySQL a catalog (the database) and a name; SQLite only a name.
 */
export interface TableId {
  /** The database it lives in (PostgreSQL, MySQL), or `undefined`. */
  readonly catalog: string | undefined;
  /** The schema it lives in (PostgreSQL), or `undefined`. */
  readonly schema: string | undefined;
  /** The table's own name. */
  readonly name: string;
}

/** Which tables {@link DialectReader.listTables} lists: `table.types`, `catalog.pattern` and `schema.pattern`. */
export interface TableListOptions {
  /** Kinds of table, upper case: `TABLE`, `VIEW`, and where the database has them `MATERIALIZED VIEW`, `FOREIGN TABLE`. */
  readonly tableTypes: readonly string[];
  /** A SQL LIKE pattern the catalog must match; `undefined` for the connection's own database. */
  readonly catalogPattern: string | undefined;
  /** A SQL LIKE pattern the schema must match; `undefined` for every schema but the system ones. */
  readonly schemaPattern: string | undefined;
}

/** One column of a table or query result, as the database describes it. */
export interface ColumnDefinition {
  /** The column's name (a query's column label). */
  readonly name: string;
  /** The database's type name, lower case and without size (`int4`, `numeric`, `varchar`, `tinyint`). */
  readonly typeName: string;
  /** The full declared type, for messages (`numeric(10,2)`, `int(10) unsigned`). */
  readonly declaredType: string;
  /** Whether the column may hold NULL; such columns become optional fields. */
  readonly nullable: boolean;
  /** Digits of a NUMERIC/DECIMAL column, or the display width MySQL gives an integer; `undefined` when unset. */
  readonly precision: number | undefined;
  /** Digits after the point of a NUMERIC/DECIMAL column; `undefined` when unset. */
  readonly scale: number | undefined;
  /** Whether the database fills it itself (serial, identity, AUTO_INCREMENT, SQLite's INTEGER PRIMARY KEY). */
  readonly autoIncrement: boolean;
  /** Whether a date-time column holds an instant (timestamptz, MySQL TIMESTAMP) rather than a wall-clock time. */
  readonly instant: boolean;
  /** MySQL's unsigned integers. */
  readonly unsigned: boolean;
}

/** What the type mapping depends on besides the column: `numeric.mapping` and `db.timezone`. */
export interface ReadOptions {
  /** How NUMERIC/DECIMAL columns map. */
  readonly numericMapping: NumericMapping;
  /** The zone of date-time values without one. */
  readonly timeZone: ReadTimeZone;
}

/** How one column is read: its Connect schema and the conversion of its values. */
export interface ColumnReader {
  /** The column it reads. */
  readonly column: ColumnDefinition;
  /** The column's field schema: optional when the column is nullable. */
  readonly schema: Schema;
  /**
   * Turns a non-null value the {@link SqlClient} returned for this column into the Connect value of `schema`
   * exactly: Decimal as BigDecimal, INT64 as bigint, date-times as `Date` (through `db.timezone` when the column
   * holds wall-clock times).
   * @throws DataError when the value does not fit (a PostgreSQL `infinity` timestamp, a MySQL TIME of 30 hours).
   */
  read(raw: unknown): unknown;
}

/**
 * The read side of a database dialect ({@link Dialect.reader}): what the JDBC source needs to find tables, describe
 * them, map their types to Connect schemas and their values to Connect values, and compare timestamps. Identifiers
 * and placeholders come from the {@link Dialect} itself. One instance per database product, stateless, shared by
 * every task; each method that talks to the database does so through the {@link SqlClient} it is given, one
 * statement at a time.
 */
export interface DialectReader {
  /** The tables and views visible on the connection that match `options`, in a stable order. */
  listTables(client: SqlClient, options: TableListOptions): Promise<TableId[]>;

  /**
   * The columns of a table, in order.
   * @throws ConnectError when the table does not exist.
   */
  describeTable(client: SqlClient, table: TableId): Promise<ColumnDefinition[]>;

  /**
   * The columns of a query's result, in order, found without reading its rows.
   * @throws SqlStatementError when the query is not valid.
   */
  describeQuery(client: SqlClient, query: string): Promise<ColumnDefinition[]>;

  /** How to read a column, or `undefined` when its type has no Connect mapping (the source then skips it). */
  columnReader(column: ColumnDefinition, options: ReadOptions): ColumnReader | undefined;

  /** The database's current time, in nanoseconds since the epoch. */
  currentTimestamp(client: SqlClient): Promise<bigint>;

  /**
   * A timestamp column's value as nanoseconds since the epoch, with all the precision the database keeps, for
   * offsets; `null` for NULL.
   * @throws DataError when the value is not a date-time.
   */
  timestampOf(raw: unknown, column: ColumnDefinition, timeZone: ReadTimeZone): bigint | null;

  /** The value to bind for comparing a timestamp column with the instant `epochNanos`. */
  timestampParameter(epochNanos: bigint, column: ColumnDefinition, timeZone: ReadTimeZone): unknown;

  /** The SQL expression comparing a (quoted) timestamp column's values in time order. */
  timestampExpression(column: string): string;
}
