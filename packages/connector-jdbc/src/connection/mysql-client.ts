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
    // The core connection streams the result set; pausing the stream pauses the socket.
    const core = (conn as unknown as { connection: StreamingConnection }).connection;
    const command = params.length === 0 ? core.query(sql) : core.execute(sql, bindable(params));
    const rows = new RowBatches(command.stream({ highWaterMark: fetchSize }), fetchSize);
    let finished = false;
    try {
      for (let batch = await rows.next(); batch !== undefined; batch = await rows.next()) yield batch;
      finished = true;
    } finally {
      rows.close();
      // A result set abandoned half way leaves the protocol mid-stream: drop the connection instead of draining it.
      if (!finished) this.discard(conn);
    }
  }
}

/**
 * Collects a row stream into batches of `size` rows with `'data'` events (no `await` per row), keeping at most one
 * full batch waiting: the stream is paused while one is, and resumed when the consumer takes it.
 */
class RowBatches {
  readonly #stream: RowStream;
  readonly #size: number;
  #filling: SqlRow[] = [];
  #ready: SqlRow[] | undefined;
  #ended = false;
  #error: unknown;
  #wake: (() => void) | undefined;

  constructor(stream: RowStream, size: number) {
    this.#stream = stream;
    this.#size = size;
    stream.on("data", (row: SqlRow) => {
      this.#filling.push(row);
      if (this.#filling.length < size) return;
      if (this.#ready === undefined) {
        this.#ready = this.#filling;
        this.#filling = [];
      }
      // A full batch waits (and this one is full too): read no more until the consumer takes one.
      stream.pause();
      this.#notify();
    });
    stream.on("end", () => {
      this.#ended = true;
      this.#notify();
    });
    stream.on("error", (error: unknown) => {
      this.#error ??= error;
      this.#notify();
    });
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  /** The next batch, or `undefined` once the result set is read. @throws the stream's error. */
  async next(): Promise<SqlRow[] | undefined> {
    for (;;) {
      if (this.#error !== undefined) throw this.#error;
      const ready = this.#ready;
      if (ready !== undefined) {
        this.#ready = undefined;
        if (this.#filling.length >= this.#size) {
          this.#ready = this.#filling;
          this.#filling = [];
        }
        if (!this.#ended) this.#stream.resume();
        return ready;
      }
      if (this.#ended) {
        const last = this.#filling;
        this.#filling = [];
        return last.length > 0 ? last : undefined;
      }
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }

  /** Stops reading: the stream is destroyed if it has not ended. */
  close(): void {
    if (!this.#ended) this.#stream.destroy();
    this.#stream.removeAllListeners("data");
    this.#filling = [];
    this.#ready = undefined;
  }
}

/** mysql2's object-mode stream of a query's rows. */
type RowStream = NodeJS.ReadableStream & { destroy(): void };

/** The callback-style connection under mysql2's promise wrapper; only its streaming calls are used. */
interface StreamingConnection {
  query(sql: string): { stream(options: { highWaterMark: number }): RowStream };
  execute(sql: string, params: unknown[]): { stream(options: { highWaterMark: number }): RowStream };
}

/** mysql2 refuses `undefined`; SQL has only NULL. Copies only when there is one, as large batches have none. */
function bindable(params: readonly unknown[]): unknown[] {
  if (!params.includes(undefined)) return params as unknown[];
  return params.map((value) => (value === undefined ? null : value));
}
