import { afterEach, describe, expect, it } from "vitest";
import type {
  ConnectorConfigStore,
  ConnectorConfigStoreListener,
} from "../src/herder/stores/connector-config-store.js";

/** What the contract suite needs to exercise one kind of {@link ConnectorConfigStore}. */
export interface ConnectorConfigStoreHarness {
  /** Creates a stopped store over this harness's storage; for a durable store, a later one reads what earlier wrote. */
  create(): ConnectorConfigStore;
  /** Whether what was written survives `stop()` and a new store from `create()`. */
  readonly durable: boolean;
  /** Releases the storage once a test is over. */
  cleanup?(): Promise<void>;
}

/** Collects what a store tells its listener, as `event:name` strings. */
function recordingListener(events: string[]): ConnectorConfigStoreListener {
  return {
    onConnectorConfigUpdate: (name) => events.push(`config:${name}`),
    onConnectorConfigRemove: (name) => events.push(`remove:${name}`),
    onTaskConfigUpdate: (name) => events.push(`tasks:${name}`),
    onTargetStateChange: (name) => events.push(`target:${name}`),
  };
}

/**
 * Registers the tests every {@link ConnectorConfigStore} must pass (the memory store now, a Kafka config-topic store
 * later), under `describe(name)`; `factory` is called once per test for fresh, empty storage.
 */
export function connectorConfigStoreContract(
  name: string,
  factory: () => ConnectorConfigStoreHarness | Promise<ConnectorConfigStoreHarness>,
): void {
  describe(`${name} (ConnectorConfigStore contract)`, () => {
    const opened: ConnectorConfigStore[] = [];
    const harnesses: ConnectorConfigStoreHarness[] = [];

    async function started(): Promise<{ store: ConnectorConfigStore; harness: ConnectorConfigStoreHarness }> {
      const harness = await factory();
      harnesses.push(harness);
      const store = harness.create();
      opened.push(store);
      await store.start();
      return { store, harness };
    }

    afterEach(async () => {
      for (const store of opened.splice(0)) await store.stop();
      for (const harness of harnesses.splice(0)) await harness.cleanup?.();
    });

    it("creates a connector STARTED with no tasks, or in the target state given", async () => {
      const { store } = await started();
      await store.putConnectorConfig("b", { name: "b", "connector.class": "X" });
      await store.putConnectorConfig("a", { name: "a", "connector.class": "X" }, "STOPPED");
      const snapshot = store.snapshot();
      expect(snapshot.connectors).toEqual(["a", "b"]);
      expect(snapshot.connectorConfig("b")).toEqual({ name: "b", "connector.class": "X" });
      expect(snapshot.targetState("b")).toBe("STARTED");
      expect(snapshot.targetState("a")).toBe("STOPPED");
      expect(snapshot.taskConfigs("b")).toEqual([]);
      expect(snapshot.contains("c")).toBe(false);
      expect(snapshot.connectorConfig("c")).toBeUndefined();
    });

    it("keeps task configs and the target state when a config is replaced", async () => {
      const { store } = await started();
      await store.putConnectorConfig("a", { name: "a", v: "1" });
      await store.putTaskConfigs("a", [{ t: "0" }, { t: "1" }]);
      await store.putTargetState("a", "PAUSED");
      await store.putConnectorConfig("a", { name: "a", v: "2" });
      const snapshot = store.snapshot();
      expect(snapshot.connectorConfig("a")).toEqual({ name: "a", v: "2" });
      expect(snapshot.taskConfigs("a")).toEqual([{ t: "0" }, { t: "1" }]);
      expect(snapshot.targetState("a")).toBe("PAUSED");
    });

    it("gives snapshots that later writes leave unchanged", async () => {
      const { store } = await started();
      const config: Record<string, string> = { name: "a", v: "1" };
      await store.putConnectorConfig("a", config);
      const before = store.snapshot();
      config.v = "changed by the caller";
      await store.putConnectorConfig("a", { name: "a", v: "2" });
      await store.putTaskConfigs("a", [{ t: "0" }]);
      await store.putConnectorConfig("b", { name: "b" });
      expect(before.connectorConfig("a")).toEqual({ name: "a", v: "1" });
      expect(before.taskConfigs("a")).toEqual([]);
      expect(before.connectors).toEqual(["a"]);
    });

    it("removes a connector with its tasks and target state; removing it again does nothing", async () => {
      const { store } = await started();
      await store.putConnectorConfig("a", { name: "a" }, "PAUSED");
      await store.putTaskConfigs("a", [{ t: "0" }]);
      await store.removeConnectorConfig("a");
      await store.removeConnectorConfig("a");
      const snapshot = store.snapshot();
      expect(snapshot.connectors).toEqual([]);
      expect(snapshot.taskConfigs("a")).toEqual([]);
      expect(snapshot.targetState("a")).toBeUndefined();
      await store.putConnectorConfig("a", { name: "a" });
      expect(store.snapshot().targetState("a")).toBe("STARTED");
    });

    it("refuses task configs and target states of an unknown connector", async () => {
      const { store } = await started();
      await expect(store.putTaskConfigs("nope", [{}])).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(store.putTargetState("nope", "PAUSED")).rejects.toMatchObject({ code: "NOT_FOUND" });
    });

    it("tells its listener about every write after it is visible", async () => {
      const { store } = await started();
      const events: string[] = [];
      const seen: (string | undefined)[] = [];
      store.setListener({
        ...recordingListener(events),
        onTargetStateChange: (name) => {
          events.push(`target:${name}`);
          seen.push(store.snapshot().targetState(name));
        },
      });
      await store.putConnectorConfig("a", { name: "a" });
      await store.putTaskConfigs("a", [{ t: "0" }]);
      await store.putTargetState("a", "STOPPED");
      await store.removeConnectorConfig("a");
      expect(events).toEqual(["config:a", "tasks:a", "target:a", "remove:a"]);
      expect(seen).toEqual(["STOPPED"]);
    });

    it("applies concurrent writes in call order", async () => {
      const { store } = await started();
      await store.putConnectorConfig("a", { name: "a" });
      await Promise.all([
        store.putTargetState("a", "PAUSED"),
        store.putTargetState("a", "STOPPED"),
        store.putTargetState("a", "STARTED"),
      ]);
      expect(store.snapshot().targetState("a")).toBe("STARTED");
    });

    it("keeps everything across a restart when durable", async () => {
      const { store, harness } = await started();
      await store.putConnectorConfig("a", { name: "a" }, "PAUSED");
      await store.putTaskConfigs("a", [{ t: "0" }]);
      await store.stop();
      if (!harness.durable) return;
      const again = harness.create();
      opened.push(again);
      await again.start();
      expect(again.snapshot().connectorConfig("a")).toEqual({ name: "a" });
      expect(again.snapshot().taskConfigs("a")).toEqual([{ t: "0" }]);
      expect(again.snapshot().targetState("a")).toBe("PAUSED");
    });
  });
}
