/**
 * A plugin that the worker configures once, right after creating it and before any other call: header
 * converters, transformations and predicates.
 *
 * The properties are the plugin's own, with their prefix removed (for `transforms.route.regex=...` a transformation
 * receives `{ regex: "..." }`); values are usually strings, as read from a properties file, but may be JSON values
 * when the configuration came as JSON. Parse them with the plugin's `config()` definition, which ignores unknown
 * keys. Throw a {@link ConfigError} naming the bad key when they are invalid.
 */
export interface Configurable {
  /** Applies the plugin's configuration; called exactly once, before any other method but `config()`. */
  configure(props: Readonly<Record<string, unknown>>): void;
}
