import { Config, type ConfigType, defineConfig } from "@tributary/api";
import { NUMERIC_MAPPINGS } from "../dialect/dialect-reader.js";

const CONNECTION = "Database";
const MODE = "Mode";
const CONNECTOR = "Connector";

/** The query modes of the JDBC source, as Confluent's `mode` names them. */
export const SOURCE_MODES = ["bulk", "incrementing", "timestamp", "timestamp+incrementing"] as const;

/**
 * The configuration of {@link JdbcSourceConnector} and its tasks, with the keys and defaults of Confluent's JDBC
 * source connector, so an existing configuration carries over.
 *
 * @example
 * ```ts
 * const config = JdbcSourceConfig.parse({
 *   "connection.url": "jdbc:postgresql://127.0.0.1:5432/shop",
 *   mode: "timestamp+incrementing",
 *   "timestamp.column.name": "updated_at",
 *   "incrementing.column.name": "id",
 *   "topic.prefix": "shop-",
 * });
 * config["batch.max.rows"]; // 1000
 * ```
 */
export const JdbcSourceConfig = defineConfig({
  "connection.url": Config.string({
    nonEmpty: true,
    importance: "HIGH",
    group: CONNECTION,
    documentation:
      "The database to read: a JDBC URL (jdbc:postgresql://host:5432/db, jdbc:mysql://host:3306/db, " +
      "jdbc:mariadb://host:3306/db, jdbc:sqlite:path) or a native one (postgres://…, mysql://…, a SQLite file path).",
  }),
  "connection.user": Config.string({
    optional: true,
    importance: "HIGH",
    group: CONNECTION,
    documentation: "The database user; when unset, the one in the URL, if any.",
  }),
  "connection.password": Config.password({
    optional: true,
    importance: "HIGH",
    group: CONNECTION,
    documentation: "The database password; when unset, the one in the URL, if any.",
  }),
  "connection.attempts": Config.int({
    default: 3,
    minimum: 1,
    importance: "LOW",
    group: CONNECTION,
    documentation: "How many times to try to connect before the task fails.",
  }),
  "connection.backoff.ms": Config.long({
    default: 10_000,
    minimum: 0,
    importance: "LOW",
    group: CONNECTION,
    documentation: "How long to wait between connection attempts, in milliseconds.",
  }),
  "dialect.name": Config.string({
    optional: true,
    importance: "LOW",
    group: CONNECTION,
    documentation:
      "The database dialect (PostgreSqlDatabaseDialect, MySqlDatabaseDialect, SqliteDatabaseDialect, or postgres, " +
      "mysql, sqlite); when unset, taken from connection.url.",
  }),
  "table.whitelist": Config.list({
    default: [],
    importance: "MEDIUM",
    group: CONNECTION,
    documentation:
      "Tables to read, by name or qualified name (schema.table, db.schema.table); when set, no other table is read. " +
      "Cannot be combined with table.blacklist.",
  }),
  "table.blacklist": Config.list({
    default: [],
    importance: "MEDIUM",
    group: CONNECTION,
    documentation:
      "Tables not to read, by name or qualified name; every other table is read. Cannot be combined with " +
      "table.whitelist.",
  }),
  "table.types": Config.list({
    default: ["TABLE"],
    importance: "LOW",
    group: CONNECTION,
    documentation:
      "The kinds of table to read: TABLE, VIEW (and MATERIALIZED VIEW, FOREIGN TABLE where they exist).",
  }),
  "catalog.pattern": Config.string({
    optional: true,
    importance: "LOW",
    group: CONNECTION,
    documentation:
      "A SQL LIKE pattern for the catalog (the database in MySQL) of the tables to read; when unset, the " +
      "connection's own database.",
  }),
  "schema.pattern": Config.string({
    optional: true,
    importance: "LOW",
    group: CONNECTION,
    documentation:
      "A SQL LIKE pattern for the schema of the tables to read (PostgreSQL); when unset, every schema except the " +
      "system ones.",
  }),
  "numeric.mapping": Config.enum(NUMERIC_MAPPINGS, {
    default: "none",
    caseInsensitive: true,
    importance: "LOW",
    group: CONNECTION,
    documentation:
      "How NUMERIC/DECIMAL columns map: none (always Decimal), precision_only (integers when the scale is 0 and " +
      "the precision at most 18), best_fit (also FLOAT64 when the scale is positive and the precision at most " +
      "18), best_fit_eager_double (FLOAT64 whenever the scale is positive).",
  }),
  "db.timezone": Config.string({
    default: "UTC",
    nonEmpty: true,
    importance: "MEDIUM",
    group: CONNECTION,
    documentation:
      "The time zone (an IANA name such as Europe/Berlin) in which the database's date and time columns without " +
      "a zone hold their wall-clock values.",
  }),
  "quote.sql.identifiers": Config.enum(["always", "never"], {
    default: "always",
    caseInsensitive: true,
    importance: "LOW",
    group: CONNECTION,
    documentation: "Whether table and column names are quoted in the queries the source builds.",
  }),
  mode: Config.enum(SOURCE_MODES, {
    caseInsensitive: true,
    importance: "HIGH",
    group: MODE,
    documentation:
      "How rows are found on each poll: bulk (the whole table every time), incrementing (rows whose strictly " +
      "increasing column is above the last one read), timestamp (rows whose timestamp is above the last one read), " +
      "timestamp+incrementing (both: new and updated rows, exactly ordered).",
  }),
  "incrementing.column.name": Config.string({
    default: "",
    importance: "MEDIUM",
    group: MODE,
    documentation:
      "The strictly increasing column of the incrementing modes; when empty, the table's auto-increment column.",
  }),
  "timestamp.column.name": Config.list({
    default: [],
    importance: "MEDIUM",
    group: MODE,
    documentation:
      "The timestamp column(s) of the timestamp modes; with several, the first non-null one of each row counts " +
      "(COALESCE).",
  }),
  "timestamp.initial": Config.long({
    optional: true,
    importance: "LOW",
    group: MODE,
    documentation:
      "Where the timestamp modes start when no offset is stored, in milliseconds since the epoch; -1 means the " +
      "database's current time. When unset, every row is read.",
  }),
  "timestamp.delay.interval.ms": Config.long({
    default: 0,
    minimum: 0,
    importance: "HIGH",
    group: MODE,
    documentation:
      "How long after its timestamp a row is read, in milliseconds: rows newer than the database's time minus this " +
      "wait, so transactions that commit late with an earlier timestamp are not skipped.",
  }),
  "validate.non.null": Config.boolean({
    default: true,
    importance: "LOW",
    group: MODE,
    documentation: "Whether to check at start that the incrementing and timestamp columns are NOT NULL.",
  }),
  query: Config.string({
    default: "",
    importance: "MEDIUM",
    group: MODE,
    documentation:
      "Read the result of this query instead of tables (one task). It may have its own WHERE, GROUP BY or ORDER " +
      "BY: it is wrapped as a subquery, and the mode's conditions apply to its result.",
  }),
  "query.suffix": Config.string({
    default: "",
    importance: "LOW",
    group: MODE,
    documentation: "Text appended to every query the source runs, such as a locking or hint clause.",
  }),
  "topic.prefix": Config.string({
    importance: "HIGH",
    group: CONNECTOR,
    documentation:
      "The prefix of the topic names: records of table t go to <prefix>t; in query mode, to the prefix itself.",
  }),
  "poll.interval.ms": Config.int({
    default: 5000,
    minimum: 0,
    importance: "HIGH",
    group: CONNECTOR,
    documentation:
      "How long to wait after reading all of a table's new rows before querying it again, in ms.",
  }),
  "batch.max.rows": Config.int({
    default: 1000,
    minimum: 1,
    importance: "LOW",
    group: CONNECTOR,
    documentation:
      "The most records one poll returns, and the number of rows fetched from the database at a time: rows are " +
      "streamed with a cursor, never a whole table at once.",
  }),
  "table.poll.interval.ms": Config.long({
    default: 60_000,
    minimum: 0,
    importance: "LOW",
    group: CONNECTOR,
    documentation:
      "How often the connector lists the tables again, in ms; when the set changes the tasks are reconfigured.",
  }),
});

/** The parsed configuration of a JDBC source. */
export type JdbcSourceConfigValues = ConfigType<typeof JdbcSourceConfig>;

/** The mode a JDBC source reads in. */
export type SourceMode = (typeof SOURCE_MODES)[number];
