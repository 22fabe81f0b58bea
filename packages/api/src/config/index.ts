// The typed configuration system, gathered for the package's other folders and for src/index.ts; users import
// these names from @tributary/api.

export { Config } from "./config-builders.js";
export {
  addConfigError,
  type ConfigInfo,
  type ConfigInfos,
  type ConfigKeyInfo,
  type ConfigValidation,
  type ConfigValueInfo,
  toConfigInfos,
} from "./config-infos.js";
export type {
  ConfigImportance,
  ConfigKeyDefinition,
  ConfigKeyType,
  ConfigSchema,
  ConfigValidator,
  ConfigVisibility,
  ConfigWidth,
} from "./config-key.js";
export type {
  BooleanKeyOptions,
  ClassKeyOptions,
  ConfigKeyOptions,
  EnumKeyOptions,
  KeyValue,
  ListKeyOptions,
  NumberKeyOptions,
  OptionalFlag,
  PasswordKeyOptions,
  StringKeyOptions,
} from "./config-key-options.js";
export { type ConfigProblem, ConfigValidationError } from "./config-validation-error.js";
export {
  type ConfigDef,
  type ConfigParseOptions,
  type ConfigShape,
  type ConfigType,
  type ConfigValidateOptions,
  type ConfigValuesOf,
  defineConfig,
} from "./define-config.js";
export { Password } from "./password.js";
export { parseConfigValue } from "./property-parsing.js";
export { propsWithPrefix } from "./props-with-prefix.js";
export { isSecretKeyName, redactConfig, renderConfig } from "./redact-config.js";
