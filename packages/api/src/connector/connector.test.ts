import { describe, expect, it } from "vitest";
import { Config } from "../config/config-builders.js";
import { defineConfig } from "../config/define-config.js";
import { SinkConnector } from "../sink/sink-connector.js";
import { SinkTask } from "../sink/sink-task.js";
import { SourceConnector } from "../source/source-connector.js";
import type { SourceConnectorContext } from "../source/source-connector-context.js";
import { SourceTask } from "../source/source-task.js";
import type { OffsetStorageReader } from "../storage/offset-storage-reader.js";
import { TopicPartition } from "./topic-partition.js";

const FilesConfig = defineConfig({
  files: Config.list({ importance: "HIGH", documentation: "Files to read." }),
  topic: Config.string({ nonEmpty: true, importance: "HIGH", documentation: "Topic to write to." }),
});

class FilesTask extends SourceTask {
  version(): string {
    return "1.0.0";
  }
  start(): void {}
  async poll(): Promise<null> {
    return null;
  }
  stop(): void {}
}

/** A connector that records the lifecycle calls it receives. */
class FilesConnector extends SourceConnector {
  readonly calls: string[] = [];
  #files: readonly string[] = [];

  version(): string {
    return "1.0.0";
  }
  config() {
    return FilesConfig;
  }
  async start(props: Readonly<Record<string, string>>): Promise<void> {
    await Promise.resolve();
    this.#files = FilesConfig.parse(props).files;
    this.calls.push(`start ${this.#files.join("+")}`);
  }
  taskClass() {
    return FilesTask;
  }
  taskConfigs(maxTasks: number): Record<string, string>[] {
    return this.#files.slice(0, maxTasks).map((file) => ({ file }));
  }
  async stop(): Promise<void> {
    await Promise.resolve();
    this.calls.push("stop");
  }
  /** Reads the context, as a subclass would. */
  reader(): OffsetStorageReader {
    return this.context.offsetStorageReader();
  }
}

class TableSink extends SinkConnector {
  version(): string {
    return "1.0.0";
  }
  config() {
    return FilesConfig;
  }
  start(): void {}
  taskClass() {
    return class extends SinkTask {
      version(): string {
        return "1.0.0";
      }
      start(): void {}
      put(): void {}
      stop(): void {}
    };
  }
  taskConfigs(): Record<string, string>[] {
    return [{}];
  }
  stop(): void {}
}

describe("Connector", () => {
  it("validates with its config definition by default, reporting bad keys as results", async () => {
    const connector = new FilesConnector();
    const validation = await connector.validate({ files: "a.txt" });
    expect(validation.errorCount).toBe(1);
    const topic = validation.configs.find((config) => config.value.name === "topic");
    expect(topic?.value.errors.join(" ")).toMatch(/topic/);
    expect((await connector.validate({ files: "a.txt", topic: "t" })).errorCount).toBe(0);
  });

  it("reconfigures by stopping and then starting with the new properties", async () => {
    const connector = new FilesConnector();
    await connector.start({ files: "a.txt", topic: "t" });
    await connector.reconfigure({ files: "a.txt,b.txt", topic: "t" });
    expect(connector.calls).toEqual(["start a.txt", "stop", "start a.txt+b.txt"]);
    expect(await connector.taskConfigs(5)).toEqual([{ file: "a.txt" }, { file: "b.txt" }]);
  });

  it("hands out its context only after initialize()", () => {
    const connector = new FilesConnector();
    expect(() => connector.reader()).toThrow(/FilesConnector has no context yet/);
    const reader: OffsetStorageReader = { offset: async () => null, offsets: async () => new Map() };
    const context: SourceConnectorContext = {
      requestTaskReconfiguration: () => {},
      raiseError: () => {},
      offsetStorageReader: () => reader,
    };
    connector.initialize(context);
    expect(connector.reader()).toBe(reader);
  });
});

describe("SourceConnector defaults", () => {
  it("claims no exactly-once support, no transaction boundaries and no offset handling", async () => {
    const connector = new FilesConnector();
    expect(await connector.exactlyOnceSupport({})).toBeNull();
    expect(await connector.canDefineTransactionBoundaries({})).toBe("UNSUPPORTED");
    expect(await connector.alterOffsets({}, new Map([[{ file: "a" }, null]]))).toBe(false);
  });
});

describe("SinkConnector defaults", () => {
  it("does not handle offset changes itself and names the topics key", async () => {
    const connector = new TableSink();
    expect(await connector.alterOffsets({}, new Map([[TopicPartition.of("t", 0), 5n]]))).toBe(false);
    expect(SinkConnector.TOPICS_CONFIG).toBe("topics");
    expect(SinkConnector.TOPICS_REGEX_CONFIG).toBe("topics.regex");
  });
});
