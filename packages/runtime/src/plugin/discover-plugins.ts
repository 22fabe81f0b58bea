import { access } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { PluginDescriptor } from "@tributary/api";
import { type Logger, silentLogger } from "../logging/logger.js";
import { builtinPackages } from "./builtin-plugins.js";
import {
  declaresPlugins,
  entryPointOf,
  nodeModulesAbove,
  type PluginPackage,
  packageDirsIn,
  readPackage,
} from "./package-scan.js";
import { PluginRegistry } from "./plugin-registry.js";

/** Options of {@link discoverPlugins}. */
export interface DiscoverPluginsOptions {
  /**
   * The worker's `plugin.path`: directories (a list, or comma-separated text) that each hold plugin package
   * directories, or a `node_modules` folder, or are a plugin package themselves. Relative paths are resolved
   * against `cwd`.
   */
  readonly pluginPath?: string | readonly string[] | undefined;
  /** The directory whose `node_modules` folders (and its parents') are searched; `process.cwd()` by default. */
  readonly cwd?: string;
  /**
   * The directories from which installed packages are searched upwards; by default `cwd` and the runtime's own
   * location, so a globally installed `tributary` also finds the plugins installed beside it. Pass `[]` to load
   * only the built-ins and `plugin.path`.
   */
  readonly searchFrom?: readonly string[];
  /** Where problems with third-party packages are reported, as warnings. */
  readonly logger?: Logger;
  /** A registry to add to; a new one by default. */
  readonly registry?: PluginRegistry;
}

/**
 * Builds the registry a worker uses: the built-in converters and transforms, then the packages in `plugin.path`,
 * then the packages installed in the `node_modules` folders visible from the working directory and from the runtime.
 *
 * A package offers plugins by declaring `"tributary": { "plugins": true }` in its package.json and exporting an
 * array of {@link PluginDescriptor}s named `tributaryPlugins` from its main entry. Each package is loaded once, by
 * name, the first place it is found (plugin.path before node_modules). A package that fails to load, or a descriptor
 * that is malformed or clashes with one already registered, is reported as a warning naming the package and the
 * error, and the others still load.
 *
 * @example
 * ```ts
 * const worker = WorkerConfig.parse(parseProperties(text));
 * const registry = await discoverPlugins({ pluginPath: worker.values["plugin.path"], logger });
 * ```
 */
export async function discoverPlugins(options: DiscoverPluginsOptions = {}): Promise<PluginRegistry> {
  const registry = options.registry ?? new PluginRegistry();
  const logger = options.logger ?? silentLogger;
  const cwd = resolve(options.cwd ?? process.cwd());
  const loaded = new Set<string>();
  for (const builtin of builtinPackages()) {
    loaded.add(builtin.name);
    registerAll(registry, builtin.plugins, builtin.name, logger);
  }

  for (const dir of pluginPathDirs(options.pluginPath, cwd)) {
    if (!(await exists(dir))) {
      logger.warn(
        { pluginPath: dir },
        `plugin.path directory ${dir} does not exist; no plugins are loaded from it.`,
      );
      continue;
    }
    // The directory may be a plugin package itself, hold package directories, or be where `npm install` ran.
    const candidates = [
      dir,
      ...(await packageDirsIn(dir)),
      ...(await packageDirsIn(join(dir, "node_modules"))),
    ];
    await loadPackages(candidates, registry, loaded, logger);
  }

  const searchFrom = options.searchFrom ?? [cwd, dirname(fileURLToPath(import.meta.url))];
  const seen = new Set<string>();
  for (const start of searchFrom) {
    for (const nodeModules of nodeModulesAbove(resolve(cwd, start))) {
      if (seen.has(nodeModules)) continue;
      seen.add(nodeModules);
      await loadPackages(await packageDirsIn(nodeModules), registry, loaded, logger);
    }
  }
  return registry;
}

function pluginPathDirs(pluginPath: string | readonly string[] | undefined, cwd: string): string[] {
  if (pluginPath === undefined) return [];
  const entries = typeof pluginPath === "string" ? pluginPath.split(",") : pluginPath;
  return entries
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "")
    .map((entry) => resolve(cwd, entry));
}

async function loadPackages(
  dirs: readonly string[],
  registry: PluginRegistry,
  loaded: Set<string>,
  logger: Logger,
): Promise<void> {
  for (const dir of dirs) {
    const pkg = await readPackageSafely(dir, logger);
    if (pkg === undefined || !declaresPlugins(pkg.manifest)) continue;
    if (loaded.has(pkg.name)) {
      logger.debug({ package: pkg.name, dir }, `Skipping ${pkg.name} in ${dir}: a copy was already loaded.`);
      continue;
    }
    loaded.add(pkg.name);
    const plugins = await importPlugins(pkg, logger);
    if (plugins !== undefined) registerAll(registry, plugins, label(pkg), logger);
  }
}

async function importPlugins(
  pkg: PluginPackage,
  logger: Logger,
): Promise<readonly PluginDescriptor[] | undefined> {
  const entry = entryPointOf(pkg);
  let module: Record<string, unknown>;
  try {
    module = (await import(/* @vite-ignore */ pathToFileURL(entry).href)) as Record<string, unknown>;
  } catch (error) {
    logger.warn(
      { package: pkg.name, dir: pkg.dir, entry, err: error },
      `Could not load plugin package ${label(pkg)} from ${entry}: ${messageOf(error)}. Its plugins are not available; reinstall or rebuild the package.`,
    );
    return undefined;
  }
  const plugins = module.tributaryPlugins;
  if (!Array.isArray(plugins)) {
    logger.warn(
      { package: pkg.name, dir: pkg.dir, entry },
      `Plugin package ${label(pkg)} declares "tributary": { "plugins": true }, but ${entry} exports no tributaryPlugins array; it offers no plugins.`,
    );
    return undefined;
  }
  return plugins as PluginDescriptor[];
}

function registerAll(
  registry: PluginRegistry,
  plugins: readonly PluginDescriptor[],
  origin: string,
  logger: Logger,
): void {
  for (const descriptor of plugins) {
    try {
      registry.register(descriptor, origin);
    } catch (error) {
      logger.warn({ package: origin, err: error }, messageOf(error));
    }
  }
}

async function readPackageSafely(dir: string, logger: Logger): Promise<PluginPackage | undefined> {
  try {
    return await readPackage(dir);
  } catch (error) {
    logger.warn(
      { dir, err: error },
      `Skipping ${dir}: its package.json cannot be read: ${messageOf(error)}.`,
    );
    return undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

function label(pkg: PluginPackage): string {
  return pkg.version === undefined ? pkg.name : `${pkg.name}@${pkg.version}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
