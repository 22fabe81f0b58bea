import {
  MemoryOffsetBackingStore,
  type RecordMetadata,
  Schema,
  SourceRecord,
  SourceTask,
} from "@tributary/api";
import { beforeEach, describe, expect, it } from "vitest";
import { ListSourceTask, produceItems } from "../../test/list-source-task.js";
import { SourceTaskHarness } from "./source-task-harness.js";

/** A ListSourceTask that remembers the acknowledgements it received. */
class RecordingTask extends ListSourceTask {
  readonly acknowledged: [unknown, RecordMetadata | null][] = [];
  commits = 0;

  override commitRecord(record: SourceRecord, metadata: RecordMetadata | null): void {
    this.acknowledged.push([record.value, metadata]);
  }

  override commit(): void {
    this.commits++;
  }
}

const props = { "idle.ms": "3600000" };

function harness(): SourceTaskHarness<RecordingTask> {
  return new SourceTaskHarness({ createTask: () => new RecordingTask(), timeoutMs: 500 });
}

describe("SourceTaskHarness", () => {
  beforeEach(() => ListSourceTask.reset());

  it("collects polled records and acknowledges them at commit, then flushes their offsets", async () => {
    const h = harness();
    await h.start(props);
    produceItems(3);
    const polled = await h.pollUntil(2);
    expect(polled.map((record) => record.value)).toEqual(["item-0", "item-1", "item-2"]);
    expect(h.uncommitted).toHaveLength(3);
    expect(await h.offsetStorageReader().offset({ list: "items" })).toBeNull();

    await h.commit();
    expect(h.task.acknowledged).toEqual([
      ["item-0", { topic: "items", partition: 0, offset: 0n, timestamp: null }],
      ["item-1", { topic: "items", partition: 0, offset: 1n, timestamp: null }],
      ["item-2", { topic: "items", partition: 0, offset: 2n, timestamp: null }],
    ]);
    expect(h.task.commits).toBe(1);
    expect(h.uncommitted).toEqual([]);
    expect(await h.offsetStorageReader().offset({ list: "items" })).toEqual({ index: 3 });
    await h.stop();
  });

  it("restarts a new instance that resumes from the committed offsets, losing what was not committed", async () => {
    const h = harness();
    await h.start(props);
    produceItems(2);
    await h.pollUntil(2);
    await h.commit();
    produceItems(1);
    await h.pollUntil(1);
    const first = h.task;
    await h.restart();
    expect(h.task).not.toBe(first);
    const again = await h.pollUntil(1);
    expect(again.map((record) => record.value)).toEqual(["item-2"]);
    expect(h.records.map((record) => record.value)).toEqual(["item-0", "item-1", "item-2", "item-2"]);
    await h.stop();
  });

  it("keeps offsets in a store it is given", async () => {
    const store = new MemoryOffsetBackingStore();
    await store.start();
    const first = new SourceTaskHarness({ createTask: () => new ListSourceTask(), offsetStore: store });
    await first.start(props);
    produceItems(2);
    await first.pollUntil(2);
    await first.commit();
    await first.stop();
    const second = new SourceTaskHarness({ createTask: () => new ListSourceTask(), offsetStore: store });
    expect(await second.offsetStorageReader().offset({ list: "items" })).toEqual({ index: 2 });
  });

  it("pollUntil() with a predicate stops as soon as it holds", async () => {
    const h = harness();
    await h.start(props);
    produceItems(1);
    const polled = await h.pollUntil((records) => records.some((record) => record.value === "item-0"));
    expect(polled).toHaveLength(1);
    await h.stop();
  });

  it("pollUntil() fails with what it collected when the records do not come in time", async () => {
    const h = new SourceTaskHarness({ createTask: () => new ListSourceTask() });
    await h.start({ "idle.ms": "20" });
    produceItems(1);
    await expect(h.pollUntil(3, { timeoutMs: 200 })).rejects.toThrow(
      "pollUntil() waited 200 ms for 3 records but collected 1",
    );
    await h.stop();
  });

  it("refuses a second poll while one is pending, and polls before start", async () => {
    const h = harness();
    await expect(h.poll()).rejects.toThrow("no task is running");
    await h.start(props);
    const pending = h.poll();
    await expect(h.poll()).rejects.toThrow("The previous poll() is still pending");
    await h.stop();
    await expect(pending).resolves.toBeNull();
    await expect(h.poll()).rejects.toThrow("no task is running");
  });

  it("rejects what is not an array of SourceRecords", async () => {
    class Broken extends SourceTask {
      version() {
        return "0";
      }
      start() {}
      async poll() {
        return [{ value: "not a record" }] as unknown as SourceRecord[];
      }
      stop() {}
    }
    const h = new SourceTaskHarness({ createTask: () => new Broken() });
    await h.start({});
    await expect(h.poll()).rejects.toThrow("element 0 is not a SourceRecord");
    await h.stop();
  });

  it("stops a task whose start() failed, and reports the failure", async () => {
    let stopped = false;
    class FailingStart extends SourceTask {
      version() {
        return "0";
      }
      start(): void {
        throw new Error("cannot open");
      }
      async poll() {
        return null;
      }
      stop() {
        stopped = true;
      }
    }
    const h = new SourceTaskHarness({ createTask: () => new FailingStart() });
    await expect(h.start({})).rejects.toThrow("cannot open");
    expect(stopped).toBe(true);
    expect(h.running).toBe(false);
  });

  it("gives the task its properties through the context", async () => {
    let seen: Readonly<Record<string, string>> | undefined;
    class Peek extends SourceTask {
      version() {
        return "0";
      }
      start() {
        seen = this.context.configs();
      }
      async poll() {
        return [
          new SourceRecord({
            sourcePartition: {},
            sourceOffset: {},
            topic: "t",
            valueSchema: Schema.STRING_SCHEMA,
          }),
        ];
      }
      stop() {}
    }
    const h = new SourceTaskHarness({ createTask: () => new Peek() });
    await h.start({ topic: "t" });
    expect(seen).toEqual({ topic: "t" });
    expect(h.task.version()).toBe("0");
    await h.stop();
  });
});
