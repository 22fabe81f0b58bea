import type { ConfigDef } from "./define-config.js";
import { Password } from "./password.js";

/** `jaas` covers `sasl.jaas.config`, whose value embeds the SASL username and password. */
const SECRET_WORDS = ["password", "passwd", "secret", "token", "credential", "jaas"];

/**
 * True when a key's name suggests its value is a secret, the rule used for keys no definition declares: the name,
 * ignoring case, contains `password`, `passwd`, `secret`, `token`, `credential` or `jaas` (`sasl.jaas.config`), or its last dot-separated part
 * ends in `key` (`api.key`, `aws.access_key`, `privatekey`, but not `key.converter` or `key.ignore`).
 */
export function isSecretKeyName(name: string): boolean {
  const lower = name.toLowerCase();
  if (SECRET_WORDS.some((word) => lower.includes(word))) return true;
  return (lower.split(".").at(-1) ?? "").endsWith("key");
}

/**
 * A copy of a parsed config or a raw props map that is safe to log: secrets are replaced by `[hidden]`, other values
 * are kept as they are.
 *
 * A value is hidden when it is a {@link Password}, when `definition` declares its key as PASSWORD, or when the key
 * is not declared by `definition` (or there is none) and {@link isSecretKeyName} says its name looks secret.
 *
 * @example
 * ```ts
 * redactConfig({ "connection.password": "pw", "api.key": "k", "key.converter": "Json" });
 * // { "connection.password": "[hidden]", "api.key": "[hidden]", "key.converter": "Json" }
 * ```
 */
export function redactConfig(
  values: Readonly<Record<string, unknown>>,
  definition?: ConfigDef<unknown>,
): Record<string, unknown> {
  const declared = new Map(definition?.definitions.map((key) => [key.name, key.type]));
  const redacted: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const type = declared.get(key);
    const secret =
      Password.isPassword(value) || type === "PASSWORD" || (type === undefined && isSecretKeyName(key));
    redacted[key] = secret && value !== undefined && value !== null ? Password.HIDDEN : value;
  }
  return redacted;
}

/**
 * Renders a parsed config or a raw props map for a log, one `key = value` line per key in key order, with secrets
 * hidden as {@link redactConfig} hides them; lists are shown as `[a, b]` and absent values as `null`.
 *
 * @example
 * ```ts
 * logger.info(`FileSource configuration:\n${renderConfig(props, FileSourceConfig)}`);
 * ```
 */
export function renderConfig(
  values: Readonly<Record<string, unknown>>,
  definition?: ConfigDef<unknown>,
): string {
  const redacted = redactConfig(values, definition);
  return Object.keys(redacted)
    .sort()
    .map((key) => `\t${key} = ${renderValue(redacted[key])}`)
    .join("\n");
}

function renderValue(value: unknown): string {
  if (value === undefined || value === null) return "null";
  if (Array.isArray(value)) return `[${value.map(renderValue).join(", ")}]`;
  if (typeof value === "object") {
    try {
      return JSON.stringify(value) ?? String(value);
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
  return String(value);
}
