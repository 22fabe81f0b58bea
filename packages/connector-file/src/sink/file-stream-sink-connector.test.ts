import { TopicPartition } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { FileStreamSinkConnector } from "./file-stream-sink-connector.js";
import { FileStreamSinkTask } from "./file-stream-sink-task.js";

describe("FileStreamSinkConnector", () => {
  it("declares Kafka's file key, optional, for stdout when unset", () => {
    const definitions = new FileStreamSinkConnector().config().definitions;
    expect(definitions.map((d) => [d.name, d.type, d.required, d.importance])).toEqual([
      ["file", "STRING", false, "HIGH"],
    ]);
  });

  it("gives every one of tasks.max tasks the connector's configuration", () => {
    const connector = new FileStreamSinkConnector();
    connector.start({ file: "out.txt", topics: "a,b" });
    expect(connector.taskClass()).toBe(FileStreamSinkTask);
    expect(connector.taskConfigs(3)).toEqual([
      { file: "out.txt", topics: "a,b" },
      { file: "out.txt", topics: "a,b" },
      { file: "out.txt", topics: "a,b" },
    ]);
    connector.stop();
  });

  it("accepts any change of its consumer offsets, keeping none of its own", () => {
    const connector = new FileStreamSinkConnector();
    expect(connector.alterOffsets({}, new Map([[TopicPartition.of("a", 0), 5n]]))).toBe(true);
  });
});
