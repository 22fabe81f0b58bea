import {
  defineConfig,
  MemoryOffsetBackingStore,
  RetriableError,
  Schema,
  SinkConnector,
  type SinkRecord,
  SinkTask,
  SourceConnector,
  SourceRecord,
  SourceTask,
  type TaskClass,
  type TopicPartition,
} from "@tributary/api";
import { afterEach, describe, expect, it } from "vitest";
import type { SinkDeployment, SourceDeployment } from "./connector-deployment.js";
import { EmbeddedEngine } from "./embedded-engine.js";
import { identityProcessor } from "./record-processor.js";

/** Shared state between a test and the tasks the engine creates (tasks are created with `new`, no arguments). */
const world = {
  produced: 0,
  limit: Number.POSITIVE_INFINITY,
  written: [] as string[],
  committedByPreCommit: [] as number[],
  putDelayMs: 0,
  failPutOnce: false,
  putCalls: [] as number[],
  maxBuffered: 0,
  engine: undefined as EmbeddedEngine | undefined,
};

class CounterSourceTask extends SourceTask {
  #next = 0;
  #stopped = false;
  version() {
    return "1";
  }
  async start() {
    const stored = await this.context.offsetStorageReader().offset({ counter: "main" });
    this.#next = stored === null ? 0 : Number(stored.next);
  }
  async poll() {
    if (this.#stopped || this.#next >= world.limit) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return null;
    }
    const records: SourceRecord[] = [];
    for (let i = 0; i < 50 && this.#next < world.limit; i++) {
      const n = this.#next++;
      world.produced++;
      records.push(
        new SourceRecord({
          sourcePartition: { counter: "main" },
          sourceOffset: { next: n + 1 },
          topic: n % 10 === 9 ? "skipped" : "numbers",
          valueSchema: Schema.STRING_SCHEMA,
          value: `n${n}`,
        }),
      );
    }
    world.maxBuffered = Math.max(world.maxBuffered, world.engine?.buffered ?? 0);
    return records;
  }
  stop() {
    this.#stopped = true;
  }
}

class CounterSource extends SourceConnector {
  version() {
    return "1";
  }
  start() {}
  taskClass(): TaskClass<SourceTask> {
    return CounterSourceTask;
  }
  taskConfigs() {
    return [{}];
  }
  stop() {}
  config() {
    return defineConfig({});
  }
}

class CollectingSinkTask extends SinkTask {
  #pending: string[] = [];
  version() {
    return "1";
  }
  start() {}
  async put(records: readonly SinkRecord[]) {
    world.putCalls.push(records.length);
    if (world.failPutOnce && records.length > 0) {
      world.failPutOnce = false;
      this.context.timeout(10);
      throw new RetriableError("destination briefly unavailable");
    }
    if (world.putDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, world.putDelayMs));
    for (const record of records) this.#pending.push(String(record.value));
  }
  override async preCommit(offsets: ReadonlyMap<TopicPartition, bigint>) {
    world.written.push(...this.#pending);
    this.#pending = [];
    for (const offset of offsets.values()) world.committedByPreCommit.push(Number(offset));
    return offsets;
  }
  stop() {}
}

class CollectingSink extends SinkConnector {
  version() {
    return "1";
  }
  start() {}
  taskClass(): TaskClass<SinkTask> {
    return CollectingSinkTask;
  }
  taskConfigs(max: number) {
    return Array.from({ length: max }, () => ({}));
  }
  stop() {}
  config() {
    return defineConfig({});
  }
}

function source(): SourceDeployment {
  return {
    type: "source",
    name: "counter",
    config: {},
    tasksMax: 1,
    connector: new CounterSource(),
    createPipeline: () => ({ processor: identityProcessor<SourceRecord>() }),
  };
}

function sink(): SinkDeployment {
  return {
    type: "sink",
    name: "collector",
    config: {},
    tasksMax: 1,
    connector: new CollectingSink(),
    subscribes: (topic) => topic === "numbers",
    createPipeline: () => ({ processor: identityProcessor<SinkRecord>() }),
  };
}

function engineWith(
  store: MemoryOffsetBackingStore,
  options: { bufferCapacity?: number } = {},
): EmbeddedEngine {
  world.engine = new EmbeddedEngine({
    connectors: [source(), sink()],
    offsetStore: store,
    offsetFlushIntervalMs: 20,
    bufferCapacity: options.bufferCapacity ?? 10_000,
  });
  return world.engine;
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** A store whose state survives an engine's stop(), as a file would. */
class KeptStore extends MemoryOffsetBackingStore {
  override async stop() {}
}

afterEach(() => {
  Object.assign(world, {
    produced: 0,
    limit: Number.POSITIVE_INFINITY,
    written: [],
    committedByPreCommit: [],
    putDelayMs: 0,
    failPutOnce: false,
    putCalls: [],
    maxBuffered: 0,
  });
});

describe("EmbeddedEngine", () => {
  it("routes records by topic and delivers every one to the subscribed sink", async () => {
    world.limit = 1000;
    const engine = engineWith(new KeptStore());
    await engine.start();
    await waitFor(() => world.written.length === 900);
    await engine.stop();
    const expected = Array.from({ length: 1000 }, (_, n) => n)
      .filter((n) => n % 10 !== 9)
      .map((n) => `n${n}`);
    expect(world.written).toEqual(expected);
    expect(engine.status()).toMatchObject([
      {
        name: "collector",
        type: "sink",
        state: "STOPPED",
        tasks: [{ id: 0, state: "STOPPED", recordsOut: 900 }],
      },
      {
        name: "counter",
        type: "source",
        state: "STOPPED",
        tasks: [{ id: 0, state: "STOPPED", recordsIn: 1000 }],
      },
    ]);
  });

  it("resumes after a clean stop from the committed offset, with no record repeated", async () => {
    const store = new KeptStore();
    world.limit = 300;
    const first = engineWith(store);
    await first.start();
    await waitFor(() => world.written.length === 270);
    await first.stop();
    world.limit = 600;
    const second = engineWith(store);
    await second.start();
    await waitFor(() => world.written.length === 540);
    await second.stop();
    expect(new Set(world.written).size).toBe(540);
    expect(world.produced).toBe(600);
  });

  it("writes a source offset only once the sink has committed the records before it", async () => {
    const store = new KeptStore();
    world.limit = 200;
    world.putDelayMs = 30;
    const engine = engineWith(store);
    await engine.start();
    // While the slow sink works, the stored offset never runs ahead of what the sink has committed.
    for (let i = 0; i < 20; i++) {
      const stored = await readStoredNext(store);
      const committed = world.written.length;
      const numbersUpTo =
        stored === null ? 0 : Array.from({ length: stored }, (_, n) => n).filter((n) => n % 10 !== 9).length;
      expect(numbersUpTo).toBeLessThanOrEqual(committed);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await engine.stop();
  });

  it("bounds memory: a slow sink holds the source back", async () => {
    world.limit = 3000;
    world.putDelayMs = 2;
    const engine = engineWith(new KeptStore(), { bufferCapacity: 200 });
    await engine.start();
    await waitFor(() => world.written.length >= 500);
    await engine.stop();
    expect(world.maxBuffered).toBeLessThanOrEqual(200);
    expect(world.produced).toBeLessThan(3000);
  });

  it("redelivers the same batch after a retriable put failure", async () => {
    world.limit = 100;
    world.failPutOnce = true;
    const engine = engineWith(new KeptStore());
    await engine.start();
    await waitFor(() => world.written.length === 90);
    await engine.stop();
    expect(world.putCalls[0]).toBe(world.putCalls[1]);
    expect(world.written).toHaveLength(90);
  });
});

async function readStoredNext(store: MemoryOffsetBackingStore): Promise<number | null> {
  const key = '["counter",{"counter":"main"}]';
  const values = await store.get([key]);
  const value = values.get(key);
  return value === undefined ? null : (JSON.parse(value) as { next: number }).next;
}
