import {
  AlreadyExistsError,
  ConfigError,
  ConnectError,
  NotFoundError,
  type PluginDescriptor,
  type PluginType,
} from "@tributary/api";
import { type CloseMatch, closeMatches } from "./close-matches.js";
import { namesOf, PLUGIN_TYPES, typeLabel } from "./plugin-names.js";

/** One installed plugin as `GET /connector-plugins` lists it. */
export interface PluginInfo {
  /** The plugin's full class name. */
  readonly class: string;
  /** What kind of plugin it is. */
  readonly type: PluginType;
  /** The plugin's version. */
  readonly version: string;
}

interface Entry {
  readonly descriptor: PluginDescriptor;
  /** Where the descriptor came from (a package name, a directory), named in messages. */
  readonly origin: string;
  readonly full: readonly string[];
  readonly short: readonly string[];
}

/**
 * The plugins a worker knows, found by the names Kafka Connect accepts: the full class name, any alias (such as
 * Kafka's Java class name), the simple name (the part after the last `/` or `.`, so `InsertField$Value` for
 * `org.apache.kafka.connect.transforms.InsertField$Value`) and the simple name without its type's suffix
 * (`FileStreamSource` for `FileStreamSourceConnector`, `Json` for `JsonConverter`).
 *
 * Full names and aliases win over short names. A short name that several plugins share is refused with the list of
 * candidates, and a name that matches nothing is refused with the closest names known. Fill it with
 * {@link discoverPlugins} or {@link PluginRegistry.register}; reads may happen at any time, but registering while
 * another part of the worker resolves names is not meant to happen (discovery finishes before the worker starts).
 *
 * @example
 * ```ts
 * const registry = await discoverPlugins({ pluginPath: worker.values["plugin.path"] });
 * const source = registry.resolve<SourceConnector>("FileStreamSource", ["source", "sink"]).create();
 * ```
 */
export class PluginRegistry {
  readonly #entries: Entry[] = [];

  /** The number of registered descriptors (a class registered for two roles counts twice). */
  get size(): number {
    return this.#entries.length;
  }

  /**
   * Adds a plugin. Registering the same descriptor object again does nothing.
   * @param origin - where the descriptor came from, such as its package's name; named in messages
   * @throws ConnectError when the descriptor is malformed (naming the origin and what is wrong).
   * @throws AlreadyExistsError when another descriptor of the same type has the same class name.
   */
  register(descriptor: PluginDescriptor, origin = "the application"): void {
    checkDescriptor(descriptor, origin);
    const existing = this.#entries.find(
      (entry) =>
        entry.descriptor.type === descriptor.type && entry.descriptor.className === descriptor.className,
    );
    if (existing !== undefined) {
      if (existing.descriptor === descriptor) return;
      throw new AlreadyExistsError(
        `The ${typeLabel([descriptor.type])} ${descriptor.className} from ${origin} is already registered from ${existing.origin}; the one from ${existing.origin} is kept. Remove one of the two packages.`,
      );
    }
    this.#entries.push({ descriptor, origin, ...namesOf(descriptor) });
  }

  /**
   * Finds a plugin by name, optionally of the given type(s).
   * @throws ConfigError when a short name fits several plugins, listing them; use a full name then.
   * @throws NotFoundError when nothing fits, listing up to five close matches.
   */
  resolve<T extends object = object>(
    name: string,
    type?: PluginType | readonly PluginType[],
  ): PluginDescriptor<T> {
    const types = type === undefined ? undefined : typeof type === "string" ? [type] : type;
    const found = this.find<T>(name, types);
    if (found !== undefined) return found;
    throw new NotFoundError(this.#notFoundMessage(name.trim(), types));
  }

  /**
   * Like {@link PluginRegistry.resolve}, but `undefined` when nothing fits.
   * @throws ConfigError when a short name fits several plugins.
   */
  find<T extends object = object>(
    name: string,
    type?: PluginType | readonly PluginType[],
  ): PluginDescriptor<T> | undefined {
    const wanted = name.trim();
    const types = type === undefined ? undefined : typeof type === "string" ? [type] : type;
    const candidates = this.#entries.filter(
      (entry) => types === undefined || types.includes(entry.descriptor.type),
    );
    for (const tier of ["full", "short"] as const) {
      const matches = candidates.filter((entry) => entry[tier].includes(wanted));
      const classes = [...new Set(matches.map((entry) => entry.descriptor.className))];
      if (classes.length > 1) {
        throw new ConfigError(
          `"${wanted}" names several ${plural(typeLabel(types))}: ${classes.sort().join(", ")}. Use the full class name of the one you mean.`,
        );
      }
      const [match] = matches;
      if (match !== undefined) return match.descriptor as PluginDescriptor<T>;
    }
    return undefined;
  }

  /** The registered descriptors of the given type(s), or all, in registration order. */
  descriptors(type?: PluginType | readonly PluginType[]): readonly PluginDescriptor[] {
    const types = type === undefined ? undefined : typeof type === "string" ? [type] : type;
    return this.#entries
      .filter((entry) => types === undefined || types.includes(entry.descriptor.type))
      .map((entry) => entry.descriptor);
  }

  /** Where a registered descriptor came from (a package name or directory), or `undefined` if it is not registered. */
  originOf(descriptor: PluginDescriptor): string | undefined {
    return this.#entries.find((entry) => entry.descriptor === descriptor)?.origin;
  }

  /**
   * The registered plugins of the given type(s), or all, as `GET /connector-plugins` lists them: sorted by class
   * name, then by type in the REST API's order.
   */
  list(type?: PluginType | readonly PluginType[]): PluginInfo[] {
    return this.descriptors(type)
      .map((descriptor) => ({
        class: descriptor.className,
        type: descriptor.type,
        version: descriptor.version,
      }))
      .sort(
        (a, b) =>
          compareText(a.class, b.class) || PLUGIN_TYPES.indexOf(a.type) - PLUGIN_TYPES.indexOf(b.type),
      );
  }

  #notFoundMessage(wanted: string, types: readonly PluginType[] | undefined): string {
    const label = typeLabel(types);
    const entries = this.#entries.filter(
      (entry) => types === undefined || types.includes(entry.descriptor.type),
    );
    const candidates: CloseMatch[] = entries.flatMap((entry) =>
      [...entry.full, ...entry.short].map((candidate) => ({
        name: candidate,
        className: entry.descriptor.className,
      })),
    );
    const matches = closeMatches(wanted, candidates);
    const help =
      "Plugins are found in the node_modules folders above the working directory and in the plugin.path directories; install the package that provides it, or run `tributary plugins` to list what is installed.";
    if (matches.length > 0) {
      const shown = matches.map((match) =>
        match.name === match.className ? match.name : `${match.name} (${match.className})`,
      );
      return `No ${label} is named "${wanted}". Did you mean: ${shown.join(", ")}? ${help}`;
    }
    const known = [...new Set(entries.map((entry) => entry.descriptor.className))].sort(compareText);
    const listed =
      known.length === 0
        ? `No ${plural(label)} are installed.`
        : `Known ${plural(label)}: ${known.slice(0, 20).join(", ")}${known.length > 20 ? `, and ${known.length - 20} more` : ""}.`;
    return `No ${label} is named "${wanted}". ${listed} ${help}`;
  }
}

/** `connector` → `connector plugins`, `plugin` → `plugins`. */
function plural(label: string): string {
  return label === "plugin" ? "plugins" : `${label} plugins`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function checkDescriptor(descriptor: PluginDescriptor, origin: string): void {
  const problem = describeProblem(descriptor);
  if (problem !== undefined) {
    throw new ConnectError(
      `A plugin descriptor from ${origin} is invalid: ${problem}. Each entry of tributaryPlugins needs a type, a className, a version and a create() function.`,
    );
  }
}

function describeProblem(descriptor: unknown): string | undefined {
  if (typeof descriptor !== "object" || descriptor === null)
    return `it is ${String(descriptor)}, not an object`;
  const { type, className, aliases, version, create } = descriptor as Record<string, unknown>;
  const name = typeof className === "string" ? ` (${className})` : "";
  if (!PLUGIN_TYPES.includes(type as PluginType)) {
    return `its type${name} is ${JSON.stringify(type)}; use one of ${PLUGIN_TYPES.join(", ")}`;
  }
  if (typeof className !== "string" || className.trim() === "" || className.trim() !== className) {
    return `its className is ${JSON.stringify(className)}; give a non-empty name without surrounding spaces`;
  }
  if (
    aliases !== undefined &&
    !(Array.isArray(aliases) && aliases.every((alias) => typeof alias === "string"))
  ) {
    return `the aliases of ${className} must be an array of strings`;
  }
  if (typeof version !== "string" || version === "")
    return `the version of ${className} must be a non-empty string`;
  if (typeof create !== "function")
    return `the create of ${className} must be a function returning a new instance`;
  return undefined;
}
