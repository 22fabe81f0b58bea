import {
  ConfigError,
  ConnectError,
  type ConnectRecord,
  DataError,
  hasErrorCode,
  type Predicate,
  propsWithPrefix,
  RetriableError,
  type Transformation,
} from "@tributary/api";
import type { ConnectorConfig } from "../config/connector-config.js";
import type { PluginRegistry } from "../plugin/plugin-registry.js";

/** One configured transformation of a chain, with the predicate that guards it, if any. */
export interface TransformationStage<R extends ConnectRecord> {
  /** The alias from `transforms`. */
  readonly alias: string;
  /** The transformation's class name. */
  readonly className: string;
  readonly transformation: Transformation<R>;
  /** The predicate from `transforms.<alias>.predicate`, if any. */
  readonly predicate?: {
    readonly alias: string;
    readonly className: string;
    readonly instance: Predicate<R>;
  };
  /** Whether the transformation applies to the records the predicate refuses instead. */
  readonly negate: boolean;
}

/**
 * A connector's transformations, applied to each record in the order of `transforms`, each only where its predicate
 * (negated with `negate`) says so, as Kafka's `TransformationChain`.
 *
 * One chain serves one task: `apply` is synchronous and calls never overlap. A transformation returning `null`
 * drops the record and ends the chain. A failure is rethrown naming the alias, its class and its position in the
 * chain, as the same kind of error ({@link RetriableError}, {@link DataError} or {@link ConnectError}) with the
 * original as its cause, so that the task's error handling treats it as it would the original.
 *
 * @typeParam R - the records transformed: `SourceRecord` or `SinkRecord`
 */
export class TransformationChain<R extends ConnectRecord> {
  /** The stages, in order. */
  readonly stages: readonly TransformationStage<R>[];

  constructor(stages: readonly TransformationStage<R>[]) {
    this.stages = Object.freeze([...stages]);
  }

  /**
   * Creates and configures the chain a connector config describes: for each alias of `transforms`, the plugin named
   * by `transforms.<alias>.type` configured with its `transforms.<alias>.*` settings (prefix removed, `predicate` and
   * `negate` left out), and for `transforms.<alias>.predicate`, a new instance of the predicate named by
   * `predicates.<p>.type` configured with its `predicates.<p>.*` settings.
   * @throws ConfigError naming the key at fault, when a plugin is unknown or refuses its settings. Plugins created
   *   before the failure are closed.
   */
  static fromConfig<R extends ConnectRecord>(
    config: ConnectorConfig | Readonly<Record<string, string>>,
    registry: PluginRegistry,
  ): TransformationChain<R> {
    const props = isConnectorConfig(config) ? config.originals : config;
    const aliases = list(props.transforms);
    const predicates = new Set(list(props.predicates));
    const stages: TransformationStage<R>[] = [];
    try {
      for (const alias of aliases) stages.push(buildStage<R>(props, registry, alias, predicates));
    } catch (error) {
      void new TransformationChain(stages).close().catch(() => {});
      throw error;
    }
    return new TransformationChain(stages);
  }

  /**
   * The record after every stage, or `null` when a transformation dropped it.
   * @throws the failure of a stage, naming it (see the class description).
   */
  apply(record: R): R | null {
    let current: R = record;
    for (const [index, stage] of this.stages.entries()) {
      if (stage.predicate !== undefined) {
        let matches: boolean;
        try {
          matches = stage.predicate.instance.test(current);
        } catch (error) {
          throw wrap(
            error,
            `Predicate "${stage.predicate.alias}" (${stage.predicate.className}) of ${where(stage, index, this.stages.length)}`,
          );
        }
        if (matches === stage.negate) continue;
      }
      let next: R | null;
      try {
        next = stage.transformation.apply(current);
      } catch (error) {
        throw wrap(error, where(stage, index, this.stages.length));
      }
      if (next === null) return null;
      current = next;
    }
    return current;
  }

  /** Closes every transformation and predicate; the first failure is rethrown after all were closed. */
  async close(): Promise<void> {
    let failure: unknown;
    for (const stage of this.stages) {
      for (const plugin of [stage.transformation, stage.predicate?.instance]) {
        try {
          await plugin?.close();
        } catch (error) {
          failure ??= error;
        }
      }
    }
    if (failure !== undefined) throw failure;
  }
}

function buildStage<R extends ConnectRecord>(
  props: Readonly<Record<string, string>>,
  registry: PluginRegistry,
  alias: string,
  predicates: ReadonlySet<string>,
): TransformationStage<R> {
  const prefix = `transforms.${alias}.`;
  const { className, instance: transformation } = create<Transformation<R>>(
    props,
    registry,
    prefix,
    "transformation",
  );
  const {
    predicate: predicateAlias,
    negate: negateText,
    ...own
  } = propsWithPrefix(props, prefix) as Record<string, string>;
  const stage: { -readonly [K in keyof TransformationStage<R>]: TransformationStage<R>[K] } = {
    alias,
    className,
    transformation,
    negate: false,
  };
  try {
    configure(() => transformation.configure(own), prefix, className);
    if (negateText !== undefined && (predicateAlias === undefined || predicateAlias.trim() === "")) {
      throw new ConfigError(
        `${prefix}negate is set but ${prefix}predicate is not: name the predicate to negate, or remove ${prefix}negate.`,
      );
    }
    stage.negate = parseNegate(negateText, prefix);
    const predicateName = predicateAlias?.trim();
    if (predicateName !== undefined && predicateName !== "") {
      if (!predicates.has(predicateName)) {
        throw new ConfigError(
          `${prefix}predicate is "${predicateName}", which is not listed in predicates: add it to predicates and set predicates.${predicateName}.type.`,
        );
      }
      const predicatePrefix = `predicates.${predicateName}.`;
      const created = create<Predicate<R>>(props, registry, predicatePrefix, "predicate");
      stage.predicate = { alias: predicateName, className: created.className, instance: created.instance };
      configure(
        () => created.instance.configure(propsWithPrefix(props, predicatePrefix)),
        predicatePrefix,
        created.className,
      );
    }
  } catch (error) {
    void new TransformationChain([stage]).close().catch(() => {});
    throw error;
  }
  return stage;
}

function create<T>(
  props: Readonly<Record<string, string>>,
  registry: PluginRegistry,
  prefix: string,
  type: "transformation" | "predicate",
): { className: string; instance: T } {
  const name = props[`${prefix}type`]?.trim();
  if (name === undefined || name === "") {
    throw new ConfigError(`Missing required configuration "${prefix}type" which has no default value.`);
  }
  try {
    const descriptor = registry.resolve(name, type);
    return { className: descriptor.className, instance: descriptor.create() as T };
  } catch (error) {
    throw new ConfigError(`Invalid value "${name}" for configuration ${prefix}type: ${messageOf(error)}`, {
      cause: error,
    });
  }
}

function configure(apply: () => void, prefix: string, className: string): void {
  try {
    apply();
  } catch (error) {
    throw new ConfigError(`${className} refused its settings (${prefix}*): ${messageOf(error)}`, {
      cause: error,
    });
  }
}

function parseNegate(text: string | undefined, prefix: string): boolean {
  if (text === undefined) return false;
  const normalized = text.trim().toLowerCase();
  if (normalized === "true") return true;
  if (normalized === "false") return false;
  throw new ConfigError(
    `Invalid value "${text}" for configuration ${prefix}negate: Expected value to be either true or false.`,
  );
}

function where<R extends ConnectRecord>(stage: TransformationStage<R>, index: number, count: number): string {
  return `transformation "${stage.alias}" (${stage.className}, stage ${index + 1} of ${count})`;
}

/** The failure, named, as the same kind of error so that retry and tolerance rules still apply. */
function wrap(error: unknown, what: string): ConnectError {
  const message = `${capitalize(what)} failed: ${messageOf(error)}`;
  if (ConnectError.isConnectError(error) && error.retriable)
    return new RetriableError(message, { cause: error });
  if (hasErrorCode(error, "DATA")) return new DataError(message, { cause: error });
  return new ConnectError(message, { cause: error });
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function list(value: string | undefined): string[] {
  const items = (value ?? "").split(",").map((item) => item.trim());
  return [...new Set(items.filter((item) => item !== ""))];
}

function isConnectorConfig(
  config: ConnectorConfig | Readonly<Record<string, string>>,
): config is ConnectorConfig {
  return typeof (config as { originalsWithPrefix?: unknown }).originalsWithPrefix === "function";
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
