import {
  Config,
  ConnectError,
  defineConfig,
  Headers,
  MemoryOffsetBackingStore,
  type RecordMetadata,
  RetriableError,
  Schema,
  SourceConnector,
  SourceRecord,
  SourceTask,
  type TaskClass,
} from "@tributary/api";
import { afterEach, describe, expect, it } from "vitest";
import { WorkerConfig } from "../config/worker-config.js";
import type { TaskState } from "../engine/task-state.js";
import type { KafkaClients, KafkaProducer, MessageAck, OutgoingMessage } from "../kafka/kafka-clients.js";
import { discoverPlugins } from "../plugin/discover-plugins.js";
import type { PluginRegistry } from "../plugin/plugin-registry.js";
import { Worker } from "./worker.js";
import type { WorkerStatusListener } from "./worker-status-listener.js";

/** Shared between a test and the tasks the worker creates with `new`. */
const world = {
  /** Records each task emits before it idles. */
  limit: 100,
  /** Starts that fail before one succeeds. */
  failStarts: 0,
  /** Fail poll() once this many records were emitted (never when undefined). */
  failPollAt: undefined as number | undefined,
  /** poll() never settles and stop() does not end it. */
  stuck: false,
  polls: 0,
  committed: 0,
  commitRecords: [] as Array<{ value: unknown; metadata: RecordMetadata | null }>,
  connectorContext: undefined as { raise(error: Error): void; reconfigure(): void } | undefined,
};

function resetWorld(): void {
  Object.assign(world, {
    limit: 100,
    failStarts: 0,
    failPollAt: undefined,
    stuck: false,
    polls: 0,
    committed: 0,
    commitRecords: [],
    connectorContext: undefined,
  });
}

class CountingTask extends SourceTask {
  #next = 0;
  readonly #stopping = new AbortController();
  version() {
    return "1";
  }
  async start() {
    if (world.failStarts > 0) {
      world.failStarts--;
      throw new ConnectError("cannot reach the source");
    }
    const stored = await this.context.offsetStorageReader().offset({ counter: "main" });
    this.#next = stored === null ? 0 : Number(stored.next);
  }
  async poll() {
    world.polls++;
    if (world.stuck) return new Promise<null>(() => {});
    if (world.failPollAt !== undefined && this.#next >= world.failPollAt) throw new Error("source broke");
    if (this.#next >= world.limit) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      return null;
    }
    const records: SourceRecord[] = [];
    for (let i = 0; i < 10 && this.#next < world.limit; i++) {
      const n = this.#next++;
      records.push(
        new SourceRecord({
          sourcePartition: { counter: "main" },
          sourceOffset: { next: n + 1 },
          topic: "numbers",
          valueSchema: Schema.STRING_SCHEMA,
          value: `n${n}`,
          // Every tenth record carries a header, so both paths of the header converter run.
          ...(n % 10 === 0 ? { headers: new Headers().addString("source", `h${n}`) } : {}),
        }),
      );
    }
    return records;
  }
  override commit() {
    world.committed++;
  }
  override commitRecord(record: SourceRecord, metadata: RecordMetadata | null) {
    world.commitRecords.push({ value: record.value, metadata });
  }
  stop() {
    this.#stopping.abort();
  }
}

const CountingConfig = defineConfig({
  topic: Config.string({ default: "numbers", documentation: "Unused." }),
});

class CountingConnector extends SourceConnector {
  version() {
    return "1";
  }
  config() {
    return CountingConfig;
  }
  start() {
    world.connectorContext = {
      raise: (error) => this.context.raiseError(error),
      reconfigure: () => this.context.requestTaskReconfiguration(),
    };
  }
  taskClass(): TaskClass<SourceTask> {
    return CountingTask;
  }
  taskConfigs(maxTasks: number) {
    return Array.from({ length: maxTasks }, (_, i) => ({ task: String(i) }));
  }
  stop() {}
}

/** A producer that keeps what it is sent, and can be told to fail. */
class FakeProducer implements KafkaProducer {
  readonly sent: OutgoingMessage[] = [];
  failures: Error[] = [];
  #offset = 0n;
  async send(messages: readonly OutgoingMessage[]): Promise<MessageAck[]> {
    const failure = this.failures.shift();
    if (failure !== undefined) throw failure;
    this.sent.push(...messages);
    return messages.map((m) => ({ topic: m.topic, partition: 0, offset: this.#offset++, timestamp: 1 }));
  }
  async close() {}
}

function fakeClients(producer: FakeProducer): KafkaClients {
  const unused = () => {
    throw new Error("not used");
  };
  return {
    producer: () => producer,
    transactionalProducer: unused,
    consumer: unused,
    admin: unused,
    readTopicToEnd: unused,
    close: async () => {},
  };
}

class RecordingListener implements WorkerStatusListener {
  readonly connector: Array<[TaskState, string | undefined]> = [];
  readonly tasks: Array<[number, TaskState, string | undefined]> = [];
  reconfigurations = 0;
  onConnectorState(_name: string, state: TaskState, trace?: string) {
    this.connector.push([state, trace]);
  }
  onTaskState(_connector: string, task: number, state: TaskState, trace?: string) {
    this.tasks.push([task, state, trace]);
  }
  onTaskReconfigurationRequested() {
    this.reconfigurations++;
  }
}

let registry: PluginRegistry;
let worker: Worker | undefined;

async function createWorker(
  producer: FakeProducer,
  store = new MemoryOffsetBackingStore(),
  extra: Record<string, string> = {},
): Promise<Worker> {
  registry ??= await discoverPlugins({ searchFrom: [] });
  if (registry.size > 0 && !registry.list().some((p) => p.class === "@test/CountingConnector")) {
    registry.register(
      {
        type: "source",
        className: "@test/CountingConnector",
        version: "1",
        create: () => new CountingConnector(),
      },
      "@test",
    );
  }
  worker = new Worker({
    config: WorkerConfig.parse({
      "key.converter": "org.apache.kafka.connect.storage.StringConverter",
      "value.converter": "org.apache.kafka.connect.storage.StringConverter",
      "offset.flush.interval.ms": "60000",
      "task.shutdown.graceful.timeout.ms": "500",
      ...extra,
    }),
    registry,
    offsetStore: store,
    clients: fakeClients(producer),
  });
  await worker.start();
  return worker;
}

const PROPS = { name: "counting", "connector.class": "CountingConnector", "tasks.max": "1" };

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}

afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  resetWorld();
});

describe("Worker source tasks", () => {
  it("produces converted records, commits offsets at shutdown and resumes from them", async () => {
    const producer = new FakeProducer();
    const store = new MemoryOffsetBackingStore();
    const listener = new RecordingListener();
    const w = await createWorker(producer, store);
    await w.startConnector("counting", PROPS, listener);
    const [config] = await w.taskConfigs("counting");
    await w.startTask("counting", 0, config ?? {});
    await until(() => producer.sent.length === 100);
    await w.stop();
    expect(new TextDecoder().decode(producer.sent[7]?.value ?? undefined)).toBe("n7");
    expect(producer.sent[7]?.topic).toBe("numbers");
    expect(producer.sent[7]?.headers).toEqual([]);
    const header = producer.sent[20]?.headers[0];
    expect(header?.key).toBe("source");
    expect(new TextDecoder().decode(header?.value ?? undefined)).toBe("h20");
    expect(world.commitRecords).toHaveLength(100);
    expect(world.commitRecords[3]?.metadata?.offset).toBe(3n);
    expect(world.committed).toBeGreaterThan(0);
    expect(listener.tasks.map(([, state]) => state)).toEqual(["RUNNING", "UNASSIGNED"]);
    expect(listener.connector.map(([state]) => state)).toEqual(["RUNNING", "UNASSIGNED"]);

    // A new worker on the same store continues after the last committed record.
    resetWorld();
    world.limit = 120;
    const again = new FakeProducer();
    const w2 = await createWorker(again, store);
    await w2.startConnector("counting", PROPS, new RecordingListener());
    await w2.startTask("counting", 0, { task: "0" });
    await until(() => again.sent.length === 20);
    expect(new TextDecoder().decode(again.sent[0]?.value ?? undefined)).toBe("n100");
  });

  it("retries a retriable producer failure and loses nothing", async () => {
    const producer = new FakeProducer();
    producer.failures.push(new RetriableError("broker not available"));
    const w = await createWorker(producer);
    await w.startConnector("counting", PROPS, new RecordingListener());
    await w.startTask("counting", 0, { task: "0" });
    await until(() => producer.sent.length === 100);
    expect(producer.sent.map((m) => new TextDecoder().decode(m.value ?? undefined))).toEqual(
      Array.from({ length: 100 }, (_, i) => `n${i}`),
    );
  });

  it("fails the task with its stack trace on a non-retriable producer failure, committing nothing unsent", async () => {
    const producer = new FakeProducer();
    producer.failures.push(new ConnectError("record too large"));
    const store = new MemoryOffsetBackingStore();
    const listener = new RecordingListener();
    const w = await createWorker(producer, store);
    await w.startConnector("counting", PROPS, listener);
    await w.startTask("counting", 0, { task: "0" });
    await until(() => listener.tasks.some(([, state]) => state === "FAILED"));
    const failed = listener.tasks.find(([, state]) => state === "FAILED");
    expect(failed?.[2]).toContain("record too large");
    expect(w.taskState("counting", 0)?.state).toBe("FAILED");
    await w.stop();
    await store.start();
    // The first batch was never written, so no offset may be stored past it.
    const stored = await store.get(['["counting",{"counter":"main"}]']);
    expect(stored.size).toBe(0);
  });

  it("skips the records of a failed write under errors.tolerance=all and carries on", async () => {
    const producer = new FakeProducer();
    producer.failures.push(new ConnectError("record too large"));
    const listener = new RecordingListener();
    const w = await createWorker(producer);
    await w.startConnector("counting", { ...PROPS, "errors.tolerance": "all" }, listener);
    await w.startTask("counting", 0, { task: "0" });
    await until(() => producer.sent.length === 90);
    await until(() => world.commitRecords.length === 100);
    expect(world.commitRecords.slice(0, 10).map((c) => c.metadata)).toEqual(Array(10).fill(null));
    expect(listener.tasks.map(([, state]) => state)).toEqual(["RUNNING"]);
  });

  it("fails the task when poll() throws, and restarts it automatically when enabled", async () => {
    const producer = new FakeProducer();
    world.failStarts = 2;
    const listener = new RecordingListener();
    const w = await createWorker(producer, new MemoryOffsetBackingStore(), {
      "task.restart.automatic.enable": "true",
      "task.restart.backoff.initial.ms": "10",
      "task.restart.backoff.max.ms": "40",
    });
    await w.startConnector("counting", PROPS, listener);
    await w.startTask("counting", 0, { task: "0" });
    await until(() => producer.sent.length === 100);
    expect(listener.tasks.map(([, state]) => state)).toEqual([
      "FAILED",
      "RESTARTING",
      "FAILED",
      "RESTARTING",
      "RUNNING",
    ]);
    expect(listener.tasks[0]?.[2]).toContain("cannot reach the source");
  });

  it("keeps a failed task FAILED without automatic restarts", async () => {
    world.failPollAt = 30;
    const producer = new FakeProducer();
    const listener = new RecordingListener();
    const w = await createWorker(producer);
    await w.startConnector("counting", PROPS, listener);
    await w.startTask("counting", 0, { task: "0" });
    await until(() => listener.tasks.some(([, state]) => state === "FAILED"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(listener.tasks.map(([, state]) => state)).toEqual(["RUNNING", "FAILED"]);
    expect(listener.tasks[1]?.[2]).toContain("source broke");
  });

  it("stops polling while paused and goes on when resumed", async () => {
    world.limit = Number.POSITIVE_INFINITY;
    const producer = new FakeProducer();
    const listener = new RecordingListener();
    const w = await createWorker(producer);
    await w.startConnector("counting", PROPS, listener);
    await w.startTask("counting", 0, { task: "0" });
    await until(() => producer.sent.length > 0);
    await w.setTargetState("counting", "PAUSED");
    await new Promise((resolve) => setTimeout(resolve, 20));
    const polls = world.polls;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(world.polls).toBe(polls);
    expect(w.taskState("counting", 0)?.state).toBe("PAUSED");
    expect(w.connectorState("counting")?.state).toBe("PAUSED");
    await w.setTargetState("counting", "STARTED");
    await until(() => world.polls > polls);
    expect(listener.connector.map(([state]) => state)).toEqual(["RUNNING", "PAUSED", "RUNNING"]);
  });

  it("abandons a task that does not stop within task.shutdown.graceful.timeout.ms", async () => {
    world.stuck = true;
    const w = await createWorker(new FakeProducer());
    await w.startConnector("counting", PROPS, new RecordingListener());
    await w.startTask("counting", 0, { task: "0" });
    await until(() => world.polls > 0);
    await w.stop(); // returns after the 500 ms budget rather than hanging
  });
});

describe("Worker connectors", () => {
  it("reports raiseError as FAILED and passes reconfiguration requests on", async () => {
    const listener = new RecordingListener();
    const w = await createWorker(new FakeProducer());
    await w.startConnector("counting", { ...PROPS, "tasks.max": "3" }, listener);
    expect(await w.taskConfigs("counting")).toHaveLength(3);
    world.connectorContext?.reconfigure();
    expect(listener.reconfigurations).toBe(1);
    world.connectorContext?.raise(new Error("lost the source"));
    await until(() => w.connectorState("counting")?.state === "FAILED");
    expect(w.connectorState("counting")?.trace).toContain("lost the source");
    await expect(w.taskConfigs("counting")).rejects.toThrow(/FAILED, not RUNNING/);
  });

  it("reports a connector that cannot be created as FAILED", async () => {
    const listener = new RecordingListener();
    const w = await createWorker(new FakeProducer());
    await w.startConnector("nope", { name: "nope", "connector.class": "NoSuchConnector" }, listener);
    expect(listener.connector[0]?.[0]).toBe("FAILED");
    expect(listener.connector[0]?.[1]).toContain("NoSuchConnector");
  });

  it("stops the connector on STOPPED and starts it again on STARTED", async () => {
    const listener = new RecordingListener();
    const w = await createWorker(new FakeProducer());
    await w.startConnector("counting", PROPS, listener, "STOPPED");
    expect(w.connectorState("counting")?.state).toBe("STOPPED");
    await w.setTargetState("counting", "STARTED");
    expect(w.connectorState("counting")?.state).toBe("RUNNING");
    expect(listener.connector.map(([state]) => state)).toEqual(["STOPPED", "RUNNING"]);
  });
});
