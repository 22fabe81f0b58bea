import type { DatabaseKind } from "./connection-settings.js";

/** One result row, by column name (the label the statement gave it). */
export type SqlRow = Record<string, unknown>;

/** What a statement returned. */
export interface SqlResult {
  /** The rows of a query; empty for statements that return none. */
  readonly rows: readonly SqlRow[];
  /** Rows returned by a query, or rows changed by INSERT/UPDATE/DELETE (MySQL counts an upserted update as 2). */
  readonly rowCount: number;
  /** Column labels in select order; empty for statements that return no rows. */
  readonly columns: readonly string[];
}

/** Options of one {@link SqlClient.query} call. */
export interface QueryOptions {
  /**
   * Keep the statement prepared on the connection and reuse it whenever the same SQL text runs again. Worth it for
   * statements run many times (a sink's multi-row INSERT); never for SELECT * over a table that may be altered.
   */
  readonly prepare?: boolean;
}

/**
 * One connection to one database, the same shape for every driver, so dialects and connectors never touch a driver.
 *
 * Lifecycle: created by `openSqlClient` without connecting; connects on first use; after a connection failure
 * (a {@link SqlConnectionError}) the next call opens a new connection. `close()` ends it for good.
 *
 * Concurrency: one statement at a time. Calls are not meant to overlap; while a {@link SqlClient.stream} is open
 * the connection belongs to it, so statements that must run meanwhile need a second client.
 *
 * Errors: every method rejects with a {@link SqlConnectionError} (retriable: connection lost or refused, deadlock,
 * serialization failure, server shutting down), a {@link SqlStatementError} (the database refused the statement or
 * a value: constraint, type, syntax, missing table) or, for a login the server refuses or a missing database, a
 * plain `ConnectError`.
 *
 * Values bound as parameters: `null`/`undefined`, string, number, bigint, boolean (PostgreSQL, MySQL; SQLite needs
 * 0/1), Buffer. Dialects turn Connect values into these. Values read back, per driver:
 * - PostgreSQL: int2/int4/float → number, int8 → bigint, numeric → string, bool → boolean, bytea → Buffer,
 *   date/time/timestamp/timestamptz/json/jsonb → the server's text (sessions run in UTC).
 * - MySQL/MariaDB: integers up to 53 bits → number, BIGINT beyond → string, DECIMAL → string, date/time types →
 *   text (sessions run in UTC), binary → Buffer.
 * - SQLite: integers → bigint, REAL → number, TEXT → string, BLOB → Buffer.
 */
export interface SqlClient {
  /** Which database this client talks to. */
  readonly kind: DatabaseKind;

  /** Runs one statement with `?`/`$n` placeholders (the dialect's) bound to `params`, and returns its result. */
  query(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<SqlResult>;

  /**
   * Runs a query and yields its rows in batches of at most `fetchSize`, reading them from the server as the consumer
   * asks (PostgreSQL: a server-side cursor; MySQL: a streamed result set; SQLite: a statement iterator), so a large
   * table is never held whole in memory. Stopping the iteration early closes the cursor.
   */
  stream(sql: string, params: readonly unknown[], fetchSize: number): AsyncIterable<readonly SqlRow[]>;

  /**
   * Runs `fn` inside a transaction: commits when it resolves, rolls back and rethrows when it rejects. Called inside
   * another transaction on the same client, it uses a savepoint, so a nested failure undoes only its own work.
   */
  transaction<T>(fn: (client: SqlClient) => Promise<T>): Promise<T>;

  /** Closes the connection. Idempotent; later calls reject. */
  close(): Promise<void>;
}
