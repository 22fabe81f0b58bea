import { Config, type ConfigSchema, type Field, type Struct } from "@tributary/api";

/** The name of the configuration key that most transformations share: `replace.null.with.default`. */
export const REPLACE_NULL_WITH_DEFAULT_CONFIG = "replace.null.with.default";

/**
 * The declaration of `replace.null.with.default` (BOOLEAN, default `true`, importance MEDIUM), for a
 * transformation's `defineConfig`: whether a null field that has a default is read as that default.
 *
 * @example
 * ```ts
 * const MyConfig = defineConfig({
 *   fields: Config.list({ importance: "HIGH" }),
 *   [REPLACE_NULL_WITH_DEFAULT_CONFIG]: replaceNullWithDefaultKey(),
 * });
 * ```
 */
export function replaceNullWithDefaultKey(): ConfigSchema<boolean> {
  return Config.boolean({
    default: true,
    importance: "MEDIUM",
    documentation:
      "Whether a null field whose schema has a default value is read as that default. When true the default is used; when false the field stays null.",
  });
}

/**
 * The value of `field` in `struct` as a transformation reads it: the field's default in place of null when
 * `replaceNullWithDefault` is true (`Struct.get`), the stored value otherwise (`Struct.getWithoutDefault`).
 */
export function readField(struct: Struct, field: Field | string, replaceNullWithDefault: boolean): unknown {
  return replaceNullWithDefault ? struct.get(field) : struct.getWithoutDefault(field);
}
