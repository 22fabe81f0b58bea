import { ConfigError } from "@tributary/api";
import type { DatabaseKind } from "../connection/connection-settings.js";
import { parseConnectionUrl } from "../connection/connection-url.js";
import type { Dialect, DialectName, DialectOptions } from "./dialect.js";
import type { DialectReader } from "./dialect-reader.js";
import { MysqlDialect } from "./mysql/mysql-dialect.js";
import { mysqlReader } from "./mysql/read-mysql.js";
import { PostgresDialect } from "./postgres/postgres-dialect.js";
import { postgresReader } from "./postgres/read-postgres.js";
import { sqliteReader } from "./sqlite/read-sqlite.js";
import { SqliteDialect } from "./sqlite/sqlite-dialect.js";

/** Confluent's `dialect.name` values, and the plain names, to Tributary's dialects. */
const DIALECT_NAMES: Readonly<Record<string, DialectName>> = {
  postgresqldatabasedialect: "postgresql",
  postgresql: "postgresql",
  postgres: "postgresql",
  mysqldatabasedialect: "mysql",
  mysql: "mysql",
  mariadb: "mysql",
  sqlitedatabasedialect: "sqlite",
  sqlite: "sqlite",
};

/** The dialect of a database kind: MySQL and MariaDB share one. */
export function dialectNameOf(kind: DatabaseKind): DialectName {
  return kind === "mariadb" ? "mysql" : kind;
}

/**
 * Reads `dialect.name` (`PostgreSqlDatabaseDialect`, `MySqlDatabaseDialect`, `SqliteDatabaseDialect`, or
 * `postgresql`/`mysql`/`sqlite`); empty means "from the URL".
 * @throws ConfigError for a dialect Tributary does not have.
 */
export function parseDialectName(text: string | undefined): DialectName | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  const name = DIALECT_NAMES[text.trim().toLowerCase()];
  if (name === undefined) {
    throw new ConfigError(
      `dialect.name ${JSON.stringify(text)} is not supported: use PostgreSqlDatabaseDialect, MySqlDatabaseDialect, SqliteDatabaseDialect or leave it empty`,
    );
  }
  return name;
}

/** The read side each dialect is built with. */
const READERS: Readonly<Record<DialectName, DialectReader>> = {
  postgresql: postgresReader,
  mysql: mysqlReader,
  sqlite: sqliteReader,
};

/** Builds the dialect `name` with `options`. */
export function dialectFor(name: DialectName, options: DialectOptions = {}): Dialect {
  switch (name) {
    case "postgresql":
      return new PostgresDialect(READERS[name], options);
    case "mysql":
      return new MysqlDialect(READERS[name], options);
    case "sqlite":
      return new SqliteDialect(READERS[name], options);
  }
}

/**
 * The dialect for `connection.url`, or for `dialectName` (`dialect.name`) when that is set.
 * @throws ConfigError when the URL is not one of a supported database.
 */
export function dialectForUrl(url: string, options: DialectOptions = {}, dialectName?: string): Dialect {
  const name = parseDialectName(dialectName) ?? dialectNameOf(parseConnectionUrl(url).kind);
  return dialectFor(name, options);
}
