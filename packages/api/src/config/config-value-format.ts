import type { ConfigKeyType } from "./config-key.js";
import { Password } from "./password.js";

const MAX_EXCERPT = 100;

/**
 * A value as error messages show it: strings quoted, lists bracketed, secrets as `[hidden]`.
 * @internal
 */
export function showValue(value: unknown, secret: boolean): string {
  if (secret || Password.isPassword(value)) return Password.HIDDEN;
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "string") return excerpt(JSON.stringify(value));
  if (typeof value === "bigint") return `${value}`;
  if (typeof value !== "object") return String(value);
  if (Array.isArray(value)) return excerpt(`[${value.map((item) => showValue(item, false)).join(", ")}]`);
  try {
    return excerpt(JSON.stringify(value) ?? Object.prototype.toString.call(value));
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * A parsed value as Kafka's `ConfigDef.convertToString` writes it in validation results: `null` for no value, lists
 * joined by `,`, secrets as `[hidden]`, and whole DOUBLE values with a `.0` as Java prints them.
 * @internal
 */
export function configValueToString(value: unknown, type: ConfigKeyType | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (type === "PASSWORD" || Password.isPassword(value)) return Password.HIDDEN;
  if (Array.isArray(value))
    return value.map((item) => configValueToString(item, undefined) ?? "null").join(",");
  // Java's Double.toString switches to exponent notation from 10^7 on; below that it always shows a fraction.
  if (type === "DOUBLE" && typeof value === "number" && Number.isInteger(value) && Math.abs(value) < 1e7) {
    return value.toFixed(1);
  }
  return String(value);
}

/**
 * The kind of a raw value with its article, for messages such as "but it was a number" or "but it was an object".
 * @internal
 */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  const kind = typeof value;
  return kind === "object" || kind === "undefined" ? `an ${kind}` : `a ${kind}`;
}

function excerpt(text: string): string {
  return text.length <= MAX_EXCERPT ? text : `${text.slice(0, MAX_EXCERPT)}…`;
}
