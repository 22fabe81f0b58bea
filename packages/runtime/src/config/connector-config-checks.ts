import { addConfigError, type ConfigValidation, type PluginType } from "@tributary/api";
import type { PluginRegistry } from "../plugin/plugin-registry.js";
import { SinkConnectorConfig, SourceConnectorConfig } from "./connector-config-definitions.js";
import { validateAliasedPlugins } from "./plugin-alias-config.js";
import { validateTopicCreation } from "./topic-creation-config.js";

const CONVERTER_KEYS: readonly [string, PluginType][] = [
  ["key.converter", "converter"],
  ["value.converter", "converter"],
  ["header.converter", "header_converter"],
];

/**
 * The worker's own checks of a connector config, in Kafka's order: the common keys and the sink's or source's, the
 * converter classes, the sink's topic rules, then `transforms.<alias>.*` and `predicates.<alias>.*` against each
 * plugin's own definition, then a source's topic creation groups. The connector's own checks come after these.
 * @internal
 */
export function connectorConfigValidations(
  props: Readonly<Record<string, string>>,
  registry: PluginRegistry,
  type: "source" | "sink",
): ConfigValidation[] {
  let base = (type === "sink" ? SinkConnectorConfig : SourceConnectorConfig).validate(props);
  for (const [key, pluginType] of CONVERTER_KEYS) {
    const name = props[key]?.trim();
    if (name === undefined || name === "" || hasErrors(base, key)) continue;
    try {
      registry.resolve(name, pluginType);
    } catch (error) {
      base = addConfigError(
        base,
        key,
        `Invalid value "${name}" for configuration ${key}: ${messageOf(error)}`,
      );
    }
  }
  if (type === "sink") base = checkSinkTopics(base, props);
  const validations = [
    base,
    ...validateAliasedPlugins(props, registry, "transforms"),
    ...validateAliasedPlugins(props, registry, "predicates"),
  ];
  if (type === "source") {
    const groups = (props["topic.creation.groups"] ?? "").split(",").map((group) => group.trim());
    validations.push(...validateTopicCreation(props, [...new Set(groups.filter((group) => group !== ""))]));
  }
  return validations;
}

/** A sink reads `topics` or `topics.regex`, exactly one of them, and never its own dead letter queue. */
function checkSinkTopics(
  validation: ConfigValidation,
  props: Readonly<Record<string, string>>,
): ConfigValidation {
  const topics = (props.topics ?? "").trim();
  const regex = (props["topics.regex"] ?? "").trim();
  const dlq = (props["errors.deadletterqueue.topic.name"] ?? "").trim();
  let result = validation;
  const both = (message: string) => {
    result = addConfigError(result, "topics", message);
    result = addConfigError(result, "topics.regex", message);
  };
  if (topics !== "" && regex !== "") {
    both("topics and topics.regex are mutually exclusive, but both are set: keep only one of them.");
  }
  if (topics === "" && regex === "") {
    both(
      "Set topics (a list of topics) or topics.regex (a regular expression) to the topics this sink reads.",
    );
  }
  if (dlq !== "" && topics !== "") {
    const listed = topics.split(",").map((topic) => topic.trim());
    if (listed.includes(dlq)) {
      result = addConfigError(
        result,
        "topics",
        `The dead letter queue topic "${dlq}" (errors.deadletterqueue.topic.name) must not be one of the topics the connector reads (topics=${topics}).`,
      );
    }
  }
  if (dlq !== "" && regex !== "" && fullMatch(regex, dlq)) {
    result = addConfigError(
      result,
      "topics.regex",
      `The dead letter queue topic "${dlq}" (errors.deadletterqueue.topic.name) must not match the regular expression of the topics the connector reads (topics.regex=${regex}).`,
    );
  }
  return result;
}

/** Whether `regex` matches all of `text`, as Java's `Pattern.matches`; false when it does not compile. */
function fullMatch(regex: string, text: string): boolean {
  try {
    return new RegExp(`^(?:${regex})$`).test(text);
  } catch {
    return false;
  }
}

function hasErrors(validation: ConfigValidation, key: string): boolean {
  return validation.configs.some((config) => config.value.name === key && config.value.errors.length > 0);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Every error message of the validations, with the key it belongs to. @internal */
export function errorsOf(
  validations: readonly ConfigValidation[],
): { key: string; value: string | null; message: string }[] {
  return validations.flatMap((validation) =>
    validation.configs.flatMap((config) =>
      config.value.errors.map((message) => ({ key: config.value.name, value: config.value.value, message })),
    ),
  );
}
