import {
  Config,
  type ConfigType,
  ConnectError,
  type ConnectRecord,
  defineConfig,
  type Predicate,
} from "@tributary/api";
import { JavaRegex } from "../util/java-regex.js";

/**
 * The configuration of {@link TopicNameMatches}: `pattern`, a Java regular expression (required, not empty),
 * checked when validating: a pattern Java rejects, or one Tributary cannot match exactly as Java does, is an error on
 * `pattern`.
 */
export const TopicNameMatchesConfig = defineConfig({
  pattern: Config.string({
    nonEmpty: true,
    importance: "MEDIUM",
    documentation:
      "A Java regular expression matched against the whole name of a record's topic (java.util.regex.Pattern syntax).",
    validate: (pattern) => JavaRegex.problem(pattern),
  }),
});

/** The parsed configuration of {@link TopicNameMatches}. */
export type TopicNameMatchesConfigType = ConfigType<typeof TopicNameMatchesConfig>;

/**
 * True for records whose whole topic name matches a Java regular expression (`pattern`), as Kafka's
 * `org.apache.kafka.connect.transforms.predicates.TopicNameMatches` is: `orders-.*` matches `orders-eu` but not
 * `my-orders-eu`. See `JavaRegex` for the syntax supported.
 *
 * Configure once before `test`; `test` may then be called any number of times (not concurrently). `negate` is
 * applied by the worker's transformation chain, not here.
 *
 * @example
 * ```properties
 * predicates=isOrders
 * predicates.isOrders.type=org.apache.kafka.connect.transforms.predicates.TopicNameMatches
 * predicates.isOrders.pattern=orders-.*
 * ```
 */
export class TopicNameMatches<R extends ConnectRecord = ConnectRecord> implements Predicate<R> {
  #regex: JavaRegex | undefined;

  /**
   * Reads and compiles `pattern`.
   * @throws ConfigError when `pattern` is missing, empty, invalid in Java, or uses a construct Tributary refuses.
   */
  configure(props: Readonly<Record<string, unknown>>): void {
    this.#regex = JavaRegex.compile(TopicNameMatchesConfig.parse(props).pattern);
  }

  /** True when the record's whole topic name matches `pattern`. */
  test(record: R): boolean {
    const regex = this.#regex;
    if (regex === undefined) {
      throw new ConnectError("TopicNameMatches has not been configured: call configure() first.");
    }
    return typeof record.topic === "string" && regex.matches(record.topic);
  }

  /** The definition of `pattern`. */
  config(): typeof TopicNameMatchesConfig {
    return TopicNameMatchesConfig;
  }

  /** Nothing to release. */
  close(): void {}

  /** `TopicNameMatches{pattern=…}`, for logs. */
  toString(): string {
    return `TopicNameMatches{pattern=${this.#regex?.pattern ?? "null"}}`;
  }
}
