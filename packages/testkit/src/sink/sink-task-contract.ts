import type { SinkTask } from "@tributary/api";
import { describe, it } from "vitest";
import type { PropsInput } from "../props-input.js";
import type { SinkRecordInput } from "./sink-record-input.js";
import { sinkTaskChecks } from "./sink-task-checks.js";

/**
 * What a sink does with a batch it receives again: `idempotent` sinks end up with each record once (upserts by
 * key, writes keyed by offset); `at-least-once` sinks may keep duplicates, but only of records delivered again.
 */
export type RedeliverySemantics = "idempotent" | "at-least-once";

/** What {@link sinkTaskContract} needs to know about a sink connector's task and its destination. */
export interface SinkTaskContractOptions<T extends SinkTask> {
  /** The name the suite is reported under, usually the task class's. */
  readonly name: string;
  /** Creates a new, unstarted task. */
  readonly createTask: () => T;
  /** The task's properties; `topics` should name the contract's topic (`topic`). */
  readonly props: PropsInput;
  /**
   * Reads what the destination holds, in the order it was written, through a path other than the task (read the
   * file, query the table), as one entry per record that `expected` can be compared with.
   */
  readonly readBack: () => readonly unknown[] | Promise<readonly unknown[]>;
  /** What the destination may hold after a batch came twice. */
  readonly redelivery: RedeliverySemantics;
  /** The record with index `i` (0, 1, …); by default the string value `record-<i>` with a STRING schema. */
  readonly record?: (index: number) => SinkRecordInput;
  /** What `readBack()` shows for the record made by `record(i)`; by default its value. */
  readonly expected?: (input: SinkRecordInput, index: number) => unknown;
  /** The topic records are put to; `"test-topic"` by default. */
  readonly topic?: string;
  /** Empties the destination (or points `props` at a new, empty one); called before each check. */
  readonly reset?: () => void | Promise<void>;
  /** Releases what a check used; called after each check, also when it failed. */
  readonly cleanup?: () => void | Promise<void>;
}

/**
 * Registers a vitest suite that checks a sink task against the guarantees a worker relies on: every record below an
 * offset `preCommit()` returns is durable in the destination (as `readBack` sees it); a batch delivered again,
 * directly or after a restart from the committed offsets, leaves the destination as the declared `redelivery`
 * semantics allow; and empty batches are harmless. Call it at the top level of a test file. Each check runs a
 * fresh {@link SinkTaskHarness} between `reset()` and `cleanup()`.
 *
 * A sink whose `preCommit()` never returns an offset (one that keeps offsets in the destination) fails the first
 * check: the suite has no other way to learn what the sink claims is durable.
 *
 * @example
 * ```ts
 * let file = "";
 * sinkTaskContract({
 *   name: "FileStreamSinkTask",
 *   createTask: () => new FileStreamSinkTask(),
 *   reset: async () => { file = join(await mkdtemp(join(tmpdir(), "sink-")), "out.txt"); },
 *   props: () => ({ file, topics: "test-topic" }),
 *   readBack: async () => (await readFile(file, "utf8")).split("\n").slice(0, -1),
 *   redelivery: "at-least-once",
 * });
 * ```
 */
export function sinkTaskContract<T extends SinkTask>(options: SinkTaskContractOptions<T>): void {
  describe(`${options.name} (sink task contract)`, () => {
    for (const [title, check] of Object.entries(sinkTaskChecks)) {
      it(title, () => check(options));
    }
  });
}
