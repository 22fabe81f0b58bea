import type { Static } from "@sinclair/typebox";
import { ConfigError } from "../errors/connect-error.js";
import { ConfigChecker, type KeyEntry, parseKeyValue } from "./config-checker.js";
import { type ConfigValidation, validationOf } from "./config-infos.js";
import { type ConfigKeyDefinition, type ConfigSchema, specOf } from "./config-key.js";
import { type ConfigProblem, ConfigValidationError } from "./config-validation-error.js";
import { showValue } from "./config-value-format.js";
import { propsWithPrefix } from "./props-with-prefix.js";

/** The declarations {@link defineConfig} takes: one `Config.*` schema per key. */
export type ConfigShape = Readonly<Record<string, ConfigSchema>>;

/** The parsed configuration of a shape: each key's static type, read-only. */
export type ConfigValuesOf<S extends ConfigShape> = { readonly [K in keyof S]: Static<S[K]> };

/**
 * The parsed configuration type of a definition.
 *
 * @example
 * ```ts
 * export type FileSourceConfigType = ConfigType<typeof FileSourceConfig>;
 * ```
 */
export type ConfigType<D> = D extends ConfigDef<infer T> ? T : never;

/** Options of {@link ConfigDef.parse} and {@link ConfigDef.pick}. */
export interface ConfigParseOptions {
  /**
   * Reads only the keys under this prefix, with the prefix stripped (Kafka's `originalsWithPrefix`), such as
   * `value.converter.`; messages name the keys with the prefix, as the user wrote them.
   */
  readonly prefix?: string;
}

/** Options of {@link ConfigDef.validate}. */
export interface ConfigValidateOptions extends ConfigParseOptions {
  /**
   * Shows the keys embedded in this group, as a worker shows a transform's keys under `Transforms: <alias>`: each
   * key's group becomes `<group>: <its group>` (or `<group>`) and orders run 1, 2, … in declaration order.
   */
  readonly group?: string;
}

/**
 * A plugin's configuration definition, made once by {@link defineConfig}: it parses and validates raw
 * configurations and describes its keys. It keeps no state between calls, so any number may run at once.
 */
export interface ConfigDef<T = Readonly<Record<string, unknown>>> {
  /** The declared keys' metadata, in declaration order. */
  readonly definitions: readonly ConfigKeyDefinition[];
  /** The declared keys, in declaration order. */
  readonly keys: readonly string[];
  /** The groups of the keys, in order of first appearance. */
  readonly groups: readonly string[];
  /** The declarations as given to {@link defineConfig}. */
  readonly shape: ConfigShape;

  /** True when `key` is declared. */
  has(key: string): boolean;

  /**
   * Parses `props` (strings from a `.properties` file or JSON values) into the typed configuration, with defaults
   * applied and undeclared keys ignored. The result is frozen and holds every declared key (an absent optional key
   * as `undefined`).
   * @throws ConfigValidationError (a {@link ConfigError}) listing every invalid or missing key.
   */
  parse(props: Readonly<Record<string, unknown>>, options?: ConfigParseOptions): T;

  /**
   * Checks `props` without throwing for bad values: one Kafka-shaped entry per declared key, with its value as text
   * and its errors; pass the result to {@link toConfigInfos}.
   */
  validate(props: Readonly<Record<string, unknown>>, options?: ConfigValidateOptions): ConfigValidation;

  /** The entries of `props` (under the prefix, stripped) whose key is declared, raw, in declaration order. */
  pick(props: Readonly<Record<string, unknown>>, options?: ConfigParseOptions): Record<string, unknown>;
}

/**
 * Declares a plugin's configuration once: from the `Config.*` schemas come the parsed type, the parsing and
 * validation (ajv compiles the schema here, once), and the metadata the REST API shows.
 *
 * @throws ConfigError when a key was not built with `Config.*`, a default is invalid, or a dependent is undeclared.
 * @example
 * ```ts
 * export const FileSourceConfig = defineConfig({
 *   file: Config.string({ optional: true, importance: "HIGH", documentation: "File to read; stdin when unset." }),
 *   topic: Config.string({ nonEmpty: true, importance: "HIGH", documentation: "Topic to write to." }),
 *   "batch.size": Config.int({ default: 2000, minimum: 1, importance: "LOW", documentation: "Lines per poll." }),
 * });
 * const config = FileSourceConfig.parse({ topic: "lines", "batch.size": "500" });
 * config["batch.size"]; // 500
 * ```
 */
export function defineConfig<const S extends ConfigShape>(shape: S): ConfigDef<ConfigValuesOf<S>> {
  return new DefinedConfig<ConfigValuesOf<S>>(shape);
}

class DefinedConfig<T> implements ConfigDef<T> {
  readonly definitions: readonly ConfigKeyDefinition[];
  readonly keys: readonly string[];
  readonly groups: readonly string[];
  readonly shape: ConfigShape;
  readonly #checker: ConfigChecker;

  constructor(shape: ConfigShape) {
    this.shape = shape;
    const entries = Object.entries(shape).map(([name, schema]) => entryOf(name, schema));
    this.definitions = Object.freeze(entries.map((entry) => entry.definition));
    this.keys = Object.freeze(entries.map((entry) => entry.definition.name));
    const groups = this.definitions.flatMap((definition) => definition.group ?? []);
    this.groups = Object.freeze([...new Set(groups)]);
    for (const definition of this.definitions) {
      const undeclared = definition.dependents.find((dependent) => !this.keys.includes(dependent));
      if (undeclared !== undefined) {
        throw new ConfigError(
          `Configuration ${definition.name} names "${undeclared}" as a dependent, but "${undeclared}" is not declared; declare it or remove it from dependents.`,
        );
      }
    }
    this.#checker = new ConfigChecker(entries);
    checkDefaults(this.#checker);
  }

  has(key: string): boolean {
    return this.keys.includes(key);
  }

  parse(props: Readonly<Record<string, unknown>>, options: ConfigParseOptions = {}): T {
    const prefix = options.prefix ?? "";
    const outcomes = this.#checker.check(view(props, prefix), prefix);
    const problems = outcomes.flatMap((outcome) => outcome.problem ?? []);
    if (problems.length > 0) throw new ConfigValidationError(problems);
    const config: Record<string, unknown> = {};
    for (const outcome of outcomes) config[outcome.entry.definition.name] = outcome.value;
    return Object.freeze(config) as T;
  }

  validate(props: Readonly<Record<string, unknown>>, options: ConfigValidateOptions = {}): ConfigValidation {
    const prefix = options.prefix ?? "";
    return validationOf(this.#checker.check(view(props, prefix), prefix), prefix, options.group);
  }

  pick(props: Readonly<Record<string, unknown>>, options: ConfigParseOptions = {}): Record<string, unknown> {
    const source = view(props, options.prefix ?? "");
    const picked: Record<string, unknown> = {};
    for (const key of this.keys) {
      if (Object.hasOwn(source, key) && source[key] !== undefined) picked[key] = source[key];
    }
    return picked;
  }
}

function view(props: Readonly<Record<string, unknown>>, prefix: string): Readonly<Record<string, unknown>> {
  return prefix === "" ? props : propsWithPrefix(props, prefix);
}

function entryOf(name: string, schema: ConfigSchema): KeyEntry {
  const spec = specOf(schema);
  if (spec === undefined) {
    throw new ConfigError(
      `Configuration ${name} is not declared with a Config.* builder; declare it with Config.string(), Config.int() or another Config builder.`,
    );
  }
  const hasDefault = spec.declaredDefault !== undefined;
  let defaultValue: unknown;
  if (hasDefault) {
    const parsed = parseKeyValue(spec, spec.declaredDefault);
    if (!parsed.ok) {
      const shown = showValue(spec.declaredDefault, spec.type === "PASSWORD");
      throw new ConfigError(`Invalid default value ${shown} for configuration ${name}: ${parsed.reason}`);
    }
    defaultValue = parsed.value;
  }
  const definition: ConfigKeyDefinition = Object.freeze({
    name,
    type: spec.type,
    schema,
    required: !hasDefault && !spec.optional,
    optional: spec.optional,
    hasDefault,
    defaultValue,
    importance: spec.importance,
    documentation: spec.documentation,
    group: spec.group,
    orderInGroup: spec.orderInGroup,
    width: spec.width,
    displayName: spec.displayName,
    dependents: spec.dependents,
    recommendedValues: spec.recommendedValues,
    validValues: spec.validValues,
    caseInsensitive: spec.caseInsensitive,
    allowedItems: spec.allowedItems,
    minimum: spec.minimum,
    maximum: spec.maximum,
    nonEmpty: spec.nonEmpty,
  });
  return { definition, spec };
}

/** Checks every default against the key's constraints and validators, as Kafka does when a key is defined. */
function checkDefaults(checker: ConfigChecker): void {
  const problems: ConfigProblem[] = [];
  for (const outcome of checker.check({}, "")) {
    if (outcome.entry.definition.hasDefault && outcome.problem !== undefined) problems.push(outcome.problem);
  }
  const [problem] = problems;
  if (problem !== undefined) {
    throw new ConfigError(
      `Invalid default value ${problem.value} for configuration ${problem.key}: ${problem.reason}`,
    );
  }
}
