import type { ConnectionSettings } from "./connection-settings.js";
import { MysqlClient } from "./mysql-client.js";
import { PostgresClient } from "./postgres-client.js";
import type { SqlClient } from "./sql-client.js";
import { SqliteClient } from "./sqlite-client.js";

/**
 * A {@link SqlClient} for the database `settings` describe (see `parseConnectionUrl`). It connects on first use, so
 * creating one never fails for an unreachable server.
 *
 * @example
 * ```ts
 * const client = openSqlClient(parseConnectionUrl("jdbc:sqlite:/tmp/app.db"));
 * const { rows } = await client.query("SELECT 1 AS one");
 * await client.close();
 * ```
 */
export function openSqlClient(settings: ConnectionSettings): SqlClient {
  switch (settings.kind) {
    case "postgresql":
      return new PostgresClient(settings);
    case "mysql":
    case "mariadb":
      return new MysqlClient({ ...settings, kind: settings.kind });
    case "sqlite":
      return new SqliteClient(settings);
  }
}
