import { MemoryOffsetBackingStore, serializeOffsetKey, TopicPartition } from "@tributary/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testRegistry } from "../../test/fake-plugins.js";
import { FakeAdmin, FakeWorker } from "../../test/fake-worker.js";
import { StandaloneHerder } from "../herder/standalone-herder.js";
import { silentLogger } from "../logging/logger.js";
import { LoggerLevels } from "../logging/logger-levels.js";
import { connectRestApi } from "./connect-rest-api.js";
import { RestServer } from "./rest-server.js";

const SOURCE = {
  "connector.class": "LinesSource",
  topic: "lines",
  file: "in.txt",
  "api.password": "pw",
  "tasks.max": "2",
};
const SINK = { "connector.class": "@test/lines/LinesSinkConnector", topics: "lines", file: "out.txt" };

describe("Kafka Connect REST API over the standalone herder", () => {
  let server: RestServer;
  let herder: StandaloneHerder;
  let worker: FakeWorker;
  let admin: FakeAdmin;
  let offsets: MemoryOffsetBackingStore;
  let base: string;

  async function call(method: string, path: string, body?: unknown) {
    const response = await fetch(`${base}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : {
            body: typeof body === "string" ? body : JSON.stringify(body),
            headers: { "content-type": "application/json" },
          }),
    });
    const text = await response.text();
    const type = response.headers.get("content-type") ?? "";
    return {
      status: response.status,
      headers: response.headers,
      body: text === "" ? undefined : type.startsWith("application/json") ? JSON.parse(text) : text,
    };
  }

  beforeEach(async () => {
    worker = new FakeWorker();
    admin = new FakeAdmin();
    offsets = new MemoryOffsetBackingStore();
    await offsets.start();
    server = new RestServer({ listeners: ["http://127.0.0.1:0"] });
    await server.start();
    const bound = server.bound[0];
    if (bound === undefined) throw new Error("not bound");
    base = bound.url;
    herder = new StandaloneHerder({
      worker,
      registry: await testRegistry(),
      workerId: `${bound.host}:${bound.port}`,
      offsetStore: offsets,
      admin,
    });
    await herder.start();
    server.setRouter(
      connectRestApi({
        herder,
        version: "0.1.0",
        commit: "abc",
        loggerLevels: new LoggerLevels(silentLogger),
        metrics: { render: () => "# metrics\n", contentType: "text/plain; version=0.0.4; charset=utf-8" },
      }),
    );
  });

  afterEach(async () => {
    await server.stop();
    await herder.stop();
  });

  it("answers GET / and /health", async () => {
    expect(await call("GET", "/")).toMatchObject({
      status: 200,
      body: { version: "0.1.0", commit: "abc", kafka_cluster_id: "fake-cluster-id" },
    });
    expect(await call("GET", "/health")).toMatchObject({ status: 200, body: { status: "healthy" } });
  });

  it("creates a connector (201) with secrets hidden, and refuses it twice (409)", async () => {
    const created = await call("POST", "/connectors", { name: "src", config: SOURCE });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe("/connectors/src");
    expect(created.body).toEqual({
      name: "src",
      config: { ...SOURCE, name: "src", "api.password": "[hidden]" },
      tasks: [
        { connector: "src", task: 0 },
        { connector: "src", task: 1 },
      ],
      type: "source",
    });
    expect(await call("GET", "/connectors")).toEqual(expect.objectContaining({ status: 200, body: ["src"] }));
    expect(await call("POST", "/connectors", { name: "src", config: SOURCE })).toMatchObject({
      status: 409,
      body: { error_code: 409, message: "Connector src already exists" },
    });
    // A config sent back as shown keeps its secret.
    const shown = (await call("GET", "/connectors/src/config")).body;
    expect((await call("PUT", "/connectors/src/config", { ...shown, file: "other.txt" })).status).toBe(200);
    expect(worker.connectors.get("src")?.props).toMatchObject({ "api.password": "pw", file: "other.txt" });
    const tasks = await call("GET", "/connectors/src/tasks");
    expect(tasks.body).toEqual([
      { id: { connector: "src", task: 0 }, config: { "task.index": "0", secret: "[hidden]" } },
      { id: { connector: "src", task: 1 }, config: { "task.index": "1", secret: "[hidden]" } },
    ]);
  });

  it("refuses an invalid config with 400 naming each error, and a body that is not a connector", async () => {
    const invalid = await call("POST", "/connectors", { name: "src", config: { ...SOURCE, topic: "" } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error_code).toBe(400);
    expect(invalid.body.message).toMatch(
      /^Connector configuration is invalid and contains the following 1 error\(s\):\ntopic: /,
    );
    const unknown = await call("POST", "/connectors", { name: "x", config: { "connector.class": "NoSuch" } });
    expect(unknown).toMatchObject({ status: 400, body: { error_code: 400 } });
    expect(unknown.body.message).toContain('No connector is named "NoSuch"');
    expect(await call("POST", "/connectors", { config: SOURCE })).toMatchObject({
      status: 400,
      body: {
        message:
          "The request body is not a connector: {name, config, initial_state?}: the body must have required property 'name'.",
      },
    });
    expect(await call("POST", "/connectors", "{not json")).toMatchObject({ status: 400 });
    expect(await call("GET", "/connectors")).toMatchObject({ body: [] });
  });

  it("reports status, with expand=status and expand=info", async () => {
    await call("POST", "/connectors", { name: "src", config: SOURCE });
    const workerId = base.replace("http://", "");
    const status = {
      name: "src",
      connector: { state: "RUNNING", worker_id: workerId },
      tasks: [
        { id: 0, state: "RUNNING", worker_id: workerId },
        { id: 1, state: "RUNNING", worker_id: workerId },
      ],
      type: "source",
    };
    expect((await call("GET", "/connectors/src/status")).body).toEqual(status);
    expect((await call("GET", "/connectors/src/tasks/1/status")).body).toEqual({
      id: 1,
      state: "RUNNING",
      worker_id: workerId,
    });
    const expanded = await call("GET", "/connectors?expand=status&expand=info");
    expect(expanded.body.src.status).toEqual(status);
    expect(expanded.body.src.info.type).toBe("source");
    expect((await call("GET", "/connectors?expand=status")).body.src.info).toBeUndefined();
  });

  it("puts configs (201 then 200), patches them, and checks the name", async () => {
    const created = await call("PUT", "/connectors/snk/config", SINK);
    expect(created.status).toBe(201);
    expect(created.body.type).toBe("sink");
    const updated = await call("PUT", "/connectors/snk/config", { ...SINK, file: "other.txt" });
    expect(updated.status).toBe(200);
    expect((await call("GET", "/connectors/snk/config")).body).toEqual({
      ...SINK,
      file: "other.txt",
      name: "snk",
    });
    const patched = await call("PATCH", "/connectors/snk/config", { file: null, "tasks.max": 3 });
    expect(patched.status).toBe(200);
    expect(patched.body.config).toEqual({ ...SINK, file: undefined, name: "snk", "tasks.max": "3" });
    expect(patched.body.tasks).toHaveLength(3);
    expect(await call("PUT", "/connectors/snk/config", { ...SINK, name: "other" })).toMatchObject({
      status: 400,
      body: { message: "Connector name configuration (other) doesn't match connector name in the URL (snk)" },
    });
    expect(await call("PATCH", "/connectors/none/config", { file: "x" })).toMatchObject({ status: 404 });
  });

  it("pauses (202), resumes (202) and stops (204) a connector; a stopped one has no tasks", async () => {
    await call("POST", "/connectors", { name: "src", config: SOURCE });
    expect((await call("PUT", "/connectors/src/pause")).status).toBe(202);
    let status = (await call("GET", "/connectors/src/status")).body;
    expect([status.connector.state, ...status.tasks.map((t: { state: string }) => t.state)]).toEqual([
      "PAUSED",
      "PAUSED",
      "PAUSED",
    ]);
    expect((await call("PUT", "/connectors/src/resume")).status).toBe(202);
    status = (await call("GET", "/connectors/src/status")).body;
    expect(status.connector.state).toBe("RUNNING");
    expect(status.tasks.map((t: { state: string }) => t.state)).toEqual(["RUNNING", "RUNNING"]);

    expect((await call("PUT", "/connectors/src/stop")).status).toBe(204);
    status = (await call("GET", "/connectors/src/status")).body;
    expect(status.connector.state).toBe("STOPPED");
    expect(status.tasks).toEqual([]);
    expect((await call("GET", "/connectors/src/tasks")).body).toEqual([]);
    expect(worker.taskIds("src")).toEqual([]);

    expect((await call("PUT", "/connectors/src/resume")).status).toBe(202);
    status = (await call("GET", "/connectors/src/status")).body;
    expect(status.connector.state).toBe("RUNNING");
    expect(status.tasks).toHaveLength(2);
  });

  it("creates a connector in its initial state", async () => {
    await call("POST", "/connectors", { name: "src", config: SOURCE, initial_state: "STOPPED" });
    expect((await call("GET", "/connectors/src/status")).body).toMatchObject({
      connector: { state: "STOPPED" },
      tasks: [],
    });
    expect(
      await call("POST", "/connectors", { name: "b", config: SOURCE, initial_state: "SLEEPING" }),
    ).toMatchObject({
      status: 400,
    });
  });

  it("shows, alters and resets a source's offsets, only when STOPPED", async () => {
    await call("POST", "/connectors", { name: "src", config: SOURCE });
    await offsets.set(
      new Map([
        [serializeOffsetKey("src", { filename: "in.txt" }), '{"position":30}'],
        [serializeOffsetKey("other", { filename: "in.txt" }), '{"position":99}'],
      ]),
    );
    expect((await call("GET", "/connectors/src/offsets")).body).toEqual({
      offsets: [{ partition: { filename: "in.txt" }, offset: { position: 30 } }],
    });
    const change = { offsets: [{ partition: { filename: "in.txt" }, offset: { position: 5 } }] };
    const refused = await call("PATCH", "/connectors/src/offsets", change);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(
      /^Connectors must be in the STOPPED state before their offsets can be modified/,
    );

    await call("PUT", "/connectors/src/stop");
    expect(await call("PATCH", "/connectors/src/offsets", change)).toMatchObject({
      status: 200,
      body: {
        message:
          "The Connect framework-managed offsets for this connector have been altered successfully. However, if this connector manages offsets externally, they will need to be manually altered in the system that the connector uses.",
      },
    });
    expect((await call("GET", "/connectors/src/offsets")).body.offsets).toEqual([
      { partition: { filename: "in.txt" }, offset: { position: 5 } },
    ]);
    expect(
      await call("PATCH", "/connectors/src/offsets", { offsets: [{ partition: "x", offset: null }] }),
    ).toMatchObject({
      status: 400,
    });
    expect((await call("DELETE", "/connectors/src/offsets")).body.message).toMatch(
      /have been reset successfully/,
    );
    expect((await call("GET", "/connectors/src/offsets")).body).toEqual({ offsets: [] });
    expect(await offsets.get([serializeOffsetKey("other", { filename: "in.txt" })])).toHaveProperty(
      "size",
      1,
    );
  });

  it("shows and alters a sink's consumer group offsets", async () => {
    await call("POST", "/connectors", { name: "snk", config: SINK });
    await admin.alterGroupOffsets("connect-snk", new Map([[TopicPartition.of("lines", 0), 12n]]));
    expect((await call("GET", "/connectors/snk/offsets")).body).toEqual({
      offsets: [{ partition: { kafka_topic: "lines", kafka_partition: 0 }, offset: { kafka_offset: 12 } }],
    });
    await call("PUT", "/connectors/snk/stop");
    const change = {
      offsets: [
        { partition: { kafka_topic: "lines", kafka_partition: 0 }, offset: null },
        { partition: { kafka_topic: "lines", kafka_partition: 1 }, offset: { kafka_offset: 7 } },
      ],
    };
    expect((await call("PATCH", "/connectors/snk/offsets", change)).status).toBe(200);
    expect((await call("GET", "/connectors/snk/offsets")).body.offsets).toEqual([
      { partition: { kafka_topic: "lines", kafka_partition: 1 }, offset: { kafka_offset: 7 } },
    ]);
    const bad = { offsets: [{ partition: { kafka_topic: "lines" }, offset: { kafka_offset: 1 } }] };
    expect(await call("PATCH", "/connectors/snk/offsets", bad)).toMatchObject({
      status: 400,
      body: {
        message:
          'The offsets are malformed: offsets[0].partition needs "kafka_partition", a non-negative integer.',
      },
    });
  });

  it("restarts the connector alone (204), or failed instances with includeTasks&onlyFailed (202)", async () => {
    await call("POST", "/connectors", { name: "src", config: SOURCE });
    worker.calls.length = 0;
    expect((await call("POST", "/connectors/src/restart")).status).toBe(204);
    expect(worker.calls).toEqual(["stopConnector src", "startConnector src STARTED"]);

    worker.failTask("src", 1);
    worker.calls.length = 0;
    const restarted = await call("POST", "/connectors/src/restart?includeTasks=true&onlyFailed=true");
    expect(restarted.status).toBe(202);
    expect(restarted.body.connector.state).toBe("RUNNING");
    expect(restarted.body.tasks.map((t: { state: string }) => t.state)).toEqual(["RUNNING", "RESTARTING"]);
    expect(worker.calls).toEqual(["stopTask src-1", "startTask src-1"]);
    expect((await call("GET", "/connectors/src/tasks/1/status")).body.state).toBe("RUNNING");

    worker.calls.length = 0;
    expect((await call("POST", "/connectors/src/tasks/0/restart")).status).toBe(204);
    expect(worker.calls).toEqual(["stopTask src-0", "startTask src-0"]);
    expect((await call("POST", "/connectors/src/tasks/7/restart")).status).toBe(404);
    expect((await call("GET", "/connectors/src/tasks/x/status")).status).toBe(404);
    expect((await call("POST", "/connectors/src/restart?includeTasks=maybe")).status).toBe(400);
  });

  it("deletes a connector (204), after which it is not found (404)", async () => {
    await call("POST", "/connectors", { name: "src", config: SOURCE });
    expect((await call("DELETE", "/connectors/src")).status).toBe(204);
    expect(worker.connectors.size).toBe(0);
    expect(worker.tasks.size).toBe(0);
    expect(await call("GET", "/connectors/src")).toMatchObject({
      status: 404,
      body: { error_code: 404, message: "Connector src not found" },
    });
    expect((await call("GET", "/connectors/src/status")).status).toBe(404);
    expect((await call("DELETE", "/connectors/src")).status).toBe(404);
  });

  it("shows active topics and resets them", async () => {
    await call("POST", "/connectors", { name: "src", config: SOURCE });
    const listener = worker.connectors.get("src")?.listener;
    listener?.onTopicActive?.("src", "lines");
    await new Promise((resolve) => setImmediate(resolve));
    expect((await call("GET", "/connectors/src/topics")).body).toEqual({ src: { topics: ["lines"] } });
    expect((await call("PUT", "/connectors/src/topics/reset")).status).toBe(202);
    expect((await call("GET", "/connectors/src/topics")).body).toEqual({ src: { topics: [] } });
  });

  it("lists plugins, their config definitions, and validates configs", async () => {
    const connectors = (await call("GET", "/connector-plugins")).body as { class: string; type: string }[];
    expect(connectors.every((p) => p.type === "source" || p.type === "sink")).toBe(true);
    expect(connectors).toContainEqual({
      class: "@test/lines/LinesSourceConnector",
      type: "source",
      version: "1.0.0",
    });
    const all = (await call("GET", "/connector-plugins?connectorsOnly=false")).body as { type: string }[];
    expect(all.some((p) => p.type === "transformation")).toBe(true);
    const definitions = (await call("GET", "/connector-plugins/LinesSource/config")).body as {
      name: string;
    }[];
    expect(definitions.map((d) => d.name)).toEqual(["file", "topic", "api.password"]);
    expect((await call("GET", "/connector-plugins/NoSuch/config")).status).toBe(404);

    const valid = await call("PUT", "/connector-plugins/LinesSource/config/validate", {
      name: "x",
      topic: "t",
    });
    expect(valid.status).toBe(200);
    expect(valid.body).toMatchObject({ name: "LinesSource", error_count: 0 });
    const invalid = await call("PUT", "/connector-plugins/LinesSourceConnector/config/validate", {
      name: "x",
      "connector.class": "LinesSource",
    });
    expect(invalid.body.error_count).toBe(1);
    expect(
      await call("PUT", "/connector-plugins/LinesSource/config/validate", { "connector.class": "LinesSink" }),
    ).toMatchObject({
      status: 400,
      body: { message: "Included connector type LinesSink does not match request type LinesSource" },
    });
  });

  it("shows and sets log levels", async () => {
    expect((await call("GET", "/admin/loggers")).body).toEqual({
      root: { level: "INFO", last_modified: null },
    });
    const set = await call("PUT", "/admin/loggers/tributary.worker", { level: "debug" });
    expect(set).toMatchObject({ status: 200, body: ["tributary.worker"] });
    expect((await call("GET", "/admin/loggers/tributary.worker")).body).toEqual({ level: "DEBUG" });
    expect((await call("GET", "/admin/loggers/nope")).status).toBe(404);
    expect(await call("PUT", "/admin/loggers/root", { level: "LOUD" })).toMatchObject({ status: 400 });
  });

  it("serves metrics as Prometheus text, and Kafka's errors for unknown paths and methods", async () => {
    const metrics = await call("GET", "/metrics");
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get("content-type")).toContain("text/plain; version=0.0.4");
    expect(metrics.body).toBe("# metrics\n");
    expect(await call("GET", "/nope")).toMatchObject({
      status: 404,
      body: { error_code: 404, message: "HTTP 404 Not Found" },
    });
    expect(await call("DELETE", "/connectors")).toMatchObject({ status: 405, body: { error_code: 405 } });
  });
});

describe("RestServer", () => {
  it("answers 503 until the routes are set, and refuses listeners it cannot serve", async () => {
    const server = new RestServer({ listeners: ["http://127.0.0.1:0"] });
    await server.start();
    try {
      const url = server.bound[0]?.url ?? "";
      expect((await fetch(`${url}/health`)).status).toBe(503);
      expect((await fetch(`${url}/connectors`)).status).toBe(503);
    } finally {
      await server.stop();
    }
    expect(() => new RestServer({ listeners: ["https://127.0.0.1:8443"] })).toThrow(/only http is supported/);
    expect(() => new RestServer({ listeners: ["127.0.0.1:8083"] })).toThrow(
      /not of the form http:\/\/host:port/,
    );
  });

  it("names the address when a port is taken", async () => {
    const first = new RestServer({ listeners: ["http://127.0.0.1:0"] });
    await first.start();
    try {
      const port = first.bound[0]?.port;
      const second = new RestServer({ listeners: [`http://127.0.0.1:${port}`] });
      await expect(second.start()).rejects.toThrow(`The REST API cannot listen on 127.0.0.1:${port}`);
    } finally {
      await first.stop();
    }
  });
});
