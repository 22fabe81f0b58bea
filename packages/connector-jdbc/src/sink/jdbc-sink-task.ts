import { ConnectError, RetriableError, type SinkRecord, SinkTask } from "@tributary/api";
import { parseConnectionUrl } from "../connection/connection-url.js";
import { openSqlClient } from "../connection/open-sql-client.js";
import type { SqlClient } from "../connection/sql-client.js";
import { SqlConnectionError } from "../connection/sql-errors.js";
import { dialectForUrl } from "../dialect/dialect-for-url.js";
import { VERSION } from "../version.js";
import { type JdbcSinkConfigValues, parseJdbcSinkConfig } from "./jdbc-sink-config.js";
import { JdbcWriter, type RecordErrorHandler } from "./jdbc-writer.js";

/**
 * Writes records to a SQL table per topic, one transaction per `put`: all of a put's rows commit together or none
 * do. A failure to reach the database is retriable up to `max.retries` times (the worker waits `retry.backoff.ms`
 * and delivers the same records again); then the task fails. A record the database refuses goes to the errant
 * record reporter (the dead letter queue) when the worker offers one, and the rest of the put commits; without a
 * reporter the put fails.
 *
 * Offsets are kept by the worker: `preCommit` returns what `put` has committed, since every put commits before it
 * returns.
 */
export class JdbcSinkTask extends SinkTask {
  #config: JdbcSinkConfigValues | undefined;
  #client: SqlClient | undefined;
  #writer: JdbcWriter | undefined;
  #retriesLeft = 0;

  version(): string {
    return VERSION;
  }

  /**
   * Parses the configuration and prepares the connection, which opens on the first put.
   * @throws ConfigError for an invalid configuration.
   */
  start(props: Readonly<Record<string, string>>): void {
    const config = parseJdbcSinkConfig(props);
    const url = config["connection.url"];
    const settings = parseConnectionUrl(url, {
      user: config["connection.user"],
      password: config["connection.password"],
    });
    const dialect = dialectForUrl(
      url,
      { timeZone: config["db.timezone"], quoteIdentifiers: config["quote.sql.identifiers"] },
      config["dialect.name"],
    );
    this.#config = config;
    this.#client = openSqlClient(settings);
    this.#writer = new JdbcWriter(this.#client, dialect, config);
    this.#retriesLeft = config["max.retries"];
  }

  /**
   * Writes `records` in one transaction. Rejects with a retriable error when the database cannot be reached (after
   * asking the worker to wait `retry.backoff.ms`), and with a plain `ConnectError` once `max.retries` retries in a
   * row failed, or when a record is refused and there is no errant record reporter.
   */
  async put(records: readonly SinkRecord[]): Promise<void> {
    const writer = this.#writer;
    const config = this.#config;
    if (writer === undefined || config === undefined)
      throw new ConnectError("JdbcSinkTask.put was called before start()");
    if (records.length === 0) return;
    const reporter = this.context.errantRecordReporter();
    const onRecordError: RecordErrorHandler | undefined =
      reporter === null ? undefined : (record, error) => reporter.report(record, error);
    try {
      await writer.write(records, onRecordError);
      this.#retriesLeft = config["max.retries"];
    } catch (error) {
      if (!(error instanceof SqlConnectionError)) throw error;
      writer.reset();
      if (this.#retriesLeft <= 0) {
        throw new ConnectError(
          `Writing to the database failed ${config["max.retries"] + 1} times in a row; giving up (raise max.retries to wait longer): ${error.message}`,
          { cause: error },
        );
      }
      this.#retriesLeft -= 1;
      this.context.timeout(config["retry.backoff.ms"]);
      throw new RetriableError(
        `Writing to the database failed; retrying (${this.#retriesLeft} retries left): ${error.message}`,
        { cause: error },
      );
    }
  }

  /** Closes the database connection. */
  async stop(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    this.#writer = undefined;
    await client?.close();
  }
}
