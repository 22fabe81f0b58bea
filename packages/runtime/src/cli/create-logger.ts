import pino from "pino";
import type { Logger } from "../logging/logger.js";

/**
 * The command line's logger: JSON lines on stderr (pino) when stderr is not a terminal, so log shippers can read
 * them; on a terminal, one short readable line per warning or error, printed above the live status line.
 */
export function createCliLogger(
  options: { level?: string; onTerminalLine?: (line: string) => void } = {},
): Logger {
  const level = options.level ?? process.env.TRIBUTARY_LOG_LEVEL ?? "info";
  if (!process.stderr.isTTY) {
    const logger = pino({ level, base: { pid: process.pid } }, pino.destination({ fd: 2, sync: false }));
    return {
      debug: (fields, message) => logger.debug(fields, message),
      info: (fields, message) => logger.info(fields, message),
      warn: (fields, message) => logger.warn(fields, message),
      error: (fields, message) => logger.error(fields, message),
    };
  }
  const write = options.onTerminalLine ?? ((line: string) => process.stderr.write(`${line}\n`));
  const line = (label: string) => (fields: Record<string, unknown>, message: string) => {
    const where = [fields.connector, fields.task].filter((part) => part !== undefined).join("/");
    const error = fields.err instanceof Error ? `: ${fields.err.message}` : "";
    write(`${label} ${where === "" ? "" : `[${where}] `}${message}${error}`);
  };
  const quiet = level === "warn" || level === "error";
  return {
    debug: () => {},
    info: quiet ? () => {} : line("info "),
    warn: line("warn "),
    error: line("error"),
  };
}
