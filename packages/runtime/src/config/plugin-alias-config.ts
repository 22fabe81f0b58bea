import {
  addConfigError,
  Config,
  type ConfigDef,
  type ConfigShape,
  type ConfigValidation,
  defineConfig,
  type PluginDescriptor,
  type PluginType,
} from "@tributary/api";
import type { PluginRegistry } from "../plugin/plugin-registry.js";
import { closeQuietly } from "./close-quietly.js";

/** The two lists of aliased plugins a connector config may have. */
export type AliasKind = "transforms" | "predicates";

const KINDS: Readonly<
  Record<AliasKind, { type: PluginType; group: string; label: string; display: string }>
> = {
  transforms: {
    type: "transformation",
    group: "Transforms",
    label: "transformation",
    display: "Transformation",
  },
  predicates: { type: "predicate", group: "Predicates", label: "predicate", display: "Predicate" },
};

/** The implicit keys every transformation alias has besides its plugin's own. */
const TRANSFORM_KEYS = {
  predicate: Config.string({
    optional: true,
    importance: "MEDIUM",
    documentation:
      "The alias of the predicate (listed in `predicates`) that decides which records this transformation applies to.",
  }),
  negate: Config.boolean({
    default: false,
    importance: "MEDIUM",
    documentation:
      "Whether to apply the transformation to the records that do not satisfy the predicate instead.",
  }),
} as const;

/**
 * The aliases listed in a connector config's `transforms` or `predicates`, trimmed, without empty items and
 * duplicates, in order.
 * @internal
 */
export function aliasesOf(props: Readonly<Record<string, string>>, kind: AliasKind): string[] {
  const items = (props[kind] ?? "").split(",").map((item) => item.trim());
  return [...new Set(items.filter((item) => item !== ""))];
}

/**
 * Validates `transforms.<alias>.*` or `predicates.<alias>.*` for each listed alias as Kafka's `ConnectorConfig.enrich`
 * does: the `type` key must name a plugin of the right kind, and the rest is checked against that plugin's own
 * `config()` (plus `predicate` and `negate` for transformations), shown in the group `Transforms: <alias>`.
 * @internal
 */
export function validateAliasedPlugins(
  props: Readonly<Record<string, string>>,
  registry: PluginRegistry,
  kind: AliasKind,
): ConfigValidation[] {
  const { type, group: groupName, label, display } = KINDS[kind];
  const predicates = new Set(aliasesOf(props, "predicates"));
  const recommended = [...new Set(registry.descriptors(type).map((descriptor) => descriptor.className))];
  const validations: ConfigValidation[] = [];
  for (const alias of aliasesOf(props, kind)) {
    const prefix = `${kind}.${alias}.`;
    const typeKey = `${prefix}type`;
    const group = `${groupName}: ${alias}`;
    const resolution = resolveType(props[typeKey], registry, type);
    const typeDefinition = defineConfig({
      type: Config.class({
        importance: "HIGH",
        documentation: `The ${label} plugin of the '${alias}' ${label}.`,
        group,
        orderInGroup: 0,
        width: "LONG",
        displayName: `${display} type for ${alias}`,
        recommendedValues: recommended,
        validate: () => resolution.problem,
      }),
    });
    let typeValidation = typeDefinition.validate(props, { prefix });
    if (
      kind === "transforms" &&
      props[`${prefix}negate`] !== undefined &&
      props[`${prefix}predicate`] === undefined
    ) {
      typeValidation = addConfigError(
        typeValidation,
        typeKey,
        `${prefix}negate is set but ${prefix}predicate is not: name the predicate to negate, or remove ${prefix}negate.`,
      );
    }
    let ownValidation: ConfigValidation | undefined;
    if (resolution.descriptor !== undefined) {
      const own = ownDefinition(resolution.descriptor);
      if (typeof own === "string") {
        typeValidation = addConfigError(typeValidation, typeKey, own);
      } else {
        const shape: ConfigShape =
          kind === "transforms" ? { ...TRANSFORM_KEYS, ...withoutImplicit(own) } : own.shape;
        ownValidation = defineConfig(shape).validate(props, { prefix, group });
      }
    }
    const predicate = props[`${prefix}predicate`]?.trim();
    if (kind === "transforms" && predicate !== undefined && predicate !== "" && !predicates.has(predicate)) {
      const message = `The predicate alias "${predicate}" is not listed in predicates: add it to predicates and set predicates.${predicate}.type.`;
      if (ownValidation !== undefined)
        ownValidation = addConfigError(ownValidation, `${prefix}predicate`, message);
      else typeValidation = addConfigError(typeValidation, typeKey, message);
    }
    validations.push(typeValidation);
    if (ownValidation !== undefined) validations.push(ownValidation);
  }
  return validations;
}

interface Resolution {
  readonly descriptor?: PluginDescriptor;
  readonly problem?: string;
}

function resolveType(name: string | undefined, registry: PluginRegistry, type: PluginType): Resolution {
  if (name === undefined || name.trim() === "") return {};
  try {
    return { descriptor: registry.resolve(name, type) };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

/** The plugin's own definition, read from a fresh instance, or a message saying why it cannot be read. */
function ownDefinition(descriptor: PluginDescriptor): ConfigDef<unknown> | string {
  let instance: { config?: () => ConfigDef<unknown> } | undefined;
  try {
    instance = descriptor.create() as { config?: () => ConfigDef<unknown> };
    const definition = instance.config?.();
    if (definition === undefined || definition === null || !Array.isArray(definition.keys)) {
      return `${descriptor.className}.config() must return the plugin's configuration definition (from defineConfig).`;
    }
    return definition;
  } catch (error) {
    return `Cannot read the settings of ${descriptor.className}: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    closeQuietly(instance);
  }
}

/** A transformation's own keys, without `predicate` and `negate`, which the worker reserves. */
function withoutImplicit(definition: ConfigDef<unknown>): ConfigShape {
  const { predicate: _predicate, negate: _negate, ...rest } = definition.shape;
  return rest;
}
