/** A log method: structured fields first, then the message, as pino takes them. */
export type LogMethod = (fields: Record<string, unknown>, message: string) => void;

/**
 * The logger the runtime writes to: pino's call shape, so a pino logger fits as it is, and tests can pass a small
 * collecting one. Fields must never carry secrets; config values are redacted before they are logged.
 */
export interface Logger {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
}

/** A logger that drops everything. */
export const silentLogger: Logger = Object.freeze({
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
});
