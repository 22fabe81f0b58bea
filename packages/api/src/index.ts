/**
 * Tributary's author-facing API: the connector contracts, Kafka Connect's data model, typed configuration and the
 * offset-storage contract. It depends on nothing of the runtime.
 *
 * @packageDocumentation
 * @module @tributary/api
 */

export {
  addConfigError,
  type BooleanKeyOptions,
  type ClassKeyOptions,
  Config,
  type ConfigDef,
  type ConfigImportance,
  type ConfigInfo,
  type ConfigInfos,
  type ConfigKeyDefinition,
  type ConfigKeyInfo,
  type ConfigKeyOptions,
  type ConfigKeyType,
  type ConfigParseOptions,
  type ConfigProblem,
  type ConfigSchema,
  type ConfigShape,
  type ConfigType,
  type ConfigValidateOptions,
  type ConfigValidation,
  ConfigValidationError,
  type ConfigValidator,
  type ConfigValueInfo,
  type ConfigValuesOf,
  type ConfigVisibility,
  type ConfigWidth,
  defineConfig,
  type EnumKeyOptions,
  isSecretKeyName,
  type KeyValue,
  type ListKeyOptions,
  type NumberKeyOptions,
  type OptionalFlag,
  Password,
  type PasswordKeyOptions,
  parseConfigValue,
  propsWithPrefix,
  redactConfig,
  renderConfig,
  type StringKeyOptions,
  toConfigInfos,
} from "./config/index.js";
export { Connector } from "./connector/connector.js";
export type { ConnectorContext } from "./connector/connector-context.js";
export { ConnectorTransactionBoundaries } from "./connector/connector-transaction-boundaries.js";
export { ExactlyOnceSupport } from "./connector/exactly-once-support.js";
export type { Task, TaskClass } from "./connector/task.js";
export { TopicPartition } from "./connector/topic-partition.js";
export { BigDecimal } from "./data/big-decimal.js";
export { ConnectSchema, type ConnectSchemaInit } from "./data/connect-schema.js";
export { Field } from "./data/field.js";
export {
  decimalToFloat32,
  formatJavaDouble,
  formatJavaFloat,
  parseFloat32,
} from "./data/java-number-format.js";
export { ConnectDate } from "./data/logical/date.js";
export { Decimal } from "./data/logical/decimal.js";
export { ConnectTime } from "./data/logical/time.js";
export { ConnectTimestamp } from "./data/logical/timestamp.js";
export { Schema } from "./data/schema.js";
export type { SchemaAndValue } from "./data/schema-and-value.js";
export { SchemaBuilder, type SchemaLike } from "./data/schema-builder.js";
export { SchemaProjector } from "./data/schema-projector.js";
export { isPrimitiveType, isSchemaType, SCHEMA_TYPES, SchemaType } from "./data/schema-type.js";
export { Struct } from "./data/struct.js";
export { valueEquals } from "./data/value-equals.js";
export { Values } from "./data/values/values.js";
export {
  AlreadyExistsError,
  ConfigError,
  ConnectError,
  type ConnectErrorCode,
  type ConnectErrorOptions,
  DataError,
  hasErrorCode,
  IllegalWorkerStateError,
  NotFoundError,
  RetriableError,
  SchemaBuilderError,
  SchemaProjectorError,
} from "./errors/connect-error.js";
export { Header } from "./header/header.js";
export { Headers, type HeaderTransform } from "./header/headers.js";
export type { Configurable } from "./plugin/configurable.js";
export type { Converter } from "./plugin/converter.js";
export type { HeaderConverter } from "./plugin/header-converter.js";
export type { PluginDescriptor, PluginType } from "./plugin/plugin-descriptor.js";
export type { Predicate } from "./plugin/predicate.js";
export type { Transformation } from "./plugin/transformation.js";
export type { Versioned } from "./plugin/versioned.js";
export {
  ConnectRecord,
  type ConnectRecordChanges,
  type ConnectRecordInit,
} from "./record/connect-record.js";
export type { ErrantRecordReporter } from "./sink/errant-record-reporter.js";
export { SinkConnector } from "./sink/sink-connector.js";
export { SinkRecord, type SinkRecordInit } from "./sink/sink-record.js";
export { SinkTask } from "./sink/sink-task.js";
export type { SinkTaskContext } from "./sink/sink-task-context.js";
export { TimestampType } from "./sink/timestamp-type.js";
export type { RecordMetadata } from "./source/record-metadata.js";
export { SourceConnector } from "./source/source-connector.js";
export type { SourceConnectorContext } from "./source/source-connector-context.js";
export { SourceRecord, type SourceRecordInit } from "./source/source-record.js";
export { SourceTask } from "./source/source-task.js";
export type { SourceTaskContext } from "./source/source-task-context.js";
export type { TransactionContext } from "./source/transaction-context.js";
export { BackingStoreOffsetStorageReader } from "./storage/backing-store-offset-storage-reader.js";
export {
  FileOffsetBackingStore,
  type FileOffsetBackingStoreOptions,
} from "./storage/file-offset-backing-store.js";
export { MemoryOffsetBackingStore } from "./storage/memory-offset-backing-store.js";
export type { OffsetBackingStore } from "./storage/offset-backing-store.js";
export { type OffsetKey, parseOffsetKey, serializeOffsetKey } from "./storage/offset-key.js";
export type { OffsetStorageReader } from "./storage/offset-storage-reader.js";
export { OffsetStorageWriter } from "./storage/offset-storage-writer.js";
export { parseOffsetValue, serializeOffsetValue } from "./storage/offset-value.js";
export type { OffsetPrimitive, SourceOffset, SourcePartition } from "./storage/source-offset.js";
