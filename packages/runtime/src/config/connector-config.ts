import {
  type ConfigProblem,
  ConfigValidationError,
  type Connector,
  type PluginDescriptor,
  propsWithPrefix,
} from "@tributary/api";
import type { ErrorHandlingOptions } from "../errors/retry-with-tolerance-operator.js";
import type { PluginRegistry } from "../plugin/plugin-registry.js";
import { connectorConfigValidations, errorsOf } from "./connector-config-checks.js";
import {
  CommonConnectorConfig,
  type CommonConnectorConfigValues,
  SinkConnectorConfig,
  SourceConnectorConfig,
} from "./connector-config-definitions.js";

/**
 * A connector's parsed settings, checked as a worker checks them before starting it (Kafka's `ConnectorConfig`,
 * enriched with each transformation's and predicate's own settings): the resolved connector plugin, the typed
 * common settings, and the settings as given, from which converters, transformations and predicates take their
 * prefixed settings. Immutable once parsed.
 *
 * Parse the config after config providers resolved it; keep the unresolved one for anything shown or stored.
 *
 * @example
 * ```ts
 * const config = ConnectorConfig.parse(await transformer.transform(props), registry);
 * const connector = config.connector.create();
 * await connector.start(config.originals);
 * const taskProps = await connector.taskConfigs(config.tasksMax);
 * ```
 */
export class ConnectorConfig {
  /** Whether the connector is a source or a sink. */
  readonly type: "source" | "sink";
  /** The connector plugin `connector.class` names. */
  readonly connector: PluginDescriptor<Connector>;
  /** The common settings, parsed, with defaults applied. */
  readonly values: CommonConnectorConfigValues;
  /** Every setting as given. */
  readonly originals: Readonly<Record<string, string>>;
  readonly #all: Readonly<Record<string, unknown>>;

  private constructor(
    type: "source" | "sink",
    connector: PluginDescriptor<Connector>,
    all: Readonly<Record<string, unknown>>,
    originals: Readonly<Record<string, string>>,
  ) {
    this.type = type;
    this.connector = connector;
    this.#all = all;
    this.values = all as CommonConnectorConfigValues;
    this.originals = originals;
  }

  /**
   * Resolves `connector.class` and checks every setting a worker checks: the common and sink or source keys, the
   * converter classes, `topics` / `topics.regex`, and each transformation and predicate against its plugin's own
   * definition. The connector's own settings are its business: `start()` parses them.
   * @throws NotFoundError when no connector has the name given in `connector.class` (listing close matches).
   * @throws ConfigValidationError listing every problem found.
   */
  static parse(
    props: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
    registry: PluginRegistry,
  ): ConnectorConfig {
    const originals = Object.freeze(props instanceof Map ? Object.fromEntries(props) : { ...props });
    const className = originals["connector.class"]?.trim();
    if (className === undefined || className === "") {
      CommonConnectorConfig.parse(originals); // throws, naming the missing key and any other problem
    }
    const connector = registry.resolve<Connector>(className ?? "", ["source", "sink"]);
    const type = connector.type === "sink" ? "sink" : "source";
    const problems: ConfigProblem[] = errorsOf(connectorConfigValidations(originals, registry, type)).map(
      ({ key, value, message }) => ({ key, value: value ?? undefined, reason: message, message }),
    );
    if (problems.length > 0) throw new ConfigValidationError(problems);
    const all = (type === "sink" ? SinkConnectorConfig : SourceConnectorConfig).parse(originals);
    return new ConnectorConfig(type, connector, all, originals);
  }

  /** The connector's name. */
  get name(): string {
    return this.values.name;
  }

  /** The most tasks the connector may run. */
  get tasksMax(): number {
    return this.values["tasks.max"];
  }

  /** The transformation aliases, in order. */
  get transforms(): readonly string[] {
    return this.values.transforms;
  }

  /** The predicate aliases. */
  get predicates(): readonly string[] {
    return this.values.predicates;
  }

  /** The `errors.*` settings, for the {@link RetryWithToleranceOperator}. */
  get errorHandling(): ErrorHandlingOptions {
    return {
      retryTimeoutMs: this.values["errors.retry.timeout"],
      retryDelayMaxMs: this.values["errors.retry.delay.max.ms"],
      tolerance: this.values["errors.tolerance"],
      logEnable: this.values["errors.log.enable"],
      logIncludeMessages: this.values["errors.log.include.messages"],
    };
  }

  /** A sink's `topics`; empty for a source or a sink that uses `topics.regex`. */
  get topics(): readonly string[] {
    const topics = this.#all.topics;
    return Array.isArray(topics)
      ? topics.filter((topic): topic is string => typeof topic === "string" && topic !== "")
      : [];
  }

  /** A sink's `topics.regex`, matching whole topic names; `undefined` for a source or when `topics` is used. */
  get topicsRegex(): RegExp | undefined {
    const regex = this.#all["topics.regex"];
    return typeof regex === "string" && regex !== "" ? new RegExp(`^(?:${regex})$`) : undefined;
  }

  /** A parsed setting of the sink's or source's definition, such as `errors.deadletterqueue.topic.name`. */
  get(key: string): unknown {
    return this.#all[key];
  }

  /** The settings under `prefix`, with the prefix removed, as given (Kafka's `originalsWithPrefix`). */
  originalsWithPrefix(prefix: string): Record<string, string> {
    return propsWithPrefix(this.originals, prefix) as Record<string, string>;
  }
}
