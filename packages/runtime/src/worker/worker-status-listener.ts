import type { TaskState } from "../engine/task-state.js";

/**
 * Receives what a {@link Worker} reports about the connectors and tasks it runs, so a herder can record their
 * status (Kafka Connect's `ConnectorStatus.Listener` and `TaskStatus.Listener` in one).
 *
 * Calls come synchronously from the worker, in the order the changes happen; an implementation must return quickly
 * and not throw (a throw is logged and ignored). `trace` is the failure's stack trace, given with FAILED only.
 */
export interface WorkerStatusListener {
  /** A connector's state changed: RUNNING, PAUSED, STOPPED, FAILED, or UNASSIGNED once it was shut down. */
  onConnectorState(name: string, state: TaskState, trace?: string): void;
  /**
   * A task's state changed: RUNNING, PAUSED, FAILED, RESTARTING (an automatic restart begins), or UNASSIGNED once
   * it was stopped.
   */
  onTaskState(connector: string, task: number, state: TaskState, trace?: string): void;
  /**
   * A running connector asked for its task configurations to be computed again (its
   * `context.requestTaskReconfiguration()`): call `taskConfigs(name)` and restart the tasks when they changed.
   */
  onTaskReconfigurationRequested(name: string): void;
}
