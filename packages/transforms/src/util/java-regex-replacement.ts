import { ConfigError } from "@tributary/api";

type Part = string | number;

const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= "0" && ch <= "9";
const isAsciiAlnum = (ch: string | undefined): boolean => ch !== undefined && /^[A-Za-z0-9]$/.test(ch);

/**
 * A replacement string in Java's `Matcher.appendReplacement` syntax, parsed once for one pattern: literal text,
 * `$n` (the longest run of digits that still names an existing group; the first digit always counts), `${name}`,
 * and `\x` for a literal `x`. A group that did not take part in the match inserts nothing.
 *
 * Immutable; get one from {@link JavaRegex.replacement}.
 */
export class JavaReplacement {
  /** The replacement as written. */
  readonly text: string;
  readonly #parts: readonly Part[];

  private constructor(text: string, parts: readonly Part[]) {
    this.text = text;
    this.#parts = parts;
    Object.freeze(this);
  }

  /**
   * Parses `text` for a pattern with `groupCount` groups and the named groups `groupNames`.
   * @throws ConfigError naming what Java's `appendReplacement` would reject.
   * @internal
   */
  static parse(text: string, groupCount: number, groupNames: ReadonlyMap<string, number>): JavaReplacement {
    const fail = (reason: string): never => {
      throw new ConfigError(`Invalid replacement ${JSON.stringify(text)}: ${reason}.`);
    };
    const parts: Part[] = [];
    let literal = "";
    let i = 0;
    while (i < text.length) {
      const ch = text[i] as string;
      if (ch === "\\") {
        i++;
        if (i === text.length) fail("the character to be escaped is missing after the final '\\'");
        literal += text[i];
        i++;
        continue;
      }
      if (ch !== "$") {
        literal += ch;
        i++;
        continue;
      }
      i++;
      if (i === text.length) fail("'$' at the end has no group index; write '\\$' for a literal dollar sign");
      let group: number;
      if (text[i] === "{") {
        i++;
        let name = "";
        while (isAsciiAlnum(text[i])) name += text[i++];
        if (name.length === 0) fail("a named group reference '$\u007b}' has an empty name");
        if (text[i] !== "}") fail(`the named group reference '$\u007b${name}' is missing its closing '}'`);
        if (isDigit(name[0])) fail(`the group name {${name}} starts with a digit`);
        const named = groupNames.get(name);
        if (named === undefined) fail(`the pattern has no group named {${name}}`);
        group = named as number;
        i++;
      } else {
        if (!isDigit(text[i])) {
          fail(`'$' must be followed by a group number or {name}; write '\\$' for a literal dollar sign`);
        }
        group = Number(text[i]);
        i++;
        while (isDigit(text[i])) {
          const longer = group * 10 + Number(text[i]);
          if (longer > groupCount) break;
          group = longer;
          i++;
        }
        if (group > groupCount) fail(`the pattern has no group ${group} (it has ${groupCount})`);
      }
      if (literal !== "") parts.push(literal);
      literal = "";
      parts.push(group);
    }
    if (literal !== "") parts.push(literal);
    return new JavaReplacement(text, parts);
  }

  /** The replacement text for a match: each group reference replaced by what the group matched. */
  expand(match: RegExpExecArray): string {
    let out = "";
    for (const part of this.#parts) out += typeof part === "string" ? part : (match[part] ?? "");
    return out;
  }

  /**
   * The same replacement as a JavaScript replacement string (`$$` for a dollar sign, `$&` for group 0, two-digit
   * `$nn` for groups).
   * @throws ConfigError when it refers to a group numbered 100 or more, which JavaScript cannot express.
   */
  toJavaScript(): string {
    let out = "";
    for (const part of this.#parts) {
      if (typeof part === "string") out += part.replaceAll("$", "$$$$");
      else if (part === 0) out += "$&";
      else if (part < 100) out += `$${String(part).padStart(2, "0")}`;
      else {
        throw new ConfigError(
          `Invalid replacement ${JSON.stringify(this.text)}: group ${part} cannot be named in a JavaScript replacement string (only groups 1 to 99 can).`,
        );
      }
    }
    return out;
  }
}
