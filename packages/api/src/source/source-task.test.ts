import { describe, expect, it } from "vitest";
import { Schema } from "../data/schema.js";
import { IllegalWorkerStateError } from "../errors/connect-error.js";
import type { OffsetStorageReader } from "../storage/offset-storage-reader.js";
import { SourceRecord } from "./source-record.js";
import { SourceTask } from "./source-task.js";
import type { SourceTaskContext } from "./source-task-context.js";

/**
 * The contract of `SourceTask.poll()` and `stop()` as a working example: lines arrive from outside (a socket, a
 * change stream; here {@link LinesSourceTask.deliver}), `poll()` waits for them but gives up after `poll.idle.ms`,
 * and `stop()` wakes a waiting `poll()` at once.
 */
class LinesSourceTask extends SourceTask {
  readonly #buffer: string[] = [];
  readonly #stopping = new AbortController();
  #topic = "";
  #position = 0;
  #idleMs = 1000;
  #dataArrived: (() => void) | undefined;

  version(): string {
    return "1.0.0";
  }

  async start(props: Readonly<Record<string, string>>): Promise<void> {
    this.#topic = props.topic ?? "lines";
    this.#idleMs = Number(props["poll.idle.ms"] ?? "1000");
    const stored = await this.context.offsetStorageReader().offset({ stream: this.#topic });
    this.#position = stored === null ? 0 : Number(stored.position);
  }

  /** What the task's listener calls when a line arrives. */
  deliver(line: string): void {
    this.#buffer.push(line);
    this.#dataArrived?.();
  }

  async poll(): Promise<SourceRecord[] | null> {
    if (this.#buffer.length === 0) await this.#waitForData();
    if (this.#buffer.length === 0) return null; // idle for poll.idle.ms, or stopping
    return this.#buffer.splice(0).map(
      (line) =>
        new SourceRecord({
          sourcePartition: { stream: this.#topic },
          sourceOffset: { position: ++this.#position },
          topic: this.#topic,
          valueSchema: Schema.STRING_SCHEMA,
          value: line,
        }),
    );
  }

  stop(): void {
    this.#stopping.abort();
  }

  #waitForData(): Promise<void> {
    const signal = this.#stopping.signal;
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        this.#dataArrived = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.#idleMs);
      signal.addEventListener("abort", done, { once: true });
      this.#dataArrived = done;
    });
  }
}

function contextWithOffset(position: number | null): SourceTaskContext {
  const reader: OffsetStorageReader = {
    offset: async () => (position === null ? null : { position }),
    offsets: async (partitions) => new Map([...partitions].map((p) => [p, null])),
  };
  return { configs: () => ({}), offsetStorageReader: () => reader, transactionContext: () => null };
}

async function startedTask(position: number | null = null): Promise<LinesSourceTask> {
  const task = new LinesSourceTask();
  task.initialize(contextWithOffset(position));
  // An idle wait far longer than the test timeout: only stop() or data can end a pending poll.
  await task.start({ topic: "lines", "poll.idle.ms": "3600000" });
  return task;
}

describe("SourceTask contract, by example", () => {
  it("stop() makes a pending poll() resolve with null", async () => {
    const task = await startedTask();
    const pending = task.poll();
    task.stop();
    await expect(pending).resolves.toBeNull();
    await expect(task.poll()).resolves.toBeNull();
  });

  it("a pending poll() resolves with the records that arrive, resuming from the stored offset", async () => {
    const task = await startedTask(41);
    const pending = task.poll();
    task.deliver("hello");
    const records = await pending;
    expect(records?.map((record) => [record.value, record.sourceOffset])).toEqual([
      ["hello", { position: 42 }],
    ]);
    task.deliver("a");
    task.deliver("b");
    const batch = await task.poll();
    expect(batch?.map((record) => record.sourceOffset.position)).toEqual([43, 44]);
    task.stop();
  });

  it("the acknowledgement hooks do nothing by default", async () => {
    const task = await startedTask();
    expect(task.commit()).toBeUndefined();
    expect(
      task.commitRecord(new SourceRecord({ sourcePartition: {}, sourceOffset: {}, topic: "t" }), null),
    ).toBe(undefined);
    task.stop();
  });

  it("refuses to hand out the context before initialize()", async () => {
    const task = new LinesSourceTask();
    await expect(task.start({})).rejects.toThrow(IllegalWorkerStateError);
    await expect(task.start({})).rejects.toThrow(/LinesSourceTask has no context yet/);
  });
});
