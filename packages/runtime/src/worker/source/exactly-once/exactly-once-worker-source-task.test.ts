import {
  Config,
  type ConnectorTransactionBoundaries,
  defineConfig,
  type ExactlyOnceSupport,
  MemoryOffsetBackingStore,
  type OffsetBackingStore,
  type RecordMetadata,
  Schema,
  SourceConnector,
  SourceRecord,
  SourceTask,
  type TaskClass,
} from "@tributary/api";
import { afterEach, describe, expect, it } from "vitest";
import { WorkerConfig } from "../../../config/worker-config.js";
import type { TaskState } from "../../../engine/task-state.js";
import type {
  KafkaClients,
  MessageAck,
  OutgoingMessage,
  TransactionalProducer,
} from "../../../kafka/kafka-clients.js";
import { KafkaOffsetBackingStore } from "../../../kafka/kafka-offset-backing-store.js";
import { discoverPlugins } from "../../../plugin/discover-plugins.js";
import { Worker } from "../../worker.js";

/** What the transactional producer and the task did, in order. */
let log: string[] = [];
let batches = 3;
/** When set, poll() throws once this many records were polled. */
let failAt: number | undefined;

class BoundaryTask extends SourceTask {
  #next = 0;
  version() {
    return "1";
  }
  start() {}
  async poll() {
    if (failAt !== undefined && this.#next >= failAt) throw new Error("the source broke");
    if (this.#next >= batches * 10) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      return null;
    }
    const records = Array.from({ length: 10 }, () => {
      const n = this.#next++;
      return new SourceRecord({
        sourcePartition: { p: "0" },
        sourceOffset: { next: n + 1 },
        topic: "out",
        valueSchema: Schema.STRING_SCHEMA,
        value: `r${n}`,
      });
    });
    const context = this.context.transactionContext();
    if (context !== null) {
      // Batch 0: commit right after its fifth record; batch 1: abort the whole batch.
      if (this.#next === 10) context.commitTransaction(records[4]);
      if (this.#next === 20) context.abortTransaction();
    }
    return records;
  }
  override commitRecord(record: SourceRecord, metadata: RecordMetadata | null) {
    log.push(`commitRecord ${String(record.value)} ${metadata === null ? "null" : String(metadata.offset)}`);
  }
  stop() {}
}

class BoundaryConnector extends SourceConnector {
  version() {
    return "1";
  }
  config() {
    return defineConfig({ x: Config.string({ optional: true, documentation: "Unused." }) });
  }
  start() {}
  taskClass(): TaskClass<SourceTask> {
    return BoundaryTask;
  }
  taskConfigs() {
    return [{}];
  }
  stop() {}
  override exactlyOnceSupport(): ExactlyOnceSupport {
    return "SUPPORTED";
  }
  override canDefineTransactionBoundaries(): ConnectorTransactionBoundaries {
    return "SUPPORTED";
  }
}

class FakeTransactionalProducer implements TransactionalProducer {
  readonly transactionalId: string;
  #offset = 0n;
  constructor(id: string) {
    this.transactionalId = id;
  }
  async begin() {
    log.push("begin");
  }
  async send(messages: readonly OutgoingMessage[]): Promise<MessageAck[]> {
    const text = (bytes: Uint8Array | null) => (bytes === null ? "null" : new TextDecoder().decode(bytes));
    if (messages[0]?.topic === "offsets") {
      log.push(`offsets ${messages.map((m) => `${text(m.key)}=${text(m.value)}`).join(" ")}`);
    } else {
      log.push(`send ${messages.map((m) => text(m.value)).join(",")}`);
    }
    return messages.map((m) => ({ topic: m.topic, partition: 0, offset: this.#offset++, timestamp: 0 }));
  }
  async commit() {
    log.push("commit");
  }
  async abort() {
    log.push("abort");
  }
  async close() {}
}

function fakeClients(ids: string[]): KafkaClients {
  const unused = () => {
    throw new Error("not used");
  };
  return {
    producer: () => ({ send: async () => [], close: async () => {} }),
    transactionalProducer: async (id) => {
      ids.push(id);
      return new FakeTransactionalProducer(id);
    },
    consumer: unused,
    admin: () => ({ createTopics: async () => [], close: async () => {} }) as never,
    readTopicToEnd: async () => {},
    close: async () => {},
  };
}

let worker: Worker | undefined;
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  log = [];
  batches = 3;
  failAt = undefined;
});

/** A started worker with exactly-once support and the test's connector. */
async function startWorker(clients: KafkaClients, offsetStore: OffsetBackingStore): Promise<Worker> {
  const registry = await discoverPlugins({ searchFrom: [] });
  registry.register(
    {
      type: "source",
      className: "@test/BoundaryConnector",
      version: "1",
      create: () => new BoundaryConnector(),
    },
    "@test",
  );
  const started = new Worker({
    config: WorkerConfig.parse({
      "value.converter": "org.apache.kafka.connect.storage.StringConverter",
      "key.converter": "org.apache.kafka.connect.storage.StringConverter",
      "exactly.once.source.support": "enabled",
      "group.id": "cluster-a",
    }),
    registry,
    offsetStore,
    clients,
  });
  await started.start();
  return started;
}

async function run(connectorProps: Record<string, string>, ids: string[] = []): Promise<string[]> {
  const clients = fakeClients(ids);
  worker = await startWorker(clients, new KafkaOffsetBackingStore({ clients, topic: "offsets" }));
  const states: TaskState[] = [];
  const listener = {
    onConnectorState: () => {},
    onTaskState: (_c: string, _t: number, state: TaskState) => states.push(state),
    onTaskReconfigurationRequested: () => {},
  };
  await worker.startConnector(
    "eos",
    { name: "eos", "connector.class": "BoundaryConnector", ...connectorProps },
    listener,
  );
  await worker.startTask("eos", 0, {});
  for (let i = 0; i < 500 && !log.includes("send r29"); i++) await new Promise((r) => setTimeout(r, 5));
  const all = () => log.filter((l) => l === "commit").length;
  const commits = all();
  for (let i = 0; i < 100 && all() === commits; i++) await new Promise((r) => setTimeout(r, 5));
  await worker.stop();
  expect(states).not.toContain("FAILED");
  return log;
}

const values = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `r${from + i}`).join(",");
const OFFSET_KEY = '["eos",{"p":"0"}]';

describe("ExactlyOnceWorkerSourceTask", () => {
  it("commits each polled batch with its offsets in one transaction, then calls commitRecord", async () => {
    batches = 2;
    const ids: string[] = [];
    const events = await run({}, ids);
    expect(ids).toEqual(["cluster-a-eos-0"]);
    expect(events.slice(0, 4)).toEqual([
      "begin",
      `send ${values(0, 10)}`,
      `offsets ${OFFSET_KEY}={"next":10}`,
      "commit",
    ]);
    expect(events[4]).toBe("commitRecord r0 0");
    expect(events.slice(14, 18)).toEqual([
      "begin",
      `send ${values(10, 20)}`,
      `offsets ${OFFSET_KEY}={"next":20}`,
      "commit",
    ]);
  });

  it("ends transactions where the task asks: after a record, and by aborting a batch", async () => {
    const events = (await run({ "transaction.boundary": "connector" })).filter(
      (e) => !e.startsWith("commitRecord r"),
    );
    expect(events.slice(0, 9)).toEqual([
      "begin",
      `send ${values(0, 5)}`,
      `offsets ${OFFSET_KEY}={"next":5}`,
      "commit",
      "begin",
      `send ${values(5, 10)}`,
      `send ${values(10, 20)}`,
      "abort",
      // The aborted records' offsets are still committed, so they are not read again.
      "begin",
    ]);
    expect(events[9]).toBe(`offsets ${OFFSET_KEY}={"next":20}`);
    expect(events[10]).toBe("commit");
    // The records of batch 2 follow in a transaction of their own, committed at shutdown.
    expect(events.slice(11)).toEqual([
      "begin",
      `send ${values(20, 30)}`,
      `offsets ${OFFSET_KEY}={"next":30}`,
      "commit",
    ]);
  });

  it("calls commitRecord with null for the records of an aborted transaction", async () => {
    const events = await run({ "transaction.boundary": "connector" });
    expect(events).toContain("commitRecord r12 null");
    expect(events).toContain("commitRecord r3 3");
  });

  it("keeps one transaction open across polls with an interval boundary, and commits it when paused", async () => {
    const clients = fakeClients([]);
    worker = await startWorker(clients, new KafkaOffsetBackingStore({ clients, topic: "offsets" }));
    await worker.startConnector(
      "eos",
      {
        name: "eos",
        "connector.class": "BoundaryConnector",
        "transaction.boundary": "interval",
        "transaction.boundary.interval.ms": "600000",
      },
      { onConnectorState: () => {}, onTaskState: () => {}, onTaskReconfigurationRequested: () => {} },
    );
    await worker.startTask("eos", 0, {});
    for (let i = 0; i < 500 && !log.includes(`send ${values(20, 30)}`); i++)
      await new Promise((r) => setTimeout(r, 5));
    expect(log.slice(0, 4)).toEqual([
      "begin",
      `send ${values(0, 10)}`,
      `send ${values(10, 20)}`,
      `send ${values(20, 30)}`,
    ]);
    await worker.setTargetState("eos", "PAUSED");
    for (let i = 0; i < 500 && !log.includes("commit"); i++) await new Promise((r) => setTimeout(r, 5));
    expect(log.slice(4, 6)).toEqual([`offsets ${OFFSET_KEY}={"next":30}`, "commit"]);
  });

  it("aborts the open transaction when the task fails, writing no offsets for its records", async () => {
    failAt = 20;
    const clients = fakeClients([]);
    worker = await startWorker(clients, new KafkaOffsetBackingStore({ clients, topic: "offsets" }));
    const states: TaskState[] = [];
    await worker.startConnector(
      "eos",
      {
        name: "eos",
        "connector.class": "BoundaryConnector",
        "transaction.boundary": "interval",
        "transaction.boundary.interval.ms": "600000",
      },
      {
        onConnectorState: () => {},
        onTaskState: (_c, _t, state) => states.push(state),
        onTaskReconfigurationRequested: () => {},
      },
    );
    await worker.startTask("eos", 0, {});
    for (let i = 0; i < 500 && !log.includes("abort"); i++) await new Promise((r) => setTimeout(r, 5));
    expect(states).toContain("FAILED");
    expect(log).toEqual(["begin", `send ${values(0, 10)}`, `send ${values(10, 20)}`, "abort"]);
  });

  it("refuses to run with an offset store that is not a Kafka topic", async () => {
    worker = await startWorker(fakeClients([]), new MemoryOffsetBackingStore());
    const traces: string[] = [];
    await worker.startConnector(
      "eos",
      { name: "eos", "connector.class": "BoundaryConnector" },
      {
        onConnectorState: () => {},
        onTaskState: (_c, _t, state, trace) => {
          if (state === "FAILED") traces.push(trace ?? "");
        },
        onTaskReconfigurationRequested: () => {},
      },
    );
    await worker.startTask("eos", 0, {});
    expect(traces[0]).toContain("offset.storage.topic");
  });
});
