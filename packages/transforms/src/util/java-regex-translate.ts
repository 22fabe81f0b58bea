import { charSetToJs } from "./java-regex-charset.js";
import { checkLookbehind } from "./java-regex-lookbehind.js";
import { type ParsedJavaRegex, parseJavaRegex } from "./java-regex-parser.js";
import { JavaRegexProblem, MAX_REPEAT, type RegexNode } from "./java-regex-syntax.js";

/** A Java pattern translated to JavaScript: the source for a `v`-flag RegExp and the groups it has. @internal */
export interface TranslatedJavaRegex {
  /** JavaScript source matching what the Java pattern matches, unanchored, for a RegExp with the `v` flag. */
  readonly source: string;
  readonly groupCount: number;
  readonly groupNames: ReadonlyMap<string, number>;
}

const LINEBREAK = "(?:\\r\\n|[\\n\\u{b}\\f\\r\\u{85}\\u{2028}\\u{2029}])";

/**
 * Translates a Java pattern, after checking that JavaScript will match it exactly as Java does: same strings, same
 * first match, same group contents.
 * @throws JavaRegexProblem when Java rejects the pattern or JavaScript cannot match it exactly.
 * @internal
 */
export function translateJavaRegex(pattern: string): TranslatedJavaRegex {
  const parsed: ParsedJavaRegex = parseJavaRegex(pattern);
  const groups = new Map<number, RegexNode>();
  collectGroups(parsed.root, groups);
  new Checker(groups).check(parsed.root, new Set(), NO_CONTEXT);
  return { source: emit(parsed.root), groupCount: parsed.groupCount, groupNames: parsed.groupNames };
}

function emit(node: RegexNode): string {
  switch (node.type) {
    case "sequence":
      return node.items.map(emit).join("");
    case "alternation":
      return node.branches.map(emit).join("|");
    case "set":
      return charSetToJs(node.set);
    case "assertion":
      return node.js;
    case "linebreak":
      return LINEBREAK;
    case "backref":
      // Grouped so that a digit after it is never read as part of the group number.
      return `(?:\\${node.group})`;
    case "group":
      return `${GROUP_OPENERS[node.kind]}${node.kind === "capturing" && node.name !== undefined ? `?<${node.name}>` : ""}${emit(node.body)})`;
    case "repeat": {
      const body = node.body;
      const atomic =
        body.type === "set" ||
        (body.type === "group" && (body.kind === "capturing" || body.kind === "plain"));
      return `${atomic ? emit(body) : `(?:${emit(body)})`}${quantifier(node.min, node.max)}${node.lazy ? "?" : ""}`;
    }
  }
}

const GROUP_OPENERS = Object.freeze({
  capturing: "(",
  plain: "(?:",
  lookahead: "(?=",
  negativeLookahead: "(?!",
  lookbehind: "(?<=",
  negativeLookbehind: "(?<!",
});

function quantifier(min: number, max: number): string {
  if (max === MAX_REPEAT) return min === 0 ? "*" : min === 1 ? "+" : `{${min},}`;
  if (min === 0 && max === 1) return "?";
  return min === max ? `{${min}}` : `{${min},${max}}`;
}

/** True when `node` can match the empty string; `groups` gives the bodies backreferences repeat. */
function nullable(node: RegexNode, groups: ReadonlyMap<number, RegexNode>): boolean {
  switch (node.type) {
    case "sequence":
      return node.items.every((item) => nullable(item, groups));
    case "alternation":
      return node.branches.some((branch) => nullable(branch, groups));
    case "set":
    case "linebreak":
      return false;
    case "assertion":
      return true;
    case "backref": {
      const group = groups.get(node.group);
      return group === undefined || nullable(group, groups);
    }
    case "group":
      return node.kind === "capturing" || node.kind === "plain" ? nullable(node.body, groups) : true;
    case "repeat":
      return node.min === 0 || nullable(node.body, groups);
  }
}

function collectGroups(node: RegexNode, into: Map<number, RegexNode>): void {
  if (node.type === "group" && node.kind === "capturing") into.set(node.index, node.body);
  if (node.type === "sequence") for (const item of node.items) collectGroups(item, into);
  if (node.type === "alternation") for (const branch of node.branches) collectGroups(branch, into);
  if (node.type === "group" || node.type === "repeat") collectGroups(node.body, into);
}

function capturingGroups(node: RegexNode, into: number[] = []): number[] {
  switch (node.type) {
    case "sequence":
      for (const item of node.items) capturingGroups(item, into);
      break;
    case "alternation":
      for (const branch of node.branches) capturingGroups(branch, into);
      break;
    case "group":
      if (node.kind === "capturing") into.push(node.index);
      capturingGroups(node.body, into);
      break;
    case "repeat":
      capturingGroups(node.body, into);
      break;
    default:
      break;
  }
  return into;
}

/** Where a node sits: inside a lookaround, inside a repetition. */
interface Context {
  readonly inLookaround: boolean;
  readonly inRepeat: boolean;
}

const NO_CONTEXT: Context = { inLookaround: false, inRepeat: false };

/**
 * Finds the constructs where the two engines part ways. Java keeps a group's text from an earlier repetition and
 * fails a backreference to a group that has not matched; JavaScript clears groups at each repetition and lets such
 * a backreference match nothing. Java also ends a loop on an empty repetition where JavaScript backtracks, and
 * searches lookbehinds from the shortest candidate where JavaScript starts with the longest.
 */
class Checker {
  readonly #groups: ReadonlyMap<number, RegexNode>;

  constructor(groups: ReadonlyMap<number, RegexNode>) {
    this.#groups = groups;
  }

  /** Walks `node` given the groups certainly set before it; returns the groups certainly set after it. */
  check(node: RegexNode, set: ReadonlySet<number>, context: Context): ReadonlySet<number> {
    switch (node.type) {
      case "sequence": {
        let current = set;
        for (const item of node.items) current = this.check(item, current, context);
        return current;
      }
      case "alternation": {
        const outcomes = node.branches.map((branch) => this.check(branch, set, context));
        return new Set([...set, ...[...(outcomes[0] ?? [])].filter((g) => outcomes.every((o) => o.has(g)))]);
      }
      case "backref":
        if (node.caseInsensitive) {
          throw new JavaRegexProblem(
            "unsupported",
            `backreference \\${node.group} under (?i) (Java compares it ignoring ASCII case only)`,
            node.at,
          );
        }
        if (!set.has(node.group)) {
          throw new JavaRegexProblem(
            "unsupported",
            `backreference \\${node.group} to a group that may not have matched at that point (Java then fails, JavaScript matches nothing); refer only to a group that always matches before the reference`,
            node.at,
          );
        }
        return set;
      case "group":
        return this.checkGroup(node, set, context);
      case "linebreak":
        if (context.inRepeat) {
          throw new JavaRegexProblem(
            "unsupported",
            "\\R inside a repetition (Java does not backtrack into it there: it keeps \\r\\n together); repeat (?:\\r\\n|[\\n\\r]) or similar instead",
            node.at,
          );
        }
        return set;
      case "repeat": {
        const inner = this.check(node.body, set, { ...context, inRepeat: true });
        const groups = capturingGroups(node.body);
        // An empty run (Java reads "x{2}{3}" that way) matches nothing either way, so its repetition is harmless.
        const empty = node.body.type === "sequence" && node.body.items.length === 0;
        if (!empty && nullable(node.body, this.#groups)) {
          throw new JavaRegexProblem(
            "unsupported",
            "a repetition or optional group of something that can match the empty string, such as (a*)*, (a?)+ or (?:a*?)? (Java and JavaScript try its matches in a different order)",
            node.at,
          );
        }
        const own = node.body.type === "group" && node.body.kind === "capturing" ? node.body.index : -1;
        const nested = groups.find((g) => g !== own);
        if (node.max > 1 && nested !== undefined) {
          throw new JavaRegexProblem(
            "unsupported",
            `group ${nested} nested inside a repeated group (Java may keep its text from a repetition it backed out of, JavaScript does not); capture the repeated group itself instead`,
            node.at,
          );
        }
        return node.min === 0 ? set : inner;
      }
      default:
        return set;
    }
  }

  checkGroup(
    node: Extract<RegexNode, { type: "group" }>,
    set: ReadonlySet<number>,
    context: Context,
  ): ReadonlySet<number> {
    const behind = node.kind === "lookbehind" || node.kind === "negativeLookbehind";
    if (node.kind === "capturing" && context.inLookaround) {
      throw new JavaRegexProblem(
        "unsupported",
        `capturing group ${node.index} inside a lookahead or lookbehind (Java keeps what it captured there even when the match attempt then fails, JavaScript does not); make it (?:...)`,
        node.at,
      );
    }
    if (behind) checkLookbehind(node);
    const lookaround = node.kind !== "capturing" && node.kind !== "plain";
    const inner = this.check(node.body, set, lookaround ? { ...context, inLookaround: true } : context);
    switch (node.kind) {
      case "capturing":
        return new Set([...inner, node.index]);
      case "plain":
      case "lookahead":
        return inner;
      default:
        return set;
    }
  }
}
