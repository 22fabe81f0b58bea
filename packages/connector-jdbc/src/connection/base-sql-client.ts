import { ConnectError } from "@tributary/api";
import type { DatabaseKind } from "./connection-settings.js";
import type { QueryOptions, SqlClient, SqlResult, SqlRow } from "./sql-client.js";
import { classifySqlError, SqlConnectionError } from "./sql-errors.js";

/**
 * What the three drivers share: connecting lazily, reconnecting after a connection failure, transactions with
 * savepoints for nesting, classifying errors. A subclass supplies the driver calls.
 *
 * @internal
 */
export abstract class BaseSqlClient<Conn> implements SqlClient {
  abstract readonly kind: DatabaseKind;
  #connection: Promise<Conn> | undefined;
  #depth = 0;
  #closed = false;

  /** Opens a driver connection; the session must run in UTC. */
  protected abstract connect(): Promise<Conn>;
  /** Closes a driver connection, quietly. */
  protected abstract disconnect(conn: Conn): Promise<void>;
  /** Runs one statement on the driver. */
  protected abstract run(
    conn: Conn,
    sql: string,
    params: readonly unknown[],
    options: QueryOptions,
  ): Promise<SqlResult>;
  /** Streams a query's rows in batches from the driver. */
  protected abstract iterate(
    conn: Conn,
    sql: string,
    params: readonly unknown[],
    fetchSize: number,
  ): AsyncIterable<SqlRow[]>;
  /** Describes the database for error messages. */
  protected abstract describe(): string;

  /** The open connection, opening one when there is none. */
  protected connection(): Promise<Conn> {
    if (this.#closed)
      return Promise.reject(new ConnectError(`The connection to ${this.describe()} is closed`));
    if (this.#connection === undefined) {
      const opening = this.connect().catch((error: unknown) => {
        this.#connection = undefined;
        throw classifySqlError(error, this.kind, `connecting to ${this.describe()}`);
      });
      this.#connection = opening;
    }
    return this.#connection;
  }

  /** Drops a connection that failed, so the next call opens a new one. */
  protected discard(conn: Conn): void {
    this.#connection = undefined;
    this.#depth = 0;
    void this.disconnect(conn);
  }

  /** Classifies a driver error, dropping the connection when it is a connection failure. */
  protected failure(conn: Conn, error: unknown, what: string): ConnectError {
    const classified = classifySqlError(error, this.kind, what);
    if (classified instanceof SqlConnectionError && !isContention(classified)) this.discard(conn);
    return classified;
  }

  async query(sql: string, params: readonly unknown[] = [], options: QueryOptions = {}): Promise<SqlResult> {
    const conn = await this.connection();
    try {
      return await this.run(conn, sql, params, options);
    } catch (error) {
      throw this.failure(conn, error, "statement");
    }
  }

  async *stream(
    sql: string,
    params: readonly unknown[],
    fetchSize: number,
  ): AsyncIterable<readonly SqlRow[]> {
    if (!(fetchSize >= 1)) throw new RangeError(`fetchSize must be at least 1, got ${fetchSize}`);
    const conn = await this.connection();
    try {
      yield* this.iterate(conn, sql, params, Math.floor(fetchSize));
    } catch (error) {
      throw this.failure(conn, error, "query");
    }
  }

  async transaction<T>(fn: (client: SqlClient) => Promise<T>): Promise<T> {
    const depth = this.#depth;
    const savepoint = `tributary_sp_${depth}`;
    await this.query(depth === 0 ? this.beginStatement() : `SAVEPOINT ${savepoint}`);
    this.#depth = depth + 1;
    let result: T;
    try {
      result = await fn(this);
    } catch (error) {
      if (this.#depth === depth + 1) {
        this.#depth = depth;
        await this.query(depth === 0 ? "ROLLBACK" : `ROLLBACK TO SAVEPOINT ${savepoint}`).catch(
          () => undefined,
        );
      }
      throw error;
    }
    if (this.#depth !== depth + 1) {
      throw new SqlConnectionError(`The connection to ${this.describe()} was lost inside a transaction`, {
        database: this.kind,
      });
    }
    this.#depth = depth;
    await this.query(depth === 0 ? "COMMIT" : `RELEASE SAVEPOINT ${savepoint}`);
    return result;
  }

  /** The statement that opens a transaction. */
  protected beginStatement(): string {
    return "BEGIN";
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const opening = this.#connection;
    this.#connection = undefined;
    if (opening === undefined) return;
    const conn = await opening.catch(() => undefined);
    if (conn !== undefined) await this.disconnect(conn);
  }
}

/** Deadlocks and lock timeouts are retriable but leave the connection usable. */
function isContention(error: SqlConnectionError): boolean {
  const { sqlState, driverCode } = error.details;
  return (
    sqlState === "40001" ||
    sqlState === "40P01" ||
    driverCode === "ER_LOCK_DEADLOCK" ||
    driverCode === "ER_LOCK_WAIT_TIMEOUT" ||
    driverCode?.startsWith("SQLITE_BUSY") === true ||
    driverCode === "SQLITE_LOCKED"
  );
}
