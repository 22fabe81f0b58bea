import type { PluginDescriptor } from "@tributary/api";
import * as converters from "@tributary/converters";
import * as transforms from "@tributary/transforms";

/** A package that ships with the runtime, with its plugin descriptors. */
export interface BuiltinPackage {
  /** The package's npm name. */
  readonly name: string;
  /** Its `tributaryPlugins` export. */
  readonly plugins: readonly PluginDescriptor[];
}

/**
 * The packages whose plugins every worker has without installing anything: the converters and the transforms.
 * Discovery skips them when it meets them again in a node_modules folder.
 */
export function builtinPackages(): readonly BuiltinPackage[] {
  return [
    { name: "@tributary/converters", plugins: pluginsOf(converters) },
    { name: "@tributary/transforms", plugins: pluginsOf(transforms) },
  ];
}

/** A module's `tributaryPlugins` export, read by name since a package may not export it (yet). */
function pluginsOf(module: object): readonly PluginDescriptor[] {
  const plugins: unknown = Reflect.get(module, "tributaryPlugins");
  return Array.isArray(plugins) ? (plugins as PluginDescriptor[]) : [];
}
