import { type TaskState, traceOf } from "../engine/task-state.js";
import type { Logger } from "../logging/logger.js";
import type { TargetState } from "./target-state.js";

/** Where a {@link WorkerTask} reports its state changes: the worker, which passes them to its status listener. */
export type TaskStateListener = (state: TaskState, trace?: string) => void;

/** What every {@link WorkerTask} is created with. */
export interface WorkerTaskInit {
  /** The connector's name. */
  readonly connector: string;
  /** The task's number within its connector, from 0. */
  readonly id: number;
  /** The state the task starts in: `STARTED`, or `PAUSED` to start without processing records. */
  readonly targetState: TargetState;
  readonly logger: Logger;
  /** Receives every state change, and the stack trace when the task fails. */
  readonly onStateChange: TaskStateListener;
}

/**
 * One connector task run by the {@link Worker}, with the lifecycle Kafka Connect's `WorkerTask` has: the source and
 * sink runners extend it and fill in {@link WorkerTask.initializeAndStart}, {@link WorkerTask.execute} and
 * {@link WorkerTask.close}.
 *
 * Lifecycle: {@link WorkerTask.run} once; it starts the task and then runs its loop in the background until
 * {@link WorkerTask.stop}, reporting RUNNING (or PAUSED), then FAILED with the stack trace when the task throws, or
 * UNASSIGNED when it stopped cleanly. {@link WorkerTask.awaitStop} waits for the end; a task that does not end in
 * time is {@link WorkerTask.cancel}led, after which it reports nothing more and writes no offsets.
 *
 * The loop checks {@link WorkerTask.awaitUnpaused} between batches, so pausing takes effect at the next batch.
 */
export abstract class WorkerTask {
  /** The connector's name. */
  readonly connector: string;
  /** The task's number within its connector. */
  readonly id: number;
  protected readonly logger: Logger;
  readonly #onStateChange: TaskStateListener;
  readonly #stopController = new AbortController();
  #target: TargetState;
  #state: TaskState = "UNASSIGNED";
  #trace: string | undefined;
  #cancelled = false;
  #done: Promise<void> | undefined;
  /** Wakes a loop waiting in awaitUnpaused() when the target state changes or the task stops. */
  #wake: (() => void) | undefined;

  constructor(init: WorkerTaskInit) {
    this.connector = init.connector;
    this.id = init.id;
    this.logger = init.logger;
    this.#onStateChange = init.onStateChange;
    this.#target = init.targetState;
  }

  /** The task's current state. */
  get state(): TaskState {
    return this.#state;
  }

  /** The stack trace of the failure, when the task is FAILED. */
  get trace(): string | undefined {
    return this.#trace;
  }

  /** Whether a stop was asked for. */
  get stopping(): boolean {
    return this.#stopController.signal.aborted;
  }

  /** Aborted when the task is asked to stop, so backoffs and waits end at once. */
  protected get stopSignal(): AbortSignal {
    return this.#stopController.signal;
  }

  /** Whether the task was abandoned after not stopping in time; it must then write no offsets. */
  protected get cancelled(): boolean {
    return this.#cancelled;
  }

  /**
   * Starts the task and runs it in the background; returns at once. Call once.
   * @returns a promise that settles (never rejects) when the task has ended and released everything.
   */
  run(): Promise<void> {
    this.#done ??= this.#run();
    return this.#done;
  }

  /** Pauses or resumes the task; `STOPPED` counts as paused (the worker stops the task separately). */
  setTargetState(state: TargetState): void {
    if (this.#target === state) return;
    this.#target = state;
    if (this.#state === "RUNNING" && state !== "STARTED") this.#setState("PAUSED");
    else if (this.#state === "PAUSED" && state === "STARTED") this.#setState("RUNNING");
    this.#wake?.();
  }

  /**
   * Asks the task to stop: the loop ends after its current batch, and {@link WorkerTask.onStop} may unblock what the
   * task waits on. Returns at once; await {@link WorkerTask.awaitStop}.
   */
  stop(): void {
    if (this.stopping) return;
    this.#stopController.abort();
    this.#wake?.();
    try {
      const result = this.onStop();
      if (result instanceof Promise) result.catch((error: unknown) => this.#warnStop(error));
    } catch (error) {
      this.#warnStop(error);
    }
  }

  /**
   * Waits up to `timeoutMs` for the task to end after {@link WorkerTask.stop}.
   * @returns whether it ended in time.
   */
  async awaitStop(timeoutMs: number): Promise<boolean> {
    const done = this.#done;
    if (done === undefined) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), Math.max(0, timeoutMs));
    });
    try {
      return await Promise.race([done.then(() => true as const), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Abandons a task that did not stop in time: it reports no more state changes and must not commit offsets;
   * {@link WorkerTask.onCancel} releases what can be released at once (a producer, say).
   */
  cancel(): void {
    if (this.#cancelled) return;
    this.#cancelled = true;
    this.logger.warn(
      { connector: this.connector, task: this.id },
      "Task did not stop within task.shutdown.graceful.timeout.ms and was abandoned; records it had not committed will be processed again",
    );
    try {
      this.onCancel();
    } catch (error) {
      this.logger.warn(
        { err: error, connector: this.connector, task: this.id },
        "Cancelling the task failed",
      );
    }
  }

  /**
   * Waits while the task is paused.
   * @returns false when the task is stopping, true when it may go on.
   */
  protected async awaitUnpaused(): Promise<boolean> {
    while (!this.stopping && this.#target !== "STARTED") {
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
      this.#wake = undefined;
    }
    return !this.stopping;
  }

  /**
   * Whether the task should process records now: not stopping and not paused. Loops call it to decide between
   * another batch and {@link WorkerTask.awaitUnpaused}.
   */
  protected get processing(): boolean {
    return !this.stopping && this.#target === "STARTED";
  }

  /** Initializes and starts the connector's task; a throw fails the task. */
  protected abstract initializeAndStart(): Promise<void>;

  /** Runs the task's loop until {@link WorkerTask.stopping}; a throw fails the task. */
  protected abstract execute(): Promise<void>;

  /**
   * Releases everything once the loop has ended, whether it failed or not: the final offset commit, the task's own
   * `stop()` when not done by {@link WorkerTask.onStop}, the producer or consumer, converters and transformations.
   */
  protected abstract close(): Promise<void>;

  /** Called by {@link WorkerTask.stop}, to unblock the loop (a source task's `stop()` ends a pending poll). */
  protected onStop(): void | Promise<void> {}

  /** Called by {@link WorkerTask.cancel}, to release at once what a stuck task holds. */
  protected onCancel(): void {}

  /** Fails the task from outside its loop (a producer callback, say): reports FAILED and stops the loop. */
  protected fail(error: unknown): void {
    if (this.#state === "FAILED") return;
    this.#trace = traceOf(error);
    this.logger.error({ err: error, connector: this.connector, task: this.id }, "Task failed");
    this.#setState("FAILED");
    this.stop();
  }

  async #run(): Promise<void> {
    try {
      await this.initializeAndStart();
      if (!this.stopping) this.#setState(this.#target === "STARTED" ? "RUNNING" : "PAUSED");
      await this.execute();
    } catch (error) {
      this.fail(error);
    }
    try {
      await this.close();
    } catch (error) {
      this.logger.warn({ err: error, connector: this.connector, task: this.id }, "Closing the task failed");
    }
    if (this.#state !== "FAILED") this.#setState("UNASSIGNED");
  }

  #setState(state: TaskState): void {
    if (this.#state === state && state !== "FAILED") return;
    this.#state = state;
    if (this.#cancelled) return;
    try {
      this.#onStateChange(state, state === "FAILED" ? this.#trace : undefined);
    } catch (error) {
      this.logger.warn({ err: error, connector: this.connector, task: this.id }, "A status listener failed");
    }
  }

  #warnStop(error: unknown): void {
    this.logger.warn({ err: error, connector: this.connector, task: this.id }, "Stopping the task failed");
  }
}
