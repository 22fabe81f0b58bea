import { describe, expect, it } from "vitest";
import { ElasticsearchSinkConnector } from "./connector/elasticsearch-sink-connector.js";
import { tributaryPlugins } from "./plugins.js";
import { ElasticsearchSinkTask } from "./task/elasticsearch-sink-task.js";
import { VERSION } from "./version.js";

describe("tributaryPlugins", () => {
  it("offers the sink under its own name and Confluent's class name", () => {
    expect(
      tributaryPlugins.map(({ type, className, aliases, version }) => ({
        type,
        className,
        aliases,
        version,
      })),
    ).toEqual([
      {
        type: "sink",
        className: "@tributary/connector-elasticsearch/ElasticsearchSinkConnector",
        aliases: ["io.confluent.connect.elasticsearch.ElasticsearchSinkConnector"],
        version: VERSION,
      },
    ]);
    expect(tributaryPlugins[0]?.create()).toBeInstanceOf(ElasticsearchSinkConnector);
  });
});

describe("ElasticsearchSinkConnector", () => {
  it("gives each task the connector's configuration", () => {
    const connector = new ElasticsearchSinkConnector();
    const props = { "connection.url": "http://127.0.0.1:9200", topics: "a" };
    connector.start(props);
    expect(connector.taskClass()).toBe(ElasticsearchSinkTask);
    expect(connector.taskConfigs(2)).toEqual([props, props]);
  });

  it("adds problems across keys to the validation, under the key to fix", async () => {
    const validation = await new ElasticsearchSinkConnector().validate({
      "connection.url": "http://127.0.0.1:9200",
      "connection.username": "elastic",
    });
    expect(validation.errorCount).toBe(1);
    const password = validation.configs.find((config) => config.value.name === "connection.password");
    expect(password?.value.errors).toEqual([
      "Invalid value null for configuration connection.password: connection.username is set, so connection.password is required too.",
    ]);
  });
});
