import { ConnectError, DataError, Headers, RetriableError, Schema, SinkRecord } from "@tributary/api";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Logger } from "../logging/logger.js";
import type { ErrorContext } from "./error-reporter.js";
import {
  type ErrorHandlingOptions,
  RetryWithToleranceOperator,
  type StageOutcome,
} from "./retry-with-tolerance-operator.js";

/** An operation failing `failures` times with a retriable error, then returning "done"; it logs when it ran. */
function flaky(failures: number) {
  const calls: number[] = [];
  const operation = () => {
    calls.push(Date.now());
    if (calls.length <= failures) throw new RetriableError(`connection lost (attempt ${calls.length})`);
    return "done";
  };
  return { operation, calls };
}

function gaps(calls: readonly number[]): number[] {
  return calls.slice(1).map((time, index) => time - (calls[index] as number));
}

function operator(errorHandling: Partial<ErrorHandlingOptions>, signal?: AbortSignal) {
  return new RetryWithToleranceOperator({
    connector: "orders",
    task: 2,
    errorHandling,
    ...(signal ? { signal } : {}),
  });
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("RetryWithToleranceOperator: retries", () => {
  it("returns a synchronous success synchronously and an asynchronous one as a promise", async () => {
    const ops = operator({});
    expect(ops.execute("TRANSFORMATION", () => 42)).toEqual({ ok: true, value: 42 });
    const pending = ops.execute("TASK_PUT", async () => "written");
    expect(pending).toBeInstanceOf(Promise);
    await expect(pending).resolves.toEqual({ ok: true, value: "written" });
  });

  it("does not retry by default, and fails the task", () => {
    const { operation, calls } = flaky(100);
    const attempt = () => operator({}).execute("TASK_POLL", operation);
    expect(attempt).toThrow(ConnectError);
    expect(attempt).toThrow(
      "Stage TASK_POLL failed in task orders-2: connection lost (attempt 2). The task fails: errors.tolerance=none fails the task at the first error.",
    );
    // One attempt per call: no retry.
    expect(calls).toHaveLength(2);
  });

  it("backs off 300 ms, then doubles, until the operation succeeds", async () => {
    const { operation, calls } = flaky(4);
    const ops = operator({ retryTimeoutMs: 60_000 });
    const result = ops.execute("KAFKA_PRODUCE", operation) as Promise<StageOutcome<string>>;
    await vi.advanceTimersByTimeAsync(299);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(600 + 1200 + 2400);
    await expect(result).resolves.toEqual({ ok: true, value: "done" });
    expect(gaps(calls)).toEqual([300, 600, 1200, 2400]);
    expect(ops.retries).toBe(4);
    expect(ops.failures).toBe(0);
  });

  it("caps each wait at errors.retry.delay.max.ms and retries forever with errors.retry.timeout=-1", async () => {
    const { operation, calls } = flaky(8);
    const result = operator({ retryTimeoutMs: -1, retryDelayMaxMs: 1000 }).execute("TASK_PUT", operation);
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(result).resolves.toEqual({ ok: true, value: "done" });
    expect(gaps(calls)).toEqual([300, 600, 1000, 1000, 1000, 1000, 1000, 1000]);
  });

  it("gives up at errors.retry.timeout, shortening the last wait to the time left", async () => {
    const { operation, calls } = flaky(100);
    const ops = operator({ retryTimeoutMs: 1000 });
    const result = ops.execute("TASK_PUT", operation);
    const settled = expect(result).rejects.toThrow(
      "Stage TASK_PUT failed in task orders-2 after 4 attempts: connection lost (attempt 4). The task fails",
    );
    await vi.advanceTimersByTimeAsync(2000);
    await settled;
    expect(gaps(calls)).toEqual([300, 600, 100]);
    expect(ops.withinToleranceLimits()).toBe(false);
  });

  it("stops waiting at once when the task stops, without skipping the record", async () => {
    const controller = new AbortController();
    const { operation, calls } = flaky(100);
    const ops = operator({ retryTimeoutMs: -1, tolerance: "all" }, controller.signal);
    const result = ops.execute("TASK_PUT", operation);
    const settled = expect(result).rejects.toThrow(
      "Stopped retrying stage TASK_PUT in task orders-2 because the task is stopping; the last error was: connection lost (attempt 2)",
    );
    await vi.advanceTimersByTimeAsync(400);
    controller.abort();
    await settled;
    expect(calls).toHaveLength(2);
    expect(ops.skipped).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    // Once stopped, a retriable failure is not retried or skipped either.
    expect(() => ops.execute("TASK_PUT", flaky(1).operation)).toThrow(/^Stopped retrying stage TASK_PUT/);
  });
});

describe("RetryWithToleranceOperator: tolerance", () => {
  it("skips and counts records that fail in converters and transformations with errors.tolerance=all", () => {
    const ops = operator({ tolerance: "all" });
    const failure = new DataError("not JSON");
    const outcome = ops.execute("VALUE_CONVERTER", () => {
      throw failure;
    });
    expect(outcome).toEqual({ ok: false, error: failure });
    expect(ops.skipped).toBe(1);
    expect(ops.failures).toBe(1);
    expect(ops.withinToleranceLimits()).toBe(true);
  });

  it("tolerates only retriable errors in the task's own stages", async () => {
    const ops = operator({ tolerance: "all", retryTimeoutMs: 500 });
    expect(() =>
      ops.execute("TASK_PUT", () => {
        throw new DataError("bad row");
      }),
    ).toThrow(
      "Stage TASK_PUT failed in task orders-2: bad row. The task fails: in stage TASK_PUT only retriable errors are tolerated, and this one is not.",
    );
    const retried = ops.execute("TASK_PUT", flaky(100).operation);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(retried).resolves.toMatchObject({ ok: false });
    expect(ops.skipped).toBe(1);
  });

  it("tolerates a record's own error in any stage when the caller says it is one, as errant record reports are", () => {
    const ops = operator({ tolerance: "all" });
    const failure = new DataError("row rejected by the database");
    expect(ops.executeFailed("TASK_PUT", failure, { recordError: true })).toBeUndefined();
    expect(ops.skipped).toBe(1);
    expect(() => operator({}).executeFailed("TASK_PUT", failure, { recordError: true })).toThrow(
      "Stage TASK_PUT failed in task orders-2: row rejected by the database. The task fails",
    );
  });

  it("fails the task with errors.tolerance=none, suggesting all where it would help", () => {
    const ops = operator({});
    const attempt = () =>
      ops.execute(
        "TRANSFORMATION",
        () => {
          throw new DataError('no field "id"');
        },
        { executingClass: "@tributary/transforms/ExtractField$Value" },
      );
    expect(attempt).toThrow(
      'Stage TRANSFORMATION (@tributary/transforms/ExtractField$Value) failed in task orders-2: no field "id". The task fails: errors.tolerance=none fails the task at the first error; set errors.tolerance=all to skip such records.',
    );
    try {
      attempt();
    } catch (error) {
      expect((error as Error).cause).toBeInstanceOf(DataError);
    }
  });
});

describe("RetryWithToleranceOperator: reporting", () => {
  const record = new SinkRecord({
    topic: "orders",
    kafkaPartition: 3,
    kafkaOffset: 9007199254740993n,
    keySchema: Schema.STRING_SCHEMA,
    key: "customer-7",
    valueSchema: Schema.STRING_SCHEMA,
    value: "card=4111-1111-1111-1111",
    headers: new Headers().addString("trace", "abc"),
  });

  function collecting(): { logger: Logger; errors: { fields: Record<string, unknown>; message: string }[] } {
    const errors: { fields: Record<string, unknown>; message: string }[] = [];
    const ignore = () => {};
    return {
      logger: {
        debug: ignore,
        info: ignore,
        warn: ignore,
        error: (fields, message) => errors.push({ fields, message }),
      },
      errors,
    };
  }

  it("logs each failure with errors.log.enable, without the record's contents", () => {
    const { logger, errors } = collecting();
    const ops = new RetryWithToleranceOperator({
      connector: "orders",
      task: 2,
      errorHandling: { tolerance: "all", logEnable: true },
      logger,
    });
    ops.execute(
      "VALUE_CONVERTER",
      () => {
        throw new DataError("not JSON");
      },
      { record, executingClass: "@tributary/converters/JsonConverter" },
    );
    expect(errors).toHaveLength(1);
    const [entry] = errors;
    expect(entry?.message).toBe(
      "Error in task orders-2 at stage VALUE_CONVERTER (@tributary/converters/JsonConverter) on the record at orders-3@9007199254740993: not JSON; the record is skipped.",
    );
    expect(entry?.fields).toMatchObject({
      stage: "VALUE_CONVERTER",
      connector: "orders",
      task: 2,
      topic: "orders",
      partition: 3,
      offset: "9007199254740993",
      tolerated: true,
      attempts: 1,
    });
    expect(entry?.fields.err).toBeInstanceOf(DataError);
    expect(JSON.stringify(entry?.fields)).not.toContain("4111");
    expect(JSON.stringify(entry?.fields)).not.toContain("customer-7");
  });

  it("adds the key, value and headers with errors.log.include.messages", () => {
    const { logger, errors } = collecting();
    const ops = new RetryWithToleranceOperator({
      connector: "orders",
      task: 2,
      errorHandling: { tolerance: "all", logEnable: true, logIncludeMessages: true },
      logger,
    });
    ops.execute(
      "TRANSFORMATION",
      () => {
        throw new DataError("boom");
      },
      { record },
    );
    expect(errors[0]?.fields.record).toEqual({
      keySchema: "STRING",
      key: "customer-7",
      valueSchema: "STRING",
      value: "card=4111-1111-1111-1111",
      headers: [{ key: "trace", value: "abc" }],
      timestamp: null,
    });
  });

  it("logs nothing without errors.log.enable", () => {
    const { logger, errors } = collecting();
    const ops = new RetryWithToleranceOperator({
      connector: "c",
      task: 0,
      errorHandling: { tolerance: "all" },
      logger,
    });
    ops.execute("TRANSFORMATION", () => {
      throw new DataError("boom");
    });
    expect(errors).toEqual([]);
  });

  it("waits for asynchronous reporters, such as a dead letter queue, before skipping", async () => {
    const reported: ErrorContext[] = [];
    let release = () => {};
    const ops = operator({ tolerance: "all" });
    ops.addReporter({
      report: (context) => {
        reported.push(context);
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
    });
    let settled = false;
    const outcome = Promise.resolve(
      ops.execute(
        "KEY_CONVERTER",
        () => {
          throw new DataError("bad key");
        },
        { record },
      ),
    ).then((result) => {
      settled = true;
      return result;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    expect(reported[0]).toMatchObject({
      stage: "KEY_CONVERTER",
      connector: "orders",
      task: 2,
      record,
      tolerated: true,
    });
    release();
    await expect(outcome).resolves.toMatchObject({ ok: false });
  });

  it("fails the task when a reporter fails, and reports failures raised outside execute", async () => {
    const ops = operator({ tolerance: "all" });
    ops.addReporter({ report: () => Promise.reject(new Error("DLQ unavailable")) });
    await expect(
      ops.execute("TRANSFORMATION", () => {
        throw new DataError("x");
      }),
    ).rejects.toThrow("DLQ unavailable");

    const strict = operator({});
    const seen: string[] = [];
    strict.addReporter({ report: (context) => void seen.push(context.stage) });
    expect(() => strict.executeFailed("KAFKA_PRODUCE", new Error("broker said no"))).toThrow(
      "Stage KAFKA_PRODUCE failed in task orders-2: broker said no. The task fails",
    );
    expect(seen).toEqual(["KAFKA_PRODUCE"]);
  });
});
