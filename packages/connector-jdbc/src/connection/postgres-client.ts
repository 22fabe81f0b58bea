import pg from "pg";
import Cursor from "pg-cursor";
import { BaseSqlClient } from "./base-sql-client.js";
import type { ServerConnectionSettings } from "./connection-settings.js";
import { describeConnection } from "./connection-url.js";
import type { QueryOptions, SqlResult, SqlRow } from "./sql-client.js";

const TEXT_TYPES = new Set([
  114, // json
  1082, // date
  1083, // time
  1114, // timestamp
  1184, // timestamptz
  1266, // timetz
  3802, // jsonb
]);
const INT8 = 20;

/** Type parsers: exact types stay text for the dialect to read, int8 becomes a bigint. */
const types = {
  getTypeParser(oid: number, format?: "text" | "binary"): (value: string) => unknown {
    if (TEXT_TYPES.has(oid)) return (value: string) => value;
    if (oid === INT8) return (value: string) => BigInt(value);
    return pg.types.getTypeParser(oid, format ?? "text") as (value: string) => unknown;
  },
};

/** Prepared statement names in use, by SQL text; bounded so a connection does not collect them forever. */
const MAX_PREPARED = 64;

/** A {@link SqlClient} on one `pg` connection. @internal */
export class PostgresClient extends BaseSqlClient<pg.Client> {
  readonly kind = "postgresql" as const;
  readonly #settings: ServerConnectionSettings;
  #prepared = new Map<string, string>();
  #nextName = 0;

  constructor(settings: ServerConnectionSettings) {
    super();
    this.#settings = settings;
  }

  protected describe(): string {
    return describeConnection(this.#settings);
  }

  protected async connect(): Promise<pg.Client> {
    const s = this.#settings;
    const sslmode = s.properties.sslmode ?? (s.properties.ssl === "true" ? "require" : undefined);
    const client = new pg.Client({
      host: s.host,
      port: s.port,
      database: s.database === "" ? undefined : s.database,
      user: s.user,
      password: s.password?.value(),
      types,
      ssl:
        sslmode === undefined || sslmode === "disable"
          ? false
          : { rejectUnauthorized: sslmode === "verify-ca" || sslmode === "verify-full" },
      connectionTimeoutMillis: Number(s.properties.connectTimeout ?? 30) * 1000,
      application_name: s.properties.ApplicationName ?? "tributary",
      options: "-c TimeZone=UTC",
    });
    // A connection that dies while idle reports here; the next statement fails and reconnects.
    client.on("error", () => undefined);
    await client.connect();
    this.#prepared = new Map();
    return client;
  }

  protected async disconnect(conn: pg.Client): Promise<void> {
    await conn.end().catch(() => undefined);
  }

  protected async run(
    conn: pg.Client,
    sql: string,
    params: readonly unknown[],
    options: QueryOptions,
  ): Promise<SqlResult> {
    const name = options.prepare === true ? this.#statementName(sql) : undefined;
    const result = await conn.query({
      text: sql,
      values: params as unknown[],
      ...(name === undefined ? {} : { name }),
    });
    // A multi-statement text returns an array of results; the last one is what the caller asked for.
    const last = Array.isArray(result) ? (result[result.length - 1] as pg.QueryResult) : result;
    return {
      rows: last.rows,
      rowCount: last.rowCount ?? last.rows.length,
      columns: last.fields?.map((field) => field.name) ?? [],
    };
  }

  #statementName(sql: string): string | undefined {
    let name = this.#prepared.get(sql);
    if (name === undefined) {
      // Names are never reused on a connection: the server keeps each prepared statement until the session ends.
      if (this.#prepared.size >= MAX_PREPARED) return undefined;
      name = `tributary_${this.#nextName++}`;
      this.#prepared.set(sql, name);
    }
    return name;
  }

  protected async *iterate(
    conn: pg.Client,
    sql: string,
    params: readonly unknown[],
    fetchSize: number,
  ): AsyncIterable<SqlRow[]> {
    const cursor = conn.query(new Cursor<SqlRow>(sql, params as unknown[], { types }));
    try {
      for (;;) {
        const rows = await cursor.read(fetchSize);
        if (rows.length === 0) return;
        yield rows;
      }
    } finally {
      await cursor.close().catch(() => undefined);
    }
  }
}
