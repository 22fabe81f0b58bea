/**
 * Source tasks of the Kafka worker against a real broker: FileStreamSource lines land in a topic, offsets are
 * committed only behind acknowledged records and resumed after a restart, topics are created per
 * `topic.creation.*`, and with exactly-once support records and offsets are committed in one transaction.
 */
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileOffsetBackingStore, type OffsetBackingStore } from "@tributary/api";
import { tributaryPlugins } from "@tributary/connector-file";
import { afterAll, afterEach, expect, it } from "vitest";
import { WorkerConfig } from "../src/config/worker-config.js";
import type { TaskState } from "../src/engine/task-state.js";
import type { KafkaClients } from "../src/kafka/kafka-clients.js";
import { KafkaOffsetBackingStore } from "../src/kafka/kafka-offset-backing-store.js";
import { discoverPlugins } from "../src/plugin/discover-plugins.js";
import type { PluginRegistry } from "../src/plugin/plugin-registry.js";
import { Worker } from "../src/worker/worker.js";
import type { WorkerStatusListener } from "../src/worker/worker-status-listener.js";
import {
  consume as consumeOnce,
  describeWithKafka,
  kafkaBrokers,
  testClients,
  text,
  uniqueName,
} from "./kafka-test-support.js";

/** Retries what a topic that was just created may refuse for a moment (no leader yet). */
async function retrying<T>(operation: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      const retriable = (error as { retriable?: boolean }).retriable === true;
      if (!retriable || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

const consume: typeof consumeOnce = (topic, options) => retrying(() => consumeOnce(topic, options));

const admin = testClients();
const topicsToDelete: string[] = [];
afterAll(async () => {
  if (topicsToDelete.length > 0)
    await admin
      .admin()
      .deleteTopics(topicsToDelete)
      .catch(() => {});
  await admin.close();
});

let registry: PluginRegistry | undefined;
async function plugins(): Promise<PluginRegistry> {
  if (registry === undefined) {
    registry = await discoverPlugins({ searchFrom: [] });
    for (const descriptor of tributaryPlugins) registry.register(descriptor, "@tributary/connector-file");
  }
  return registry;
}

const running: Worker[] = [];
afterEach(async () => {
  for (const worker of running.splice(0)) await worker.stop();
});

class States implements WorkerStatusListener {
  readonly tasks = new Map<number, { state: TaskState; trace?: string }>();
  onConnectorState() {}
  onTaskState(_connector: string, task: number, state: TaskState, trace?: string) {
    this.tasks.set(task, trace === undefined ? { state } : { state, trace });
  }
  onTaskReconfigurationRequested() {}
}

interface Setup {
  readonly dir: string;
  readonly input: string;
  readonly topic: string;
}

function setup(prefix: string): Setup {
  const dir = mkdtempSync(join(tmpdir(), `tributary-${prefix}-`));
  const topic = uniqueName(prefix);
  topicsToDelete.push(topic);
  return { dir, input: join(dir, "input.txt"), topic };
}

function lines(from: number, count: number): string {
  let out = "";
  for (let i = from; i < from + count; i++) out += `line ${i} ünïcödé\n`;
  return out;
}

/** Starts a worker running one FileStreamSource connector named `name` with one task. */
async function startWorker(
  s: Setup,
  name: string,
  options: {
    store?: (clients: KafkaClients) => OffsetBackingStore;
    worker?: Record<string, string>;
    connector?: Record<string, string>;
  } = {},
): Promise<{ worker: Worker; states: States }> {
  const clients = testClients();
  const config = WorkerConfig.parse({
    "bootstrap.servers": kafkaBrokers(),
    "key.converter": "org.apache.kafka.connect.storage.StringConverter",
    "value.converter": "org.apache.kafka.connect.storage.StringConverter",
    "offset.flush.interval.ms": "200",
    "offset.storage.file.filename": join(s.dir, "offsets.json"),
    ...options.worker,
  });
  const worker = new Worker({
    config,
    registry: await plugins(),
    offsetStore:
      options.store?.(clients) ??
      new FileOffsetBackingStore({ file: config.values["offset.storage.file.filename"] ?? "" }),
    clients,
  });
  running.push(worker);
  await retrying(() => worker.start());
  const states = new States();
  const props = {
    name,
    "connector.class": "FileStreamSource",
    file: s.input,
    topic: s.topic,
    "tasks.max": "1",
    ...options.connector,
  };
  await worker.startConnector(name, props, states);
  const [taskProps] = await worker.taskConfigs(name);
  await worker.startTask(name, 0, taskProps ?? {});
  return { worker, states };
}

/** The byte position stored for the input file in the offsets file, or 0. */
function storedPosition(s: Setup): number {
  const file = join(s.dir, "offsets.json");
  if (!existsSync(file)) return 0;
  const stored = JSON.parse(readFileSync(file, "utf8")) as {
    offsets: Array<{ value: { position: number } | null }>;
  };
  return stored.offsets[0]?.value?.position ?? 0;
}

describeWithKafka("Kafka worker source tasks", () => {
  it("writes a file's lines to the topic, commits offsets and resumes after a restart with no loss", async () => {
    const s = setup("source-resume");
    writeFileSync(s.input, lines(0, 500));
    const first = await startWorker(s, "resume-source");
    const firstRun = await consume(s.topic, { count: 500 });
    expect(firstRun.map(text)).toEqual(lines(0, 500).split("\n").slice(0, -1));
    expect(first.states.tasks.get(0)?.state).toBe("RUNNING");
    await first.worker.stop();
    // The final commit at shutdown stored the position after the last line.
    expect(storedPosition(s)).toBe(Buffer.byteLength(lines(0, 500)));

    appendFileSync(s.input, lines(500, 300));
    await startWorker(s, "resume-source");
    const all = await consume(s.topic, { count: 800, lingerMs: 1000 });
    // Every line once, in order: the restarted task read on from the stored offset.
    expect(all.map(text)).toEqual(lines(0, 800).split("\n").slice(0, -1));
  });

  it("never stores an offset ahead of what Kafka acknowledged", async () => {
    const s = setup("source-acked");
    writeFileSync(s.input, "");
    await startWorker(s, "acked-source", { connector: { "batch.size": "50" } });
    const samples: number[] = [];
    for (let round = 0; round < 20; round++) {
      appendFileSync(s.input, lines(round * 200, 200));
      await new Promise((resolve) => setTimeout(resolve, 50));
      samples.push(storedPosition(s));
    }
    const received = await consume(s.topic, { count: 4000 });
    const texts = received.map(text);
    const content = readFileSync(s.input);
    for (const position of samples) {
      // Every line before a stored position must already be in the topic.
      const before = content.subarray(0, position).toString("utf8").split("\n").slice(0, -1);
      expect(texts.slice(0, before.length)).toEqual(before);
    }
    expect(samples.some((position) => position > 0)).toBe(true);
  });

  it("creates the topic with the connector's topic.creation settings", async () => {
    const s = setup("source-creation");
    writeFileSync(s.input, lines(0, 10));
    await startWorker(s, "creation-source", {
      connector: {
        "topic.creation.default.replication.factor": "1",
        "topic.creation.default.partitions": "3",
      },
    });
    // Wait for the task to create the topic (listing topics creates none, unlike a consumer's subscription).
    for (let i = 0; i < 200 && !(await admin.admin().listTopics()).includes(s.topic); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await admin.admin().partitionCounts([s.topic])).get(s.topic)).toBe(3);
    expect((await consume(s.topic, { count: 10 })).map(text)).toEqual(lines(0, 10).split("\n").slice(0, -1));
  });

  it("writes records and offsets in one transaction with exactly-once support", async () => {
    const s = setup("source-eos");
    const offsetsTopic = uniqueName("eos-offsets");
    topicsToDelete.push(offsetsTopic);
    writeFileSync(s.input, lines(0, 300));
    const store = (clients: KafkaClients) =>
      new KafkaOffsetBackingStore({ clients, topic: offsetsTopic, partitions: 1, replicationFactor: 1 });
    const eos = {
      worker: { "exactly.once.source.support": "enabled", "group.id": uniqueName("eos-group") },
      connector: { "exactly.once.support": "required", "batch.size": "40" },
      store,
    };
    const first = await startWorker(s, "eos-source", eos);
    const committed = await consume(s.topic, { count: 300 });
    expect(committed.map(text)).toEqual(lines(0, 300).split("\n").slice(0, -1));
    // The offsets were written to the offsets topic by the same transactions.
    const offsets = await consume(offsetsTopic, { count: 1 });
    expect(text(offsets[0] as (typeof offsets)[number])).toContain("position");
    await first.worker.stop();

    appendFileSync(s.input, lines(300, 100));
    await startWorker(s, "eos-source", eos);
    const all = await consume(s.topic, { count: 400, lingerMs: 1000 });
    expect(all.map(text)).toEqual(lines(0, 400).split("\n").slice(0, -1));
  });

  it("refuses exactly.once.support=required for a connector that cannot deliver exactly once", async () => {
    const s = setup("source-eos-refused");
    writeFileSync(s.input, "");
    const clients = testClients();
    const worker = new Worker({
      config: WorkerConfig.parse({
        "bootstrap.servers": kafkaBrokers(),
        "exactly.once.source.support": "enabled",
      }),
      registry: await plugins(),
      offsetStore: new KafkaOffsetBackingStore({
        clients,
        topic: uniqueName("unused"),
        replicationFactor: 1,
      }),
      clients,
    });
    running.push(worker);
    const failures: string[] = [];
    await retrying(() => worker.start());
    await worker.startConnector(
      "stdin-source",
      {
        name: "stdin-source",
        "connector.class": "FileStreamSource",
        topic: s.topic,
        "exactly.once.support": "required",
      },
      {
        onConnectorState: (_name, state, trace) => {
          if (state === "FAILED") failures.push(trace ?? "");
        },
        onTaskState: () => {},
        onTaskReconfigurationRequested: () => {},
      },
    );
    expect(failures[0]).toContain("exactly.once.support=required");
  });
});
