import { parseConnectionUrl } from "../connection/connection-url.js";
import { openSqlClient } from "../connection/open-sql-client.js";
import type { SqlClient } from "../connection/sql-client.js";
import { SqlConnectionError } from "../connection/sql-errors.js";
import type { Dialect } from "../dialect/dialect.js";
import { dialectForUrl } from "../dialect/dialect-for-url.js";
import type { JdbcSourceConfigValues } from "./jdbc-source-config.js";

/** A dialect and a connected client for a JDBC source's configuration. @internal */
export interface SourceConnection {
  readonly dialect: Dialect;
  readonly client: SqlClient;
}

/**
 * Opens the database `config` names and checks that it answers, trying `connection.attempts` times with
 * `connection.backoff.ms` between attempts (only connection failures are retried).
 * @throws ConfigError for a URL or dialect Tributary does not have; the last connection error after the attempts.
 */
export async function openSourceConnection(
  config: JdbcSourceConfigValues,
  signal?: AbortSignal,
): Promise<SourceConnection> {
  const url = config["connection.url"];
  const dialect = dialectForUrl(
    url,
    { timeZone: config["db.timezone"], quoteIdentifiers: config["quote.sql.identifiers"] },
    config["dialect.name"],
  );
  const settings = parseConnectionUrl(url, {
    user: config["connection.user"],
    password: config["connection.password"],
  });
  const client = openSqlClient(settings);
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query("SELECT 1");
      return { dialect, client };
    } catch (error) {
      if (
        !(error instanceof SqlConnectionError) ||
        attempt >= config["connection.attempts"] ||
        signal?.aborted
      ) {
        await client.close();
        throw error;
      }
      await sleep(config["connection.backoff.ms"], signal);
    }
  }
}

/**
 * Waits `ms` milliseconds, or less when `signal` aborts; never rejects and leaves no timer behind.
 * @internal
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted === true || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
