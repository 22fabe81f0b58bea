import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { ConfigKeyDefinition, ConfigKeySpec } from "./config-key.js";
import type { ConfigProblem } from "./config-validation-error.js";
import { showValue } from "./config-value-format.js";
import { Password } from "./password.js";
import { type ParseOutcome, parseValue } from "./property-parsing.js";

// One instance for the process: ajv caches what it compiles, and each definition compiles its schema once.
const ajv = new Ajv({ allErrors: true, strict: true });

/**
 * A declared key: its public definition and the checks its builder recorded.
 * @internal
 */
export interface KeyEntry {
  readonly definition: ConfigKeyDefinition;
  readonly spec: ConfigKeySpec;
}

/**
 * The outcome of checking one key of a configuration.
 * @internal
 */
export interface KeyOutcome {
  readonly entry: KeyEntry;
  /** True when the key has a value: parsed from the input, or its default. */
  readonly hasValue: boolean;
  /** The parsed or default value; `undefined` when absent and optional, or when it could not be parsed. */
  readonly value: unknown;
  /** What is wrong with the key, if anything (the first problem found). */
  readonly problem: ConfigProblem | undefined;
}

type MutableOutcome = { -readonly [K in keyof KeyOutcome]: KeyOutcome[K] };

/**
 * Parses a raw value of a key and, for a case-insensitive one-of key, normalises it to the declared case.
 * @internal
 */
export function parseKeyValue(spec: ConfigKeySpec, raw: unknown): ParseOutcome {
  const outcome = parseValue(spec.type, raw);
  if (!outcome.ok || !spec.caseInsensitive || typeof outcome.value !== "string") return outcome;
  const wanted = outcome.value.toUpperCase();
  const declared = spec.validValues?.find((value) => value.toUpperCase() === wanted);
  return declared === undefined ? outcome : { ok: true, value: declared };
}

/**
 * Checks raw configurations against a fixed list of keys: parsing, then the declared constraints with an ajv
 * validator compiled once, then custom validators. Safe to share: it keeps no state between calls.
 * @internal
 */
export class ConfigChecker {
  readonly #entries: readonly KeyEntry[];
  readonly #validate: ValidateFunction;

  constructor(entries: readonly KeyEntry[]) {
    this.#entries = entries;
    const properties = Object.fromEntries(
      entries.map((entry) => [entry.definition.name, entry.definition.schema]),
    );
    this.#validate = ajv.compile({ type: "object", properties });
  }

  /**
   * Checks `props` (already stripped of `keyPrefix`, which only messages show) and returns one outcome per key, in
   * declaration order.
   */
  check(props: Readonly<Record<string, unknown>>, keyPrefix: string): KeyOutcome[] {
    const outcomes = this.#entries.map((entry) => parseEntry(entry, props, keyPrefix));
    this.#checkConstraints(outcomes, keyPrefix);
    for (const outcome of outcomes) {
      if (outcome.problem === undefined && outcome.value !== undefined) runValidators(outcome, keyPrefix);
    }
    return outcomes;
  }

  #checkConstraints(outcomes: MutableOutcome[], keyPrefix: string): void {
    const data: Record<string, unknown> = {};
    const byName = new Map<string, MutableOutcome>();
    for (const outcome of outcomes) {
      if (outcome.problem !== undefined || outcome.value === undefined) continue;
      const name = outcome.entry.definition.name;
      // Passwords are checked as their text; messages never show it.
      data[name] = Password.isPassword(outcome.value) ? outcome.value.value() : outcome.value;
      byName.set(name, outcome);
    }
    if (this.#validate(data)) return;
    for (const error of this.#validate.errors ?? []) {
      const [name, item] = locate(error.instancePath);
      const outcome = name === undefined ? undefined : byName.get(name);
      if (outcome === undefined || outcome.problem !== undefined) continue;
      const reason = reasonFor(outcome.entry.definition, error, item, outcome.value);
      outcome.problem = invalid(outcome.entry, keyPrefix, outcome.value, reason);
    }
  }
}

function parseEntry(
  entry: KeyEntry,
  props: Readonly<Record<string, unknown>>,
  keyPrefix: string,
): MutableOutcome {
  const { definition, spec } = entry;
  const raw = Object.hasOwn(props, definition.name) ? props[definition.name] : undefined;
  const outcome: MutableOutcome = { entry, hasValue: false, value: undefined, problem: undefined };
  if (raw === undefined) {
    if (definition.hasDefault) Object.assign(outcome, { hasValue: true, value: definition.defaultValue });
    else if (!definition.optional) outcome.problem = missing(entry, keyPrefix);
  } else if (raw === null) {
    if (!definition.optional) {
      const hint = definition.hasDefault ? " (leave the key out to use its default)" : "";
      outcome.problem = invalid(entry, keyPrefix, null, `Value must be non-null${hint}`);
    }
  } else {
    const parsed = parseKeyValue(spec, raw);
    if (parsed.ok) Object.assign(outcome, { hasValue: true, value: parsed.value });
    else outcome.problem = invalid(entry, keyPrefix, raw, parsed.reason);
  }
  return outcome;
}

function runValidators(outcome: MutableOutcome, keyPrefix: string): void {
  for (const validator of outcome.entry.spec.validators) {
    let reason: string | undefined;
    try {
      reason = (validator as (value: unknown) => string | undefined)(outcome.value);
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    }
    if (reason !== undefined) {
      outcome.problem = invalid(outcome.entry, keyPrefix, outcome.value, reason);
      return;
    }
  }
}

/** The key and, for a list, the item index an ajv error points at. */
function locate(instancePath: string): [string | undefined, number | undefined] {
  const [, key, item] = instancePath.split("/");
  const name = key?.replaceAll("~1", "/").replaceAll("~0", "~");
  return [name, item === undefined ? undefined : Number(item)];
}

function reasonFor(
  definition: ConfigKeyDefinition,
  error: ErrorObject,
  item: number | undefined,
  value: unknown,
): string {
  if (definition.allowedItems !== undefined && item !== undefined && Array.isArray(value)) {
    const given = showValue(value[item], false);
    return `Item ${given} is not allowed: list items must be one of: ${definition.allowedItems.join(", ")}`;
  }
  if (definition.validValues !== undefined) {
    const kind = definition.caseInsensitive
      ? "String must be one of (case insensitive)"
      : "String must be one of";
    return `${kind}: ${definition.validValues.join(", ")}`;
  }
  switch (error.keyword) {
    case "minimum":
      return `Value must be at least ${definition.minimum}`;
    case "maximum":
      return `Value must be no more than ${definition.maximum}`;
    case "minLength":
      return "String must be non-empty";
    default:
      return `Value does not fit the declared ${definition.type} type: it ${error.message ?? "is invalid"}`;
  }
}

function invalid(entry: KeyEntry, keyPrefix: string, value: unknown, reason: string): ConfigProblem {
  const key = keyPrefix + entry.definition.name;
  const shown = showValue(value, entry.spec.type === "PASSWORD");
  return { key, value: shown, reason, message: `Invalid value ${shown} for configuration ${key}: ${reason}` };
}

function missing(entry: KeyEntry, keyPrefix: string): ConfigProblem {
  const key = keyPrefix + entry.definition.name;
  return {
    key,
    value: undefined,
    reason: "Required, and there is no default value",
    message: `Missing required configuration "${key}" which has no default value.`,
  };
}
