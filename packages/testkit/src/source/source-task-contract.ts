import type { SourceRecord, SourceTask } from "@tributary/api";
import { describe, it } from "vitest";
import type { PropsInput } from "../props-input.js";
import { sourceTaskChecks } from "./source-task-checks.js";

/** What {@link sourceTaskContract} needs to know about a source connector's task and how to feed it. */
export interface SourceTaskContractOptions<T extends SourceTask> {
  /** The name the suite is reported under, usually the task class's. */
  readonly name: string;
  /** Creates a new, unstarted task. */
  readonly createTask: () => T;
  /**
   * The task's properties. Make the task wait longer for data than `shutdownTimeoutMs` when it has none (say, an
   * hour), so the check that `stop()` ends a pending poll can tell a woken poll from one that merely timed out.
   */
  readonly props: PropsInput;
  /**
   * Appends `count` new items to the source, each of which the task must turn into exactly one record with an id
   * (see `recordId`) no other item has.
   */
  readonly produce: (count: number) => void | Promise<void>;
  /** Empties the source (or points `props` at a new, empty one); called before each check. */
  readonly reset?: () => void | Promise<void>;
  /** Releases what a check used; called after each check, also when it failed. */
  readonly cleanup?: () => void | Promise<void>;
  /** Identifies the item a record came from; by default its value. */
  readonly recordId?: (record: SourceRecord) => unknown;
  /** How long to wait for produced records, in milliseconds; 10,000 by default. */
  readonly timeoutMs?: number;
  /** How long a pending poll may take to settle after `stop()`, in milliseconds; 5,000 by default. */
  readonly shutdownTimeoutMs?: number;
}

/**
 * Registers a vitest suite that checks a source task against the guarantees a worker relies on: each produced item
 * becomes one record; after a clean commit and restart the task resumes exactly after its committed offset (no loss,
 * no duplicate); after a crash it delivers again exactly what was not committed; `stop()` makes a pending `poll()`
 * settle; and the acknowledgement hooks work after `stop()`. Call it at the top level of a test file. Each check
 * runs a fresh {@link SourceTaskHarness} with in-memory offsets, between `reset()` and `cleanup()`.
 *
 * @example
 * ```ts
 * let file = "";
 * let next = 0;
 * sourceTaskContract({
 *   name: "FileStreamSourceTask",
 *   createTask: () => new FileStreamSourceTask(),
 *   reset: async () => { file = join(await mkdtemp(join(tmpdir(), "src-")), "in.txt"); next = 0; },
 *   props: () => ({ file, topic: "lines", "poll.idle.ms": "3600000" }),
 *   produce: async (n) => {
 *     const lines = Array.from({ length: n }, () => `line ${next++}\n`);
 *     await appendFile(file, lines.join(""));
 *   },
 * });
 * ```
 */
export function sourceTaskContract<T extends SourceTask>(options: SourceTaskContractOptions<T>): void {
  describe(`${options.name} (source task contract)`, () => {
    for (const [title, check] of Object.entries(sourceTaskChecks)) {
      it(title, () => check(options));
    }
  });
}
