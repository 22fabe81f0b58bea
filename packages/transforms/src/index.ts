/**
 * Kafka Connect's single message transforms and predicates for Tributary.
 *
 * @packageDocumentation
 * @module @tributary/transforms
 */

export { Cast, CastConfig, type CastConfigType, CastKey, CastValue } from "./cast/cast.js";
export {
  DropHeaders,
  DropHeadersConfig,
  type DropHeadersConfigType,
} from "./drop-headers/drop-headers.js";
export {
  ExtractField,
  ExtractFieldConfig,
  type ExtractFieldConfigType,
  ExtractFieldKey,
  ExtractFieldValue,
  FIELD_SYNTAX_VERSION_CONFIG,
} from "./extract-field/extract-field.js";
export { type FieldSyntaxVersion, SingleFieldPath } from "./extract-field/single-field-path.js";
export { Filter, FilterConfig, type FilterConfigType } from "./filter/filter.js";
export {
  Flatten,
  FlattenConfig,
  type FlattenConfigType,
  FlattenKey,
  FlattenValue,
} from "./flatten/flatten.js";
export {
  HeaderFrom,
  HeaderFromConfig,
  type HeaderFromConfigType,
  HeaderFromKey,
  HeaderFromValue,
} from "./header-from/header-from.js";
export {
  HoistField,
  HoistFieldConfig,
  type HoistFieldConfigType,
  HoistFieldKey,
  HoistFieldValue,
} from "./hoist-field/hoist-field.js";
export {
  InsertField,
  InsertFieldConfig,
  type InsertFieldConfigType,
  InsertFieldKey,
  InsertFieldValue,
} from "./insert-field/insert-field.js";
export type { InsertionSpec } from "./insert-field/insertion-spec.js";
export {
  InsertHeader,
  InsertHeaderConfig,
  type InsertHeaderConfigType,
} from "./insert-header/insert-header.js";
export {
  MaskField,
  MaskFieldConfig,
  type MaskFieldConfigType,
  MaskFieldKey,
  MaskFieldValue,
} from "./mask-field/mask-field.js";
export { tributaryPlugins } from "./plugins.js";
export {
  HasHeaderKey,
  HasHeaderKeyConfig,
  type HasHeaderKeyConfigType,
} from "./predicates/has-header-key.js";
export {
  RecordIsTombstone,
  RecordIsTombstoneConfig,
  type RecordIsTombstoneConfigType,
} from "./predicates/record-is-tombstone.js";
export {
  TopicNameMatches,
  TopicNameMatchesConfig,
  type TopicNameMatchesConfigType,
} from "./predicates/topic-name-matches.js";
export {
  RegexRouter,
  RegexRouterConfig,
  type RegexRouterConfigType,
} from "./regex-router/regex-router.js";
export {
  ReplaceField,
  ReplaceFieldConfig,
  type ReplaceFieldConfigType,
  ReplaceFieldKey,
  ReplaceFieldValue,
} from "./replace-field/replace-field.js";
export {
  SetSchemaMetadata,
  SetSchemaMetadataConfig,
  type SetSchemaMetadataConfigType,
  SetSchemaMetadataKey,
  SetSchemaMetadataValue,
} from "./set-schema-metadata/set-schema-metadata.js";
export {
  TimestampConverter,
  TimestampConverterConfig,
  type TimestampConverterConfigType,
  TimestampConverterKey,
  TimestampConverterValue,
} from "./timestamp-converter/timestamp-converter.js";
export {
  TimestampRouter,
  TimestampRouterConfig,
  type TimestampRouterConfigType,
} from "./timestamp-router/timestamp-router.js";
export {
  compileSimpleDateFormat,
  type JavaDateFormat,
  type SimpleDateFormatOptions,
  simpleDateFormatProblem,
} from "./util/java-date-format.js";
export { compileJavaRegex, JavaRegex, translateJavaReplacement } from "./util/java-regex.js";
export { JavaReplacement } from "./util/java-regex-replacement.js";
export { ValueToKey, ValueToKeyConfig, type ValueToKeyConfigType } from "./value-to-key/value-to-key.js";
