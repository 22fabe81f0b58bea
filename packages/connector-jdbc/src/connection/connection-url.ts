import { ConfigError, Password } from "@tributary/api";
import type { ConnectionSettings, DatabaseKind } from "./connection-settings.js";

/** Credentials given as their own config keys; they win over any in the URL. */
export interface ConnectionCredentials {
  /** `connection.user`. */
  readonly user?: string | undefined;
  /** `connection.password`. */
  readonly password?: Password | string | undefined;
}

const SERVER_SCHEMES: Readonly<Record<string, Exclude<DatabaseKind, "sqlite">>> = {
  postgresql: "postgresql",
  postgres: "postgresql",
  pgsql: "postgresql",
  mysql: "mysql",
  mariadb: "mariadb",
};

const DEFAULT_PORTS = { postgresql: 5432, mysql: 3306, mariadb: 3306 } as const;

/**
 * Parses a `connection.url` the way users of the JDBC connector write it, or as a native driver URL.
 *
 * Accepted forms: `jdbc:postgresql://host:5432/db?user=u&password=p`, `jdbc:mysql://…`, `jdbc:mariadb://…`,
 * `jdbc:sqlite:path` (also `jdbc:sqlite::memory:`), `postgres://user:pass@host/db`, `postgresql://…`, `mysql://…`,
 * `mariadb://…`, `sqlite:path`, `file:path` and a plain file path. `credentials` given as config keys win over a
 * user or password inside the URL.
 *
 * @throws ConfigError when the URL names no supported database or cannot be read; the message never contains the
 *   password.
 * @example
 * ```ts
 * parseConnectionUrl("jdbc:postgresql://127.0.0.1:5432/test?user=postgres"); // { kind: "postgresql", port: 5432, … }
 * ```
 */
export function parseConnectionUrl(url: string, credentials: ConnectionCredentials = {}): ConnectionSettings {
  const text = url.trim();
  if (text === "")
    throw new ConfigError(
      "connection.url is empty: give a database URL such as jdbc:postgresql://host:5432/db",
    );
  const withoutJdbc = text.toLowerCase().startsWith("jdbc:") ? text.slice(5) : text;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(withoutJdbc)?.[1]?.toLowerCase();

  if (
    scheme === "sqlite" ||
    scheme === "file" ||
    scheme === undefined ||
    withoutJdbc.startsWith(":memory:")
  ) {
    return parseSqlite(withoutJdbc, scheme);
  }
  const kind = SERVER_SCHEMES[scheme];
  if (kind === undefined) {
    throw new ConfigError(
      `connection.url names the unsupported database "${scheme}" (${redactUrl(text)}): use postgresql, mysql, mariadb or sqlite`,
    );
  }
  const rest = withoutJdbc.slice(scheme.length + 1);
  if (!rest.startsWith("//")) {
    throw new ConfigError(
      `connection.url ${redactUrl(text)} lacks "//host": write ${scheme}://host:port/database`,
    );
  }
  const authority = rest.slice(2).split(/[/?#]/, 1)[0] ?? "";
  if (authority.includes(",")) {
    throw new ConfigError(`connection.url ${redactUrl(text)} lists several hosts; give exactly one host`);
  }
  let parsed: URL;
  try {
    parsed = new URL(`tributary:${rest}`);
  } catch (error) {
    throw new ConfigError(`connection.url ${redactUrl(text)} is not a valid URL`, { cause: error });
  }
  const properties: Record<string, string> = {};
  for (const [key, value] of parsed.searchParams) properties[key] = value;
  const urlUser = properties.user ?? decodeOrUndefined(parsed.username);
  const urlPassword = properties.password ?? decodeOrUndefined(parsed.password);
  delete properties.user;
  delete properties.password;
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  const password = credentials.password ?? urlPassword;
  return {
    kind,
    host: host === "" ? "127.0.0.1" : host,
    port: parsed.port === "" ? DEFAULT_PORTS[kind] : Number(parsed.port),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")),
    user: nonEmpty(credentials.user) ?? urlUser,
    password:
      password === undefined || password === ""
        ? undefined
        : Password.isPassword(password)
          ? password
          : new Password(password),
    properties,
  };
}

function parseSqlite(text: string, scheme: string | undefined): ConnectionSettings {
  let path = text;
  if (scheme === "sqlite") path = path.slice("sqlite:".length);
  if (scheme === "sqlite" || scheme === "file") {
    if (scheme === "file") path = path.slice("file:".length);
    // sqlite:///abs/path and file:///abs/path keep their absolute path; sqlite://rel keeps the relative one.
    if (path.startsWith("//")) path = path.slice(2);
  }
  const query = path.indexOf("?");
  const properties: Record<string, string> = {};
  if (query >= 0) {
    for (const [key, value] of new URLSearchParams(path.slice(query + 1))) properties[key] = value;
    path = path.slice(0, query);
  }
  if (path === "")
    throw new ConfigError("connection.url names no SQLite file: write jdbc:sqlite:/path/to/file.db");
  return { kind: "sqlite", path, properties };
}

function decodeOrUndefined(text: string): string | undefined {
  return text === "" ? undefined : decodeURIComponent(text);
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text === "" ? undefined : text;
}

/** The URL with any password (in the user-info part or a `password=` property) replaced by `*****`, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^/?#:@]*:)[^@/?#]*@/, "$1*****@").replace(/([?&;]password=)[^&;#]*/gi, "$1*****");
}

/** A short description of where a connection goes, for logs and errors: never the password. */
export function describeConnection(settings: ConnectionSettings): string {
  if (settings.kind === "sqlite") return `sqlite:${settings.path}`;
  const host = settings.host.includes(":") ? `[${settings.host}]` : settings.host;
  const user = settings.user === undefined ? "" : `${settings.user}@`;
  return `${settings.kind}://${user}${host}:${settings.port}/${settings.database}`;
}
