/**
 * A plugin that reports its own version, shown by the worker's `GET /connector-plugins` and in status logs.
 *
 * Connectors and tasks must implement it; converters, header converters, transformations and predicates may, and
 * the worker reports them as of unknown version when they do not. `version()` may be called at any time, even on an
 * instance that was never configured or started, so it must not depend on configuration.
 */
export interface Versioned {
  /** The plugin's version, a non-empty string such as `1.2.0`. */
  version(): string;
}
