import type { Logger } from "../logging/logger.js";
import type { ErrorContext, ErrorReporter } from "./error-reporter.js";
import { describeCoordinates, recordContents, recordCoordinates } from "./record-coordinates.js";

/**
 * Writes each failure to the log, as `errors.log.enable=true` asks: one `error` entry naming the stage, the
 * connector and task, the failing plugin, the record's topic, partition and offset, and the error. The record's key,
 * value and headers are added only with `includeMessages` (`errors.log.include.messages=true`), so that record
 * contents stay out of logs unless asked for.
 */
export class LogErrorReporter implements ErrorReporter {
  readonly #logger: Logger;
  readonly #includeMessages: boolean;

  constructor(logger: Logger, includeMessages: boolean) {
    this.#logger = logger;
    this.#includeMessages = includeMessages;
  }

  report(context: ErrorContext): void {
    const { stage, connector, task, executingClass, record, error, attempts, tolerated } = context;
    const fields: Record<string, unknown> = {
      stage,
      connector,
      task,
      ...(executingClass === undefined ? {} : { executingClass }),
      ...recordCoordinates(record),
      attempts,
      tolerated,
      err: error,
    };
    if (this.#includeMessages && record !== undefined) fields.record = recordContents(record);
    const plugin = executingClass === undefined ? "" : ` (${executingClass})`;
    const outcome = tolerated ? "the record is skipped" : "the task fails";
    this.#logger.error(
      fields,
      `Error in task ${connector}-${task} at stage ${stage}${plugin}${describeCoordinates(record)}: ${messageOf(error)}; ${outcome}.`,
    );
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
