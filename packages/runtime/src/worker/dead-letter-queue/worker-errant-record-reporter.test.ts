import { ConnectError, Schema, SinkRecord } from "@tributary/api";
import { describe, expect, it } from "vitest";
import type { ErrorContext } from "../../errors/error-reporter.js";
import { RetryWithToleranceOperator } from "../../errors/retry-with-tolerance-operator.js";
import { WorkerErrantRecordReporter } from "./worker-errant-record-reporter.js";

const record = new SinkRecord({
  topic: "orders",
  kafkaPartition: 0,
  kafkaOffset: 41n,
  valueSchema: Schema.STRING_SCHEMA,
  value: "row",
});

function setup(tolerance: "none" | "all", write: (context: ErrorContext) => Promise<void>) {
  const operator = new RetryWithToleranceOperator({ connector: "c", task: 0, errorHandling: { tolerance } });
  const reported: ErrorContext[] = [];
  operator.addReporter({
    report: (context) => {
      reported.push(context);
      return write(context);
    },
  });
  return { reporter: new WorkerErrantRecordReporter(operator), reported };
}

describe("WorkerErrantRecordReporter", () => {
  it("reports a record from put() as a tolerated TASK_PUT failure under errors.tolerance=all", async () => {
    const { reporter, reported } = setup("all", async () => {});
    await reporter.report(record, new ConnectError("constraint violated"));
    await reporter.awaitPending();
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatchObject({ stage: "TASK_PUT", record, tolerated: true });
  });

  it("throws at once under errors.tolerance=none", () => {
    const { reporter } = setup("none", async () => {});
    expect(() => reporter.report(record, new ConnectError("constraint violated"))).toThrow(
      "Sink task reported the record at orders-0@41 as errant, and errors.tolerance=none fails the task at the first error: constraint violated",
    );
  });

  it("makes the worker wait for reports in flight, and fail on one that could not be written", async () => {
    let release: () => void = () => {};
    const { reporter } = setup(
      "all",
      (context) =>
        new Promise<void>((resolve, reject) => {
          if ((context.error as Error).message === "second") reject(new Error("dead letter queue down"));
          else release = resolve;
        }),
    );
    void reporter.report(record, new ConnectError("first"));
    void reporter.report(record, new ConnectError("second"));
    let settled = false;
    const waiting = reporter.awaitPending().finally(() => {
      settled = true;
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    release();
    await expect(waiting).rejects.toThrow("dead letter queue down");
  });
});
