import { Config, ConfigError, type ConfigType, defineConfig } from "@tributary/api";
import { connectionConfigKeys } from "../connection/connection-config.js";

const CONNECTION = "Connection";
const WRITES = "Writes";
const DATA_MAPPING = "Data Mapping";
const DDL = "DDL Support";
const RETRIES = "Retries";

/** `insert.mode` values; Aiven's `multi` is the same multi-row INSERT as `insert` here. */
export const INSERT_MODES = ["insert", "upsert", "update", "multi"] as const;
/** `pk.mode` values: where the primary key columns come from. */
export const PK_MODES = ["none", "kafka", "record_key", "record_value", "record_header"] as const;

/** The `pk.fields` the `kafka` mode uses when none are given. */
export const KAFKA_PK_FIELDS = ["__connect_topic", "__connect_partition", "__connect_offset"] as const;

/**
 * The configuration of {@link JdbcSinkConnector} and its tasks, with the keys and defaults of Confluent's JDBC sink
 * connector, so an existing configuration carries over. The topics come from the worker's `topics` or
 * `topics.regex`. Use {@link parseJdbcSinkConfig}, which also checks the keys that depend on each other.
 *
 * @example
 * ```ts
 * const config = parseJdbcSinkConfig({
 *   "connection.url": "jdbc:postgresql://127.0.0.1:5432/shop",
 *   "insert.mode": "upsert",
 *   "pk.mode": "record_key",
 *   "auto.create": "true",
 * });
 * config["batch.size"]; // 3000
 * ```
 */
export const JdbcSinkConfig = defineConfig({
  ...connectionConfigKeys(CONNECTION),
  "dialect.name": Config.string({
    default: "",
    importance: "LOW",
    group: CONNECTION,
    documentation:
      "The dialect: PostgreSqlDatabaseDialect, MySqlDatabaseDialect or SqliteDatabaseDialect; empty to take it from connection.url.",
  }),
  "insert.mode": Config.enum(INSERT_MODES, {
    default: "insert",
    caseInsensitive: true,
    importance: "HIGH",
    group: WRITES,
    documentation:
      "insert: plain INSERT (several rows per statement); upsert: insert or update the row with the same primary key " +
      "(ON CONFLICT / ON DUPLICATE KEY UPDATE); update: UPDATE the row with the same key, never insert. multi is insert.",
  }),
  "batch.size": Config.int({
    default: 3000,
    minimum: 1,
    importance: "MEDIUM",
    group: WRITES,
    documentation:
      "The most rows one statement writes; larger batches are split, all inside the put's one transaction.",
  }),
  "delete.enabled": Config.boolean({
    default: false,
    importance: "MEDIUM",
    group: WRITES,
    documentation:
      "Whether a record with a null value (a tombstone) deletes the row with its key. Needs pk.mode=record_key.",
  }),
  "table.name.format": Config.string({
    default: "${topic}",
    nonEmpty: true,
    importance: "MEDIUM",
    group: DATA_MAPPING,
    documentation:
      "The destination table's name, where ${topic} stands for the record's topic; schema.table names a schema (PostgreSQL) or database (MySQL).",
  }),
  "pk.mode": Config.enum(PK_MODES, {
    default: "none",
    caseInsensitive: true,
    importance: "HIGH",
    group: DATA_MAPPING,
    documentation:
      "Where the primary key comes from: none; kafka (topic, partition and offset); record_key (the key, a primitive " +
      "or a struct); record_value (fields of the value); record_header (headers).",
  }),
  "pk.fields": Config.list({
    default: [],
    importance: "MEDIUM",
    group: DATA_MAPPING,
    documentation:
      "The primary key columns. kafka: three names for topic, partition and offset (default __connect_topic, " +
      "__connect_partition, __connect_offset); record_key: the column of a primitive key, or the key struct's fields " +
      "(default all); record_value: the value's fields (default all); record_header: the headers (default all).",
  }),
  "fields.whitelist": Config.list({
    default: [],
    importance: "MEDIUM",
    group: DATA_MAPPING,
    documentation: "The value fields to write; empty for all. Key columns are written whatever this says.",
  }),
  "db.timezone": Config.string({
    default: "UTC",
    nonEmpty: true,
    importance: "MEDIUM",
    group: DATA_MAPPING,
    documentation: "The time zone in which timestamps are written to columns without a zone (IANA name).",
  }),
  "auto.create": Config.boolean({
    default: false,
    importance: "MEDIUM",
    group: DDL,
    documentation: "Whether to CREATE TABLE when the destination table is missing, from the record's schema.",
  }),
  "auto.evolve": Config.boolean({
    default: false,
    importance: "MEDIUM",
    group: DDL,
    documentation:
      "Whether to ALTER TABLE ADD COLUMN for fields the table lacks; each such field must be optional or have a default.",
  }),
  "quote.sql.identifiers": Config.enum(["always", "never"], {
    default: "always",
    caseInsensitive: true,
    importance: "MEDIUM",
    group: DDL,
    documentation:
      "always quotes every table and column name; never leaves plain names (letters, digits, _) bare so the database " +
      "folds their case, and still quotes any other name.",
  }),
  "max.retries": Config.int({
    default: 10,
    minimum: 0,
    importance: "MEDIUM",
    group: RETRIES,
    documentation: "How many times a put that failed to reach the database is retried before the task fails.",
  }),
  "retry.backoff.ms": Config.int({
    default: 3000,
    minimum: 0,
    importance: "MEDIUM",
    group: RETRIES,
    documentation:
      "How long to wait before retrying a put that failed to reach the database, in milliseconds.",
  }),
});

/** The parsed configuration of a JDBC sink. */
export type JdbcSinkConfigValues = ConfigType<typeof JdbcSinkConfig>;

/**
 * Parses and checks a JDBC sink configuration, including the keys that depend on each other: `delete.enabled`
 * needs `pk.mode=record_key`, `upsert` and `update` need a primary key, `kafka` takes three `pk.fields`.
 * @throws ConfigError naming the key and what to set.
 */
export function parseJdbcSinkConfig(props: Readonly<Record<string, unknown>>): JdbcSinkConfigValues {
  const config = JdbcSinkConfig.parse(props);
  const pkMode = config["pk.mode"];
  if (config["delete.enabled"] && pkMode !== "record_key") {
    throw new ConfigError(
      `delete.enabled=true needs pk.mode=record_key (it is ${pkMode}): deletes find the row by the record key`,
    );
  }
  const mode = config["insert.mode"];
  if ((mode === "upsert" || mode === "update") && pkMode === "none") {
    throw new ConfigError(
      `insert.mode=${mode} needs a primary key: set pk.mode to record_key, record_value, record_header or kafka`,
    );
  }
  if (pkMode === "kafka" && config["pk.fields"].length !== 0 && config["pk.fields"].length !== 3) {
    throw new ConfigError(
      `pk.mode=kafka takes three pk.fields (topic, partition, offset columns), got ${config["pk.fields"].length}: ${config["pk.fields"].join(",")}`,
    );
  }
  if (pkMode === "none" && config["pk.fields"].length > 0) {
    throw new ConfigError("pk.fields is set but pk.mode=none: set pk.mode to say where the key comes from");
  }
  return config;
}
