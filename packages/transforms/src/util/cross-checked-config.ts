import {
  addConfigError,
  type ConfigDef,
  type ConfigParseOptions,
  type ConfigProblem,
  type ConfigValidateOptions,
  type ConfigValidation,
  ConfigValidationError,
} from "@tributary/api";

/** A problem found by looking at several keys together: the key to blame, its value, and what is wrong. */
export interface CrossKeyProblem {
  /** The key the problem is reported on (without any prefix). */
  readonly key: string;
  /** The value of that key as parsed; `undefined` when it is not set. */
  readonly value: unknown;
  /** What is wrong and what to do, shown after `Invalid value <v> for configuration <key>: `. */
  readonly reason: string;
}

/**
 * A configuration definition that also runs `check` on the parsed configuration, for rules a single key's
 * `validate` cannot express (one key required when another is set, a path whose syntax depends on another key).
 *
 * `parse` throws a {@link ConfigValidationError} listing those problems; `validate` reports them on their keys, so a
 * worker shows them when it validates a connector's configuration, before any record is transformed. The check runs
 * only when every key parsed on its own.
 */
export function withCrossChecks<T>(
  definition: ConfigDef<T>,
  check: (config: T) => readonly CrossKeyProblem[],
): ConfigDef<T> {
  return Object.freeze({
    definitions: definition.definitions,
    keys: definition.keys,
    groups: definition.groups,
    shape: definition.shape,
    has: (key: string) => definition.has(key),
    pick: (props: Readonly<Record<string, unknown>>, options?: ConfigParseOptions) =>
      definition.pick(props, options),
    parse(props: Readonly<Record<string, unknown>>, options: ConfigParseOptions = {}): T {
      const config = definition.parse(props, options);
      const problems = check(config).map((problem) => toProblem(problem, options.prefix ?? ""));
      if (problems.length > 0) throw new ConfigValidationError(problems);
      return config;
    },
    validate(
      props: Readonly<Record<string, unknown>>,
      options: ConfigValidateOptions = {},
    ): ConfigValidation {
      let validation = definition.validate(props, options);
      if (validation.errorCount > 0) return validation;
      const prefix = options.prefix ?? "";
      const parseOptions = options.prefix === undefined ? {} : { prefix: options.prefix };
      for (const problem of check(definition.parse(props, parseOptions))) {
        const { key, message } = toProblem(problem, prefix);
        validation = addConfigError(validation, key, message);
      }
      return validation;
    },
  });
}

function toProblem(problem: CrossKeyProblem, prefix: string): ConfigProblem {
  const key = `${prefix}${problem.key}`;
  const shown = showValue(problem.value);
  return {
    key,
    value: shown,
    reason: problem.reason,
    message: `Invalid value ${shown ?? "null"} for configuration ${key}: ${problem.reason}`,
  };
}

function showValue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => showValue(item) ?? "null").join(", ")}]`;
  return String(value);
}
