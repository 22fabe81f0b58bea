import { ConfigError } from "@tributary/api";
import { JavaRegex } from "@tributary/transforms";
import type { Logger } from "../logging/logger.js";
import type { KafkaAdmin, TopicSpec } from "./kafka-clients.js";

const PREFIX = "topic.creation.";
const GROUP_KEYS = new Set(["include", "exclude", "replication.factor", "partitions"]);

/** One `topic.creation.<group>` of a source connector: which topics it covers and how they are created. */
export interface TopicCreationGroup {
  readonly name: string;
  /** Kafka's rule: a topic belongs to the group when it matches no exclude pattern and some include pattern. */
  matches(topic: string): boolean;
  /** -1 for the broker's default. */
  readonly replicationFactor: number;
  /** -1 for the broker's default. */
  readonly partitions: number;
  /** The group's other settings, passed to Kafka as topic configs (`cleanup.policy`, `retention.ms`, …). */
  readonly configs: Readonly<Record<string, string>>;
}

function listOf(text: string | undefined): string[] {
  return (text ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Kafka joins a group's patterns with `|` and matches whole topic names; no pattern matches nothing. */
function matcher(patterns: readonly string[]): (topic: string) => boolean {
  if (patterns.length === 0) return () => false;
  const regex = JavaRegex.compile(patterns.join("|"));
  return (topic) => regex.matches(topic);
}

function number(props: Readonly<Record<string, string>>, key: string, fallback: number | undefined): number {
  const text = props[key]?.trim();
  if (text === undefined || text === "") {
    if (fallback === undefined)
      throw new ConfigError(`${key} is required when a source connector creates topics.`);
    return fallback;
  }
  const value = Number(text);
  if (!Number.isInteger(value) || (value !== -1 && value < 1)) {
    throw new ConfigError(
      `${key}=${text} is invalid: give a positive number, or -1 for the broker's default.`,
    );
  }
  return value;
}

function group(
  props: Readonly<Record<string, string>>,
  name: string,
  defaults: TopicCreationGroup | undefined,
): TopicCreationGroup {
  const prefix = `${PREFIX}${name}.`;
  const configs: Record<string, string> = {};
  for (const [key, value] of Object.entries(props)) {
    if (!key.startsWith(prefix)) continue;
    const setting = key.slice(prefix.length);
    if (!GROUP_KEYS.has(setting)) configs[setting] = value;
  }
  const include = matcher(listOf(props[`${prefix}include`] ?? (defaults === undefined ? ".*" : "")));
  const exclude = matcher(listOf(props[`${prefix}exclude`]));
  return {
    name,
    matches: (topic) => !exclude(topic) && include(topic),
    replicationFactor: number(props, `${prefix}replication.factor`, defaults?.replicationFactor),
    partitions: number(props, `${prefix}partitions`, defaults?.partitions),
    configs,
  };
}

/**
 * How a source connector's topics are created, from its `topic.creation.*` settings, as Kafka Connect does it:
 * enabled when the worker's `topic.creation.enable` is true and the connector sets
 * `topic.creation.default.replication.factor` and `.partitions`. A topic takes the settings of the first group in
 * `topic.creation.groups` that matches it, else of the `default` group; groups inherit the default's replication
 * factor and partitions. Without topic creation, topics are left to the broker (`auto.create.topics.enable`).
 */
export class TopicCreation {
  private constructor(
    /** The groups in `topic.creation.groups` order, without `default`. */
    readonly groups: readonly TopicCreationGroup[],
    readonly defaultGroup: TopicCreationGroup | undefined,
  ) {}

  /**
   * The connector's topic creation settings.
   * @throws ConfigError when the default group lacks a replication factor or partitions, or a pattern is invalid.
   */
  static of(workerEnabled: boolean, connectorProps: Readonly<Record<string, string>>): TopicCreation {
    const used = Object.keys(connectorProps).some((key) => key.startsWith(`${PREFIX}default.`));
    if (!workerEnabled || !used) return new TopicCreation([], undefined);
    const defaults = group(connectorProps, "default", undefined);
    const names = listOf(connectorProps[`${PREFIX}groups`]).filter((name) => name !== "default");
    return new TopicCreation(
      [...new Set(names)].map((name) => group(connectorProps, name, defaults)),
      defaults,
    );
  }

  /** Whether this connector creates its topics. */
  get enabled(): boolean {
    return this.defaultGroup !== undefined;
  }

  /** The group whose settings apply to `topic`, or undefined when topic creation is off. */
  groupFor(topic: string): TopicCreationGroup | undefined {
    if (this.defaultGroup === undefined) return undefined;
    return this.groups.find((g) => g.matches(topic)) ?? this.defaultGroup;
  }

  /** The topic to create for `topic`, or undefined when topic creation is off. */
  specFor(topic: string): TopicSpec | undefined {
    const found = this.groupFor(topic);
    if (found === undefined) return undefined;
    return {
      name: topic,
      partitions: found.partitions,
      replicationFactor: found.replicationFactor,
      configs: found.configs,
    };
  }
}

/**
 * Creates a source task's topics the first time it writes to them, once per topic (concurrent calls for the same
 * topic share one request). When topic creation is off it does nothing: the broker creates topics on first use when
 * its `auto.create.topics.enable` allows.
 */
export class TopicCreator {
  private readonly known = new Map<string, Promise<void>>();

  constructor(
    private readonly admin: KafkaAdmin,
    private readonly creation: TopicCreation,
    private readonly logger: Logger,
  ) {}

  /** Makes sure every topic exists (creating it as its group says); resolves at once for topics seen before. */
  async ensure(topics: Iterable<string>): Promise<void> {
    if (!this.creation.enabled) return;
    const waits: Promise<void>[] = [];
    for (const topic of topics) {
      let pending = this.known.get(topic);
      if (pending === undefined) {
        pending = this.create(topic);
        this.known.set(topic, pending);
        // A failure is retried on the next call instead of being remembered.
        pending.catch(() => this.known.delete(topic));
      }
      waits.push(pending);
    }
    await Promise.all(waits);
  }

  private async create(topic: string): Promise<void> {
    const spec = this.creation.specFor(topic);
    if (spec === undefined) return;
    const created = await this.admin.createTopics([spec]);
    if (created.length > 0) {
      this.logger.info(
        {
          topic,
          partitions: spec.partitions,
          replicationFactor: spec.replicationFactor,
          group: this.creation.groupFor(topic)?.name,
        },
        `Created topic ${topic}.`,
      );
    }
  }
}
