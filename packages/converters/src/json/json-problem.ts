import { ConnectError, DataError } from "@tributary/api";

/**
 * Why some JSON could not be read or written: what was expected, what was found, and where. Thrown inside the JSON
 * codec; containers add their field, index or key to `path` as it passes through them, and the converter turns it
 * into a {@link DataError} that names the topic.
 * @internal
 */
export class JsonProblem extends Error {
  /** Where the problem is, outermost first: `.name`, `[3]`, `["key"]`. */
  readonly path: string[] = [];

  /**
   * @param expected - what should have been there, such as `an int32 number`
   * @param found - a short description or excerpt of what was there
   */
  constructor(
    readonly expected: string,
    readonly found: string,
    cause?: unknown,
  ) {
    super(`expected ${expected} but found ${found}`, cause === undefined ? undefined : { cause });
    this.name = "JsonProblem";
  }

  /** `error` as a problem at `segment` of the path, keeping the original error as the cause when it is another kind. */
  static at(error: unknown, segment: string): JsonProblem {
    const problem = JsonProblem.from(error);
    problem.path.unshift(segment);
    return problem;
  }

  /** `error` as a problem; errors from the data model (a Time out of range, say) keep their message. */
  static from(error: unknown): JsonProblem {
    if (error instanceof JsonProblem) return error;
    if (error instanceof RangeError) {
      return new JsonProblem("JSON nested less deeply", "more nesting than the stack allows", error);
    }
    const message = error instanceof Error ? error.message : String(error);
    return new JsonProblem("valid data", message.replace(/\.$/, ""), error);
  }

  /** The path as text, such as `payload.items[2].qty`, under the root name `root`. */
  where(root: string): string {
    const where = root + this.path.join("");
    return where === "" ? "the top level" : where;
  }

  /**
   * The {@link DataError} a converter throws for this problem.
   * @param action - what was being done, such as `read JSON from topic "orders"`
   * @param root - the name of the outermost value in the path, such as `payload`
   * @param hint - what to do about it, appended as a sentence
   */
  toDataError(action: string, root: string, hint = ""): DataError {
    const cause = this.cause !== undefined ? this.cause : this;
    const detail =
      this.cause !== undefined && ConnectError.isConnectError(this.cause) && this.expected === "valid data"
        ? `at ${this.where(root)}, ${this.found}`
        : `at ${this.where(root)}, expected ${this.expected} but found ${this.found}`;
    return new DataError(`Cannot ${action}: ${detail}.${hint === "" ? "" : ` ${hint}`}`, { cause });
  }
}

/** Longest excerpt of input quoted in an error message. */
const MAX_EXCERPT = 40;

/**
 * A short excerpt of `text` from `start`, for error messages: the JSON value there when it is short, else its
 * beginning followed by an ellipsis.
 * @internal
 */
export function excerpt(text: string, start: number, end = text.length): string {
  if (start >= end) return "the end of the input";
  const slice = text.slice(start, Math.min(end, start + MAX_EXCERPT + 1));
  const cut = slice.length > MAX_EXCERPT ? `${slice.slice(0, MAX_EXCERPT)}…` : slice;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters would garble a one-line message.
  return `\`${cut.replace(/[\u0000-\u001f]/g, " ")}\``;
}
