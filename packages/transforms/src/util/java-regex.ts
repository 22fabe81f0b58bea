import { ConfigError } from "@tributary/api";
import { JavaReplacement } from "./java-regex-replacement.js";
import { JavaRegexProblem } from "./java-regex-syntax.js";
import { translateJavaRegex } from "./java-regex-translate.js";

/**
 * A Java regular expression (`java.util.regex.Pattern` syntax) compiled to an equivalent JavaScript RegExp, for
 * configurations written for Kafka Connect (RegexRouter's `regex`, TopicNameMatches' `pattern`).
 *
 * What it accepts it matches exactly as Java does: the same strings for {@link JavaRegex.matches} (Java's
 * `matcher.matches()`), the same first match and group contents for {@link JavaRegex.replaceFirst}. Supported:
 * literals and every Java escape (`\t`, `\x{1F600}`, `\u00e9`, `\0101`, `\cA`, `\Q…\E`), classes with ranges,
 * nested unions, `&&` intersections and negation, `.`, `\d \D \s \S \w \W \h \H \v \V` in their ASCII meaning, the
 * POSIX classes `\p{Alpha}`, `\p{Digit}`, `\p{Punct}`… (ASCII, as in Java), Unicode general categories `\p{L}`,
 * `\p{Lu}`…, anchors `^ $ \A \z \Z \b \B \G \R`, greedy and lazy quantifiers, capturing, named and non-capturing
 * groups, lookahead and lookbehind, backreferences `\1` and `\k<name>`, and the flags `(?i)`, `(?s)`, `(?m)`,
 * `(?x)` and `(?d)`, also scoped (`(?i:…)`) and turned off (`(?-i)`).
 *
 * Refused with a {@link ConfigError}, because JavaScript cannot match them as Java does: possessive quantifiers,
 * atomic groups, `\X`, `\b{g}`, `\N{…}`, Unicode scripts, blocks and binary properties (`\p{IsLatin}`,
 * `\p{InGreek}`, `\p{IsAlphabetic}`), Java's `\p{javaLowerCase}`-style classes, the flags `(?u)` with `(?i)`, `(?U)`
 * and `(?c)`, backreferences under `(?i)` or to a group that may not have matched yet, capturing groups inside a
 * lookbehind or inside a repetition that does not always match them, and repetitions of something that can match
 * the empty string (`(a*)*`). Two documented limits: Unicode categories follow the Unicode version of Node.js
 * rather than the JVM's, and `\b` treats only ASCII letters, digits and `_` as word characters, as Java 19 and
 * later do (Java 17 also counts non-ASCII letters).
 *
 * Instances are immutable and may be shared.
 *
 * @example
 * ```ts
 * const regex = JavaRegex.compile("(.*)-(\\d{8})");
 * regex.matches("index-20160117");                                       // true
 * regex.replaceFirst("index-20160117", regex.replacement("$1"));         // "index"
 * ```
 */
export class JavaRegex {
  /** The Java pattern as given. */
  readonly pattern: string;
  /** The number of capturing groups. */
  readonly groupCount: number;
  /** The named groups and their numbers. */
  readonly groupNames: ReadonlyMap<string, number>;
  /** The JavaScript source equivalent to the pattern, for a RegExp with the `v` flag. */
  readonly source: string;
  readonly #whole: RegExp;
  readonly #search: RegExp;

  private constructor(pattern: string) {
    const translated = translateJavaRegex(pattern);
    this.pattern = pattern;
    this.groupCount = translated.groupCount;
    this.groupNames = translated.groupNames;
    this.source = translated.source;
    try {
      this.#whole = new RegExp(`^(?:${translated.source})$`, "v");
      this.#search = new RegExp(translated.source, "v");
    } catch (error) {
      // The translation only writes syntax JavaScript accepts; this guards against a gap in it.
      throw new JavaRegexProblem("unsupported", `a construct JavaScript rejects (${String(error)})`, 0);
    }
    Object.freeze(this);
  }

  /**
   * Compiles a Java pattern.
   * @throws ConfigError when Java would reject the pattern, or it uses a construct Tributary cannot match exactly;
   * the message names the construct and where it is.
   */
  static compile(pattern: string): JavaRegex {
    try {
      return new JavaRegex(pattern);
    } catch (error) {
      if (error instanceof JavaRegexProblem) throw new ConfigError(describeProblem(error, pattern));
      throw error;
    }
  }

  /**
   * Why `pattern` cannot be compiled, as a sentence for a configuration error, or `undefined` when it compiles;
   * for a key's `validate` function.
   */
  static problem(pattern: string): string | undefined {
    try {
      new JavaRegex(pattern);
      return undefined;
    } catch (error) {
      if (error instanceof JavaRegexProblem) return describeProblem(error, pattern);
      throw error;
    }
  }

  /** True when the whole of `input` matches, as Java's `Pattern.matcher(input).matches()`. */
  matches(input: string): boolean {
    return this.#whole.test(input);
  }

  /**
   * `input` with its first match (searched from the start, as Java's `find()`) replaced by `replacement`, or
   * `input` itself when nothing matches; Java's `Matcher.replaceFirst`.
   */
  replaceFirst(input: string, replacement: JavaReplacement): string {
    const match = this.#search.exec(input);
    if (match === null) return input;
    const end = match.index + match[0].length;
    return `${input.slice(0, match.index)}${replacement.expand(match)}${input.slice(end)}`;
  }

  /**
   * Parses a Java replacement string for this pattern: `$n` and `${name}` insert a group (nothing when it did not
   * match), `\x` inserts `x` literally (so `\$` is a dollar sign).
   * @throws ConfigError for what Java's `appendReplacement` rejects, such as `$` at the end, an unknown group
   * name, or a group number beyond {@link JavaRegex.groupCount}.
   */
  replacement(text: string): JavaReplacement {
    return JavaReplacement.parse(text, this.groupCount, this.groupNames);
  }
}

function describeProblem(problem: JavaRegexProblem, pattern: string): string {
  if (problem.kind === "syntax") {
    return `Invalid regex: ${problem.description} near index ${problem.index} of ${JSON.stringify(pattern)}.`;
  }
  return `Unsupported regex construct near index ${problem.index} of ${JSON.stringify(pattern)}: ${problem.description}. Java accepts it but JavaScript cannot match it exactly as Java does; rewrite the pattern without it.`;
}

/**
 * Compiles a Java pattern into a JavaScript RegExp that tests whole strings, as Java's `matcher.matches()`: the
 * RegExp is anchored at both ends and has the `v` flag. See {@link JavaRegex} for what is supported.
 * @throws ConfigError when the pattern is invalid in Java or cannot be matched exactly in JavaScript.
 */
export function compileJavaRegex(pattern: string): RegExp {
  return new RegExp(`^(?:${JavaRegex.compile(pattern).source})$`, "v");
}

/**
 * Translates a Java replacement string for `regex` into a JavaScript one for `String.prototype.replace` with a RegExp
 * built from {@link JavaRegex.source}: `$1` and `${name}` become group references, `\$` and `$` in literal text
 * become `$$`, and a group that did not match inserts nothing, as in Java.
 * @throws ConfigError when Java rejects the replacement, or it refers to group 100 or beyond, which JavaScript
 * replacement strings cannot name (use {@link JavaRegex.replaceFirst} then).
 */
export function translateJavaReplacement(replacement: string, regex: JavaRegex): string {
  return regex.replacement(replacement).toJavaScript();
}
