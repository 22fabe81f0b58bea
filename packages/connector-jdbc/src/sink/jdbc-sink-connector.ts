import { type ConfigDef, SinkConnector, type TaskClass, type TopicPartition } from "@tributary/api";
import { VERSION } from "../version.js";
import { JdbcSinkConfig, parseJdbcSinkConfig } from "./jdbc-sink-config.js";
import { JdbcSinkTask } from "./jdbc-sink-task.js";

/**
 * Writes the records of its topics to SQL tables (PostgreSQL, MySQL/MariaDB, SQLite), configured with the keys of
 * Confluent's JDBC sink connector (`io.confluent.connect.jdbc.JdbcSinkConnector` is an alias). Every task gets the
 * same configuration; the worker spreads the topic partitions over them.
 *
 * @example
 * ```json
 * {
 *   "connector.class": "io.confluent.connect.jdbc.JdbcSinkConnector",
 *   "topics": "orders",
 *   "connection.url": "jdbc:postgresql://127.0.0.1:5432/shop?user=app",
 *   "insert.mode": "upsert",
 *   "pk.mode": "record_key",
 *   "auto.create": "true"
 * }
 * ```
 */
export class JdbcSinkConnector extends SinkConnector {
  #props: Readonly<Record<string, string>> = {};

  version(): string {
    return VERSION;
  }

  config(): ConfigDef<unknown> {
    return JdbcSinkConfig;
  }

  /** Checks the configuration, including the keys that depend on each other, before any task starts. */
  start(props: Readonly<Record<string, string>>): void {
    parseJdbcSinkConfig(props);
    this.#props = Object.freeze({ ...props });
  }

  taskClass(): TaskClass<JdbcSinkTask> {
    return JdbcSinkTask;
  }

  taskConfigs(maxTasks: number): Readonly<Record<string, string>>[] {
    return Array.from({ length: maxTasks }, () => this.#props);
  }

  stop(): void {}

  /** Offsets live in the worker's consumer group only, so resetting or moving them needs nothing from the connector. */
  override alterOffsets(
    _props: Readonly<Record<string, string>>,
    _offsets: ReadonlyMap<TopicPartition, bigint | null>,
  ): boolean {
    return true;
  }
}
