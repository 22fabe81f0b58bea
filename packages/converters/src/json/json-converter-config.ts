import { Config, type ConfigType, defineConfig } from "@tributary/api";
import { converterTypeKey } from "../converter-config.js";

/**
 * The configuration of {@link JsonConverter}, with Kafka's keys, defaults, groups and documentation:
 * `schemas.enable`, `schemas.cache.size`, `decimal.format`, `replace.null.with.default` and `converter.type`.
 */
export const JsonConverterConfig = defineConfig({
  "converter.type": converterTypeKey(),
  "schemas.enable": Config.boolean({
    default: true,
    importance: "HIGH",
    documentation:
      "Whether each key or value is written as an envelope holding its schema and its payload, and expected so when read. Turn it off for plain JSON.",
    group: "Schemas",
    orderInGroup: 0,
    width: "MEDIUM",
    displayName: "Enable Schemas",
  }),
  "schemas.cache.size": Config.int({
    default: 1000,
    minimum: 0,
    importance: "HIGH",
    documentation:
      "How many schemas the converter keeps ready in each direction (with their compiled readers and writers); 0 caches none.",
    group: "Schemas",
    orderInGroup: 1,
    width: "MEDIUM",
    displayName: "Schema Cache Size",
  }),
  "decimal.format": Config.enum(["BASE64", "NUMERIC"], {
    default: "BASE64",
    caseInsensitive: true,
    importance: "LOW",
    documentation:
      "How Decimal values are written: BASE64 (the unscaled value's two's-complement bytes in base64) or NUMERIC (a JSON number). Either is read. Case-insensitive.",
    group: "Serialization",
    orderInGroup: 0,
    width: "MEDIUM",
    displayName: "Decimal Format",
  }),
  "replace.null.with.default": Config.boolean({
    default: true,
    importance: "LOW",
    documentation:
      "Whether a null value whose schema has a default is written and read as that default. When false, null stays null.",
    group: "Serialization",
    orderInGroup: 1,
    width: "MEDIUM",
    displayName: "Replace null with default",
  }),
});

/** The parsed configuration of {@link JsonConverter}. */
export type JsonConverterConfigType = ConfigType<typeof JsonConverterConfig>;
