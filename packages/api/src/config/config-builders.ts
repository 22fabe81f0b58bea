import { type TSchema, Type } from "@sinclair/typebox";
import { ConfigError } from "../errors/connect-error.js";
import {
  attachSpec,
  type ConfigKeySpec,
  type ConfigKeyType,
  type ConfigSchema,
  type ConfigValidator,
} from "./config-key.js";
import type {
  BooleanKeyOptions,
  ClassKeyOptions,
  ConfigKeyOptions,
  EnumKeyOptions,
  KeyValue,
  ListKeyOptions,
  NumberKeyOptions,
  OptionalFlag,
  PasswordKeyOptions,
  StringKeyOptions,
} from "./config-key-options.js";
import { Password } from "./password.js";

/** The options of any builder, as the shared code below reads them. */
type AnyKeyOptions = Omit<ConfigKeyOptions<unknown>, "validate"> & {
  readonly validate?: ConfigValidator<never> | readonly ConfigValidator<never>[];
};

/** The constraints a builder adds on top of the common options. */
interface Constraints {
  readonly minimum?: number | undefined;
  readonly maximum?: number | undefined;
  readonly validValues?: readonly string[] | undefined;
  readonly caseInsensitive?: boolean | undefined;
  readonly allowedItems?: readonly string[] | undefined;
  readonly nonEmpty?: boolean | undefined;
}

/** JSON Schema annotations shared by every key; secrets never put their default here. */
function annotations(options: AnyKeyOptions, type: ConfigKeyType): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  if (options.documentation !== undefined) json.description = options.documentation;
  if (options.displayName !== undefined) json.title = options.displayName;
  if (options.default !== undefined && type !== "PASSWORD") json.default = options.default;
  return json;
}

function key<T>(
  type: ConfigKeyType,
  schema: TSchema,
  options: AnyKeyOptions,
  constraints: Constraints = {},
): ConfigSchema<T> {
  const { minimum, maximum } = constraints;
  if (minimum !== undefined && maximum !== undefined && minimum > maximum) {
    throw new ConfigError(
      `Invalid range for a ${type} configuration key: minimum ${minimum} is greater than maximum ${maximum}.`,
    );
  }
  const validate = options.validate;
  const spec: ConfigKeySpec = {
    type,
    // A secret default is wrapped at once so that inspecting the schema never shows it.
    declaredDefault:
      type === "PASSWORD" && typeof options.default === "string"
        ? new Password(options.default)
        : options.default,
    optional: options.optional === true,
    importance: options.importance ?? "MEDIUM",
    documentation: options.documentation,
    group: options.group,
    orderInGroup: options.orderInGroup,
    width: options.width ?? "NONE",
    displayName: options.displayName,
    dependents: Object.freeze([...(options.dependents ?? [])]),
    recommendedValues: Object.freeze([...(options.recommendedValues ?? constraints.validValues ?? [])]),
    validValues: constraints.validValues,
    caseInsensitive: constraints.caseInsensitive === true,
    allowedItems: constraints.allowedItems,
    minimum,
    maximum,
    nonEmpty: constraints.nonEmpty === true,
    validators: validate === undefined ? [] : typeof validate === "function" ? [validate] : [...validate],
    visible: options.visible,
  };
  return attachSpec<T>(schema, spec);
}

function range(options: NumberKeyOptions): Record<string, number> {
  const json: Record<string, number> = {};
  if (options.minimum !== undefined) json.minimum = options.minimum;
  if (options.maximum !== undefined) json.maximum = options.maximum;
  return json;
}

function literals(values: readonly string[]): TSchema[] {
  return values.map((value) => Type.Literal(value));
}

/**
 * Builders of configuration keys, one per Kafka `ConfigDef` type; pass their results to {@link defineConfig}.
 *
 * Each returns a TypeBox schema whose `Static<>` is the parsed type: `boolean`, `string`, `number` (INT, SHORT,
 * LONG, DOUBLE), a union of literals (`enum`), `readonly string[]` (LIST) or {@link Password}; plus `undefined` for
 * a key declared `optional: true`.
 *
 * @example
 * ```ts
 * const def = defineConfig({
 *   "batch.size": Config.int({ default: 2000, minimum: 1, importance: "LOW", documentation: "Records per poll." }),
 *   "format": Config.enum(["JSON", "CSV"], { default: "JSON", caseInsensitive: true }),
 * });
 * ```
 */
export const Config = Object.freeze({
  /** A BOOLEAN key: `true` or `false` in any case, or a JSON boolean. */
  boolean<const Opt extends boolean = false>(
    options?: BooleanKeyOptions & OptionalFlag<Opt>,
  ): ConfigSchema<KeyValue<Opt, boolean>> {
    const opts: BooleanKeyOptions = options ?? {};
    return key("BOOLEAN", Type.Boolean(annotations(opts, "BOOLEAN")), opts);
  },

  /** A STRING key; the value is trimmed, as Kafka trims it. */
  string<const Opt extends boolean = false>(
    options?: StringKeyOptions & OptionalFlag<Opt>,
  ): ConfigSchema<KeyValue<Opt, string>> {
    const opts: StringKeyOptions = options ?? {};
    const json = annotations(opts, "STRING");
    if (opts.nonEmpty === true) json.minLength = 1;
    return key("STRING", Type.String(json), opts, { nonEmpty: opts.nonEmpty });
  },

  /**
   * A STRING key that must be one of `values`, typed as their union; with `caseInsensitive` any case is accepted
   * and normalised to the declared one.
   */
  enum<const V extends readonly [string, ...string[]], const Opt extends boolean = false>(
    values: V,
    options?: EnumKeyOptions<V[number]> & OptionalFlag<Opt>,
  ): ConfigSchema<KeyValue<Opt, V[number]>> {
    const opts: EnumKeyOptions<string> = options ?? {};
    const schema = Type.Union(literals(values), annotations(opts, "STRING"));
    return key("STRING", schema, opts, {
      validValues: Object.freeze([...values]),
      caseInsensitive: opts.caseInsensitive,
    });
  },

  /** An INT key: a whole number from -2^31 to 2^31 - 1. */
  int<const Opt extends boolean = false>(
    options?: NumberKeyOptions & OptionalFlag<Opt>,
  ): ConfigSchema<KeyValue<Opt, number>> {
    return numeric("INT", options);
  },

  /** A SHORT key: a whole number from -32768 to 32767. */
  short<const Opt extends boolean = false>(
    options?: NumberKeyOptions & OptionalFlag<Opt>,
  ): ConfigSchema<KeyValue<Opt, number>> {
    return numeric("SHORT", options);
  },

  /**
   * A LONG key, parsed into a `number`: whole numbers beyond ±(2^53 - 1), which a number cannot hold exactly, are
   * refused.
   */
  long<const Opt extends boolean = false>(
    options?: NumberKeyOptions & OptionalFlag<Opt>,
  ): ConfigSchema<KeyValue<Opt, number>> {
    return numeric("LONG", options);
  },

  /** A DOUBLE key: any finite number, such as `0.5` or `1e-3`. */
  double<const Opt extends boolean = false>(
    options?: NumberKeyOptions & OptionalFlag<Opt>,
  ): ConfigSchema<KeyValue<Opt, number>> {
    return numeric("DOUBLE", options);
  },

  /**
   * A LIST key: comma-separated text (items trimmed; `""` is the empty list) or a JSON array, parsed into a
   * `readonly string[]`.
   */
  list<const Opt extends boolean = false>(
    options?: ListKeyOptions & OptionalFlag<Opt>,
  ): ConfigSchema<KeyValue<Opt, readonly string[]>> {
    const opts: ListKeyOptions = options ?? {};
    const items = opts.allowedItems === undefined ? Type.String() : Type.Union(literals(opts.allowedItems));
    return key("LIST", Type.Array(items, annotations(opts, "LIST")), opts, {
      allowedItems: opts.allowedItems === undefined ? undefined : Object.freeze([...opts.allowedItems]),
    });
  },

  /** A PASSWORD key: parsed into a {@link Password}, shown as `[hidden]` in every output. */
  password<const Opt extends boolean = false>(
    options?: PasswordKeyOptions & OptionalFlag<Opt>,
  ): ConfigSchema<KeyValue<Opt, Password>> {
    const opts: PasswordKeyOptions = options ?? {};
    const json = annotations(opts, "PASSWORD");
    json.writeOnly = true;
    if (opts.nonEmpty === true) json.minLength = 1;
    return key("PASSWORD", Type.String(json), opts, { nonEmpty: opts.nonEmpty });
  },

  /** A CLASS key: the non-empty name of a plugin class, such as a connector, converter or transform. */
  class<const Opt extends boolean = false>(
    options?: ClassKeyOptions & OptionalFlag<Opt>,
  ): ConfigSchema<KeyValue<Opt, string>> {
    const opts: ClassKeyOptions = options ?? {};
    return key("CLASS", Type.String({ ...annotations(opts, "CLASS"), minLength: 1 }), opts, {
      nonEmpty: true,
    });
  },
});

function numeric<T>(type: "INT" | "SHORT" | "LONG" | "DOUBLE", options?: NumberKeyOptions): ConfigSchema<T> {
  const opts: NumberKeyOptions = options ?? {};
  const json = { ...annotations(opts, type), ...range(opts) };
  const schema = type === "DOUBLE" ? Type.Number(json) : Type.Integer(json);
  return key(type, schema, opts, { minimum: opts.minimum, maximum: opts.maximum });
}
