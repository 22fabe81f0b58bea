import {
  Config,
  type ConfigType,
  ConnectError,
  type ConnectRecord,
  DataError,
  defineConfig,
  type Transformation,
} from "@tributary/api";
import {
  compileSimpleDateFormat,
  type JavaDateFormat,
  simpleDateFormatProblem,
} from "../util/java-date-format.js";

const NAME = "TimestampRouter";
// Written with an escape so that they do not read as template placeholders: these are Kafka's literal markers.
const TOPIC_PLACEHOLDER = "$\u007btopic}";
const TIMESTAMP_PLACEHOLDER = "$\u007btimestamp}";

/**
 * The configuration of {@link TimestampRouter}: `topic.format` (default `${topic}-${timestamp}`) and
 * `timestamp.format`, a Java `SimpleDateFormat` pattern (default `yyyyMMdd`) checked when validating.
 */
export const TimestampRouterConfig = defineConfig({
  "topic.format": Config.string({
    default: `${TOPIC_PLACEHOLDER}-${TIMESTAMP_PLACEHOLDER}`,
    importance: "HIGH",
    documentation: `The new topic name: ${TOPIC_PLACEHOLDER} stands for the record's topic and ${TIMESTAMP_PLACEHOLDER} for its timestamp written with timestamp.format.`,
  }),
  "timestamp.format": Config.string({
    default: "yyyyMMdd",
    importance: "HIGH",
    documentation: `How ${TIMESTAMP_PLACEHOLDER} is written: a Java SimpleDateFormat pattern, in UTC (such as yyyyMMdd or yyyy-MM-dd-HH).`,
    validate: (pattern) => simpleDateFormatProblem(pattern),
  }),
});

/** The parsed configuration of {@link TimestampRouter}. */
export type TimestampRouterConfigType = ConfigType<typeof TimestampRouterConfig>;

/**
 * Renames each record's topic from its topic and timestamp, as Kafka's
 * `org.apache.kafka.connect.transforms.TimestampRouter` does: `topic.format` with `${topic}` replaced by the topic,
 * then `${timestamp}` replaced by the record's timestamp written in UTC with the `timestamp.format` pattern (Java
 * `SimpleDateFormat` syntax). Everything but the topic is kept. Mostly for sinks, whose topic names often become
 * table or index names: `orders` at 2017-01-03 becomes `orders-20170103`.
 *
 * A record without a timestamp is an error. Configure once before `apply`; `apply` must not be called concurrently
 * (it is not, by the worker).
 *
 * @example
 * ```properties
 * transforms=daily
 * transforms.daily.type=org.apache.kafka.connect.transforms.TimestampRouter
 * transforms.daily.topic.format=${topic}_${timestamp}
 * transforms.daily.timestamp.format=yyyy_MM_dd
 * ```
 */
export class TimestampRouter<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  #topicFormat = "";
  #format: JavaDateFormat | undefined;
  // Records mostly arrive in runs of one topic and close timestamps: remember the last route.
  #lastTopic: string | undefined;
  #lastTimestamp = 0;
  #lastRoute = "";

  /**
   * Reads `topic.format` and `timestamp.format`.
   * @throws ConfigError when `timestamp.format` is not a valid SimpleDateFormat pattern.
   */
  configure(props: Readonly<Record<string, unknown>>): void {
    const config = TimestampRouterConfig.parse(props);
    this.#topicFormat = config["topic.format"];
    this.#format = compileSimpleDateFormat(config["timestamp.format"]);
    this.#lastTopic = undefined;
  }

  /**
   * The record with its topic renamed.
   * @throws DataError naming the topic when the record has no timestamp.
   */
  apply(record: R): R {
    const format = this.#format;
    if (format === undefined)
      throw new ConnectError(`${NAME} has not been configured: call configure() first.`);
    const timestamp = record.timestamp;
    if (timestamp === null) {
      throw new DataError(
        `${NAME} names topics after record timestamps, but the record on topic "${record.topic}" has none. Give records a timestamp, or apply ${NAME} only to records that have one (with a predicate).`,
      );
    }
    if (record.topic !== this.#lastTopic || timestamp !== this.#lastTimestamp) {
      const formatted = format.format(new Date(timestamp));
      // Java replaces ${topic} first, then ${timestamp} in the result; both as literal text.
      this.#lastRoute = this.#topicFormat
        .replaceAll(TOPIC_PLACEHOLDER, () => record.topic)
        .replaceAll(TIMESTAMP_PLACEHOLDER, () => formatted);
      this.#lastTopic = record.topic;
      this.#lastTimestamp = timestamp;
    }
    if (this.#lastRoute === "") {
      throw new DataError(
        `${NAME} made an empty topic name from topic "${record.topic}" with topic.format ${JSON.stringify(this.#topicFormat)}; change topic.format so that it gives a name.`,
      );
    }
    return record.newRecord({ topic: this.#lastRoute });
  }

  /** The definition of `topic.format` and `timestamp.format`. */
  config(): typeof TimestampRouterConfig {
    return TimestampRouterConfig;
  }

  /** Nothing to release. */
  close(): void {}
}
