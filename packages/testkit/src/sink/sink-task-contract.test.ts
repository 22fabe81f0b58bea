import { describe, expect, it } from "vitest";
import { type ListSinkFault, ListSinkTask } from "../../test/list-sink-task.js";
import { sinkTaskChecks } from "./sink-task-checks.js";
import {
  type RedeliverySemantics,
  type SinkTaskContractOptions,
  sinkTaskContract,
} from "./sink-task-contract.js";

function options(
  fault: ListSinkFault,
  redelivery: RedeliverySemantics,
): SinkTaskContractOptions<ListSinkTask> {
  return {
    name: `ListSinkTask (${fault})`,
    createTask: () => new ListSinkTask(),
    props: { topics: "test-topic" },
    readBack: () => ListSinkTask.readBack(),
    redelivery,
    reset: () => ListSinkTask.reset(fault),
  };
}

sinkTaskContract(options("none", "at-least-once"));
sinkTaskContract(options("idempotent", "idempotent"));

describe("the sink task contract catches", () => {
  const cases: [ListSinkFault, RedeliverySemantics, string, RegExp][] = [
    ["commits-unflushed", "at-least-once", "makes every record below a committed offset durable", /missing/],
    ["overwrites-buffer", "at-least-once", "keeps a redelivered batch harmless", /missing or out of order/],
    ["none", "idempotent", "keeps a redelivered batch harmless", /must hold each record once/],
    [
      "none",
      "idempotent",
      "keeps records delivered again after a restart from the committed offsets harmless",
      /must hold each record once/,
    ],
    ["writes-empty", "at-least-once", "accepts an empty batch", /an empty batch wrote something/],
  ];
  for (const [fault, redelivery, title, message] of cases) {
    it(`a task that ${fault} declared ${redelivery}, in "${title}"`, async () => {
      const check = sinkTaskChecks[title];
      expect(check).toBeDefined();
      await expect(check?.(options(fault, redelivery))).rejects.toThrow(message);
    });
  }

  it("a record stored more often than it was delivered", async () => {
    // An at-least-once sink may repeat what came twice, never what came once.
    const doubled = {
      ...options("none", "at-least-once"),
      readBack: () => ListSinkTask.readBack().flatMap((v) => [v, v]),
    };
    await expect(sinkTaskChecks["keeps a redelivered batch harmless"]?.(doubled)).rejects.toThrow(
      /record-0 is stored 2 times but was delivered 1/,
    );
  });
});
