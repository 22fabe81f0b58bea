import {
  type ConfigDef,
  ConfigError,
  type ConfigInfo,
  type ConfigInfos,
  type ConfigValidation,
  ConnectError,
  type Connector,
  type PluginType,
  toConfigInfos,
} from "@tributary/api";
import type { PluginRegistry } from "../plugin/plugin-registry.js";
import { closeQuietly } from "./close-quietly.js";
import { ConfigTransformer } from "./config-transformer.js";
import { connectorConfigValidations } from "./connector-config-checks.js";

/** Options of {@link validateConnectorConfig}. */
export interface ValidateConnectorConfigOptions {
  /**
   * Resolves `${provider:path:key}` references before validation; by default the `env` and `file` providers, as a
   * worker without `config.providers` has.
   */
  readonly configTransformer?: ConfigTransformer;
}

/** The converters a connector may set for itself, in the order Kafka validates them. */
const CONVERTERS: readonly { key: string; type: PluginType; converterType: string }[] = [
  { key: "header.converter", type: "header_converter", converterType: "header" },
  { key: "key.converter", type: "converter", converterType: "key" },
  { key: "value.converter", type: "converter", converterType: "value" },
];

/**
 * Checks a connector config as `PUT /connector-plugins/{plugin}/config/validate` and `tributary validate` do, in
 * Kafka's order: config providers are resolved; `connector.class` is resolved; the common keys and the sink's or
 * source's are checked, with `transforms.<alias>.*` and `predicates.<alias>.*` against each plugin's own definition;
 * a sink's `topics` / `topics.regex` and dead letter queue; the connector's own `validate()`; and the converters the
 * connector sets itself, each with its `<role>.converter.*` settings.
 *
 * Values are shown as written, not as resolved, so a secret fetched by a config provider never appears in the
 * result; PASSWORD keys show `[hidden]` in any case.
 *
 * @returns the result, named after `connector.class` as given; `error_count` is 0 when the config is valid.
 * @throws ConfigError when `connector.class` is missing, or a config provider reference cannot be resolved.
 * @throws NotFoundError when no connector has that name (listing close matches).
 * @throws ConnectError when the connector's `config()` or `validate()` throws.
 */
export async function validateConnectorConfig(
  props: Readonly<Record<string, string>>,
  registry: PluginRegistry,
  options: ValidateConnectorConfigOptions = {},
): Promise<ConfigInfos> {
  const transformer = options.configTransformer ?? ConfigTransformer.fromWorkerConfig({});
  const resolved = await transformer.transform(props);
  const className = resolved["connector.class"]?.trim();
  if (className === undefined || className === "") {
    throw new ConfigError(
      'The connector config has no "connector.class": set it to the connector to run, such as FileStreamSource.',
    );
  }
  const descriptor = registry.resolve<Connector>(className, ["source", "sink"]);
  const type = descriptor.type === "sink" ? "sink" : "source";
  const validations = connectorConfigValidations(resolved, registry, type);

  const connector = descriptor.create();
  let own: ConfigValidation;
  try {
    own = await connector.validate(resolved);
  } catch (error) {
    throw new ConnectError(
      `${descriptor.className}.validate() failed; a connector should report bad values in its result instead of throwing: ${messageOf(error)}`,
      { cause: error },
    );
  }
  validations.push(own);

  const [base] = validations;
  for (const converter of CONVERTERS) {
    const validation =
      base === undefined ? undefined : validateConverter(resolved, registry, base, converter);
    if (validation !== undefined) validations.push(validation);
  }
  const infos = toConfigInfos(props["connector.class"] ?? className, ...validations);
  return showUnresolved(infos, props, resolved);
}

/** The validation of a converter the connector sets itself, under its prefix; none when unset or already invalid. */
function validateConverter(
  props: Readonly<Record<string, string>>,
  registry: PluginRegistry,
  base: ConfigValidation,
  { key, type, converterType }: (typeof CONVERTERS)[number],
): ConfigValidation | undefined {
  const name = props[key]?.trim();
  if (name === undefined || name === "") return undefined;
  const entry = base.configs.find((config) => config.value.name === key);
  if (entry !== undefined && entry.value.errors.length > 0) return undefined;
  const descriptor = registry.find(name, type);
  if (descriptor === undefined) return undefined;
  const instance = descriptor.create() as { config?: () => ConfigDef<unknown> };
  try {
    const definition = instance.config?.();
    if (definition === undefined) return undefined;
    const prefix = `${key}.`;
    const typeKey = `${prefix}converter.type`;
    const withType = typeKey in props ? props : { ...props, [typeKey]: converterType };
    return definition.validate(withType, { prefix });
  } finally {
    closeQuietly(instance);
  }
}

/**
 * The result with each value that a config provider resolved shown as written (the reference), so that resolved
 * secrets stay out of it; PASSWORD values are already `[hidden]`.
 */
function showUnresolved(
  infos: ConfigInfos,
  raw: Readonly<Record<string, string>>,
  resolved: Readonly<Record<string, string>>,
): ConfigInfos {
  const configs = infos.configs.map((config): ConfigInfo => {
    const name = config.value.name;
    const written = raw[name];
    const secret = resolved[name];
    if (written === undefined || secret === undefined || written === secret) return config;
    // Messages may quote the value; the resolved text must not reach them either.
    const errors =
      secret === ""
        ? config.value.errors
        : config.value.errors.map((error) => error.replaceAll(secret, written));
    const hidden = config.definition?.type === "PASSWORD" || config.value.value === null;
    return { ...config, value: { ...config.value, value: hidden ? config.value.value : written, errors } };
  });
  return Object.freeze({ ...infos, configs });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
