import type { KeyOutcome } from "./config-checker.js";
import type { ConfigImportance, ConfigKeyType, ConfigWidth } from "./config-key.js";
import { configValueToString } from "./config-value-format.js";

/** A key's declared metadata in a validation result, field for field as Kafka's REST API writes `ConfigKeyInfo`. */
export interface ConfigKeyInfo {
  /** The key, prefix included. */
  readonly name: string;
  /** The key's type. */
  readonly type: ConfigKeyType;
  /** True when the key has no default value (an optional key counts as having `null` for a default). */
  readonly required: boolean;
  /** The default as text (lists joined by `,`, secrets `[hidden]`), or null when there is none. */
  readonly default_value: string | null;
  /** How much the key matters. */
  readonly importance: ConfigImportance;
  /** What the key does, or null. */
  readonly documentation: string | null;
  /** The group the key is shown in, or null. */
  readonly group: string | null;
  /** The width of the key's form field. */
  readonly width: ConfigWidth;
  /** A human-friendly name for the key, or null. */
  readonly display_name: string | null;
  /** Keys whose relevance depends on this one, prefix included. */
  readonly dependents: readonly string[];
  /** The key's position in its group, -1 when not declared (Kafka writes this field last, as `order`). */
  readonly order: number;
}

/** A key's value and problems in a validation result, field for field as Kafka's REST API writes `ConfigValueInfo`. */
export interface ConfigValueInfo {
  /** The key, prefix included. */
  readonly name: string;
  /**
   * The parsed value (or default) as text: lists joined by `,`, secrets `[hidden]`; null when absent or when the
   * given value could not be parsed.
   */
  readonly value: string | null;
  /** Values to suggest, as text. */
  readonly recommended_values: readonly string[];
  /** Every problem with the key; empty when it is valid. */
  readonly errors: readonly string[];
  /** Whether the key is relevant given the other values. */
  readonly visible: boolean;
}

/** One key of a validation result: its definition (null for a problem on an undeclared key) and its value. */
export interface ConfigInfo {
  /** The key's metadata, or null when the key is not declared. */
  readonly definition: ConfigKeyInfo | null;
  /** The key's value and errors. */
  readonly value: ConfigValueInfo;
}

/**
 * A whole validation result as `PUT /connector-plugins/{plugin}/config/validate` returns it, the JSON shape of
 * Kafka's `ConfigInfos`: `JSON.stringify` of it is the response body.
 */
export interface ConfigInfos {
  /** The plugin's class name. */
  readonly name: string;
  /** The number of error messages over all keys. */
  readonly error_count: number;
  /** The groups of the keys, in order of first appearance. */
  readonly groups: readonly string[];
  /** One entry per key. */
  readonly configs: readonly ConfigInfo[];
}

/**
 * The validation of a configuration against one definition, as `ConfigDef.validate` returns it; combine several with
 * {@link toConfigInfos}.
 */
export interface ConfigValidation {
  /** The number of error messages over all keys. */
  readonly errorCount: number;
  /** The groups of the keys, in order of first appearance. */
  readonly groups: readonly string[];
  /** One entry per declared key, in declaration order. */
  readonly configs: readonly ConfigInfo[];
}

/**
 * Merges validations into one result named after a plugin class, as a worker does with the common connector keys,
 * the connector's own keys and each transform's and converter's.
 *
 * A key present in several validations keeps its first position and takes its last entry, so a plugin's own
 * definition of a key overrides a common one. `error_count` counts the error messages of the merged entries.
 *
 * @example
 * ```ts
 * const infos = toConfigInfos("com.example.FileSource",
 *   CommonConfig.validate(props),
 *   FileSourceConfig.validate(props),
 *   MaskFieldConfig.validate(props, { prefix: "transforms.mask.", group: "Transforms: mask" }));
 * ```
 */
export function toConfigInfos(name: string, ...validations: readonly ConfigValidation[]): ConfigInfos {
  const byKey = new Map<string, ConfigInfo>();
  const groups = new Set<string>();
  for (const validation of validations) {
    for (const group of validation.groups) groups.add(group);
    for (const config of validation.configs) byKey.set(config.value.name, config);
  }
  const configs = [...byKey.values()];
  return Object.freeze({ name, error_count: countErrors(configs), groups: [...groups], configs });
}

/**
 * A copy of `validation` with `message` added to the errors of `key` (prefix included), for checks that span several
 * keys, such as "`topics` and `topics.regex` are exclusive"; a key not in the validation gets an entry of its own.
 */
export function addConfigError(validation: ConfigValidation, key: string, message: string): ConfigValidation {
  let found = false;
  const configs = validation.configs.map((config) => {
    if (config.value.name !== key) return config;
    found = true;
    return { ...config, value: { ...config.value, errors: [...config.value.errors, message] } };
  });
  if (!found) {
    const value = { name: key, value: null, recommended_values: [], errors: [message], visible: true };
    configs.push({ definition: null, value });
  }
  return Object.freeze({ errorCount: countErrors(configs), groups: validation.groups, configs });
}

/**
 * Renders the outcomes of checking one definition as a validation. With `group`, keys are shown as embedded in that
 * group, as Kafka shows a transform's keys: group `<group>: <key's group>` (or `<group>`) and orders 1, 2, … in
 * declaration order.
 * @internal
 */
export function validationOf(
  outcomes: readonly KeyOutcome[],
  prefix: string,
  group: string | undefined,
): ConfigValidation {
  const parsed: Record<string, unknown> = {};
  for (const outcome of outcomes) {
    if (outcome.hasValue) parsed[outcome.entry.definition.name] = outcome.value;
  }
  const configs = outcomes.map((outcome, index) => ({
    definition: keyInfo(outcome, prefix, group, index),
    value: valueInfo(outcome, prefix, parsed),
  }));
  const groups = new Set<string>();
  for (const config of configs) if (config.definition.group !== null) groups.add(config.definition.group);
  return Object.freeze({ errorCount: countErrors(configs), groups: [...groups], configs });
}

function keyInfo(
  outcome: KeyOutcome,
  prefix: string,
  group: string | undefined,
  index: number,
): ConfigKeyInfo {
  const definition = outcome.entry.definition;
  const ownGroup = definition.group;
  return {
    name: prefix + definition.name,
    type: definition.type,
    required: !definition.hasDefault && !definition.optional,
    default_value: configValueToString(definition.defaultValue, definition.type),
    importance: definition.importance,
    documentation: definition.documentation ?? null,
    group:
      group === undefined ? (ownGroup ?? null) : ownGroup === undefined ? group : `${group}: ${ownGroup}`,
    width: definition.width,
    display_name: definition.displayName ?? definition.name,
    dependents: definition.dependents.map((dependent) => prefix + dependent),
    order: group === undefined ? (definition.orderInGroup ?? -1) : index + 1,
  };
}

function valueInfo(outcome: KeyOutcome, prefix: string, parsed: Record<string, unknown>): ConfigValueInfo {
  const { definition, spec } = outcome.entry;
  const name = prefix + definition.name;
  const errors = outcome.problem === undefined ? [] : [outcome.problem.message];
  let visible = true;
  if (spec.visible !== undefined) {
    try {
      visible = spec.visible(parsed);
    } catch (error) {
      errors.push(
        `Could not decide whether ${name} is visible: ${error instanceof Error ? error.message : error}`,
      );
    }
  }
  const itemType = definition.type === "LIST" ? "STRING" : definition.type;
  return {
    name,
    value: configValueToString(outcome.value, definition.type),
    recommended_values: definition.recommendedValues.map(
      (value) => configValueToString(value, itemType) ?? "null",
    ),
    errors,
    visible,
  };
}

function countErrors(configs: readonly ConfigInfo[]): number {
  return configs.reduce((count, config) => count + config.value.errors.length, 0);
}
