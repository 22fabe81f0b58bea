/** The states Kafka Connect reports for connectors and tasks, used by status output and the REST API. */
export type TaskState = "UNASSIGNED" | "RUNNING" | "PAUSED" | "FAILED" | "RESTARTING" | "STOPPED";

/** What a task reports about itself. */
export interface TaskStatus {
  /** The task's number within its connector, from 0. */
  readonly id: number;
  readonly state: TaskState;
  /** The stack trace of the error that failed the task. */
  readonly trace?: string;
  /** Records the task has taken in: polled (source) or received (sink). */
  readonly recordsIn: number;
  /** Records the task has passed on: sent to the topics (source) or written by `put` (sink). */
  readonly recordsOut: number;
  /** Records dropped by a transformation or skipped under `errors.tolerance=all`. */
  readonly recordsSkipped: number;
}

/** What a connector and its tasks report. */
export interface ConnectorStatus {
  readonly name: string;
  readonly type: "source" | "sink";
  readonly state: TaskState;
  readonly trace?: string;
  readonly tasks: readonly TaskStatus[];
}

/** The stack trace (or message) of an error, for status output. */
export function traceOf(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}
