import { Config } from "@tributary/api";

/**
 * The connection keys both JDBC connectors take, as Confluent names them: `connection.url`, `connection.user` and
 * `connection.password` (a secret). Spread into a `defineConfig` shape, under the config group `group`.
 *
 * @example
 * ```ts
 * const MyConfig = defineConfig({ ...connectionConfigKeys("Connection"), "batch.size": Config.int({ default: 3000 }) });
 * ```
 */
export function connectionConfigKeys(group: string) {
  return {
    "connection.url": Config.string({
      nonEmpty: true,
      importance: "HIGH",
      group,
      documentation:
        "The database: a JDBC URL (jdbc:postgresql://host:5432/db, jdbc:mysql://host:3306/db, " +
        "jdbc:mariadb://host:3306/db, jdbc:sqlite:path) or a native one (postgres://…, mysql://…, a SQLite file path).",
    }),
    "connection.user": Config.string({
      optional: true,
      importance: "HIGH",
      group,
      documentation: "The database user; when unset, the one in the URL, if any.",
    }),
    "connection.password": Config.password({
      optional: true,
      importance: "HIGH",
      group,
      documentation: "The database password; when unset, the one in the URL, if any.",
    }),
  } as const;
}
