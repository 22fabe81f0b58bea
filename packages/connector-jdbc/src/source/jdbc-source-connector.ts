import {
  addConfigError,
  type ConfigDef,
  type ConfigValidation,
  ConnectError,
  SourceConnector,
  type SourceOffset,
  type SourcePartition,
  type TaskClass,
} from "@tributary/api";
import type { TableId } from "../dialect/dialect-reader.js";
import { VERSION } from "../version.js";
import { JdbcSourceConfig, type JdbcSourceConfigValues } from "./jdbc-source-config.js";
import { JdbcSourceTask } from "./jdbc-source-task.js";
import { openSourceConnection, type SourceConnection } from "./source-connection.js";
import { positionOf, qualifiedTableName } from "./source-offsets.js";

const OFFSET_KEYS = new Set(["incrementing", "timestamp", "timestamp_nanos"]);

import { encodeTables, groupTables, selectTables } from "./table-selection.js";

/**
 * Reads SQL tables (PostgreSQL, MySQL/MariaDB, SQLite) into Kafka topics, configured with the keys of Confluent's
 * JDBC source connector (`io.confluent.connect.jdbc.JdbcSourceConnector`), which is accepted as an alias.
 *
 * The connector lists the tables (`table.whitelist` / `table.blacklist`, `table.types`, `catalog.pattern`,
 * `schema.pattern`) when it starts and again every `table.poll.interval.ms`; when the set changes it asks the worker
 * to reconfigure the tasks. Tables are split over at most `tasks.max` tasks in contiguous groups of near-equal size,
 * a table never split; in `query` mode one task reads the query. See {@link JdbcSourceTask} for how rows are read.
 *
 * @example
 * ```properties
 * name=shop-orders
 * connector.class=io.confluent.connect.jdbc.JdbcSourceConnector
 * connection.url=jdbc:postgresql://127.0.0.1:5432/shop
 * connection.user=reader
 * mode=timestamp+incrementing
 * timestamp.column.name=updated_at
 * incrementing.column.name=id
 * table.whitelist=orders,customers
 * topic.prefix=shop-
 * ```
 */
export class JdbcSourceConnector extends SourceConnector {
  #props: Readonly<Record<string, string>> = {};
  #config: JdbcSourceConfigValues | undefined;
  #connection: SourceConnection | undefined;
  #tables: TableId[] = [];
  #timer: NodeJS.Timeout | undefined;
  #stopping = new AbortController();

  version(): string {
    return VERSION;
  }

  config(): ConfigDef<unknown> {
    return JdbcSourceConfig;
  }

  /**
   * Checks the configuration and, unless in query mode, lists the tables and starts watching for new and dropped
   * ones.
   * @throws ConfigValidationError when the configuration is invalid; the connection error when the database cannot
   * be reached in `connection.attempts` tries.
   */
  async start(props: Readonly<Record<string, string>>): Promise<void> {
    const config = JdbcSourceConfig.parse(props);
    selectTables([], config["table.whitelist"], config["table.blacklist"]);
    this.#props = Object.freeze({ ...props });
    this.#config = config;
    this.#stopping = new AbortController();
    if (config.query !== "") return;
    this.#connection = await openSourceConnection(config, this.#stopping.signal);
    this.#tables = await this.#listTables();
    this.#schedule();
  }

  taskClass(): TaskClass<JdbcSourceTask> {
    return JdbcSourceTask;
  }

  /**
   * One task for a query; otherwise the tables in at most `maxTasks` groups, each task's list in its `tables`
   * property. No tables, no tasks.
   */
  taskConfigs(maxTasks: number): Readonly<Record<string, string>>[] {
    if (this.#config?.query !== "") return [this.#props];
    return groupTables(this.#tables, maxTasks).map((group) => ({
      ...this.#props,
      tables: encodeTables(group),
    }));
  }

  async stop(): Promise<void> {
    this.#stopping.abort();
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const connection = this.#connection;
    this.#connection = undefined;
    await connection?.client.close();
  }

  /**
   * Accepts offsets in Confluent's shape, which the tasks read when they start: partitions `{"protocol": "1",
   * "table": "db.schema.table"}`, `{"table": "name"}` or `{"query": "query"}`, offsets with whole numbers under
   * `incrementing`, `timestamp` and `timestamp_nanos`; and any reset (`null`), which makes a table start again from
   * its first row.
   * @throws ConnectError naming the partition or offset that has another shape.
   */
  override alterOffsets(
    _props: Readonly<Record<string, string>>,
    offsets: ReadonlyMap<SourcePartition, SourceOffset | null>,
  ): boolean {
    for (const [partition, offset] of offsets) {
      const table = partition.table;
      const query = partition.query;
      if (!(typeof table === "string" && table !== "") && query !== "query") {
        throw new ConnectError(
          `The partition ${JSON.stringify(partition)} is not a JDBC source partition: expected {"protocol": "1", "table": "db.schema.table"} or {"query": "query"}.`,
        );
      }
      if (offset === null) continue;
      const unknown = Object.keys(offset).filter((key) => !OFFSET_KEYS.has(key));
      if (unknown.length > 0) {
        throw new ConnectError(
          `The offset ${JSON.stringify(offset)} has key(s) ${unknown.join(", ")}; a JDBC source offset has only incrementing, timestamp and timestamp_nanos.`,
        );
      }
      positionOf(offset);
    }
    return true;
  }

  /** Adds the checks across keys to the per-key validation: the modes' columns, and the table lists. */
  override validate(props: Readonly<Record<string, string>>): ConfigValidation {
    let validation = JdbcSourceConfig.validate(props);
    const value = (key: string): string => (props[key] ?? "").trim();
    const mode = value("mode").toLowerCase();
    if (mode.startsWith("timestamp") && value("timestamp.column.name") === "") {
      validation = addConfigError(
        validation,
        "timestamp.column.name",
        `Mode ${mode} needs the timestamp column(s) to compare.`,
      );
    }
    if (value("table.whitelist") !== "" && value("table.blacklist") !== "") {
      validation = addConfigError(
        validation,
        "table.blacklist",
        "Set table.whitelist or table.blacklist, not both.",
      );
    }
    if (value("query") !== "" && (value("table.whitelist") !== "" || value("table.blacklist") !== "")) {
      validation = addConfigError(
        validation,
        "query",
        "A query reads its own tables; leave table.whitelist and table.blacklist unset.",
      );
    }
    return validation;
  }

  async #listTables(): Promise<TableId[]> {
    const config = this.#config;
    const connection = this.#connection;
    if (config === undefined || connection === undefined) return [];
    const tables = await connection.dialect.reader.listTables(connection.client, {
      tableTypes: config["table.types"],
      catalogPattern: config["catalog.pattern"],
      schemaPattern: config["schema.pattern"],
    });
    return selectTables(tables, config["table.whitelist"], config["table.blacklist"]);
  }

  /** Lists the tables again after `table.poll.interval.ms`, and asks for new task configurations when they changed. */
  #schedule(): void {
    const interval = this.#config?.["table.poll.interval.ms"] ?? 60_000;
    this.#timer = setTimeout(() => void this.#checkTables(), interval);
    this.#timer.unref();
  }

  async #checkTables(): Promise<void> {
    try {
      const tables = await this.#listTables();
      if (this.#stopping.signal.aborted) return;
      const key = (list: readonly TableId[]) => list.map(qualifiedTableName).join("\n");
      if (key(tables) !== key(this.#tables)) {
        this.#tables = tables;
        this.context.requestTaskReconfiguration();
      }
    } catch (error) {
      if (this.#stopping.signal.aborted) return;
      process.emitWarning(
        `The JDBC source could not list the tables again (${(error as Error).message}); it keeps the tables it knows and tries again in table.poll.interval.ms.`,
        { type: "TributaryWarning", code: "TRIBUTARY_JDBC_SOURCE_TABLE_LISTING" },
      );
    }
    if (!this.#stopping.signal.aborted) this.#schedule();
  }
}
