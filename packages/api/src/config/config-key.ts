import type { TSchema } from "@sinclair/typebox";

/** The type of a configuration key, named as Kafka's `ConfigDef.Type` names it in validation results. */
export type ConfigKeyType =
  | "BOOLEAN"
  | "STRING"
  | "INT"
  | "SHORT"
  | "LONG"
  | "DOUBLE"
  | "LIST"
  | "CLASS"
  | "PASSWORD";

/** How much a key matters to a user setting up a plugin, as Kafka's `ConfigDef.Importance`. */
export type ConfigImportance = "HIGH" | "MEDIUM" | "LOW";

/** How wide a form field a user interface should give the key, as Kafka's `ConfigDef.Width`. */
export type ConfigWidth = "NONE" | "SHORT" | "MEDIUM" | "LONG";

/**
 * A custom check of a parsed value: returns a message saying what is wrong and what is expected, or `undefined` when
 * the value is acceptable.
 *
 * It runs after the type and the declared constraints have passed, and never for an absent optional key. Throwing
 * works too: the error's message is used. The message is shown after `Invalid value <v> for configuration <key>: `.
 */
export type ConfigValidator<T> = (value: T) => string | undefined;

/**
 * Decides whether a key is relevant given the other parsed values (the keys of the same definition that parsed,
 * defaults applied), such as hiding `ssl.*` keys while `ssl.enabled` is false. Only validation results use it.
 */
export type ConfigVisibility = (config: Readonly<Record<string, unknown>>) => boolean;

/**
 * The TypeBox schema of one configuration key, as the `Config.*` builders return it: `Static<>` of it is the key's
 * parsed type, and it carries the key's Kafka metadata and checks for {@link defineConfig}.
 *
 * The JSON Schema it holds describes the key's value as JSON (a password as a string, without its default).
 */
export interface ConfigSchema<T = unknown> extends TSchema {
  static: T;
}

/**
 * The declared metadata of one configuration key, in the order {@link defineConfig} received them: what the REST API
 * and generated documentation show. Values are parsed values (a password default is a {@link Password}).
 */
export interface ConfigKeyDefinition {
  /** The key, such as `schemas.enable`. */
  readonly name: string;
  /** The key's type. */
  readonly type: ConfigKeyType;
  /** The key's TypeBox schema, as its builder returned it. */
  readonly schema: ConfigSchema;
  /** True when the key must be given: it has no default and is not optional. */
  readonly required: boolean;
  /** True when the key may be absent or null and then parses to `undefined`. */
  readonly optional: boolean;
  /** True when the key has a default value. */
  readonly hasDefault: boolean;
  /** The parsed default value, or `undefined` when there is none. */
  readonly defaultValue: unknown;
  /** How much the key matters; `MEDIUM` unless declared. */
  readonly importance: ConfigImportance;
  /** What the key does, for users. */
  readonly documentation: string | undefined;
  /** The group the key is shown in. */
  readonly group: string | undefined;
  /** The key's position within its group. */
  readonly orderInGroup: number | undefined;
  /** The width of the key's form field; `NONE` unless declared. */
  readonly width: ConfigWidth;
  /** A human-friendly name for the key. */
  readonly displayName: string | undefined;
  /** Keys whose relevance depends on this one. */
  readonly dependents: readonly string[];
  /** Values to suggest to a user (for a LIST key, suggested items). */
  readonly recommendedValues: readonly unknown[];
  /** For a one-of key, the allowed values. */
  readonly validValues: readonly string[] | undefined;
  /** For a one-of key, whether the value is matched ignoring case (and then normalised to the declared case). */
  readonly caseInsensitive: boolean;
  /** For a LIST key, the allowed items. */
  readonly allowedItems: readonly string[] | undefined;
  /** For a numeric key, the smallest allowed value. */
  readonly minimum: number | undefined;
  /** For a numeric key, the largest allowed value. */
  readonly maximum: number | undefined;
  /** For a string-valued key, whether the empty string is refused. */
  readonly nonEmpty: boolean;
}

/**
 * What a builder records about a key before it has a name; {@link defineConfig} turns it into a definition.
 * @internal
 */
export interface ConfigKeySpec
  extends Omit<ConfigKeyDefinition, "name" | "schema" | "required" | "hasDefault" | "defaultValue"> {
  /** The default as declared, before parsing; `undefined` when there is none. */
  readonly declaredDefault: unknown;
  readonly validators: readonly ConfigValidator<never>[];
  readonly visible: ConfigVisibility | undefined;
}

const SPEC = Symbol.for("tributary.ConfigKeySpec");

/**
 * Attaches a key spec to a TypeBox schema without adding a JSON Schema keyword (ajv and JSON ignore symbols).
 * @internal
 */
export function attachSpec<T>(schema: TSchema, spec: ConfigKeySpec): ConfigSchema<T> {
  Object.defineProperty(schema, SPEC, { value: Object.freeze(spec) });
  return schema as ConfigSchema<T>;
}

/**
 * The spec a `Config.*` builder attached to `schema`, or `undefined` for any other schema.
 * @internal
 */
export function specOf(schema: unknown): ConfigKeySpec | undefined {
  if (typeof schema !== "object" || schema === null) return undefined;
  return (schema as Record<symbol, ConfigKeySpec | undefined>)[SPEC];
}
