import { Config, type ConfigType, defineConfig } from "@tributary/api";

const COMMON = "Common";
const TRANSFORMS = "Transforms";
const PREDICATES = "Predicates";
const ERRORS = "Error Handling";

function uniqueAliases(kind: string) {
  return (aliases: readonly string[]): string | undefined => {
    const duplicate = aliases.find((alias, index) => aliases.indexOf(alias) !== index);
    return duplicate === undefined
      ? undefined
      : `The ${kind} alias "${duplicate}" is listed twice; give each ${kind} a unique alias.`;
  };
}

function converterDoc(role: string, defaultNote: string): string {
  return `The converter for this connector's record ${role}s, overriding the worker's \`${role}.converter\`; its settings are given with the prefix \`${role}.converter.\`. ${defaultNote}`;
}

/** A check that `value` compiles as a regular expression, for `topics.regex`. */
function validRegex(value: string): string | undefined {
  try {
    new RegExp(value);
    return undefined;
  } catch (error) {
    return `Not a valid regular expression: ${(error as Error).message}.`;
  }
}

/** The declarations of the keys every connector has, as Kafka's `ConnectorConfig`. */
const COMMON_CONNECTOR_SHAPE = {
  name: Config.string({
    nonEmpty: true,
    importance: "HIGH",
    documentation: "The connector's name, unique within the worker or cluster.",
    group: COMMON,
    orderInGroup: 1,
    width: "MEDIUM",
    displayName: "Connector name",
    validate: (name: string) =>
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to refuse control characters.
      /[\u0000-\u001f\u007f]/.test(name) ? "The name must not contain control characters." : undefined,
  }),
  "connector.class": Config.string({
    nonEmpty: true,
    importance: "HIGH",
    documentation:
      "The connector to run: its full class name (`@tributary/connector-file/FileStreamSourceConnector`), Kafka's class name (`org.apache.kafka.connect.file.FileStreamSourceConnector`), its simple name (`FileStreamSourceConnector`) or its simple name without `Connector` (`FileStreamSource`).",
    group: COMMON,
    orderInGroup: 2,
    width: "LONG",
    displayName: "Connector class",
  }),
  "tasks.max": Config.int({
    default: 1,
    minimum: 1,
    importance: "HIGH",
    documentation: "The most tasks the connector may run; it may run fewer when there is less work to share.",
    group: COMMON,
    orderInGroup: 3,
    width: "SHORT",
    displayName: "Tasks max",
  }),
  "key.converter": Config.class({
    optional: true,
    importance: "LOW",
    documentation: converterDoc("key", "When unset, the worker's is used."),
    group: COMMON,
    orderInGroup: 4,
    width: "SHORT",
    displayName: "Key converter class",
  }),
  "value.converter": Config.class({
    optional: true,
    importance: "LOW",
    documentation: converterDoc("value", "When unset, the worker's is used."),
    group: COMMON,
    orderInGroup: 5,
    width: "SHORT",
    displayName: "Value converter class",
  }),
  "header.converter": Config.class({
    optional: true,
    importance: "LOW",
    documentation: converterDoc(
      "header",
      "When unset, the worker's is used (by default SimpleHeaderConverter).",
    ),
    group: COMMON,
    orderInGroup: 6,
    width: "SHORT",
    displayName: "Header converter class",
  }),
  transforms: Config.list({
    default: [],
    importance: "LOW",
    documentation:
      "Aliases of the transformations to apply to each record, in order; each is set up with `transforms.<alias>.type` and its own `transforms.<alias>.*` settings.",
    group: TRANSFORMS,
    orderInGroup: 7,
    width: "LONG",
    displayName: "Transforms",
    validate: uniqueAliases("transformation"),
  }),
  predicates: Config.list({
    default: [],
    importance: "LOW",
    documentation:
      "Aliases of the predicates that transformations may be made conditional on with `transforms.<alias>.predicate`; each is set up with `predicates.<alias>.type` and its own `predicates.<alias>.*` settings.",
    group: PREDICATES,
    orderInGroup: 8,
    width: "LONG",
    displayName: "Predicates",
    validate: uniqueAliases("predicate"),
  }),
  "errors.retry.timeout": Config.long({
    default: 0,
    minimum: -1,
    importance: "MEDIUM",
    documentation:
      "How long, in milliseconds, a failed operation that may succeed later is retried. 0, the default, retries nothing; -1 retries forever.",
    group: ERRORS,
    orderInGroup: 1,
    width: "MEDIUM",
    displayName: "Retry Timeout for Errors",
  }),
  "errors.retry.delay.max.ms": Config.long({
    default: 60000,
    minimum: 0,
    importance: "MEDIUM",
    documentation:
      "The longest wait, in milliseconds, between two retries; waits start at 300 ms and double up to this limit.",
    group: ERRORS,
    orderInGroup: 2,
    width: "MEDIUM",
    displayName: "Maximum Delay Between Retries for Errors",
  }),
  "errors.tolerance": Config.enum(["none", "all"], {
    default: "none",
    caseInsensitive: true,
    importance: "MEDIUM",
    documentation:
      "What a failing record does: `none`, the default, fails the task at the first error; `all` skips records that fail in a converter or transformation (or keep failing after retries) and carries on.",
    group: ERRORS,
    orderInGroup: 3,
    width: "SHORT",
    displayName: "Error Tolerance",
  }),
  "errors.log.enable": Config.boolean({
    default: false,
    importance: "MEDIUM",
    documentation:
      "Whether each failure is logged with the stage, the connector, the task and the record's coordinates; off by default, when only failures that stop a task are logged.",
    group: ERRORS,
    orderInGroup: 4,
    width: "SHORT",
    displayName: "Log Errors",
  }),
  "errors.log.include.messages": Config.boolean({
    default: false,
    importance: "MEDIUM",
    documentation:
      "Whether logged failures include the record's key, value and headers. Off by default, so that record contents stay out of log files.",
    group: ERRORS,
    orderInGroup: 5,
    width: "SHORT",
    displayName: "Log Error Details",
  }),
} as const;

/** The declarations of the keys sink connectors add, as Kafka's `SinkConnectorConfig`. */
const SINK_CONNECTOR_SHAPE = {
  topics: Config.list({
    default: [],
    importance: "HIGH",
    documentation: "The topics to read, separated by commas; set this or `topics.regex`, not both.",
    group: COMMON,
    orderInGroup: 4,
    width: "LONG",
    displayName: "Topics",
  }),
  "topics.regex": Config.string({
    default: "",
    importance: "HIGH",
    documentation:
      "A regular expression matching the whole name of each topic to read; set this or `topics`, not both.",
    group: COMMON,
    orderInGroup: 4,
    width: "LONG",
    displayName: "Topics regex",
    validate: validRegex,
  }),
  "errors.deadletterqueue.topic.name": Config.string({
    default: "",
    importance: "MEDIUM",
    documentation:
      "The topic that records failing in this connector's converters, transformations or task are written to (the dead letter queue); none when empty, the default.",
    group: ERRORS,
    orderInGroup: 6,
    width: "MEDIUM",
    displayName: "Dead Letter Queue Topic Name",
  }),
  "errors.deadletterqueue.topic.replication.factor": Config.short({
    default: 3,
    importance: "MEDIUM",
    documentation: "The replication factor of the dead letter queue topic, when the worker creates it.",
    group: ERRORS,
    orderInGroup: 7,
    width: "MEDIUM",
    displayName: "Dead Letter Queue Topic Replication Factor",
  }),
  "errors.deadletterqueue.context.headers.enable": Config.boolean({
    default: false,
    importance: "MEDIUM",
    documentation:
      "Whether records written to the dead letter queue carry headers describing the failure (topic, partition, offset, stage, error), all named `__connect.errors.*`.",
    group: ERRORS,
    orderInGroup: 8,
    width: "MEDIUM",
    displayName: "Enable Error Context Headers",
  }),
} as const;

/** The declarations of the keys source connectors add, as Kafka's `SourceConnectorConfig`. */
const SOURCE_CONNECTOR_SHAPE = {
  "topic.creation.groups": Config.list({
    default: [],
    importance: "LOW",
    documentation:
      "Groups of settings for the topics this connector creates, besides `default`; each is set up with `topic.creation.<group>.*`.",
    group: "Topic Creation",
    orderInGroup: 1,
    width: "LONG",
    displayName: "Topic Creation Groups",
    validate: uniqueAliases("topic creation group"),
  }),
  "exactly.once.support": Config.enum(["requested", "required"], {
    default: "requested",
    caseInsensitive: true,
    importance: "MEDIUM",
    documentation:
      "`required` refuses to run the connector unless it declares that it can deliver exactly once with this configuration; `requested`, the default, runs it anyway.",
    group: "Exactly Once Support",
    orderInGroup: 2,
    width: "SHORT",
    displayName: "Exactly once support",
  }),
  "transaction.boundary": Config.enum(["poll", "interval", "connector"], {
    default: "poll",
    caseInsensitive: true,
    importance: "MEDIUM",
    documentation:
      "Where transactions end under exactly-once delivery: after each batch a task returns from `poll()` (`poll`, the default), every `transaction.boundary.interval.ms` (`interval`), or where the connector says (`connector`, for connectors that can).",
    group: "Exactly Once Support",
    orderInGroup: 3,
    width: "SHORT",
    displayName: "Transaction Boundary",
  }),
  "transaction.boundary.interval.ms": Config.long({
    optional: true,
    minimum: 0,
    importance: "LOW",
    documentation:
      "With `transaction.boundary=interval`, how often, in milliseconds, transactions are committed; the worker's `offset.flush.interval.ms` when unset.",
    group: "Exactly Once Support",
    orderInGroup: 4,
    width: "SHORT",
    displayName: "Transaction boundary interval",
  }),
  "offsets.storage.topic": Config.string({
    optional: true,
    nonEmpty: true,
    importance: "LOW",
    documentation:
      "A topic of its own for this connector's offsets, instead of the worker's; only used by a distributed Kafka worker.",
    group: "offsets.topic",
    orderInGroup: 1,
    width: "LONG",
    displayName: "Offsets topic",
  }),
} as const;

/** The keys every connector has. */
export const CommonConnectorConfig = defineConfig(COMMON_CONNECTOR_SHAPE);
/** The keys of a sink connector: the common keys and `topics`, `topics.regex` and the dead letter queue's. */
export const SinkConnectorConfig = defineConfig({ ...COMMON_CONNECTOR_SHAPE, ...SINK_CONNECTOR_SHAPE });
/** The keys of a source connector: the common keys, topic creation and exactly-once settings. */
export const SourceConnectorConfig = defineConfig({ ...COMMON_CONNECTOR_SHAPE, ...SOURCE_CONNECTOR_SHAPE });

/** The parsed common connector settings. */
export type CommonConnectorConfigValues = ConfigType<typeof CommonConnectorConfig>;
/** The parsed settings of a sink connector. */
export type SinkConnectorConfigValues = ConfigType<typeof SinkConnectorConfig>;
/** The parsed settings of a source connector. */
export type SourceConnectorConfigValues = ConfigType<typeof SourceConnectorConfig>;
