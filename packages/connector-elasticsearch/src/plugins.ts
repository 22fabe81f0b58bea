import type { PluginDescriptor } from "@tributary/api";
import { ElasticsearchSinkConnector } from "./connector/elasticsearch-sink-connector.js";
import { VERSION } from "./version.js";

/**
 * The plugins of `@tributary/connector-elasticsearch`, found by a worker under their full name, their simple name
 * (`ElasticsearchSinkConnector`), their short alias (`ElasticsearchSink`) and Confluent's Java class name, so a
 * Kafka Connect configuration naming it works unchanged.
 */
export const tributaryPlugins: readonly PluginDescriptor[] = Object.freeze([
  {
    type: "sink",
    className: "@tributary/connector-elasticsearch/ElasticsearchSinkConnector",
    aliases: ["io.confluent.connect.elasticsearch.ElasticsearchSinkConnector"],
    version: VERSION,
    create: () => new ElasticsearchSinkConnector(),
  },
]);
