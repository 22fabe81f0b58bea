import { Connector } from "../connector/connector.js";
import type { TaskClass } from "../connector/task.js";
import type { TopicPartition } from "../connector/topic-partition.js";
import type { SinkTask } from "./sink-task.js";

/**
 * A connector that writes records from Kafka to another system; its tasks are {@link SinkTask}s.
 *
 * The worker subscribes the tasks to the topics named by `topics` (a comma-separated list) or `topics.regex` and
 * spreads the topics' partitions over them through a consumer group; `taskConfigs()` only says how many tasks to run
 * and what each needs besides its partitions. Its lifecycle is {@link Connector}'s.
 */
export abstract class SinkConnector extends Connector {
  /** The configuration key listing the topics to read, comma-separated; the worker puts it into every task's configuration too. */
  static readonly TOPICS_CONFIG = "topics";
  /** The configuration key holding a regular expression of the topics to read, used instead of `topics`. */
  static readonly TOPICS_REGEX_CONFIG = "topics.regex";

  /** The class of this connector's tasks. */
  abstract override taskClass(): TaskClass<SinkTask>;

  /**
   * Accepts or refuses a user's request (through the REST API, while the connector is stopped) to change or reset
   * the committed offsets of its consumer group; the worker changes them itself once this resolves `true`.
   *
   * `offsets` maps each partition to the next offset to read, or to `null` for a reset; it may be empty, never
   * absent. Connectors that keep offsets in the destination too should apply the change there; others may check
   * that the offsets make sense. It may be called more than once with the same offsets (a user retrying), so it
   * must be idempotent, and it may be called on an instance that was never started.
   *
   * @returns `true` when the connector accepts the change. The default returns `false`, meaning "not implemented":
   * the worker still changes the consumer group's offsets, and tells the user that offsets kept outside Kafka, if
   * any, must be changed by hand.
   * @throws ConnectError when the offsets are not acceptable, naming what is wrong; the change is then refused.
   */
  alterOffsets(
    _props: Readonly<Record<string, string>>,
    _offsets: ReadonlyMap<TopicPartition, bigint | null>,
  ): boolean | Promise<boolean> {
    return false;
  }
}
