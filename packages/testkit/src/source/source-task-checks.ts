import type { SourceRecord, SourceTask } from "@tributary/api";
import { expect } from "vitest";
import { settleWithin } from "../internal/settle.js";
import { resolveProps } from "../props-input.js";
import type { SourceTaskContractOptions } from "./source-task-contract.js";
import { SourceTaskHarness } from "./source-task-harness.js";

/** One check of the source task contract; it throws (an assertion error) when the task breaks the contract. */
type SourceTaskCheck = (options: SourceTaskContractOptions<SourceTask>) => Promise<void>;

/** How long a poll on an empty source is given to start waiting before `stop()` is called. */
const SETTLE_INTO_POLL_MS = 100;

/**
 * The checks {@link sourceTaskContract} registers, by title; exported so the testkit can show that each one fails
 * for a task that breaks it.
 * @internal
 */
export const sourceTaskChecks: Readonly<Record<string, SourceTaskCheck>> = Object.freeze({
  "turns each produced item into exactly one record": (options) =>
    withHarness(options, async (harness, ids) => {
      await harness.start(await resolveProps(options.props));
      await options.produce(5);
      const records = await harness.pollUntil(5);
      expect(
        ids(records),
        "5 items were produced, so 5 records with distinct ids were expected",
      ).toHaveLength(5);
      expect(new Set(ids(records)).size, "records with the same id were polled").toBe(5);
    }),

  "resumes exactly after its committed offset after a clean restart": (options) =>
    withHarness(options, async (harness, ids) => {
      await harness.start(await resolveProps(options.props));
      await options.produce(3);
      const before = ids(await harness.pollUntil(3));
      await harness.commit();
      await harness.restart();
      await options.produce(4);
      const after = ids(await harness.pollUntil(4));
      const repeated = after.filter((id) => before.includes(id));
      expect(repeated, "records committed before the restart were delivered again").toEqual([]);
      expect(after, "after the restart, exactly the 4 new items were expected").toHaveLength(4);
      expect(new Set([...before, ...after]).size, "records with the same id were polled").toBe(7);
    }),

  "delivers again, after a crash, exactly what was polled but not committed": (options) =>
    withHarness(options, async (harness, ids) => {
      await harness.start(await resolveProps(options.props));
      await options.produce(3);
      const committed = ids(await harness.pollUntil(3));
      await harness.commit();
      await options.produce(2);
      const lost = ids(await harness.pollUntil(2));
      await harness.restart(); // no commit: the last two records were in flight
      const again = ids(await harness.pollUntil(2));
      expect(again, "the records polled after the last commit were expected again, in order").toEqual(lost);
      expect(
        again.filter((id) => committed.includes(id)),
        "committed records were delivered again",
      ).toEqual([]);
    }),

  "lets stop() end a pending poll, which then returns no records": (options) =>
    withHarness(options, async (harness) => {
      await harness.start(await resolveProps(options.props));
      const pending = harness.poll();
      // With an empty source the poll should be waiting for data by now; one that already returned has nothing to end.
      const early = await settleWithin(pending, SETTLE_INTO_POLL_MS);
      if (early.state === "rejected") throw early.error;
      if (early.state === "resolved") {
        expect(early.value ?? [], "poll() on an empty source returned records").toEqual([]);
        return;
      }
      await harness.stop(); // fails when the poll is still pending shutdownTimeoutMs later
      const outcome = await settleWithin(pending, 0);
      if (outcome.state === "rejected") {
        throw new Error(
          `poll() rejected after stop() instead of returning null: ${String(outcome.error)}. A poll that fails ` +
            "because stop() closed what it used should resolve null.",
        );
      }
      if (outcome.state === "resolved") {
        expect(outcome.value ?? [], "poll() on an empty source returned records").toEqual([]);
      }
    }),

  "accepts commitRecord() and commit() after stop()": (options) =>
    withHarness(options, async (harness) => {
      await harness.start(await resolveProps(options.props));
      await options.produce(2);
      await harness.pollUntil(2);
      await harness.stop();
      // A worker acknowledges records in flight and flushes offsets one last time after stop().
      await harness.commit();
      const last = harness.records.at(-1);
      if (last !== undefined) {
        expect(
          await harness.offsetStorageReader().offset(last.sourcePartition),
          "the offset flushed after stop() is not the last record's",
        ).toEqual(last.sourceOffset);
      }
    }),
});

async function withHarness(
  options: SourceTaskContractOptions<SourceTask>,
  body: (harness: SourceTaskHarness, ids: (records: readonly SourceRecord[]) => unknown[]) => Promise<void>,
): Promise<void> {
  const recordId = options.recordId ?? ((record: SourceRecord) => record.value);
  const harness = new SourceTaskHarness({
    createTask: options.createTask,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.shutdownTimeoutMs === undefined ? {} : { shutdownTimeoutMs: options.shutdownTimeoutMs }),
  });
  await options.reset?.();
  try {
    await body(harness, (records) => records.map(recordId));
    await harness.stop();
  } catch (error) {
    // The check's own failure is the one to report; stopping is best effort now.
    await harness.stop().catch(() => undefined);
    throw error;
  } finally {
    await options.cleanup?.();
  }
}
