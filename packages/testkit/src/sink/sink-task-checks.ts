import { isDeepStrictEqual } from "node:util";
import { Schema, type SinkTask, TopicPartition } from "@tributary/api";
import { expect } from "vitest";
import { resolveProps } from "../props-input.js";
import type { SinkRecordInput } from "./sink-record-input.js";
import type { SinkTaskContractOptions } from "./sink-task-contract.js";
import { SinkTaskHarness } from "./sink-task-harness.js";

/** One check of the sink task contract; it throws (an assertion error) when the task breaks the contract. */
type SinkTaskCheck = (options: SinkTaskContractOptions<SinkTask>) => Promise<void>;

/** What a check works with: a started harness with the contract's partition open, and the records to put. */
interface CheckScope {
  readonly harness: SinkTaskHarness;
  readonly partition: TopicPartition;
  /** The inputs with indexes `from` to `to` (exclusive). */
  readonly inputs: (from: number, to: number) => SinkRecordInput[];
  /** What `readBack()` should show for the records with indexes `from` to `to` (exclusive). */
  readonly expected: (from: number, to: number) => unknown[];
}

/**
 * The checks {@link sinkTaskContract} registers, by title; exported so the testkit can show that each one fails
 * for a task that breaks it.
 * @internal
 */
export const sinkTaskChecks: Readonly<Record<string, SinkTaskCheck>> = Object.freeze({
  "makes every record below a committed offset durable": (options) =>
    withHarness(options, async ({ harness, partition, inputs, expected }) => {
      await harness.put(inputs(0, 3));
      const committed = (await harness.commit()).get(partition) ?? 0n;
      expect(committed, "preCommit() committed nothing for a partition with 3 records put").toBeGreaterThan(
        0n,
      );
      expect(committed, "preCommit() committed records that were never put").toBeLessThanOrEqual(3n);
      const durable = Number(committed);
      const stored = await options.readBack();
      expect(stored.slice(0, durable), "records below the committed offset are missing").toEqual(
        expected(0, durable),
      );
      expect(stored.length, "the destination holds more records than were put").toBeLessThanOrEqual(3);
    }),

  "keeps a redelivered batch harmless": (options) =>
    withHarness(options, async ({ harness, inputs, expected }) => {
      await harness.put(inputs(0, 2));
      await harness.put(inputs(2, 5));
      await harness.redeliver();
      await harness.commit();
      await harness.stop();
      expectDelivered(options, await options.readBack(), expected(0, 5), expected(2, 5));
    }),

  "keeps records delivered again after a restart from the committed offsets harmless": (options) =>
    withHarness(options, async ({ harness, inputs, expected }) => {
      await harness.put(inputs(0, 2));
      await harness.commit();
      await harness.put(inputs(2, 4)); // never committed: a new task gets them again
      await harness.restart();
      await harness.put(inputs(2, 4));
      await harness.commit();
      await harness.stop();
      expectDelivered(options, await options.readBack(), expected(0, 4), expected(2, 4));
    }),

  "accepts an empty batch": (options) =>
    withHarness(options, async ({ harness }) => {
      await harness.put([]);
      await harness.commit();
      await harness.stop();
      expect(await options.readBack(), "an empty batch wrote something").toEqual([]);
    }),
});

/**
 * Checks what the destination holds after `repeated` came twice: exactly `all` for an idempotent sink; for an
 * at-least-once sink, `all` in order once duplicates are removed, with each record of `repeated` at most twice.
 */
function expectDelivered(
  options: SinkTaskContractOptions<SinkTask>,
  stored: readonly unknown[],
  all: readonly unknown[],
  repeated: readonly unknown[],
): void {
  if (options.redelivery === "idempotent") {
    expect(stored, "an idempotent sink must hold each record once after a redelivery").toEqual(all);
    return;
  }
  const firsts: unknown[] = [];
  for (const entry of stored) {
    if (!firsts.some((seen) => isDeepStrictEqual(seen, entry))) firsts.push(entry);
  }
  expect(firsts, "records are missing or out of order").toEqual(all);
  for (const entry of stored) {
    const copies = stored.filter((other) => isDeepStrictEqual(other, entry)).length;
    const allowed = repeated.some((item) => isDeepStrictEqual(item, entry)) ? 2 : 1;
    expect(
      copies,
      `${String(entry)} is stored ${copies} times but was delivered ${allowed}`,
    ).toBeLessThanOrEqual(allowed);
  }
}

async function withHarness(
  options: SinkTaskContractOptions<SinkTask>,
  body: (scope: CheckScope) => Promise<void>,
): Promise<void> {
  const topic = options.topic ?? "test-topic";
  const record =
    options.record ??
    ((index: number): SinkRecordInput => ({ value: `record-${index}`, valueSchema: Schema.STRING_SCHEMA }));
  const expectedOf = options.expected ?? ((input: SinkRecordInput) => input.value);
  const inputs = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, i) => ({ ...record(from + i), topic, partition: 0 }));
  const expected = (from: number, to: number) =>
    inputs(from, to).map((input, i) => expectedOf(input, from + i));
  const harness = new SinkTaskHarness({ createTask: options.createTask, topic });
  const partition = TopicPartition.of(topic, 0);
  await options.reset?.();
  try {
    await harness.start(await resolveProps(options.props));
    await harness.open([partition]);
    await body({ harness, partition, inputs, expected });
    await harness.stop();
  } catch (error) {
    // The check's own failure is the one to report; stopping is best effort now.
    await harness.stop().catch(() => undefined);
    throw error;
  } finally {
    await options.cleanup?.();
  }
}
