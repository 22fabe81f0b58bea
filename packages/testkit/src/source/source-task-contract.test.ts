import { describe, expect, it } from "vitest";
import { type ListSourceFault, ListSourceTask, produceItems } from "../../test/list-source-task.js";
import { sourceTaskChecks } from "./source-task-checks.js";
import { type SourceTaskContractOptions, sourceTaskContract } from "./source-task-contract.js";

function options(fault: ListSourceFault): SourceTaskContractOptions<ListSourceTask> {
  return {
    name: `ListSourceTask (${fault})`,
    createTask: () => new ListSourceTask(),
    // Polls wait an hour for data, so only stop() can end one early.
    props: { "idle.ms": "3600000" },
    produce: produceItems,
    reset: () => ListSourceTask.reset(fault),
    timeoutMs: 500,
    shutdownTimeoutMs: 300,
  };
}

sourceTaskContract(options("none"));

describe("the source task contract catches", () => {
  const cases: [ListSourceFault, string, RegExp][] = [
    ["duplicates", "turns each produced item into exactly one record", /5 records with distinct ids/],
    [
      "ignores-offsets",
      "resumes exactly after its committed offset after a clean restart",
      /delivered again/,
    ],
    [
      "skips-uncommitted",
      "delivers again, after a crash, exactly what was polled but not committed",
      /pollUntil\(\) waited 500 ms for 2 records but collected 0/,
    ],
    [
      "deaf-to-stop",
      "lets stop() end a pending poll, which then returns no records",
      /still pending 300 ms after stop/,
    ],
    ["fails-after-stop", "accepts commitRecord() and commit() after stop()", /closed/],
  ];
  for (const [fault, title, message] of cases) {
    it(`a task that ${fault}, in "${title}"`, async () => {
      const check = sourceTaskChecks[title];
      expect(check).toBeDefined();
      await expect(check?.(options(fault))).rejects.toThrow(message);
    });
  }
});
