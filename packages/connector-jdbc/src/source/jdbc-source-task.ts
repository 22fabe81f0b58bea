import { ConfigError, type SourcePartition, type SourceRecord, SourceTask } from "@tributary/api";
import type { SqlClient } from "../connection/sql-client.js";
import { SqlStatementError } from "../connection/sql-errors.js";
import type { ColumnDefinition } from "../dialect/dialect-reader.js";
import { ReadTimeZone } from "../dialect/read-time-zone.js";
import { VERSION } from "../version.js";
import { JdbcSourceConfig, type JdbcSourceConfigValues } from "./jdbc-source-config.js";
import { openSourceConnection, sleep } from "./source-connection.js";
import {
  legacyTablePartition,
  positionOf,
  QUERY_PARTITION,
  qualifiedTableName,
  tablePartition,
} from "./source-offsets.js";
import { type QuerySource, TableQuerier } from "./table-querier.js";
import { decodeTables } from "./table-selection.js";

/** The longest a `poll()` waits for a table's next run before returning nothing, so the worker stays responsive. */
const MAX_IDLE_MS = 1000;

/**
 * Reads the tables its connector assigned it (task property `tables`), or the connector's custom `query`, into
 * records: the task of {@link JdbcSourceConnector}.
 *
 * Each table is read in runs: a run selects the rows after the table's position (see `mode`), streams them through
 * a cursor `batch.max.rows` at a time, and ends when they are all read; the table's next run starts
 * `poll.interval.ms` later. A `poll()` returns up to `batch.max.rows` records of the table whose run is in progress,
 * or starts the run of the table due first, or waits for it (at most a second, then it returns `null`).
 *
 * Records go to `topic.prefix` + the table's name (the prefix alone for a query), with no key and a Struct value
 * whose schema is named after the table; their source partition is `{"protocol": "1", "table": "db.schema.table"}`
 * (`{"query": "query"}`) and their offset Confluent's `incrementing`, `timestamp` and `timestamp_nanos`, so offsets
 * stored by Confluent's connector are resumed from.
 */
export class JdbcSourceTask extends SourceTask {
  readonly #stopping = new AbortController();
  #config: JdbcSourceConfigValues | undefined;
  #client: SqlClient | undefined;
  #queriers: TableQuerier[] = [];
  readonly #warned = new Set<string>();
  #polling = false;
  #closed = false;

  version(): string {
    return VERSION;
  }

  /**
   * Reads the configuration and the stored offsets and connects to the database.
   * @throws ConfigValidationError when the configuration is invalid; ConfigError when the task has no `tables`
   * outside query mode; the connection error when the database cannot be reached.
   */
  async start(props: Readonly<Record<string, string>>): Promise<void> {
    const config = JdbcSourceConfig.parse(props);
    this.#config = config;
    const sources = sourcesOf(config, props);
    const { dialect, client } = await openSourceConnection(config, this.#stopping.signal);
    this.#client = client;
    const reader = this.context.offsetStorageReader();
    const partitions = sources.map(({ partition }) => partition);
    const legacy = sources.flatMap(({ legacy }) => (legacy === undefined ? [] : [legacy]));
    const stored = await reader.offsets([...partitions, ...legacy]);
    const readOptions = {
      numericMapping: config["numeric.mapping"],
      timeZone: new ReadTimeZone(config["db.timezone"]),
    };
    this.#queriers = sources.map(({ source, partition, legacy, topic, label }) => {
      const offset = stored.get(partition) ?? (legacy === undefined ? null : stored.get(legacy)) ?? null;
      return new TableQuerier({
        dialect,
        source,
        mode: config.mode,
        topic,
        partition,
        position: positionOf(offset),
        timestampInitial: config["timestamp.initial"],
        incrementingColumn: config["incrementing.column.name"],
        timestampColumns: config["timestamp.column.name"],
        delayMs: config["timestamp.delay.interval.ms"],
        validateNonNull: config["validate.non.null"],
        suffix: config["query.suffix"],
        readOptions,
        onUnmappable: (column) => this.#warnUnmappable(label, column),
      });
    });
  }

  /**
   * Up to `batch.max.rows` records, or `null` when no table has new rows within about a second.
   * @throws SqlConnectionError (retriable) when the connection fails; the run then starts again from the position
   * of the last record returned. A statement error on one table (dropped, say) is a warning instead: the table is
   * tried again after `poll.interval.ms`, the others are read meanwhile.
   */
  async poll(): Promise<SourceRecord[] | null> {
    const config = this.#config;
    const client = this.#client;
    if (config === undefined || client === undefined || this.#stopping.signal.aborted) return null;
    this.#polling = true;
    const deadline = Date.now() + MAX_IDLE_MS;
    let querier: TableQuerier | undefined;
    try {
      while (!this.#stopping.signal.aborted) {
        querier = this.#nextQuerier();
        if (querier === undefined) {
          await sleep(MAX_IDLE_MS, this.#stopping.signal);
          return null;
        }
        if (!querier.running) {
          const wait = querier.nextRunAt - Date.now();
          if (wait > 0) {
            const budget = deadline - Date.now();
            if (budget <= 0) return null;
            await sleep(Math.min(wait, budget), this.#stopping.signal);
            continue;
          }
          await querier.start(client, config["batch.max.rows"]);
        }
        const records = await querier.read(config["batch.max.rows"]);
        if (!querier.running) querier.nextRunAt = Date.now() + config["poll.interval.ms"];
        if (records.length > 0) return records;
        // Runs that found nothing: give the worker its turn at least once a second, even with poll.interval.ms=0.
        if (Date.now() >= deadline) return null;
      }
      return null;
    } catch (error) {
      // The run starts again at the position of the last record returned.
      await querier?.close().catch(() => undefined);
      if (this.#stopping.signal.aborted) return null;
      if (error instanceof SqlStatementError && querier?.readsTable === true) {
        // A table dropped or altered under the task (the connector's next listing reconfigures the tasks), or a
        // privilege taken away: the other tables go on, and this one is tried again after poll.interval.ms.
        querier.nextRunAt = Date.now() + config["poll.interval.ms"];
        process.emitWarning(
          `The JDBC source could not read ${querier.description} (${error.message}); it reads its other tables and tries this one again in poll.interval.ms.`,
          { type: "TributaryWarning", code: "TRIBUTARY_JDBC_SOURCE_TABLE_FAILED" },
        );
        return null;
      }
      throw error;
    } finally {
      this.#polling = false;
      if (this.#stopping.signal.aborted) await this.#close();
    }
  }

  /** Ends a pending poll's wait and closes the connection (after that poll, if one is reading). */
  async stop(): Promise<void> {
    this.#stopping.abort();
    if (!this.#polling) await this.#close();
  }

  /** The table in a run, else the one due first. */
  #nextQuerier(): TableQuerier | undefined {
    let next: TableQuerier | undefined;
    for (const querier of this.#queriers) {
      if (querier.running) return querier;
      if (next === undefined || querier.nextRunAt < next.nextRunAt) next = querier;
    }
    return next;
  }

  #warnUnmappable(label: string, column: ColumnDefinition): void {
    const key = `${label}\u0000${column.name}`;
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    process.emitWarning(
      `Column ${column.name} of ${label} has type ${column.declaredType}, which the JDBC source cannot map to a ` +
        "Connect type; it is left out of the records.",
      { type: "TributaryWarning", code: "TRIBUTARY_JDBC_SOURCE_UNMAPPED_COLUMN" },
    );
  }

  async #close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const querier of this.#queriers) await querier.close().catch(() => undefined);
    await this.#client?.close();
  }
}

interface SourceEntry {
  readonly source: QuerySource;
  readonly partition: SourcePartition;
  readonly legacy: SourcePartition | undefined;
  readonly topic: string;
  readonly label: string;
}

function sourcesOf(config: JdbcSourceConfigValues, props: Readonly<Record<string, string>>): SourceEntry[] {
  const prefix = config["topic.prefix"];
  if (config.query !== "") {
    return [
      {
        source: { query: config.query },
        partition: QUERY_PARTITION,
        legacy: undefined,
        topic: prefix,
        label: "the query",
      },
    ];
  }
  const tables = props.tables;
  if (tables === undefined) {
    throw new ConfigError(
      'The JDBC source task has no "tables": its connector assigns each task its tables. Run it through JdbcSourceConnector, or set query.',
    );
  }
  return decodeTables(tables).map((table) => ({
    source: { table },
    partition: tablePartition(table),
    legacy: legacyTablePartition(table),
    topic: prefix + table.name,
    label: `table ${qualifiedTableName(table)}`,
  }));
}
