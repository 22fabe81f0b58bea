import { logLevel as KafkajsLogLevel, type logCreator } from "kafkajs";
import type { Logger } from "../../logging/logger.js";

/**
 * Sends kafkajs's own log lines to the runtime's logger instead of the console: its errors and warnings as
 * warnings (kafkajs logs every retried request failure as an error, although the request usually succeeds on a
 * retry, and the worker reports the failures that matter itself), and its info and debug lines as debug.
 */
export function kafkajsLogCreator(logger: Logger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, ...fields } = log;
      const entry = { kafkajs: namespace, ...fields };
      if (level === KafkajsLogLevel.ERROR || level === KafkajsLogLevel.WARN)
        logger.warn(entry, `kafkajs: ${message}`);
      else logger.debug(entry, `kafkajs: ${message}`);
    };
}

/** kafkajs's log level: INFO, so its lines reach the logger, which filters them further. */
export const KAFKAJS_LOG_LEVEL = KafkajsLogLevel.INFO;
