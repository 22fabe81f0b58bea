import { ConfigValidationError } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { parseProperties } from "./properties-file.js";
import { WorkerConfig } from "./worker-config.js";

describe("WorkerConfig", () => {
  it("applies Kafka's defaults", () => {
    const worker = WorkerConfig.parse({});
    expect(worker.values).toMatchObject({
      "bootstrap.servers": ["localhost:9092"],
      "header.converter": "org.apache.kafka.connect.storage.SimpleHeaderConverter",
      "offset.flush.interval.ms": 60000,
      "offset.flush.timeout.ms": 5000,
      "task.shutdown.graceful.timeout.ms": 5000,
      "connector.client.config.override.policy": "All",
      "topic.creation.enable": true,
      listeners: ["http://127.0.0.1:8083"],
    });
    expect(worker.values["key.converter"]).toBeUndefined();
    expect(worker.values["plugin.path"]).toBeUndefined();
    expect(worker.values["offset.storage.file.filename"]).toBeUndefined();
  });

  it("parses a standalone worker.properties and keeps the prefixed settings as given", () => {
    const worker = WorkerConfig.parse(
      parseProperties(
        [
          "bootstrap.servers=localhost:9092",
          "key.converter=org.apache.kafka.connect.json.JsonConverter",
          "value.converter=org.apache.kafka.connect.json.JsonConverter",
          "key.converter.schemas.enable=true",
          "value.converter.schemas.enable=false",
          "offset.storage.file.filename=/tmp/connect.offsets",
          "offset.flush.interval.ms=10000",
          "plugin.path=/usr/local/share/plugins, /opt/connectors",
        ].join("\n"),
      ),
    );
    expect(worker.values["offset.flush.interval.ms"]).toBe(10000);
    expect(worker.values["plugin.path"]).toEqual(["/usr/local/share/plugins", "/opt/connectors"]);
    expect(worker.values["value.converter"]).toBe("org.apache.kafka.connect.json.JsonConverter");
    expect(worker.originalsWithPrefix("value.converter.")).toEqual({ "schemas.enable": "false" });
    expect(worker.originals["offset.storage.file.filename"]).toBe("/tmp/connect.offsets");
  });

  it("refuses bad values, naming each key", () => {
    const attempt = () =>
      WorkerConfig.parse({ "offset.flush.interval.ms": "soon", "topic.creation.enable": "maybe" });
    expect(attempt).toThrow(ConfigValidationError);
    expect(attempt).toThrow(/offset\.flush\.interval\.ms[\s\S]*topic\.creation\.enable/);
  });
});
