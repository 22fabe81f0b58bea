import type { ConfigImportance, ConfigValidator, ConfigVisibility, ConfigWidth } from "./config-key.js";
import type { Password } from "./password.js";

/**
 * What every `Config.*` builder accepts: Kafka's key metadata, the default, and custom checks.
 *
 * A key with a `default` may be left out of the input. A key without one is required unless `optional: true`; an
 * optional key parses to `undefined` when absent or null, and its static type includes `undefined`.
 */
export interface ConfigKeyOptions<T> {
  /** The value used when the key is absent. */
  readonly default?: T;
  /** Allows the key to be absent or null without a default; its parsed value is then `undefined`. */
  readonly optional?: boolean;
  /** What the key does, for users; shown by the REST API and the generated documentation. */
  readonly documentation?: string;
  /** How much the key matters; `MEDIUM` when not given. */
  readonly importance?: ConfigImportance;
  /** The group the key is shown in, such as `Connection`. */
  readonly group?: string;
  /** The key's position within its group. */
  readonly orderInGroup?: number;
  /** The width of the key's form field; `NONE` when not given. */
  readonly width?: ConfigWidth;
  /** A human-friendly name for the key; the key itself when not given. */
  readonly displayName?: string;
  /** Keys whose relevance depends on this one; each must be declared in the same definition. */
  readonly dependents?: readonly string[];
  /** Values to suggest to a user in validation results. */
  readonly recommendedValues?: readonly T[];
  /** Whether the key is relevant given the other parsed values; shown as `visible` in validation results. */
  readonly visible?: ConfigVisibility;
  /**
   * Custom checks run after the built-in ones, in order, stopping at the first message (several make a composite
   * validator).
   */
  readonly validate?: ConfigValidator<T> | readonly ConfigValidator<T>[];
}

/** Options of the numeric builders (`Config.int`, `short`, `long`, `double`): an inclusive range. */
export interface NumberKeyOptions extends ConfigKeyOptions<number> {
  /** The smallest allowed value, inclusive. */
  readonly minimum?: number;
  /** The largest allowed value, inclusive. */
  readonly maximum?: number;
}

/** Options of `Config.string`. */
export interface StringKeyOptions extends ConfigKeyOptions<string> {
  /** Refuses the empty string (the value is trimmed first). */
  readonly nonEmpty?: boolean;
}

/**
 * Options of `Config.enum`, a string that must be one of the declared values; `recommendedValues` defaults to the
 * declared values.
 */
export interface EnumKeyOptions<V extends string> extends ConfigKeyOptions<V> {
  /**
   * Accepts the values in any case and normalises the parsed value to the declared case, as Kafka's
   * `CaseInsensitiveValidString` does.
   */
  readonly caseInsensitive?: boolean;
}

/** Options of `Config.list`, a list of strings written `a, b, c` in a properties file. */
export interface ListKeyOptions extends Omit<ConfigKeyOptions<readonly string[]>, "recommendedValues"> {
  /** Refuses every item not among these, as Kafka's `ValidList` does. */
  readonly allowedItems?: readonly string[];
  /** Items to suggest to a user in validation results. */
  readonly recommendedValues?: readonly string[];
}

/** Options of `Config.password`: the default may be given as plain text. */
export interface PasswordKeyOptions
  extends Omit<ConfigKeyOptions<Password>, "default" | "recommendedValues"> {
  /** The secret used when the key is absent. */
  readonly default?: string | Password;
  /** Refuses the empty secret. */
  readonly nonEmpty?: boolean;
}

/** Options of `Config.class`, the name of a plugin class such as a connector or converter. */
export type ClassKeyOptions = ConfigKeyOptions<string>;

/** Options of `Config.boolean`. */
export type BooleanKeyOptions = ConfigKeyOptions<boolean>;

/** The `optional` flag of a builder's options, as a type parameter so that it decides the parsed type. */
export interface OptionalFlag<O extends boolean> {
  /** Allows the key to be absent or null without a default; its parsed value is then `undefined`. */
  readonly optional?: O;
}

/** The parsed type of a key of type `T`: `T`, or `T | undefined` when it may be optional. */
export type KeyValue<O extends boolean, T> = true extends O ? T | undefined : T;
