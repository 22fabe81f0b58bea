import { ConfigError } from "../errors/connect-error.js";
import type { ConfigKeyType } from "./config-key.js";
import { kindOf, showValue } from "./config-value-format.js";
import { Password } from "./password.js";

/**
 * The result of parsing one raw value: the typed value, or why it could not be parsed.
 * @internal
 */
export type ParseOutcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: string };

const WHOLE_NUMBER = /^[+-]?\d+$/;
const DECIMAL_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
// Kafka splits lists on commas and the whitespace around them, keeping empty items between commas.
const LIST_SEPARATOR = /\s*,\s*/;

const WHOLE_RANGES = {
  SHORT: [-32768n, 32767n],
  INT: [-2147483648n, 2147483647n],
  LONG: [BigInt(Number.MIN_SAFE_INTEGER), BigInt(Number.MAX_SAFE_INTEGER)],
} as const;

/**
 * Parses one non-null raw value, a string from a `.properties` file or a JSON value, into the type's JavaScript
 * value the way Kafka's `ConfigDef.parseType` does: strings are trimmed, booleans match `true`/`false` in any case,
 * lists split on commas (`""` is the empty list).
 * @internal
 */
export function parseValue(type: ConfigKeyType, raw: unknown): ParseOutcome {
  const text = typeof raw === "string" ? raw.trim() : undefined;
  switch (type) {
    case "BOOLEAN":
      if (typeof raw === "boolean") return ok(raw);
      if (text?.toLowerCase() === "true") return ok(true);
      if (text?.toLowerCase() === "false") return ok(false);
      return fail("Expected value to be either true or false");
    case "STRING":
      return text === undefined ? notAString(raw) : ok(text);
    case "CLASS":
      if (text === undefined) return notAString(raw);
      return text === "" ? fail("Expected the name of a plugin class, but the value is empty") : ok(text);
    case "PASSWORD":
      if (Password.isPassword(raw)) return ok(raw);
      return text === undefined ? notAString(raw) : ok(new Password(text));
    case "SHORT":
    case "INT":
    case "LONG":
      return parseWhole(type, raw, text);
    case "DOUBLE":
      return parseDouble(raw, text);
    case "LIST":
      return parseList(raw, text);
  }
}

/**
 * Parses `value` given for configuration `name` into `type`'s JavaScript value, as a worker does for keys it reads
 * outside a definition (such as the `transforms` list); `null` and `undefined` give `undefined`.
 * @throws ConfigError naming the key, the value (hidden for PASSWORD) and what was expected.
 */
export function parseConfigValue(name: string, value: unknown, type: ConfigKeyType): unknown {
  if (value === null || value === undefined) return undefined;
  const outcome = parseValue(type, value);
  if (outcome.ok) return outcome.value;
  throw new ConfigError(
    `Invalid value ${showValue(value, type === "PASSWORD")} for configuration ${name}: ${outcome.reason}`,
  );
}

function parseWhole(type: keyof typeof WHOLE_RANGES, raw: unknown, text: string | undefined): ParseOutcome {
  const [min, max] = WHOLE_RANGES[type];
  let whole: bigint | undefined;
  if (typeof raw === "bigint") whole = raw;
  else if (typeof raw === "number" && Number.isInteger(raw)) whole = BigInt(raw);
  else if (text !== undefined && WHOLE_NUMBER.test(text)) whole = BigInt(text);
  if (whole !== undefined && whole >= min && whole <= max) return ok(Number(whole));
  const limits =
    type === "LONG"
      ? `from ${min} to ${max} (beyond ±(2^53 - 1) a JavaScript number cannot hold a whole number exactly)`
      : `from ${min} to ${max}`;
  return fail(`Not a number of type ${type}: expected a whole number ${limits}`);
}

function parseDouble(raw: unknown, text: string | undefined): ParseOutcome {
  let number: number | undefined;
  if (typeof raw === "number") number = raw;
  else if (typeof raw === "bigint") number = Number(raw);
  else if (text !== undefined && DECIMAL_NUMBER.test(text)) number = Number(text);
  if (number !== undefined && Number.isFinite(number)) return ok(number);
  return fail("Not a number of type DOUBLE: expected a finite decimal number such as 0.5 or 1e-3");
}

function parseList(raw: unknown, text: string | undefined): ParseOutcome {
  if (text !== undefined) return ok(Object.freeze(text === "" ? [] : text.split(LIST_SEPARATOR)));
  if (!Array.isArray(raw)) {
    return fail(`Expected a comma-separated list or an array of strings, but it was ${kindOf(raw)}`);
  }
  const items: string[] = [];
  for (const [index, item] of raw.entries()) {
    if (typeof item === "string") items.push(item);
    else if (typeof item === "number" || typeof item === "boolean" || typeof item === "bigint") {
      items.push(String(item));
    } else {
      return fail(`Expected a list of strings, but item ${index} was ${kindOf(item)}`);
    }
  }
  return ok(Object.freeze(items));
}

function notAString(raw: unknown): ParseOutcome {
  return fail(`Expected value to be a string, but it was ${kindOf(raw)}`);
}

function ok(value: unknown): ParseOutcome {
  return { ok: true, value };
}

function fail(reason: string): ParseOutcome {
  return { ok: false, reason };
}
