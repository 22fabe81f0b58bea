/**
 * The scenario of every Kafka Connect tutorial, against a real broker and a real `tributary standalone` process (the
 * built bin), driven only through the REST API and files: a file source into a topic, a file sink out of it, pause,
 * resume, stop, altered offsets, restarts, delete, and a restart of the worker that loses nothing.
 */
import { spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  consume,
  describeWithKafka,
  kafkaBrokers,
  testClients,
  text,
  uniqueName,
} from "./kafka-test-support.js";
import {
  eventually,
  killWorker,
  type RunningWorker,
  STANDALONE_BIN,
  startStandaloneWorker,
  writeQuickstartWorkerProperties,
} from "./standalone-process.js";

const BIN = STANDALONE_BIN;

const workers: RunningWorker[] = [];

/** Starts `tributary standalone`, to be killed after the test if it still runs. */
async function startWorker(dir: string, connectorFiles: readonly string[] = []): Promise<RunningWorker> {
  const worker = await startStandaloneWorker(dir, connectorFiles);
  workers.push(worker);
  return worker;
}

/** Stops a worker as a service manager does (SIGTERM) and resolves with its exit code. */
async function stopWorker(worker: RunningWorker): Promise<number | null> {
  worker.process.kill("SIGTERM");
  return worker.exited;
}

async function rest(worker: RunningWorker, method: string, path: string, body?: unknown) {
  const response = await fetch(`${worker.url}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  const raw = await response.text();
  return { status: response.status, body: (raw === "" ? undefined : JSON.parse(raw)) as never };
}

/** The states of a connector and its tasks, as `["RUNNING", "RUNNING"]`. */
async function states(worker: RunningWorker, name: string): Promise<string[]> {
  const { body } = await rest(worker, "GET", `/connectors/${name}/status`);
  const status = body as { connector: { state: string }; tasks: { state: string }[] };
  return [status.connector.state, ...status.tasks.map((task) => task.state)];
}

function lines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").slice(0, -1) : [];
}

/** Topics and consumer groups a test made, deleted after it so that a broker kept between runs does not collect them. */
const made = { topics: [] as string[], groups: [] as string[] };

afterEach(async () => {
  for (const worker of workers.splice(0)) await killWorker(worker);
  if (made.topics.length + made.groups.length === 0) return;
  const clients = testClients();
  try {
    await clients.admin().deleteGroups(made.groups.splice(0));
    await clients.admin().deleteTopics(made.topics.splice(0));
  } finally {
    await clients.close();
  }
});

describeWithKafka("tributary standalone: the Kafka Connect tutorial", () => {
  it("runs a file source and sink through Kafka, managed through the REST API, and resumes after a restart with no loss", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tributary-standalone-"));
    const topic = uniqueName("connect-test");
    const input = join(dir, "test.txt");
    const output = join(dir, "test.sink.txt");
    writeFileSync(input, "");
    // Kafka's quickstart worker: JSON with schemas, offsets in a file.
    writeQuickstartWorkerProperties(dir, kafkaBrokers());
    // Unique connector names: a sink's consumer group (connect-<name>) outlives it on a broker kept between runs.
    const src = uniqueName("local-file-source");
    const snk = uniqueName("local-file-sink");
    const source = { "connector.class": "FileStreamSource", "tasks.max": "1", file: input, topic };
    made.topics.push(topic);
    made.groups.push(`connect-${snk}`);
    const sink = { "connector.class": "FileStreamSink", "tasks.max": "1", file: output, topics: topic };

    let worker = await startWorker(dir);
    expect(await rest(worker, "GET", "/health")).toMatchObject({ status: 200, body: { status: "healthy" } });

    // A source through the REST API, RUNNING; lines appended to its file arrive in the topic.
    expect(await rest(worker, "POST", "/connectors", { name: src, config: source })).toMatchObject({
      status: 201,
      body: {
        name: src,
        type: "source",
        tasks: [{ connector: src, task: 0 }],
      },
    });
    await eventually(async () => expect(await states(worker, src)).toEqual(["RUNNING", "RUNNING"]));
    appendFileSync(input, "foo\nbar\n");
    // The source creates the topic with its first records; reading retries until it exists.
    const messages = await eventually(() => consume(topic, { count: 2 }), 60_000);
    expect(messages.map(text)).toEqual([
      '{"schema":{"type":"string","optional":false},"payload":"foo"}',
      '{"schema":{"type":"string","optional":false},"payload":"bar"}',
    ]);

    // A sink through the REST API writes them to its file.
    expect((await rest(worker, "POST", "/connectors", { name: snk, config: sink })).status).toBe(201);
    await eventually(() => expect(lines(output)).toEqual(["foo", "bar"]));

    // Both connectors show the topic they use.
    for (const name of [src, snk]) {
      await eventually(async () =>
        expect((await rest(worker, "GET", `/connectors/${name}/topics`)).body).toEqual({
          [name]: { topics: [topic] },
        }),
      );
    }

    // Pause and resume.
    expect((await rest(worker, "PUT", `/connectors/${src}/pause`)).status).toBe(202);
    await eventually(async () => expect(await states(worker, src)).toEqual(["PAUSED", "PAUSED"]));
    appendFileSync(input, "paused\n");
    expect((await rest(worker, "PUT", `/connectors/${src}/resume`)).status).toBe(202);
    await eventually(async () => expect(await states(worker, src)).toEqual(["RUNNING", "RUNNING"]));
    await eventually(() => expect(lines(output)).toEqual(["foo", "bar", "paused"]));

    // Stop, then rewind the source to the start of "bar" and read on from there.
    const stopped = await rest(worker, "PATCH", `/connectors/${src}/offsets`, {
      offsets: [{ partition: { filename: input }, offset: { position: 4 } }],
    });
    expect(stopped.status).toBe(400);
    expect((await rest(worker, "PUT", `/connectors/${src}/stop`)).status).toBe(204);
    await eventually(async () => expect(await states(worker, src)).toEqual(["STOPPED"]));
    expect((await rest(worker, "GET", `/connectors/${src}/offsets`)).body).toEqual({
      offsets: [{ partition: { filename: input }, offset: { position: 15 } }],
    });
    expect(
      await rest(worker, "PATCH", `/connectors/${src}/offsets`, {
        offsets: [{ partition: { filename: input }, offset: { position: 4 } }],
      }),
    ).toMatchObject({ status: 200, body: { message: expect.stringMatching(/altered successfully/) } });
    expect((await rest(worker, "PUT", `/connectors/${src}/resume`)).status).toBe(202);
    await eventually(() => expect(lines(output)).toEqual(["foo", "bar", "paused", "bar", "paused"]));

    // Restart the connector and its tasks; it keeps reading where it was.
    const restarted = await rest(worker, "POST", `/connectors/${src}/restart?includeTasks=true`);
    expect(restarted.status).toBe(202);
    expect(restarted.body).toMatchObject({
      connector: { state: "RESTARTING" },
      tasks: [{ id: 0, state: "RESTARTING" }],
    });
    await eventually(async () => expect(await states(worker, src)).toEqual(["RUNNING", "RUNNING"]));
    appendFileSync(input, "after restart\n");
    const beforeWorkerRestart = ["foo", "bar", "paused", "bar", "paused", "after restart"];
    await eventually(() => expect(lines(output)).toEqual(beforeWorkerRestart));
    // The sink's committed offsets catch up with the six records (commits every offset.flush.interval.ms).
    await eventually(async () =>
      expect((await rest(worker, "GET", `/connectors/${snk}/offsets`)).body).toEqual({
        offsets: [{ partition: { kafka_topic: topic, kafka_partition: 0 }, offset: { kafka_offset: 6 } }],
      }),
    );

    // A graceful restart of the worker; lines written while it is down arrive once, and nothing is lost.
    expect(await stopWorker(worker)).toBe(0);
    appendFileSync(input, "while down\n");
    writeFileSync(join(dir, "source.json"), JSON.stringify({ name: src, config: source }));
    writeFileSync(
      join(dir, "sink.properties"),
      Object.entries({ name: snk, ...sink })
        .map(([key, value]) => `${key}=${value}`)
        .join("\n"),
    );
    worker = await startWorker(dir, [join(dir, "source.json"), join(dir, "sink.properties")]);
    expect((await rest(worker, "GET", "/connectors")).body).toEqual([snk, src].sort());
    await eventually(() => expect(lines(output)).toEqual([...beforeWorkerRestart, "while down"]));

    // Delete.
    expect((await rest(worker, "DELETE", `/connectors/${src}`)).status).toBe(204);
    expect(await rest(worker, "GET", `/connectors/${src}`)).toMatchObject({
      status: 404,
      body: { error_code: 404, message: `Connector ${src} not found` },
    });
    expect((await rest(worker, "GET", "/connectors")).body).toEqual([snk]);
    expect(await stopWorker(worker)).toBe(0);
  }, 240_000);

  it("shows a failed task with its stack trace, and restarts only what failed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tributary-standalone-"));
    writeFileSync(
      join(dir, "worker.properties"),
      [
        `bootstrap.servers=${kafkaBrokers()}`,
        "key.converter=org.apache.kafka.connect.storage.StringConverter",
        "value.converter=org.apache.kafka.connect.storage.StringConverter",
        `offset.storage.file.filename=${join(dir, "offsets")}`,
        "listeners=http://127.0.0.1:0",
        "",
      ].join("\n"),
    );
    const worker = await startWorker(dir);
    const name = uniqueName("sink-into-missing-dir");
    const output = join(dir, "missing", "out.txt");
    const config = { "connector.class": "FileStreamSink", file: output, topics: uniqueName("lines") };
    made.topics.push(config.topics);
    made.groups.push(`connect-${name}`);
    expect((await rest(worker, "POST", "/connectors", { name, config })).status).toBe(201);
    const failed = await eventually(async () => {
      const { body } = await rest(worker, "GET", `/connectors/${name}/tasks/0/status`);
      expect(body).toMatchObject({ id: 0, state: "FAILED" });
      return body as { trace: string };
    });
    expect(failed.trace).toContain(output);
    expect((await rest(worker, "GET", `/connectors/${name}/status`)).body).toMatchObject({
      connector: { state: "RUNNING" },
    });

    mkdirSync(join(dir, "missing"));
    const restarted = await rest(
      worker,
      "POST",
      `/connectors/${name}/restart?includeTasks=true&onlyFailed=true`,
    );
    expect(restarted).toMatchObject({
      status: 202,
      body: { connector: { state: "RUNNING" }, tasks: [{ id: 0, state: "RESTARTING" }] },
    });
    await eventually(async () => expect(await states(worker, name)).toEqual(["RUNNING", "RUNNING"]));
    expect(existsSync(output)).toBe(true);
    expect(await stopWorker(worker)).toBe(0);
  }, 120_000);

  it("exits with code 2 and names the problem when a connector config is invalid", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tributary-standalone-"));
    writeFileSync(
      join(dir, "worker.properties"),
      `bootstrap.servers=${kafkaBrokers()}\noffset.storage.file.filename=${join(dir, "offsets")}\nlisteners=http://127.0.0.1:0\n`,
    );
    writeFileSync(join(dir, "bad.properties"), "name=bad\nconnector.class=FileStreamSource\ntasks.max=0\n");
    const child = spawn(process.execPath, [BIN, "standalone", "worker.properties", "bad.properties"], {
      cwd: dir,
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code, stderr).toBe(2);
    expect(stderr).toContain("Connector configuration is invalid");
    expect(stderr).toMatch(/topic: /);
  }, 120_000);
});

describe("tributary standalone without Kafka", () => {
  it("exits with code 1 when the REST port is taken, and 2 without a worker config", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tributary-standalone-"));
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    try {
      const address = blocker.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      writeFileSync(
        join(dir, "worker.properties"),
        `offset.storage.file.filename=${join(dir, "offsets")}\nlisteners=http://127.0.0.1:${port}\n`,
      );
      const taken = spawn(process.execPath, [BIN, "standalone", "worker.properties"], { cwd: dir });
      let stderr = "";
      taken.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString("utf8");
      });
      expect(await new Promise((resolve) => taken.once("exit", resolve)), stderr).toBe(1);
      expect(stderr).toContain(`The REST API cannot listen on 127.0.0.1:${port}`);
    } finally {
      blocker.close();
    }
    const usage = spawn(process.execPath, [BIN, "standalone"], { cwd: dir });
    expect(await new Promise((resolve) => usage.once("exit", resolve))).toBe(2);
  }, 60_000);
});
