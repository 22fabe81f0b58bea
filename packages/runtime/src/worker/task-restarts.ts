import type { Logger } from "../logging/logger.js";

/** When failed tasks are restarted automatically. */
export interface TaskRestartPolicy {
  /** `task.restart.automatic.enable`. */
  readonly enabled: boolean;
  /** `task.restart.backoff.initial.ms`: the wait after a first failure. */
  readonly initialBackoffMs: number;
  /** `task.restart.backoff.max.ms`: the longest wait, and how long a task must run to start over from the first. */
  readonly maxBackoffMs: number;
}

interface History {
  /** Failures since the task last ran long enough. */
  failures: number;
  /** When the task last reported RUNNING. */
  runningSince: number | undefined;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Schedules the automatic restarts of failed tasks with exponential backoff: `initial`, `2 × initial`, … capped at
 * `max`. A task that has been RUNNING for `max` milliseconds when it fails again starts over from `initial`, so a
 * task that fails once a day is restarted quickly every time, and one that fails at once keeps waiting longer.
 * @internal
 */
export class TaskRestarts {
  readonly #policy: TaskRestartPolicy;
  readonly #logger: Logger;
  readonly #history = new Map<string, History>();
  readonly #now: () => number;
  #closed = false;

  constructor(policy: TaskRestartPolicy, logger: Logger, now: () => number = Date.now) {
    this.#policy = policy;
    this.#logger = logger;
    this.#now = now;
  }

  /** Notes that a task reports RUNNING. */
  running(connector: string, task: number): void {
    if (!this.#policy.enabled) return;
    this.#entry(connector, task).runningSince = this.#now();
  }

  /**
   * Notes that a task failed and, when automatic restarts are on, calls `restart` after the backoff.
   * @returns the backoff in milliseconds, or undefined when no restart is scheduled.
   */
  failed(connector: string, task: number, restart: () => Promise<void>): number | undefined {
    if (!this.#policy.enabled || this.#closed) return undefined;
    const history = this.#entry(connector, task);
    const { initialBackoffMs, maxBackoffMs } = this.#policy;
    if (history.runningSince !== undefined && this.#now() - history.runningSince >= maxBackoffMs) {
      history.failures = 0;
    }
    history.runningSince = undefined;
    const delay = Math.min(initialBackoffMs * 2 ** history.failures, maxBackoffMs);
    history.failures++;
    clearTimeout(history.timer);
    this.#logger.info(
      { connector, task, delayMs: delay, failures: history.failures },
      "Task failed; restarting it automatically after the backoff (task.restart.automatic.enable=true)",
    );
    history.timer = setTimeout(() => {
      history.timer = undefined;
      restart().catch((error: unknown) =>
        this.#logger.error({ err: error, connector, task }, "Automatic task restart failed"),
      );
    }, delay);
    return delay;
  }

  /** Forgets a task (it was stopped or removed), cancelling a pending restart. */
  forget(connector: string, task: number): void {
    const key = `${connector}\u0000${task}`;
    clearTimeout(this.#history.get(key)?.timer);
    this.#history.delete(key);
  }

  /** Cancels every pending restart; no more are scheduled. */
  close(): void {
    this.#closed = true;
    for (const history of this.#history.values()) clearTimeout(history.timer);
    this.#history.clear();
  }

  #entry(connector: string, task: number): History {
    const key = `${connector}\u0000${task}`;
    let history = this.#history.get(key);
    if (history === undefined) {
      history = { failures: 0, runningSince: undefined, timer: undefined };
      this.#history.set(key, history);
    }
    return history;
  }
}
