import { Config, type ConfigType, defineConfig, propsWithPrefix } from "@tributary/api";

const CONVERTER_DOC =
  "The converter between Connect data and the bytes stored in Kafka for record {role}s, for every connector that does not set its own; any connector then works with any format (JSON, Avro, plain strings). Its settings are given with the prefix `{role}.converter.`, such as `{role}.converter.schemas.enable=false`. The Kafka worker needs it; the embedded engine passes records between its tasks unconverted when it is unset.";

/**
 * The definition of the worker settings shared by Tributary's engines (the embedded engine now, the Kafka worker
 * later), with Kafka Connect's keys and defaults: converters, offset flushing, shutdown, plugin discovery, config
 * providers and the Kafka and REST addresses. An engine with more settings declares them by spreading
 * `WorkerConfigDefinition.shape` into its own definition.
 */
export const WorkerConfigDefinition = defineConfig({
  "bootstrap.servers": Config.list({
    default: ["localhost:9092"],
    importance: "HIGH",
    documentation:
      "The Kafka brokers to connect to first, as `host1:port1,host2:port2`; the clients discover the rest of the cluster from them, so a few are enough, but more than one survives a broker being down.",
  }),
  "key.converter": Config.class({
    optional: true,
    importance: "HIGH",
    documentation: CONVERTER_DOC.replaceAll("{role}", "key"),
  }),
  "value.converter": Config.class({
    optional: true,
    importance: "HIGH",
    documentation: CONVERTER_DOC.replaceAll("{role}", "value"),
  }),
  "header.converter": Config.class({
    default: "org.apache.kafka.connect.storage.SimpleHeaderConverter",
    importance: "LOW",
    documentation:
      "The converter for record header values, for every connector that does not set its own. The default, SimpleHeaderConverter, writes values as text and infers their schemas when reading.",
  }),
  "task.shutdown.graceful.timeout.ms": Config.long({
    default: 5000,
    minimum: 0,
    importance: "LOW",
    documentation:
      "How long to wait, in milliseconds, for tasks to stop on shutdown: one budget for all tasks together, which are asked to stop at once and then awaited one after another.",
  }),
  "offset.flush.interval.ms": Config.long({
    default: 60000,
    minimum: 0,
    importance: "LOW",
    documentation: "How often, in milliseconds, the worker tries to commit the tasks' offsets.",
  }),
  "offset.flush.timeout.ms": Config.long({
    default: 5000,
    minimum: 0,
    importance: "LOW",
    documentation:
      "How long, in milliseconds, an offset commit may wait for records to be flushed and offsets stored before it is abandoned; its offsets are then committed by a later attempt.",
  }),
  "offset.storage.file.filename": Config.string({
    optional: true,
    importance: "HIGH",
    documentation:
      "The file in which a single-process worker (standalone, embedded) stores source connector offsets, so that sources resume where they stopped.",
  }),
  "plugin.path": Config.list({
    optional: true,
    importance: "LOW",
    documentation:
      'Directories, separated by commas, to load plugins from besides the installed npm packages: each may hold plugin package directories, or a node_modules folder, or be a plugin package itself. A package offers plugins by declaring `"tributary": { "plugins": true }` in its package.json. Config provider references are not resolved here.',
  }),
  "config.providers": Config.list({
    optional: true,
    importance: "LOW",
    documentation:
      "Names of the config providers that resolve `${provider:path:key}` references in connector configs, each declared with `config.providers.<name>.class` and `config.providers.<name>.param.*`. When unset, `env` and `file` are available.",
  }),
  "connector.client.config.override.policy": Config.string({
    default: "All",
    importance: "MEDIUM",
    documentation:
      "Which Kafka client settings connectors may override with `producer.override.*`, `consumer.override.*` and `admin.override.*`: `All`, `None` or `Principal`.",
  }),
  "topic.creation.enable": Config.boolean({
    default: true,
    importance: "LOW",
    documentation:
      "Whether source connectors may create the topics they write to, as described by their `topic.creation.*` settings.",
  }),
  listeners: Config.list({
    default: ["http://127.0.0.1:8083"],
    importance: "LOW",
    documentation:
      "The addresses the REST API listens on, such as `http://127.0.0.1:8083` (the default: this machine only) or `http://:8083` (an empty host listens on every interface). Only `http` is supported; put a TLS-terminating proxy in front for https.",
  }),
});

/** The parsed worker settings. */
export type WorkerConfigValues = ConfigType<typeof WorkerConfigDefinition>;

/**
 * A worker's parsed settings with the text they were parsed from, as Kafka's `WorkerConfig`: the typed `values` for
 * the declared keys and the `originals`, which also carry the undeclared prefixed settings (`value.converter.*`,
 * `config.providers.*`, `producer.*`). Immutable once parsed.
 *
 * @example
 * ```ts
 * const worker = WorkerConfig.parse(parseProperties(await readFile("worker.properties", "utf8")));
 * worker.values["offset.flush.interval.ms"]; // 60000 unless set
 * ```
 */
export class WorkerConfig {
  /** The definition the settings are parsed with. */
  static readonly definition = WorkerConfigDefinition;

  /** The declared settings, parsed, with defaults applied. */
  readonly values: WorkerConfigValues;
  /** Every setting as given. */
  readonly originals: Readonly<Record<string, string>>;

  private constructor(values: WorkerConfigValues, originals: Readonly<Record<string, string>>) {
    this.values = values;
    this.originals = originals;
  }

  /**
   * Parses worker settings, such as the result of `parseProperties`.
   * @throws ConfigValidationError listing every invalid key.
   */
  static parse(props: ReadonlyMap<string, string> | Readonly<Record<string, string>>): WorkerConfig {
    const originals = Object.freeze(props instanceof Map ? Object.fromEntries(props) : { ...props });
    return new WorkerConfig(WorkerConfigDefinition.parse(originals), originals);
  }

  /** The settings under `prefix`, with the prefix removed, as given (Kafka's `originalsWithPrefix`). */
  originalsWithPrefix(prefix: string): Record<string, string> {
    return propsWithPrefix(this.originals, prefix) as Record<string, string>;
  }
}
