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
  Password,
  type PasswordKeyOptions,
  parseConfigValue,
  propsWithPrefix,
  redactConfig,
  renderConfig,
  type StringKeyOptions,
  toConfigInfos,
} from "./config/index.js";
export { BigDecimal } from "./data/big-decimal.js";
export { ConnectSchema, type ConnectSchemaInit } from "./data/connect-schema.js";
export { Field } from "./data/field.js";
export { ConnectDate } from "./data/logical/date.js";
export { Decimal } from "./data/logical/decimal.js";
export { ConnectTime } from "./data/logical/time.js";
export { ConnectTimestamp } from "./data/logical/timestamp.js";
export { Schema } from "./data/schema.js";
export { SchemaBuilder, type SchemaLike } from "./data/schema-builder.js";
export { isPrimitiveType, isSchemaType, SCHEMA_TYPES, SchemaType } from "./data/schema-type.js";
export { Struct } from "./data/struct.js";
export { valueEquals } from "./data/value-equals.js";
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
