import {
  defineConfig,
  MemoryOffsetBackingStore,
  Schema,
  SourceConnector,
  SourceRecord,
  SourceTask,
  type TaskClass,
} from "@tributary/api";
import { describe, expect, it } from "vitest";
import { EmbeddedEngine } from "./embedded-engine.js";
import { handlerDeployment, recordStream } from "./record-handler.js";
import { identityProcessor } from "./record-processor.js";

const TOTAL = 120;

class LettersTask extends SourceTask {
  #sent = false;
  version() {
    return "1";
  }
  start() {}
  async poll() {
    if (this.#sent) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return null;
    }
    this.#sent = true;
    return Array.from(
      { length: TOTAL },
      (_, i) =>
        new SourceRecord({
          sourcePartition: { p: 0 },
          sourceOffset: { i },
          topic: i % 2 === 0 ? "even" : "odd",
          valueSchema: Schema.INT32_SCHEMA,
          value: i,
        }),
    );
  }
  stop() {}
}

class Letters extends SourceConnector {
  version() {
    return "1";
  }
  start() {}
  taskClass(): TaskClass<SourceTask> {
    return LettersTask;
  }
  taskConfigs() {
    return [{}];
  }
  stop() {}
  config() {
    return defineConfig({});
  }
}

function engineWith(...handlers: Parameters<typeof handlerDeployment>[0][]) {
  return new EmbeddedEngine({
    connectors: [
      {
        type: "source",
        name: "letters",
        config: {},
        tasksMax: 1,
        connector: new Letters(),
        createPipeline: () => ({ processor: identityProcessor<SourceRecord>() }),
      },
      ...handlers.map(handlerDeployment),
    ],
    offsetStore: new MemoryOffsetBackingStore(),
    offsetFlushIntervalMs: 20,
  });
}

describe("record handlers", () => {
  it("hands a handler the records of its topics, in order", async () => {
    const seen: number[] = [];
    const engine = engineWith({
      name: "evens",
      topics: ["even"],
      handle: (records) => void seen.push(...records.map((r) => r.value as number)),
    });
    await engine.start();
    while (seen.length < TOTAL / 2) await new Promise((resolve) => setTimeout(resolve, 5));
    await engine.stop();
    expect(seen).toEqual(Array.from({ length: TOTAL / 2 }, (_, i) => i * 2));
  });

  it("streams records to a for-await loop, which ends when the engine stops", async () => {
    const { handler, records } = recordStream("tap", /odd|even/);
    const engine = engineWith(handler);
    await engine.start();
    const values: number[] = [];
    for await (const record of records) {
      values.push(record.value as number);
      if (values.length === TOTAL) void engine.stop();
    }
    await engine.done;
    expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: TOTAL }, (_, i) => i));
  });
});
