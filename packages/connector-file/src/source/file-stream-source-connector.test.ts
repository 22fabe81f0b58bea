import { ConfigValidationError, ConnectError, toConfigInfos } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { FileStreamSourceConnector } from "./file-stream-source-connector.js";
import { FileStreamSourceTask } from "./file-stream-source-task.js";

describe("FileStreamSourceConnector", () => {
  it("declares Kafka's keys with Kafka's defaults, plus poll.idle.ms", () => {
    const definitions = new FileStreamSourceConnector().config().definitions;
    expect(definitions.map((d) => [d.name, d.type, d.required, d.defaultValue, d.importance])).toEqual([
      ["file", "STRING", false, undefined, "HIGH"],
      ["topic", "STRING", true, undefined, "HIGH"],
      ["batch.size", "INT", false, 2000, "LOW"],
      ["poll.idle.ms", "INT", false, 1000, "LOW"],
    ]);
  });

  it("reports a missing topic as Kafka does", async () => {
    const validation = await new FileStreamSourceConnector().validate({ file: "a.txt" });
    const infos = toConfigInfos("FileStreamSource", validation);
    expect(infos.error_count).toBe(1);
    const topic = infos.configs.find((config) => config.definition?.name === "topic");
    expect(topic?.value.errors).toEqual([
      'Missing required configuration "topic" which has no default value.',
    ]);
  });

  it("starts one task with its own configuration, whatever tasks.max says", () => {
    const connector = new FileStreamSourceConnector();
    connector.start({ file: "a.txt", topic: "lines", "tasks.max": "4" });
    expect(connector.taskClass()).toBe(FileStreamSourceTask);
    expect(connector.taskConfigs(4)).toEqual([{ file: "a.txt", topic: "lines", "tasks.max": "4" }]);
    expect(() => connector.start({ file: "a.txt" })).toThrow(ConfigValidationError);
    connector.stop();
  });

  it("supports exactly-once for a file, not for the standard input", () => {
    const connector = new FileStreamSourceConnector();
    expect(connector.exactlyOnceSupport({ file: "a.txt", topic: "t" })).toBe("SUPPORTED");
    expect(connector.exactlyOnceSupport({ topic: "t" })).toBe("UNSUPPORTED");
    expect(connector.exactlyOnceSupport({ file: " ", topic: "t" })).toBe("UNSUPPORTED");
  });

  it("accepts byte positions and resets as new offsets, and refuses anything else", () => {
    const connector = new FileStreamSourceConnector();
    const props = { file: "a.txt", topic: "t" };
    const ok = new Map([
      [{ filename: "a.txt" }, { position: 30 }],
      [{ filename: "old.txt" }, null],
      [{ whatever: 1 }, null],
    ]);
    expect(connector.alterOffsets(props, ok)).toBe(true);
    expect(connector.alterOffsets(props, new Map([[{ filename: "a.txt" }, { position: 2n ** 60n }]]))).toBe(
      true,
    );
    const refused: [Record<string, unknown>, Record<string, unknown>, RegExp][] = [
      [{ filename: "a.txt" }, { position: -1 }, /not a byte position/],
      [{ filename: "a.txt" }, { position: 1.5 }, /not a byte position/],
      [{ filename: "a.txt" }, { position: "30" }, /not a byte position/],
      [{ filename: "a.txt" }, { offset: 30 }, /not a byte position/],
      [{ file: "a.txt" }, { position: 30 }, /has no "filename" key/],
    ];
    for (const [partition, offset, message] of refused) {
      expect(() => connector.alterOffsets(props, new Map([[partition as never, offset as never]]))).toThrow(
        message,
      );
    }
    expect(() => connector.alterOffsets({ topic: "t" }, ok)).toThrow(ConnectError);
    expect(() => connector.alterOffsets({ topic: "t" }, ok)).toThrow(/reads the standard input/);
  });
});
