import type { PluginDescriptor, PluginType } from "@tributary/api";

/**
 * The simple name of a class-like name: the part after the last `/` or `.`, as Kafka's simple class name, so
 * `@tributary/transforms/InsertField$Value` and `org.apache.kafka.connect.transforms.InsertField$Value` both give
 * `InsertField$Value`.
 * @internal
 */
export function simpleName(name: string): string {
  const cut = Math.max(name.lastIndexOf("/"), name.lastIndexOf("."));
  return name.slice(cut + 1);
}

/** The suffix Kafka removes from each kind of plugin's simple name to make its shortest alias. */
const TYPE_SUFFIXES: Readonly<Record<PluginType, string>> = {
  source: "Connector",
  sink: "Connector",
  converter: "Converter",
  header_converter: "HeaderConverter",
  transformation: "Transformation",
  predicate: "Predicate",
};

/**
 * The simple name without its type's suffix (`FileStreamSourceConnector` → `FileStreamSource`, `JsonConverter` →
 * `Json`), as Kafka's pruned alias; the simple name itself when it does not end in the suffix or is only the suffix.
 * @internal
 */
export function prunedName(name: string, type: PluginType): string {
  const simple = simpleName(name);
  const suffix = TYPE_SUFFIXES[type];
  return simple.length > suffix.length && simple.endsWith(suffix) ? simple.slice(0, -suffix.length) : simple;
}

/**
 * The names a plugin answers to, best first: its full names (class name and aliases), then the short names derived
 * from them (simple and pruned).
 * @internal
 */
export function namesOf(descriptor: PluginDescriptor): { full: string[]; short: string[] } {
  const full = [descriptor.className, ...(descriptor.aliases ?? [])];
  const short = new Set<string>();
  for (const name of full) {
    short.add(simpleName(name));
    short.add(prunedName(name, descriptor.type));
  }
  for (const name of full) short.delete(name);
  return { full: [...new Set(full)], short: [...short] };
}

/** How each kind of plugin is named in messages. */
const TYPE_LABELS: Readonly<Record<PluginType, string>> = {
  source: "source connector",
  sink: "sink connector",
  converter: "converter",
  header_converter: "header converter",
  transformation: "transformation",
  predicate: "predicate",
};

/**
 * How a set of plugin types is named in messages: `connector` for sources and sinks together, `plugin` for none.
 * @internal
 */
export function typeLabel(types: readonly PluginType[] | undefined): string {
  if (types === undefined || types.length === 0) return "plugin";
  if (types.length === 2 && types.includes("source") && types.includes("sink")) return "connector";
  return types.map((type) => TYPE_LABELS[type]).join(" or ");
}

/** Every plugin type, in the order the REST API lists them. */
export const PLUGIN_TYPES: readonly PluginType[] = Object.freeze([
  "source",
  "sink",
  "converter",
  "header_converter",
  "transformation",
  "predicate",
]);
