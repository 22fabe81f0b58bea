import mysql from "mysql2/promise";
import { BaseSqlClient } from "./base-sql-client.js";
import type { ServerConnectionSettings } from "./connection-settings.js";
import { describeConnection } from "./connection-url.js";
import type { QueryOptions, SqlResult, SqlRow } from "./sql-client.js";

type Connection = mysql.Connection;

/** A {@link SqlClient} on one `mysql2` connection, for MySQL and MariaDB. @internal */
export class MysqlClient extends BaseSqlClient<Connection> {
  readonly kind: "mysql" | "mariadb";
  readonly #settings: ServerConnectionSettings;

  constructor(settings: ServerConnectionSettings & { readonly kind: "mysql" | "mariadb" }) {
    super();
    this.kind = settings.kind;
    this.#settings = settings;
  }

  protected describe(): string {
    return describeConnection(this.#settings);
  }

  protected async connect(): Promise<Connection> {
    const s = this.#settings;
    const p = s.properties;
    const ssl =
      p.useSSL === "true" ||
      p.ssl === "true" ||
      (p.sslMode !== undefined && !/^(disabled|preferred)$/i.test(p.sslMode));
    const conn = await mysql.createConnection({
      host: s.host,
      port: s.port,
      ...(s.database === "" ? {} : { database: s.database }),
      ...(s.user === undefined ? {} : { user: s.user }),
      password: s.password?.value() ?? "",
      charset: "utf8mb4",
      timezone: "Z",
      // Exact types stay text for the dialect: dates and times, DECIMAL, and BIGINT beyond 2^53.
      dateStrings: true,
      supportBigNumbers: true,
      decimalNumbers: false,
      connectTimeout: Number(p.connectTimeout ?? 30_000),
      multipleStatements: false,
      maxPreparedStatements: 256,
      ...(ssl ? { ssl: {} } : {}),
    });
    // A connection that dies while idle reports here; the next statement fails and reconnects.
    conn.on("error", () => undefined);
    await conn.query("SET time_zone = '+00:00'");
    return conn;
  }

  protected async disconnect(conn: Connection): Promise<void> {
    await conn.end().catch(() => conn.destroy());
  }

  protected async run(
    conn: Connection,
    sql: string,
    params: readonly unknown[],
    options: QueryOptions,
  ): Promise<SqlResult> {
    // With parameters, always a server-side prepared statement: mysql2's client-side substitution would also
    // replace a `?` inside a quoted identifier. mysql2 keeps them per connection by SQL text (bounded by
    // maxPreparedStatements), so `options.prepare` changes nothing here.
    void options;
    const [result, fields] =
      params.length === 0
        ? await conn.query(sql)
        : await conn.execute(sql, bindable(params) as mysql.ExecuteValues[]);
    if (Array.isArray(result)) {
      return { rows: result as SqlRow[], rowCount: result.length, columns: fields?.map((f) => f.name) ?? [] };
    }
    const header = result as { affectedRows?: number };
    return { rows: [], rowCount: header.affectedRows ?? 0, columns: [] };
  }

  protected async *iterate(
    conn: Connection,
    sql: string,
    params: readonly unknown[],
    fetchSize: number,
  ): AsyncIterable<SqlRow[]> {
    // The core connection streams the result set as the consumer reads, pausing the socket in between.
    const core = (conn as unknown as { connection: StreamingConnection }).connection;
    const command = params.length === 0 ? core.query(sql) : core.execute(sql, bindable(params));
    const rows = command.stream({ highWaterMark: fetchSize });
    let batch: SqlRow[] = [];
    let finished = false;
    try {
      for await (const row of rows) {
        batch.push(row as unknown as SqlRow);
        if (batch.length >= fetchSize) {
          yield batch;
          batch = [];
        }
      }
      finished = true;
      if (batch.length > 0) yield batch;
    } finally {
      // A result set abandoned half way leaves the protocol mid-stream: drop the connection instead of draining it.
      if (!finished) {
        rows.destroy();
        this.discard(conn);
      }
    }
  }
}

/** The callback-style connection under mysql2's promise wrapper; only its streaming calls are used. */
interface StreamingConnection {
  query(sql: string): {
    stream(options: { highWaterMark: number }): NodeJS.ReadableStream & { destroy(): void };
  };
  execute(
    sql: string,
    params: unknown[],
  ): { stream(options: { highWaterMark: number }): NodeJS.ReadableStream & { destroy(): void } };
}

/** mysql2 refuses `undefined`; SQL has only NULL. Copies only when there is one, as large batches have none. */
function bindable(params: readonly unknown[]): unknown[] {
  if (!params.includes(undefined)) return params as unknown[];
  return params.map((value) => (value === undefined ? null : value));
}
