import { MemoryOffsetBackingStore } from "@tributary/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testRegistry } from "../../test/fake-plugins.js";
import { FakeAdmin, FakeWorker } from "../../test/fake-worker.js";
import { StandaloneHerder } from "./standalone-herder.js";

const SOURCE = { "connector.class": "LinesSource", topic: "lines", "tasks.max": "2" };

describe("StandaloneHerder", () => {
  let worker: FakeWorker;
  let admin: FakeAdmin;
  let herder: StandaloneHerder;

  beforeEach(async () => {
    worker = new FakeWorker();
    admin = new FakeAdmin();
    herder = new StandaloneHerder({
      worker,
      registry: await testRegistry(),
      workerId: "127.0.0.1:8083",
      offsetStore: new MemoryOffsetBackingStore(),
      admin,
    });
    await herder.start();
  });

  afterEach(async () => {
    await herder.stop();
  });

  it("replaces the tasks when the connector asks for reconfiguration and its task configs changed", async () => {
    await herder.putConnectorConfig("src", SOURCE, { allowReplace: false });
    expect(worker.taskIds("src")).toEqual([0, 1]);
    worker.calls.length = 0;
    worker.taskCount = 1;
    worker.connectors.get("src")?.listener.onTaskReconfigurationRequested("src");
    await herder.resumeConnector("src"); // changes run in order: this one waits for the reconfiguration
    expect(worker.taskIds("src")).toEqual([0]);
    expect((await herder.connectorStatus("src")).tasks.map((task) => task.id)).toEqual([0]);
    expect(worker.calls.slice(0, 3)).toEqual(["stopTask src-0", "stopTask src-1", "startTask src-0"]);
  });

  it("keeps the running tasks when a reconfiguration yields the same task configs", async () => {
    await herder.putConnectorConfig("src", SOURCE, { allowReplace: false });
    worker.calls.length = 0;
    worker.connectors.get("src")?.listener.onTaskReconfigurationRequested("src");
    await herder.pauseConnector("src"); // queued after the reconfiguration
    expect(worker.calls).toEqual(["setTargetState src PAUSED"]);
  });

  it("restarts the connector and tasks when its config is replaced", async () => {
    await herder.putConnectorConfig("src", SOURCE, { allowReplace: false });
    worker.calls.length = 0;
    const { created, info } = await herder.putConnectorConfig(
      "src",
      { ...SOURCE, "tasks.max": "3" },
      { allowReplace: true },
    );
    expect(created).toBe(false);
    expect(info.tasks).toHaveLength(3);
    expect(worker.calls).toEqual([
      "stopTask src-0",
      "stopTask src-1",
      "stopConnector src",
      "startConnector src STARTED",
      "startTask src-0",
      "startTask src-1",
      "startTask src-2",
    ]);
  });

  it("reports a connector that fails to start as FAILED with its trace, and restarts only what failed", async () => {
    await herder.putConnectorConfig("bad", { ...SOURCE, fail: "true" }, { allowReplace: false });
    const status = await herder.connectorStatus("bad");
    expect(status.connector).toEqual({
      state: "FAILED",
      worker_id: "127.0.0.1:8083",
      trace: "Error: boom\n    at start",
    });
    expect(status.tasks).toEqual([]);
    worker.calls.length = 0;
    const accepted = await herder.restartConnectorAndTasks({
      connector: "bad",
      includeTasks: true,
      onlyFailed: true,
    });
    expect(accepted.connector.state).toBe("RESTARTING");
    expect(worker.calls).toEqual(["stopConnector bad", "startConnector bad STARTED"]);
  });

  it("forgets a deleted connector's statuses, even if the worker reports late", async () => {
    await herder.putConnectorConfig("src", SOURCE, { allowReplace: false });
    const listener = worker.connectors.get("src")?.listener;
    await herder.deleteConnector("src");
    listener?.onConnectorState("src", "RUNNING");
    listener?.onTaskState("src", 0, "RUNNING");
    await expect(herder.connectorStatus("src")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await herder.putConnectorConfig("src", SOURCE, { allowReplace: false, initialState: "STOPPED" });
    expect((await herder.connectorStatus("src")).tasks).toEqual([]);
  });

  it("creates a PAUSED connector without tasks until it is resumed", async () => {
    await herder.putConnectorConfig("src", SOURCE, { allowReplace: false, initialState: "PAUSED" });
    expect((await herder.connectorStatus("src")).connector.state).toBe("PAUSED");
    expect(worker.taskIds("src")).toEqual([]);
    await herder.resumeConnector("src");
    expect(worker.taskIds("src")).toEqual([0, 1]);
  });

  it("stops the worker and closes the admin client when it stops", async () => {
    await herder.stop();
    expect(worker.stopped).toBe(true);
    expect(admin.closed).toBe(true);
    expect(herder.ready).toBe(false);
  });
});

describe("StandaloneHerder task configs", () => {
  it("keeps config provider references in task configs instead of the resolved secrets", async () => {
    process.env.TRIBUTARY_TEST_SECRET = "s3cret";
    const worker = new FakeWorker();
    const herder = new StandaloneHerder({
      worker,
      registry: await testRegistry(),
      workerId: "w",
      offsetStore: new MemoryOffsetBackingStore(),
      admin: new FakeAdmin(),
    });
    await herder.start();
    try {
      // The fake connector puts secret=s3cret into every task config, as a connector passing its resolved key would.
      await herder.putConnectorConfig(
        "src",
        { ...SOURCE, secret: "${env:TRIBUTARY_TEST_SECRET}" },
        { allowReplace: false },
      );
      expect(worker.tasks.get("src#0")).toEqual({
        "task.index": "0",
        secret: "${env:TRIBUTARY_TEST_SECRET}",
      });
    } finally {
      await herder.stop();
      delete process.env.TRIBUTARY_TEST_SECRET;
    }
  });
});
