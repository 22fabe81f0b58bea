/**
 * The kinds of plugin a worker loads, named as Kafka Connect's REST API reports them (`GET /connector-plugins`).
 */
export type PluginType =
  | "source"
  | "sink"
  | "converter"
  | "header_converter"
  | "transformation"
  | "predicate";

/**
 * Describes one plugin a package offers, so a worker can find it by name without importing every package's internals.
 *
 * A package makes its plugins known by exporting an array of descriptors named `tributaryPlugins` from its main
 * entry point. The worker finds a plugin by `className`, by the simple name (the part after the last `/` or `.`),
 * by any of `aliases` (for example Kafka's Java class names, so existing configs work unchanged) and, for
 * connectors, by the simple name without its `Connector` suffix.
 *
 * @example
 * ```ts
 * export const tributaryPlugins: readonly PluginDescriptor[] = [
 *   {
 *     type: "source",
 *     className: "@acme/connector-widgets/WidgetSourceConnector",
 *     aliases: ["com.acme.WidgetSourceConnector"],
 *     version: "1.2.0",
 *     create: () => new WidgetSourceConnector(),
 *   },
 * ];
 * ```
 */
export interface PluginDescriptor<T extends object = object> {
  /** What kind of plugin this is. */
  readonly type: PluginType;
  /** The plugin's full name: by convention `<npm package>/<exported class name>`. */
  readonly className: string;
  /** Other names the plugin answers to, such as Kafka's Java class names. */
  readonly aliases?: readonly string[];
  /** The plugin's version, usually its package's version. */
  readonly version: string;
  /** Creates a new, unconfigured instance; called once per connector, task, converter or transform instance. */
  readonly create: () => T;
}
