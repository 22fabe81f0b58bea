import { ConfigError, type ConnectErrorOptions } from "../errors/connect-error.js";

/** One thing wrong with a configuration: which key, the value given, and what was expected. */
export interface ConfigProblem {
  /** The key as the user wrote it, prefix included. */
  readonly key: string;
  /**
   * The value given as messages show it (strings quoted, secrets as `[hidden]`); `undefined` when the key is
   * missing. Never the raw value, so the problem is safe to log.
   */
  readonly value: string | undefined;
  /** What was expected, such as `Value must be at least 0`. */
  readonly reason: string;
  /** The whole message, in Kafka's wording: `Invalid value <v> for configuration <key>: <reason>`. */
  readonly message: string;
}

/**
 * A {@link ConfigError} listing every problem a configuration has, thrown by `ConfigDef.parse` so that a user can
 * fix them all at once.
 *
 * The message lists one problem per line; {@link ConfigValidationError.problems} holds them as data. Neither ever
 * contains a secret.
 */
export class ConfigValidationError extends ConfigError {
  /** The problems, in the order the keys were declared. */
  readonly problems: readonly ConfigProblem[];

  /** Creates the error from at least one problem. */
  constructor(problems: readonly ConfigProblem[], options?: ConnectErrorOptions) {
    super(describeProblems(problems), options);
    this.problems = Object.freeze([...problems]);
  }
}

function describeProblems(problems: readonly ConfigProblem[]): string {
  const [first] = problems;
  if (problems.length === 1 && first !== undefined) return first.message;
  const lines = problems.map((problem) => `  - ${problem.message}`);
  return [`The configuration has ${problems.length} errors:`, ...lines].join("\n");
}
