import type { ConnectRecord } from "@tributary/api";
import type { ErrorStage } from "./error-stage.js";

/** What is known about one failed operation when it is reported: where it ran, on which record, and why it failed. */
export interface ErrorContext {
  /** The stage that failed. */
  readonly stage: ErrorStage;
  /** The connector's name. */
  readonly connector: string;
  /** The task's number within the connector. */
  readonly task: number;
  /** The plugin whose code failed, such as a transformation's class name, when known. */
  readonly executingClass: string | undefined;
  /** The record being processed: the one consumed (sinks) or polled (sources), when there is one. */
  readonly record: ConnectRecord | undefined;
  /** The last error thrown. */
  readonly error: unknown;
  /** How many times the operation was tried. */
  readonly attempts: number;
  /** True when the record is skipped and the task carries on; false when the error fails the task. */
  readonly tolerated: boolean;
}

/**
 * Receives every failure the {@link RetryWithToleranceOperator} gives up on, tolerated or not: the log reporter
 * writes it to the log, and a Kafka worker adds a dead letter queue reporter.
 *
 * Calls for one task come one at a time. A returned promise delays the record's outcome until it settles (so a
 * record is skipped only once it is in the dead letter queue); a rejection fails the task.
 */
export interface ErrorReporter {
  /** Reports one failure. */
  report(context: ErrorContext): void | Promise<void>;
  /** Releases what the reporter holds; called once, when the task stops. */
  close?(): void | Promise<void>;
}
