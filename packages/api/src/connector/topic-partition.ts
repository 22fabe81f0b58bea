import { ConnectError } from "../errors/connect-error.js";

const BRAND = Symbol.for("tributary.TopicPartition");
const REGISTRY = Symbol.for("tributary.TopicPartition.registry.v1");

/** The shared table of live instances, one per topic and partition. */
interface Registry {
  readonly live: Map<string, WeakRef<TopicPartition>>;
  readonly finalizer: FinalizationRegistry<string>;
}

/**
 * The process-wide table lives on `globalThis` under a registered symbol so that every copy of this package (a
 * connector may bring its own) hands out the very same object for the same topic and partition; otherwise a Map
 * filled by a connector would miss the keys the worker looks up.
 */
function registry(): Registry {
  const holder = globalThis as { [REGISTRY]?: Registry };
  let found = holder[REGISTRY];
  if (found === undefined) {
    const live = new Map<string, WeakRef<TopicPartition>>();
    const finalizer = new FinalizationRegistry<string>((key) => {
      // A newer instance may already sit under the same key; drop only a dead entry.
      if (live.get(key)?.deref() === undefined) live.delete(key);
    });
    found = { live, finalizer };
    Object.defineProperty(holder, REGISTRY, { value: found });
  }
  return found;
}

/**
 * A Kafka topic and one of its partitions, the key of every sink offset map.
 *
 * Instances are interned: {@link TopicPartition.of} returns the same frozen object for the same topic and partition
 * for as long as anything holds it, across every copy of `@tributary/api` in the process. So a plain
 * `Map<TopicPartition, bigint>` works as an offset map: `offsets.get(TopicPartition.of("orders", 0))` finds the
 * entry the worker put there, and `===` compares two instances correctly. There is no public constructor.
 *
 * @example
 * ```ts
 * const tp = TopicPartition.of(record.originalTopic, record.originalKafkaPartition);
 * const offsets = new Map([[tp, record.originalKafkaOffset + 1n]]);
 * offsets.has(TopicPartition.of("orders", 0)); // true when tp is orders-0
 * ```
 */
export class TopicPartition {
  /** The topic's name. */
  readonly topic: string;
  /** The partition's number, from 0. */
  readonly partition: number;

  private constructor(topic: string, partition: number) {
    this.topic = topic;
    this.partition = partition;
    Object.defineProperty(this, BRAND, { value: true });
    Object.freeze(this);
  }

  /**
   * The one instance for `topic` and `partition`.
   * @throws ConnectError when `topic` is not a non-empty string or `partition` is not an integer from 0.
   */
  static of(topic: string, partition: number): TopicPartition {
    if (typeof topic !== "string" || topic.length === 0) {
      throw new ConnectError(
        `Invalid topic ${JSON.stringify(topic)} for a TopicPartition: pass the topic's name as a non-empty string.`,
      );
    }
    if (!Number.isInteger(partition) || partition < 0 || partition > 2147483647) {
      throw new ConnectError(
        `Invalid partition ${String(partition)} of topic "${topic}": pass an integer from 0 to 2147483647.`,
      );
    }
    // The partition comes first: it holds no colon, so the key cannot be ambiguous whatever the topic contains.
    const key = `${partition}:${topic}`;
    const { live, finalizer } = registry();
    const existing = live.get(key)?.deref();
    if (existing !== undefined) return existing;
    const created = new TopicPartition(topic, partition);
    live.set(key, new WeakRef(created));
    finalizer.register(created, key);
    return created;
  }

  /** True for any TopicPartition, including one created by another copy of this package. */
  static isTopicPartition(value: unknown): value is TopicPartition {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /** True when `other` names the same topic and partition; for interned instances this is `===`. */
  equals(other: unknown): boolean {
    return (
      this === other ||
      (TopicPartition.isTopicPartition(other) &&
        other.topic === this.topic &&
        other.partition === this.partition)
    );
  }

  /** Kafka's notation, `<topic>-<partition>`, such as `orders-0`. */
  toString(): string {
    return `${this.topic}-${this.partition}`;
  }
}
