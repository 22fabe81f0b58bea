import { ConnectError, type ConnectRecord } from "@tributary/api";
import { type Logger, silentLogger } from "../logging/logger.js";
import { abortableDelay } from "./abortable-delay.js";
import type { ErrorContext, ErrorReporter } from "./error-reporter.js";
import { type ErrorStage, RECORD_STAGES } from "./error-stage.js";
import { LogErrorReporter } from "./log-error-reporter.js";
import { describeCoordinates } from "./record-coordinates.js";

/** A connector's error-handling settings, as its `errors.*` keys give them. */
export interface ErrorHandlingOptions {
  /** `errors.retry.timeout`: how long a retriable failure is retried, in milliseconds; 0 never, -1 forever. */
  readonly retryTimeoutMs: number;
  /** `errors.retry.delay.max.ms`: the longest wait between two attempts. */
  readonly retryDelayMaxMs: number;
  /** `errors.tolerance`: `none` fails the task at the first failure, `all` skips failing records. */
  readonly tolerance: "none" | "all";
  /** `errors.log.enable`: whether each failure is logged. */
  readonly logEnable: boolean;
  /** `errors.log.include.messages`: whether logged failures include the record's key, value and headers. */
  readonly logIncludeMessages: boolean;
}

/** Options of {@link RetryWithToleranceOperator}. */
export interface RetryWithToleranceOperatorOptions {
  /** The connector's name, for reports. */
  readonly connector: string;
  /** The task's number, for reports. */
  readonly task: number;
  /** The connector's `errors.*` settings; Kafka's defaults (no retry, no tolerance, no log) for those left out. */
  readonly errorHandling?: Partial<ErrorHandlingOptions>;
  /** Where failures are logged when `logEnable` is set. */
  readonly logger?: Logger;
  /** Reporters besides the log, such as a dead letter queue. */
  readonly reporters?: readonly ErrorReporter[];
  /** Aborted when the task stops: a pending backoff ends at once and the operation fails instead of being retried. */
  readonly signal?: AbortSignal;
  /** The clock, in milliseconds; `Date.now` by default. */
  readonly now?: () => number;
}

/** What became of an operation: its result, or the error it was skipped for under `errors.tolerance=all`. */
export type StageOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: unknown };

/** What an operation works on, for reports. */
export interface OperationContext {
  /** The record being processed. */
  readonly record?: ConnectRecord;
  /** The plugin whose code runs, such as a converter's class name. */
  readonly executingClass?: string;
  /**
   * True when the failure is the record's own fault whatever the stage, such as a record a sink task reports through
   * its `ErrantRecordReporter` from `put`: `errors.tolerance=all` then skips it, as it does converter and
   * transformation failures.
   */
  readonly recordError?: boolean;
}

/**
 * Runs each stage of a task's pipeline under the connector's error-handling settings, as Kafka Connect's
 * `RetryWithToleranceOperator`: retriable errors ({@link @tributary/api!RetriableError}) are retried with exponential backoff
 * (300 ms, doubling, at most `errors.retry.delay.max.ms`) until `errors.retry.timeout`; a failure that remains is
 * reported (logged with `errors.log.enable`, and to any other reporter) and then either skips the record (with
 * `errors.tolerance=all`: any failure of a converter or transformation, and retriable failures elsewhere) or fails
 * the task (by rejecting with a {@link ConnectError} whose cause is the failure).
 *
 * One operator serves one task, whose operations run one at a time. When the task's `signal` aborts, a pending
 * backoff ends at once and the operation rejects without skipping the record, since stopping is not a record's fault.
 *
 * @example
 * ```ts
 * const outcome = await operator.execute("TRANSFORMATION", () => chain.apply(record), { record });
 * if (outcome.ok && outcome.value !== null) forward(outcome.value);
 * ```
 */
export class RetryWithToleranceOperator {
  /** The first wait before a retry, in milliseconds; each later wait doubles it. */
  static readonly RETRY_DELAY_MIN_MS = 300;

  readonly #connector: string;
  readonly #task: number;
  readonly #options: ErrorHandlingOptions;
  readonly #reporters: ErrorReporter[] = [];
  readonly #signal: AbortSignal | undefined;
  readonly #now: () => number;
  #failures = 0;
  #retries = 0;
  #skipped = 0;

  constructor(options: RetryWithToleranceOperatorOptions) {
    this.#connector = options.connector;
    this.#task = options.task;
    this.#options = {
      retryTimeoutMs: options.errorHandling?.retryTimeoutMs ?? 0,
      retryDelayMaxMs: options.errorHandling?.retryDelayMaxMs ?? 60_000,
      tolerance: options.errorHandling?.tolerance ?? "none",
      logEnable: options.errorHandling?.logEnable ?? false,
      logIncludeMessages: options.errorHandling?.logIncludeMessages ?? false,
    };
    this.#signal = options.signal;
    this.#now = options.now ?? Date.now;
    if (this.#options.logEnable) {
      this.#reporters.push(
        new LogErrorReporter(options.logger ?? silentLogger, this.#options.logIncludeMessages),
      );
    }
    this.#reporters.push(...(options.reporters ?? []));
  }

  /** The settings in force. */
  get options(): ErrorHandlingOptions {
    return this.#options;
  }

  /** Failures given up on so far, tolerated or not. */
  get failures(): number {
    return this.#failures;
  }

  /** Retries made so far. */
  get retries(): number {
    return this.#retries;
  }

  /** Records skipped so far under `errors.tolerance=all`. */
  get skipped(): number {
    return this.#skipped;
  }

  /** Adds a reporter, such as a Kafka worker's dead letter queue; it receives the failures from now on. */
  addReporter(reporter: ErrorReporter): void {
    this.#reporters.push(reporter);
  }

  /** False once a failure has happened under `errors.tolerance=none`, as Kafka's `withinToleranceLimits()`. */
  withinToleranceLimits(): boolean {
    return this.#options.tolerance === "all" || this.#failures === 0;
  }

  /**
   * Runs `operation` for `stage`. Returns its result synchronously when it succeeds synchronously (the usual case
   * for converters and transformations, which saves a promise per record), a promise otherwise.
   * @returns `{ ok: true, value }`, or `{ ok: false, error }` when the failure is tolerated and the record skipped.
   * @throws ConnectError (as a rejection when retrying or reporting was asynchronous) when the failure is not
   *   tolerated, or when the task stops while the operation waits to be retried.
   */
  execute<T>(
    stage: ErrorStage,
    operation: () => T | Promise<T>,
    context: OperationContext = {},
  ): StageOutcome<T> | Promise<StageOutcome<T>> {
    const start = this.#now();
    let result: T | Promise<T>;
    try {
      result = operation();
    } catch (error) {
      return this.#failed(stage, operation, context, error, start);
    }
    if (result instanceof Promise) {
      return result.then(
        (value): StageOutcome<T> => ({ ok: true, value }),
        (error: unknown) => this.#failed(stage, operation, context, error, start),
      );
    }
    return { ok: true, value: result };
  }

  /**
   * Handles a failure that happened outside {@link RetryWithToleranceOperator.execute}, such as a producer's
   * callback: reports it, then returns when it is tolerated.
   * @throws ConnectError when it is not tolerated.
   */
  executeFailed(stage: ErrorStage, error: unknown, context: OperationContext = {}): void | Promise<void> {
    const outcome = this.#giveUp(stage, context, error, 1);
    if (outcome instanceof Promise) return outcome.then(() => undefined);
  }

  /** Closes the reporters; the first failure is rethrown after all were tried. */
  async close(): Promise<void> {
    let failure: unknown;
    for (const reporter of this.#reporters) {
      try {
        await reporter.close?.();
      } catch (error) {
        failure ??= error;
      }
    }
    this.#reporters.length = 0;
    if (failure !== undefined) throw failure;
  }

  #failed<T>(
    stage: ErrorStage,
    operation: () => T | Promise<T>,
    context: OperationContext,
    error: unknown,
    start: number,
  ): StageOutcome<T> | Promise<StageOutcome<T>> {
    if (isRetriable(error) && this.#mayRetry(start))
      return this.#retry(stage, operation, context, error, start);
    return this.#giveUp(stage, context, error, 1);
  }

  async #retry<T>(
    stage: ErrorStage,
    operation: () => T | Promise<T>,
    context: OperationContext,
    firstError: unknown,
    start: number,
  ): Promise<StageOutcome<T>> {
    let error = firstError;
    let attempts = 1;
    while (isRetriable(error) && this.#mayRetry(start)) {
      if (!(await abortableDelay(this.#delay(attempts, start), this.#signal)))
        throw this.#stopped(stage, error);
      this.#retries++;
      attempts++;
      try {
        return { ok: true, value: await operation() };
      } catch (next) {
        error = next;
      }
    }
    return this.#giveUp(stage, context, error, attempts);
  }

  #mayRetry(start: number): boolean {
    if (this.#signal?.aborted === true) return false;
    const { retryTimeoutMs } = this.#options;
    return retryTimeoutMs < 0 || this.#now() < start + retryTimeoutMs;
  }

  /** 300 ms after the first attempt, doubling after each, capped by the maximum and by the time left. */
  #delay(attempts: number, start: number): number {
    const { retryTimeoutMs, retryDelayMaxMs } = this.#options;
    let delay = Math.min(
      RetryWithToleranceOperator.RETRY_DELAY_MIN_MS * 2 ** (attempts - 1),
      retryDelayMaxMs,
    );
    if (retryTimeoutMs >= 0) delay = Math.min(delay, Math.max(0, start + retryTimeoutMs - this.#now()));
    return delay;
  }

  #giveUp<T>(
    stage: ErrorStage,
    context: OperationContext,
    error: unknown,
    attempts: number,
  ): StageOutcome<T> | Promise<StageOutcome<T>> {
    if (this.#signal?.aborted === true && isRetriable(error)) throw this.#stopped(stage, error);
    this.#failures++;
    const tolerated =
      this.#options.tolerance === "all" &&
      (RECORD_STAGES.has(stage) || context.recordError === true || isRetriable(error));
    const report: ErrorContext = {
      stage,
      connector: this.#connector,
      task: this.#task,
      executingClass: context.executingClass,
      record: context.record,
      error,
      attempts,
      tolerated,
    };
    const outcome = (): StageOutcome<T> => {
      if (!tolerated) throw this.#notTolerated(report);
      this.#skipped++;
      return { ok: false, error };
    };
    const pending = this.#report(report);
    return pending === undefined ? outcome() : pending.then(outcome);
  }

  #report(context: ErrorContext): Promise<void> | undefined {
    const pending: Promise<void>[] = [];
    for (const reporter of this.#reporters) {
      const result = reporter.report(context);
      if (result instanceof Promise) pending.push(result);
    }
    return pending.length === 0 ? undefined : Promise.all(pending).then(() => undefined);
  }

  #notTolerated(context: ErrorContext): ConnectError {
    const { stage, record, error, attempts, executingClass } = context;
    const plugin = executingClass === undefined ? "" : ` (${executingClass})`;
    const tries = attempts > 1 ? ` after ${attempts} attempts` : "";
    const head = `Stage ${stage}${plugin} failed in task ${this.#connector}-${this.#task}${describeCoordinates(record)}${tries}: ${messageOf(error).replace(/\.$/, "")}`;
    const why =
      this.#options.tolerance === "none"
        ? RECORD_STAGES.has(stage)
          ? "errors.tolerance=none fails the task at the first error; set errors.tolerance=all to skip such records."
          : "errors.tolerance=none fails the task at the first error."
        : `in stage ${stage} only retriable errors are tolerated, and this one is not.`;
    return new ConnectError(`${head}. The task fails: ${why}`, { cause: error });
  }

  #stopped(stage: ErrorStage, error: unknown): ConnectError {
    return new ConnectError(
      `Stopped retrying stage ${stage} in task ${this.#connector}-${this.#task} because the task is stopping; the last error was: ${messageOf(error)}`,
      { cause: error },
    );
  }
}

function isRetriable(error: unknown): boolean {
  return ConnectError.isConnectError(error) && error.retriable;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
