/**
 * @packageDocumentation
 * @module @tributary/connector-jdbc
 */

export type {
  ConnectionSettings,
  DatabaseKind,
  ServerConnectionSettings,
  SqliteConnectionSettings,
} from "./connection/connection-settings.js";
export {
  type ConnectionCredentials,
  describeConnection,
  parseConnectionUrl,
  redactUrl,
} from "./connection/connection-url.js";
export { openSqlClient } from "./connection/open-sql-client.js";
export type { QueryOptions, SqlClient, SqlResult, SqlRow } from "./connection/sql-client.js";
export {
  classifySqlError,
  SqlConnectionError,
  type SqlErrorDetails,
  SqlLoginError,
  SqlStatementError,
} from "./connection/sql-errors.js";
export type { ColumnSpec, Dialect, DialectName, DialectOptions, ValueBinder } from "./dialect/dialect.js";
export { dialectFor, dialectForUrl, dialectNameOf, parseDialectName } from "./dialect/dialect-for-url.js";
export {
  type ColumnDefinition,
  type ColumnReader,
  type DialectReader,
  NUMERIC_MAPPINGS,
  type NumericMapping,
  type ReadOptions,
  type TableId,
  type TableListOptions,
} from "./dialect/dialect-reader.js";
export { tributaryPlugins } from "./plugins.js";
export {
  INSERT_MODES,
  JdbcSinkConfig,
  type JdbcSinkConfigValues,
  KAFKA_PK_FIELDS,
  PK_MODES,
  parseJdbcSinkConfig,
} from "./sink/jdbc-sink-config.js";
export { JdbcSinkConnector } from "./sink/jdbc-sink-connector.js";
export { JdbcSinkTask } from "./sink/jdbc-sink-task.js";
export {
  JdbcSourceConfig,
  type JdbcSourceConfigValues,
  SOURCE_MODES,
  type SourceMode,
} from "./source/jdbc-source-config.js";
export { JdbcSourceConnector } from "./source/jdbc-source-connector.js";
export { JdbcSourceTask } from "./source/jdbc-source-task.js";
export { VERSION } from "./version.js";
