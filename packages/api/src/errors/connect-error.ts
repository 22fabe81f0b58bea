/**
 * Machine-readable codes carried by every {@link ConnectError}.
 *
 * A code names the kind of failure, so callers can branch on it without `instanceof`, which fails when two copies of
 * `@tributary/api` are loaded (a connector package may bring its own).
 */
export type ConnectErrorCode =
  | "CONNECT"
  | "DATA"
  | "RETRIABLE"
  | "NOT_FOUND"
  | "ALREADY_EXISTS"
  | "ILLEGAL_WORKER_STATE"
  | "SCHEMA_BUILDER"
  | "SCHEMA_PROJECTOR"
  | "CONFIG";

/** Options accepted by every {@link ConnectError} constructor. */
export interface ConnectErrorOptions {
  /** The underlying error, kept for logs and stack traces. */
  readonly cause?: unknown;
}

const BRAND = Symbol.for("tributary.ConnectError");

/**
 * The root of every error Tributary raises, the counterpart of Kafka Connect's `ConnectException`.
 *
 * `retriable` tells the worker whether the same operation may succeed if tried again; only
 * {@link RetriableError} sets it.
 */
export class ConnectError extends Error {
  /** What kind of failure this is. */
  readonly code: ConnectErrorCode;
  /** Whether retrying the failed operation may succeed. */
  readonly retriable: boolean;

  constructor(message: string, options: ConnectErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = "CONNECT";
    this.retriable = false;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** True for any {@link ConnectError}, including one created by another copy of this package. */
  static isConnectError(error: unknown): error is ConnectError {
    return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
  }
}

/** Sets the code and retriable flag of a subclass instance; they are readonly to everyone else. */
function classify(error: ConnectError, code: ConnectErrorCode, retriable = false): void {
  (error as { code: ConnectErrorCode }).code = code;
  (error as { retriable: boolean }).retriable = retriable;
}

/** Bad data: a value that does not fit its schema, bytes a converter cannot read, a field a transform lacks. */
export class DataError extends ConnectError {
  constructor(message: string, options?: ConnectErrorOptions) {
    super(message, options);
    classify(this, "DATA");
  }
}

/**
 * A failure that may pass if the same operation is tried again, such as a lost connection.
 *
 * Thrown from `SinkTask.put`, it makes the worker pause, back off and deliver the same batch again.
 */
export class RetriableError extends ConnectError {
  constructor(message: string, options?: ConnectErrorOptions) {
    super(message, options);
    classify(this, "RETRIABLE", true);
  }
}

/** A connector, task, plugin or other named thing does not exist. */
export class NotFoundError extends ConnectError {
  constructor(message: string, options?: ConnectErrorOptions) {
    super(message, options);
    classify(this, "NOT_FOUND");
  }
}

/** Something to be created exists already. */
export class AlreadyExistsError extends ConnectError {
  constructor(message: string, options?: ConnectErrorOptions) {
    super(message, options);
    classify(this, "ALREADY_EXISTS");
  }
}

/** A call came at a point of the worker's lifecycle where it is not allowed, for example after `stop()`. */
export class IllegalWorkerStateError extends ConnectError {
  constructor(message: string, options?: ConnectErrorOptions) {
    super(message, options);
    classify(this, "ILLEGAL_WORKER_STATE");
  }
}

/** A schema was built wrongly: a property set twice, a duplicate field, an invalid default. */
export class SchemaBuilderError extends DataError {
  constructor(message: string, options?: ConnectErrorOptions) {
    super(message, options);
    classify(this, "SCHEMA_BUILDER");
  }
}

/** A value cannot be projected from its schema onto another. */
export class SchemaProjectorError extends DataError {
  constructor(message: string, options?: ConnectErrorOptions) {
    super(message, options);
    classify(this, "SCHEMA_PROJECTOR");
  }
}

/** A configuration is invalid: a missing required key, a value of the wrong type, a value out of range. */
export class ConfigError extends ConnectError {
  constructor(message: string, options?: ConnectErrorOptions) {
    super(message, options);
    classify(this, "CONFIG");
  }
}

/** True when `error` is a {@link ConnectError} whose code is `code` or, for `DATA`, one of its subclasses. */
export function hasErrorCode(error: unknown, code: ConnectErrorCode): boolean {
  if (!ConnectError.isConnectError(error)) return false;
  if (error.code === code) return true;
  return code === "DATA" && (error.code === "SCHEMA_BUILDER" || error.code === "SCHEMA_PROJECTOR");
}
