/**
 * Tributary's runtime: config files and providers, the plugin registry, connector config wiring and the engines that
 * run connectors.
 *
 * @packageDocumentation
 * @module @tributary/runtime
 */

export {
  type ConfigProvider,
  DirectoryConfigProvider,
  EnvVarConfigProvider,
  FileConfigProvider,
} from "./config/config-provider.js";
export { ConfigTransformer } from "./config/config-transformer.js";
export { parseProperties } from "./config/properties-file.js";
