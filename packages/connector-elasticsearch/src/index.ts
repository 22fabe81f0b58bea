/**
 * An Elasticsearch and OpenSearch sink connector for Tributary, configured with the keys of Confluent's
 * Elasticsearch sink connector.
 *
 * @packageDocumentation
 * @module @tributary/connector-elasticsearch
 */

export {
  type DecimalMapping,
  ElasticsearchSinkConfig,
  type ElasticsearchSinkConfigValues,
} from "./config/elasticsearch-sink-config.js";
export { ElasticsearchSinkConnector } from "./connector/elasticsearch-sink-connector.js";
export type { EngineInfo } from "./http/engine-info.js";
export { tributaryPlugins } from "./plugins.js";
export { ElasticsearchSinkTask } from "./task/elasticsearch-sink-task.js";
export { VERSION } from "./version.js";
