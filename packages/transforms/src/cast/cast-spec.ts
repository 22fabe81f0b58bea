import { ConfigError } from "@tributary/api";
import { javaSplit } from "../util/java-split.js";

/** The types Cast can produce, as Connect schema types. */
export type CastType = "INT8" | "INT16" | "INT32" | "INT64" | "FLOAT32" | "FLOAT64" | "BOOLEAN" | "STRING";

/** Cast's `spec`, parsed: either one type for the whole key or value, or a type per field. */
export interface CastSpec {
  /** The type to cast the whole key or value to; `undefined` when the spec names fields. */
  readonly whole: CastType | undefined;
  /** The type to cast each named field to; empty when the whole key or value is cast. */
  readonly fields: ReadonlyMap<string, CastType>;
}

const OUTPUT_TYPES: readonly CastType[] = [
  "INT8",
  "INT16",
  "INT32",
  "INT64",
  "FLOAT32",
  "FLOAT64",
  "BOOLEAN",
  "STRING",
];
const OTHER_SCHEMA_TYPES = new Set(["BYTES", "ARRAY", "MAP", "STRUCT"]);
const VALID_TYPES = OUTPUT_TYPES.map((type) => type.toLowerCase()).join(", ");

/**
 * Reads Cast's `spec` (already split at commas and trimmed): `field:type` pairs, or a single `type` for the whole
 * value. Types are read in any case; field names and types are trimmed. A field named twice takes its last type.
 * @throws ConfigError naming the entry that is wrong and what is expected.
 * @internal
 */
export function parseCastSpec(entries: readonly string[]): CastSpec {
  const problem = castSpecProblem(entries);
  if (problem !== undefined) throw new ConfigError(`Invalid value for configuration spec: ${problem}`);
  let whole: CastType | undefined;
  const fields = new Map<string, CastType>();
  for (const entry of entries) {
    const parts = javaSplit(entry, ":");
    if (parts.length === 1) whole = typeOf(parts[0] ?? "") as CastType;
    else fields.set((parts[0] ?? "").trim(), typeOf(parts[1] ?? "") as CastType);
  }
  return { whole, fields };
}

/**
 * What is wrong with Cast's `spec`, or `undefined` when it is valid; the `validate` of the `spec` key.
 * @internal
 */
export function castSpecProblem(entries: readonly string[]): string | undefined {
  if (entries.length === 0) {
    return "give at least one field to cast, as field:type (such as id:int64), or one type to cast the whole value to.";
  }
  let wholeValue = false;
  for (const entry of entries) {
    const parts = javaSplit(entry, ":");
    if (parts.length === 0 || parts.length > 2) {
      return `"${entry}" is not a field:type pair; write each entry as field:type (such as id:int64), separated by commas.`;
    }
    if (parts.length === 1) wholeValue = true;
    const typeText = (parts.length === 1 ? parts[0] : parts[1]) ?? "";
    const type = typeOf(typeText);
    if (type === undefined) {
      return `unknown type "${typeText.trim()}" in "${entry}"; use one of ${VALID_TYPES}.`;
    }
    if (OTHER_SCHEMA_TYPES.has(type)) {
      return `Cast cannot cast to ${type} (in "${entry}"); use one of ${VALID_TYPES}. Bytes can be cast to string, not the other way.`;
    }
  }
  if (wholeValue && entries.length > 1) {
    return "a spec that casts the whole value to one type must have no other entries; cast either the whole value (such as int32) or fields (such as a:int32,b:string).";
  }
  return undefined;
}

/** The schema type named by `text` (trimmed, any case), or `undefined` when there is none. */
function typeOf(text: string): string | undefined {
  const name = text.trim().toUpperCase();
  return OUTPUT_TYPES.includes(name as CastType) || OTHER_SCHEMA_TYPES.has(name) ? name : undefined;
}
