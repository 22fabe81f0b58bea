import {
  Config,
  type ConfigType,
  ConnectError,
  type ConnectRecord,
  defineConfig,
  type Transformation,
} from "@tributary/api";
import { withCrossChecks } from "../util/cross-checked-config.js";
import { JavaRegex } from "../util/java-regex.js";
import type { JavaReplacement } from "../util/java-regex-replacement.js";

/**
 * The configuration of {@link RegexRouter}: `regex`, a Java regular expression, and `replacement`, a Java
 * replacement string (`$1`, `${name}`, `\$`). Both are required. When validating, a pattern Java rejects (or one
 * Tributary cannot match exactly as Java does) is an error on `regex`, and a replacement that Java would refuse for
 * that pattern (a `$` at the end, a group the pattern does not have) an error on `replacement`.
 */
export const RegexRouterConfig = withCrossChecks(
  defineConfig({
    regex: Config.string({
      importance: "HIGH",
      documentation:
        "The Java regular expression (java.util.regex.Pattern syntax) the whole topic name must match for the record to be rerouted.",
      validate: (regex) => JavaRegex.problem(regex),
    }),
    replacement: Config.string({
      importance: "HIGH",
      documentation:
        "The new topic name, as a Java replacement string: $1 or ${name} insert a group of the match, \\$ a dollar sign.",
    }),
  }),
  (config) => {
    const problem = replacementProblem(JavaRegex.compile(config.regex), config.replacement);
    return problem === undefined ? [] : [{ key: "replacement", value: config.replacement, reason: problem }];
  },
);

/** The parsed configuration of {@link RegexRouter}. */
export type RegexRouterConfigType = ConfigType<typeof RegexRouterConfig>;

function replacementProblem(regex: JavaRegex, replacement: string): string | undefined {
  try {
    regex.replacement(replacement);
    return undefined;
  } catch (error) {
    if (ConnectError.isConnectError(error)) return error.message;
    throw error;
  }
}

interface Route {
  readonly regex: JavaRegex;
  readonly replacement: JavaReplacement;
}

/**
 * Renames the topic of records whose whole topic name matches a Java regular expression, as Kafka's
 * `org.apache.kafka.connect.transforms.RegexRouter` does: the new topic is the old one with its first match of
 * `regex` replaced by `replacement` (Java's `Matcher.replaceFirst`); records whose topic does not match pass
 * unchanged. Only the topic changes; the partition, key, value, timestamp and headers are kept.
 *
 * The pattern is compiled once, in `configure`; see `JavaRegex` for the Java syntax supported and the few constructs
 * refused. Configure once before `apply`; `apply` must not be called concurrently (it is not, by the worker).
 *
 * @example
 * ```properties
 * # orders-20240117 -> orders
 * transforms=route
 * transforms.route.type=org.apache.kafka.connect.transforms.RegexRouter
 * transforms.route.regex=(.*)-(\\d{8})
 * transforms.route.replacement=$1
 * ```
 */
export class RegexRouter<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  #route: Route | undefined;

  /**
   * Reads and compiles `regex` and `replacement`.
   * @throws ConfigError when either is missing, the pattern is invalid in Java or uses a construct Tributary
   * refuses, or the replacement does not fit the pattern.
   */
  configure(props: Readonly<Record<string, unknown>>): void {
    const config = RegexRouterConfig.parse(props);
    const regex = JavaRegex.compile(config.regex);
    this.#route = { regex, replacement: regex.replacement(config.replacement) };
  }

  /** The record with its topic rerouted when the whole topic name matches `regex`; the record itself otherwise. */
  apply(record: R): R {
    const route = this.#route;
    if (route === undefined) {
      throw new ConnectError("RegexRouter has not been configured: call configure() first.");
    }
    const topic = record.topic;
    if (!route.regex.matches(topic)) return record;
    return record.newRecord({ topic: route.regex.replaceFirst(topic, route.replacement) });
  }

  /** The definition of `regex` and `replacement`. */
  config(): typeof RegexRouterConfig {
    return RegexRouterConfig;
  }

  /** Nothing to release. */
  close(): void {}
}
