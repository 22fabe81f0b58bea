import type { Password } from "@tributary/api";

/**
 * The database products the JDBC connectors speak to. MySQL and MariaDB share a driver (`mysql2`) and a dialect;
 * they stay apart here only so logs and errors name what the user configured.
 */
export type DatabaseKind = "postgresql" | "mysql" | "mariadb" | "sqlite";

/** Where a PostgreSQL, MySQL or MariaDB server is and how to log in to it. */
export interface ServerConnectionSettings {
  /** Which product and so which driver. */
  readonly kind: "postgresql" | "mysql" | "mariadb";
  /** Host name or address of the server (IPv6 without brackets). */
  readonly host: string;
  /** TCP port: the URL's, else the product's default (5432 or 3306). */
  readonly port: number;
  /** Database to connect to; empty for the server's default. */
  readonly database: string;
  /** User name, from `connection.user` or else the URL. */
  readonly user: string | undefined;
  /** Password, from `connection.password` or else the URL; never logged. */
  readonly password: Password | undefined;
  /** Remaining URL query properties (for example `sslmode`, `useSSL`), by name. */
  readonly properties: Readonly<Record<string, string>>;
}

/** Where a SQLite database file is. */
export interface SqliteConnectionSettings {
  /** Always `sqlite`. */
  readonly kind: "sqlite";
  /** File path of the database, or `:memory:`. */
  readonly path: string;
  /** URL query properties, by name (none are used today). */
  readonly properties: Readonly<Record<string, string>>;
}

/** A parsed `connection.url` together with `connection.user` and `connection.password`. */
export type ConnectionSettings = ServerConnectionSettings | SqliteConnectionSettings;
