import {
  addConfigError,
  type ConfigDef,
  type ConfigValidation,
  SinkConnector,
  type TaskClass,
  type TopicPartition,
} from "@tributary/api";
import { ElasticsearchSinkConfig } from "../config/elasticsearch-sink-config.js";
import { crossKeyProblems, requireConsistent } from "../config/sink-settings.js";
import { ElasticsearchSinkTask } from "../task/elasticsearch-sink-task.js";
import { VERSION } from "../version.js";

/**
 * Writes records from Kafka topics to Elasticsearch (7, 8, 9) or OpenSearch (1, 2, 3), one index or data stream per
 * topic: Tributary's counterpart of Confluent's Elasticsearch sink connector, with its configuration keys (see
 * {@link ElasticsearchSinkConfig} and {@link ElasticsearchSinkTask}). Which engine it talks to is read from the
 * cluster, so one configuration serves both.
 *
 * @example
 * ```properties
 * name=orders-to-search
 * connector.class=io.confluent.connect.elasticsearch.ElasticsearchSinkConnector
 * topics=orders
 * connection.url=http://127.0.0.1:9200
 * key.ignore=false
 * behavior.on.null.values=delete
 * ```
 */
export class ElasticsearchSinkConnector extends SinkConnector {
  #props: Readonly<Record<string, string>> = {};

  version(): string {
    return VERSION;
  }

  config(): ConfigDef<unknown> {
    return ElasticsearchSinkConfig;
  }

  /** Checks each key, then the keys together (credentials in pairs, data stream settings, …). */
  override validate(props: Readonly<Record<string, string>>): ConfigValidation {
    let validation = ElasticsearchSinkConfig.validate(props);
    if (validation.errorCount > 0) return validation;
    for (const problem of crossKeyProblems(ElasticsearchSinkConfig.parse(props))) {
      validation = addConfigError(validation, problem.key, problem.message);
    }
    return validation;
  }

  /**
   * Checks and keeps the configuration for the tasks.
   * @throws ConfigValidationError when the configuration is invalid.
   */
  start(props: Readonly<Record<string, string>>): void {
    requireConsistent(ElasticsearchSinkConfig.parse(props));
    this.#props = Object.freeze({ ...props });
  }

  taskClass(): TaskClass<ElasticsearchSinkTask> {
    return ElasticsearchSinkTask;
  }

  /** `maxTasks` copies of the configuration: the worker spreads the topics' partitions over the tasks. */
  taskConfigs(maxTasks: number): Readonly<Record<string, string>>[] {
    return Array.from({ length: maxTasks }, () => this.#props);
  }

  stop(): void {}

  /** Accepts any change: the documents keep no offsets, so the consumer group's are all there is. */
  override alterOffsets(
    _props: Readonly<Record<string, string>>,
    _offsets: ReadonlyMap<TopicPartition, bigint | null>,
  ): boolean {
    return true;
  }
}
