import type { CharSet } from "./java-regex-charset.js";

/** The kinds of parenthesised group a Java pattern has. @internal */
export type GroupKind =
  | "capturing"
  | "plain"
  | "lookahead"
  | "negativeLookahead"
  | "lookbehind"
  | "negativeLookbehind";

/**
 * A Java pattern read into a tree whose leaves already carry their JavaScript meaning: flags such as
 * CASE_INSENSITIVE, MULTILINE or DOTALL are resolved where they apply, so the tree needs no flags to be written out.
 * `at` is the index in the pattern where a construct starts, for messages.
 * @internal
 */
export type RegexNode =
  | { readonly type: "sequence"; readonly items: readonly RegexNode[] }
  | { readonly type: "alternation"; readonly branches: readonly RegexNode[] }
  | { readonly type: "set"; readonly set: CharSet }
  | { readonly type: "assertion"; readonly js: string }
  | { readonly type: "linebreak"; readonly at: number }
  | {
      readonly type: "group";
      readonly kind: GroupKind;
      readonly index: number;
      readonly name: string | undefined;
      readonly body: RegexNode;
      readonly at: number;
      /** For a lookbehind: whether Java steps through the input by code point (else by UTF-16 unit). */
      readonly byCodePoint: boolean;
    }
  | {
      readonly type: "repeat";
      readonly body: RegexNode;
      readonly min: number;
      readonly max: number;
      readonly lazy: boolean;
      readonly at: number;
    }
  | {
      readonly type: "backref";
      readonly group: number;
      readonly caseInsensitive: boolean;
      readonly at: number;
    };

/** The largest repetition count; Java reads `*`, `+` and `{n,}` as up to this many. @internal */
export const MAX_REPEAT = 0x7fffffff;

/**
 * Why a pattern cannot be used: `syntax` when Java itself rejects it, `unsupported` when Java accepts it but
 * JavaScript cannot match it exactly as Java does.
 * @internal
 */
export class JavaRegexProblem extends Error {
  readonly kind: "syntax" | "unsupported";
  readonly description: string;
  readonly index: number;

  constructor(kind: "syntax" | "unsupported", description: string, index: number) {
    super(`${description} near index ${index}`);
    this.kind = kind;
    this.description = description;
    this.index = index;
  }
}

/** JavaScript for Java's zero-width anchors, each spelled out so it needs no JavaScript flag. @internal */
export const ANCHORS = Object.freeze({
  begin: "^",
  end: "$",
  caret: "(?:^|(?<=[\\n\\u{85}\\u{2028}\\u{2029}])|(?<=\\r)(?!\\n))(?!$)",
  unixCaret: "(?:^|(?<=\\n))(?!$)",
  dollar: "(?:$|(?=[\\r\\u{85}\\u{2028}\\u{2029}]$)|(?<!\\r)(?=\\n$)|(?=\\r\\n$))",
  multilineDollar: "(?:$|(?=[\\r\\u{85}\\u{2028}\\u{2029}])|(?<!\\r)(?=\\n))",
  unixDollar: "(?=\\n?$)",
  multilineUnixDollar: "(?=\\n|$)",
  wordBoundary: "\\b",
  notWordBoundary: "\\B",
});

/**
 * Java's `\Q…\E` quoting, done the way Java does it before parsing: quoted ASCII punctuation and spaces are
 * escaped, digits right after `\Q` become `\x3n`, letters and other characters stay as they are.
 * @internal
 */
export function removeQuoting(pattern: readonly number[]): number[] {
  const BACKSLASH = 0x5c;
  const Q = 0x51;
  const E = 0x45;
  let i = 0;
  while (i < pattern.length - 1) {
    if (pattern[i] !== BACKSLASH) i += 1;
    else if (pattern[i + 1] !== Q) i += 2;
    else break;
  }
  if (i >= pattern.length - 1) return [...pattern];
  const out = pattern.slice(0, i);
  i += 2;
  let inQuote = true;
  let beginQuote = true;
  while (i < pattern.length) {
    const c = pattern[i++] as number;
    const isAscii = c < 0x80;
    const isAlpha = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    const isDigit = c >= 0x30 && c <= 0x39;
    if (!isAscii || isAlpha) {
      out.push(c);
    } else if (isDigit) {
      if (beginQuote) out.push(BACKSLASH, 0x78, 0x33);
      out.push(c);
    } else if (c !== BACKSLASH) {
      if (inQuote) out.push(BACKSLASH);
      out.push(c);
    } else if (inQuote) {
      if (pattern[i] === E) {
        i++;
        inQuote = false;
      } else {
        out.push(BACKSLASH, BACKSLASH);
      }
    } else if (pattern[i] === Q) {
      i++;
      inQuote = true;
      beginQuote = true;
      continue;
    } else {
      out.push(c);
      if (i !== pattern.length) out.push(pattern[i++] as number);
    }
    beginQuote = false;
  }
  return out;
}
