import { ConnectError, type ConnectErrorOptions, DataError, RetriableError } from "@tributary/api";
import type { DatabaseKind } from "./connection-settings.js";

/** What a driver reported about a failure, kept on Tributary's error for callers that branch on it. */
export interface SqlErrorDetails {
  /** The database the statement ran against. */
  readonly database: DatabaseKind;
  /** SQLSTATE, when the database sent one (PostgreSQL, MySQL). */
  readonly sqlState?: string | undefined;
  /** The driver's own code: `ER_DUP_ENTRY`, `SQLITE_CONSTRAINT_PRIMARYKEY`, `ECONNREFUSED`, … */
  readonly driverCode?: string | undefined;
}

/**
 * The connection failed or the database asked for the transaction to be tried again (deadlock, serialization
 * failure, shutdown). Retriable: the worker backs off and delivers the same records again.
 */
export class SqlConnectionError extends RetriableError {
  /** What the driver reported. */
  readonly details: SqlErrorDetails;

  constructor(message: string, details: SqlErrorDetails, options?: ConnectErrorOptions) {
    super(message, options);
    this.details = details;
  }
}

/**
 * The database refused a statement or one of its values: a constraint, a value of the wrong type or size, a missing
 * table or column, bad syntax. Not retriable; for a sink it is a record error when it comes from one row.
 */
export class SqlStatementError extends DataError {
  /** What the driver reported. */
  readonly details: SqlErrorDetails;

  constructor(message: string, details: SqlErrorDetails, options?: ConnectErrorOptions) {
    super(message, options);
    this.details = details;
  }

  /** True when the database refused because a constraint (primary key, unique, not null, foreign key, check) failed. */
  isConstraintViolation(): boolean {
    const { sqlState, driverCode } = this.details;
    return (
      sqlState?.startsWith("23") === true ||
      driverCode?.startsWith("SQLITE_CONSTRAINT") === true ||
      driverCode === "ER_DUP_ENTRY" ||
      driverCode === "ER_BAD_NULL_ERROR"
    );
  }
}

/** The server refused the login or the database does not exist: fix the configuration, retrying will not help. */
export class SqlLoginError extends ConnectError {
  /** What the driver reported. */
  readonly details: SqlErrorDetails;

  constructor(message: string, details: SqlErrorDetails, options?: ConnectErrorOptions) {
    super(message, options);
    this.details = details;
  }
}

/** Node socket codes that mean the connection itself failed. */
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "PROTOCOL_CONNECTION_LOST",
  "PROTOCOL_SEQUENCE_TIMEOUT",
  "ER_CON_COUNT_ERROR",
  "ER_SERVER_SHUTDOWN",
  "ER_LOCK_DEADLOCK",
  "ER_LOCK_WAIT_TIMEOUT",
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
  "SQLITE_BUSY_SNAPSHOT",
  "SQLITE_BUSY_RECOVERY",
]);

const LOGIN_CODES = new Set([
  "ER_ACCESS_DENIED_ERROR",
  "ER_DBACCESS_DENIED_ERROR",
  "ER_BAD_DB_ERROR",
  "SQLITE_CANTOPEN",
  "SQLITE_NOTADB",
  "SQLITE_READONLY",
]);

/** SQLSTATE classes and codes that are transient: connection (08), resources (53), shutdown (57P0x), retry (40). */
function isTransientSqlState(state: string): boolean {
  return (
    state.startsWith("08") ||
    state.startsWith("53") ||
    state === "57P01" ||
    state === "57P02" ||
    state === "57P03" ||
    state === "40001" ||
    state === "40P01"
  );
}

/**
 * Turns whatever a driver threw into one of {@link SqlConnectionError}, {@link SqlStatementError} or
 * {@link SqlLoginError}. `what` names the operation for the message (never with parameter values, which may be
 * personal data).
 */
export function classifySqlError(error: unknown, database: DatabaseKind, what: string): ConnectError {
  if (ConnectError.isConnectError(error)) return error;
  const raw = (error ?? {}) as { code?: unknown; sqlState?: unknown; message?: unknown; fatal?: unknown };
  const driverCode = typeof raw.code === "string" ? raw.code : undefined;
  // pg puts the SQLSTATE in `code`; mysql2 in `sqlState`.
  const sqlState =
    typeof raw.sqlState === "string"
      ? raw.sqlState
      : driverCode !== undefined && /^[0-9A-Z]{5}$/.test(driverCode)
        ? driverCode
        : undefined;
  const message = typeof raw.message === "string" ? raw.message : String(error);
  const details: SqlErrorDetails = { database, sqlState, driverCode };
  const text = `${database} ${what} failed: ${message}`;

  if (
    (driverCode !== undefined && LOGIN_CODES.has(driverCode)) ||
    sqlState === "28P01" ||
    sqlState === "28000" ||
    sqlState === "3D000"
  ) {
    return new SqlLoginError(
      `${text}. Check connection.url, connection.user and connection.password`,
      details,
      {
        cause: error,
      },
    );
  }
  const lostConnection =
    (driverCode !== undefined && SOCKET_CODES.has(driverCode)) ||
    (sqlState !== undefined && isTransientSqlState(sqlState)) ||
    raw.fatal === true ||
    /Connection terminated|connection error|not queryable|Connection lost|closed state/i.test(message);
  if (lostConnection) return new SqlConnectionError(text, details, { cause: error });
  return new SqlStatementError(text, details, { cause: error });
}
