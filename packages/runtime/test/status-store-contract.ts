import { afterEach, describe, expect, it } from "vitest";
import type { StatusStore } from "../src/herder/stores/status-store.js";

/** What the contract suite needs to exercise one kind of {@link StatusStore}. */
export interface StatusStoreHarness {
  /** Creates a stopped store over fresh storage. */
  create(): StatusStore;
  /** Releases the storage once a test is over. */
  cleanup?(): Promise<void>;
}

const WORKER = "127.0.0.1:8083";

/**
 * Registers the tests every {@link StatusStore} must pass (the memory store now, a Kafka status-topic store later),
 * under `describe(name)`; `factory` is called once per test.
 */
export function statusStoreContract(
  name: string,
  factory: () => StatusStoreHarness | Promise<StatusStoreHarness>,
): void {
  describe(`${name} (StatusStore contract)`, () => {
    const opened: StatusStore[] = [];
    const harnesses: StatusStoreHarness[] = [];

    async function started(): Promise<StatusStore> {
      const harness = await factory();
      harnesses.push(harness);
      const store = harness.create();
      opened.push(store);
      await store.start();
      return store;
    }

    afterEach(async () => {
      for (const store of opened.splice(0)) await store.stop();
      for (const harness of harnesses.splice(0)) await harness.cleanup?.();
    });

    it("keeps the last state of connectors and tasks, with worker and trace", async () => {
      const store = await started();
      await store.putConnector({ connector: "b", state: "RUNNING", workerId: WORKER, generation: 0 });
      await store.putConnector({ connector: "a", state: "UNASSIGNED", workerId: WORKER, generation: 0 });
      await store.putConnector({
        connector: "a",
        state: "FAILED",
        trace: "boom",
        workerId: WORKER,
        generation: 0,
      });
      await store.putTask({ connector: "a", task: 1, state: "RUNNING", workerId: WORKER, generation: 0 });
      await store.putTask({ connector: "a", task: 0, state: "PAUSED", workerId: WORKER, generation: 0 });
      expect(store.connectors()).toEqual(["a", "b"]);
      expect(store.connector("a")).toEqual({
        connector: "a",
        state: "FAILED",
        trace: "boom",
        workerId: WORKER,
        generation: 0,
      });
      expect(store.tasks("a").map((t) => [t.task, t.state])).toEqual([
        [0, "PAUSED"],
        [1, "RUNNING"],
      ]);
      expect(store.task("a", 1)?.state).toBe("RUNNING");
      expect(store.task("a", 2)).toBeUndefined();
      expect(store.connector("c")).toBeUndefined();
      expect(store.tasks("c")).toEqual([]);
    });

    it("does not let a report of an older generation replace a newer one", async () => {
      const store = await started();
      await store.putConnector({ connector: "a", state: "RUNNING", workerId: "w2", generation: 5 });
      await store.putConnector({ connector: "a", state: "FAILED", workerId: "w1", generation: 4 });
      await store.putTask({ connector: "a", task: 0, state: "RUNNING", workerId: "w2", generation: 5 });
      await store.putTask({ connector: "a", task: 0, state: "FAILED", workerId: "w1", generation: 4 });
      expect(store.connector("a")?.workerId).toBe("w2");
      expect(store.task("a", 0)?.state).toBe("RUNNING");
    });

    it("forgets a task, and a connector with its tasks and topics", async () => {
      const store = await started();
      await store.putConnector({ connector: "a", state: "RUNNING", workerId: WORKER, generation: 0 });
      await store.putTask({ connector: "a", task: 0, state: "RUNNING", workerId: WORKER, generation: 0 });
      await store.putTask({ connector: "a", task: 1, state: "RUNNING", workerId: WORKER, generation: 0 });
      await store.putTopic("a", "t");
      await store.deleteTask("a", 1);
      expect(store.tasks("a").map((t) => t.task)).toEqual([0]);
      await store.deleteConnector("a");
      expect(store.connector("a")).toBeUndefined();
      expect(store.tasks("a")).toEqual([]);
      expect(store.topics("a")).toEqual([]);
      expect(store.connectors()).toEqual([]);
    });

    it("records each active topic once, and resets them", async () => {
      const store = await started();
      await store.putTopic("a", "zeta");
      await store.putTopic("a", "alpha");
      await store.putTopic("a", "zeta");
      await store.putTopic("b", "other");
      expect(store.topics("a")).toEqual(["alpha", "zeta"]);
      await store.deleteTopics("a");
      expect(store.topics("a")).toEqual([]);
      expect(store.topics("b")).toEqual(["other"]);
    });

    it("returns records a caller cannot change", async () => {
      const store = await started();
      const status = { connector: "a", state: "RUNNING" as const, workerId: WORKER, generation: 0 };
      await store.putConnector(status);
      (status as { state: string }).state = "FAILED";
      expect(store.connector("a")?.state).toBe("RUNNING");
    });
  });
}
