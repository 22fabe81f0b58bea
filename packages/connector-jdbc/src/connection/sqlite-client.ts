import Database from "better-sqlite3";
import { BaseSqlClient } from "./base-sql-client.js";
import type { SqliteConnectionSettings } from "./connection-settings.js";
import type { SqlResult, SqlRow } from "./sql-client.js";

type Statement = Database.Statement<unknown[], unknown>;

/** Prepared statements kept per database, by SQL text. */
const MAX_CACHED = 128;

/**
 * A {@link SqlClient} on one `better-sqlite3` database. The driver is synchronous; each call still returns a promise
 * so callers treat every database alike. WAL journaling lets a reader and a writer in other clients proceed together.
 *
 * @internal
 */
export class SqliteClient extends BaseSqlClient<Database.Database> {
  readonly kind = "sqlite" as const;
  readonly #settings: SqliteConnectionSettings;
  #statements = new Map<string, Statement>();

  constructor(settings: SqliteConnectionSettings) {
    super();
    this.#settings = settings;
  }

  protected describe(): string {
    return `sqlite:${this.#settings.path}`;
  }

  protected async connect(): Promise<Database.Database> {
    const db = new Database(this.#settings.path, {
      timeout: Number(this.#settings.properties.busy_timeout ?? 5000),
    });
    if (this.#settings.path !== ":memory:") db.pragma("journal_mode = WAL");
    this.#statements = new Map();
    return db;
  }

  protected async disconnect(db: Database.Database): Promise<void> {
    this.#statements.clear();
    if (db.open) db.close();
  }

  #prepare(db: Database.Database, sql: string): Statement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      if (statement.reader) statement.safeIntegers(true);
      if (this.#statements.size >= MAX_CACHED) this.#statements.clear();
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  protected async run(db: Database.Database, sql: string, params: readonly unknown[]): Promise<SqlResult> {
    const statement = this.#prepare(db, sql);
    if (statement.reader) {
      const rows = statement.all(...params) as SqlRow[];
      return { rows, rowCount: rows.length, columns: statement.columns().map((c) => c.name) };
    }
    const info = statement.run(...params);
    return { rows: [], rowCount: info.changes, columns: [] };
  }

  protected async *iterate(
    db: Database.Database,
    sql: string,
    params: readonly unknown[],
    fetchSize: number,
  ): AsyncIterable<SqlRow[]> {
    // A fresh statement: a cached one may be in use by another iteration, and an iterating statement is busy.
    const statement = db.prepare(sql);
    statement.safeIntegers(true);
    const iterator = statement.iterate(...params) as IterableIterator<SqlRow>;
    let batch: SqlRow[] = [];
    try {
      for (const row of iterator) {
        batch.push(row);
        if (batch.length >= fetchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    } finally {
      iterator.return?.();
    }
  }
}
