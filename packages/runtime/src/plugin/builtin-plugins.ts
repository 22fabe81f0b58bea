import type { PluginDescriptor } from "@tributary/api";
import { tributaryPlugins as converterPlugins } from "@tributary/converters";
import { tributaryPlugins as transformPlugins } from "@tributary/transforms";

/**
 * A package that ships with the runtime, with its plugin descriptors.
 * @internal
 */
export interface BuiltinPackage {
  /** The package's npm name. */
  readonly name: string;
  /** Its `tributaryPlugins` export. */
  readonly plugins: readonly PluginDescriptor[];
}

/**
 * The packages whose plugins every worker has without installing anything: the converters and the transforms.
 * Discovery skips them when it meets them again in a node_modules folder.
 * @internal
 */
export function builtinPackages(): readonly BuiltinPackage[] {
  return [
    { name: "@tributary/converters", plugins: converterPlugins },
    { name: "@tributary/transforms", plugins: transformPlugins },
  ];
}
