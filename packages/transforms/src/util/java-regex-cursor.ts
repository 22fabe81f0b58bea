import { ANCHORS, JavaRegexProblem, removeQuoting } from "./java-regex-syntax.js";

export const UNIX_LINES = 0x01;
export const CASE_INSENSITIVE = 0x02;
export const COMMENTS = 0x04;
export const MULTILINE = 0x08;
export const DOTALL = 0x20;
export const UNICODE_CASE = 0x40;

export const BACKSLASH = 0x5c;
export const LPAREN = 0x28;
export const RPAREN = 0x29;
export const LBRACKET = 0x5b;
export const RBRACKET = 0x5d;
export const LBRACE = 0x7b;
export const RBRACE = 0x7d;
export const PIPE = 0x7c;
export const QUESTION = 0x3f;
export const STAR = 0x2a;
export const PLUS = 0x2b;
export const CARET = 0x5e;
export const DOLLAR = 0x24;
export const DOT = 0x2e;
export const HYPHEN = 0x2d;
export const AMP = 0x26;
export const HASH = 0x23;
export const LT = 0x3c;
export const GT = 0x3e;
export const EQUALS = 0x3d;
export const BANG = 0x21;
export const COLON = 0x3a;
export const COMMA = 0x2c;

export const isDigit = (ch: number): boolean => ch >= 0x30 && ch <= 0x39;
export const isAsciiAlpha = (ch: number): boolean => (ch >= 0x41 && ch <= 0x5a) || (ch >= 0x61 && ch <= 0x7a);
export const isHexDigit = (ch: number): boolean =>
  isDigit(ch) || (ch >= 0x41 && ch <= 0x46) || (ch >= 0x61 && ch <= 0x66);
export const isAsciiSpace = (ch: number): boolean => ch === 0x20 || (ch >= 0x09 && ch <= 0x0d);
export const hexValue = (ch: number): number => (isDigit(ch) ? ch - 0x30 : (ch | 0x20) - 0x61 + 10);

/**
 * The reading position in a Java pattern and the primitive moves of Java's own parser (`peek`, `read`, `next`,
 * `skip`, with COMMENTS mode skipping whitespace and `#` comments exactly where Java's does), plus the flags in
 * force. The parser is split by concern into this class and the ones extending it.
 * @internal
 */
export abstract class CursorParser {
  readonly temp: number[];
  readonly length: number;
  cursor = 0;
  flags = 0;
  groupCount = 1;
  readonly names = new Map<string, number>();

  constructor(pattern: string) {
    const codePoints = removeQuoting(Array.from(pattern, (ch) => ch.codePointAt(0) as number));
    this.length = codePoints.length;
    // Two zeros mark the end, as Java's parser expects.
    this.temp = [...codePoints, 0, 0];
  }

  syntax(description: string): JavaRegexProblem {
    return new JavaRegexProblem("syntax", description, this.cursor - 1);
  }

  unsupported(description: string, at: number): JavaRegexProblem {
    return new JavaRegexProblem("unsupported", description, at);
  }

  at(index: number): number {
    return this.temp[index] ?? 0;
  }

  has(flag: number): boolean {
    return (this.flags & flag) !== 0;
  }

  /** Whether case is ignored here; Unicode case folding, which JavaScript cannot mirror exactly, is refused. */
  caseInsensitive(): boolean {
    if (!this.has(CASE_INSENSITIVE)) return false;
    if (this.has(UNICODE_CASE)) {
      throw this.unsupported("the (?u) flag (Unicode case folding) together with (?i)", this.cursor - 1);
    }
    return true;
  }

  peek(): number {
    const ch = this.at(this.cursor);
    return this.has(COMMENTS) ? this.peekPastWhitespace(ch) : ch;
  }

  read(): number {
    const ch = this.at(this.cursor++);
    return this.has(COMMENTS) ? this.parsePastWhitespace(ch) : ch;
  }

  next(): number {
    const ch = this.at(++this.cursor);
    return this.has(COMMENTS) ? this.peekPastWhitespace(ch) : ch;
  }

  nextEscaped(): number {
    return this.at(++this.cursor);
  }

  skip(): number {
    const ch = this.at(this.cursor + 1);
    this.cursor += 2;
    return ch;
  }

  unread(): void {
    this.cursor--;
  }

  accept(ch: number, message: string): void {
    let test = this.at(this.cursor++);
    if (this.has(COMMENTS)) test = this.parsePastWhitespace(test);
    if (test !== ch) throw this.syntax(message);
  }

  isLineSeparator(ch: number): boolean {
    if (this.has(UNIX_LINES)) return ch === 0x0a;
    return ch === 0x0a || ch === 0x0d || (ch | 1) === 0x2029 || ch === 0x85;
  }

  peekPastWhitespace(ch: number): number {
    while (isAsciiSpace(ch) || ch === HASH) {
      while (isAsciiSpace(ch)) ch = this.at(++this.cursor);
      if (ch === HASH) ch = this.peekPastLine();
    }
    return ch;
  }

  parsePastWhitespace(ch: number): number {
    while (isAsciiSpace(ch) || ch === HASH) {
      while (isAsciiSpace(ch)) ch = this.at(this.cursor++);
      if (ch === HASH) ch = this.parsePastLine();
    }
    return ch;
  }

  parsePastLine(): number {
    let ch = this.at(this.cursor++);
    while (ch !== 0 && !this.isLineSeparator(ch)) ch = this.at(this.cursor++);
    if (ch === 0 && this.cursor > this.length) {
      this.cursor = this.length;
      ch = this.at(this.cursor++);
    }
    return ch;
  }

  peekPastLine(): number {
    let ch = this.at(++this.cursor);
    while (ch !== 0 && !this.isLineSeparator(ch)) ch = this.at(++this.cursor);
    if (ch === 0 && this.cursor > this.length) {
      this.cursor = this.length;
      ch = this.at(this.cursor);
    }
    return ch;
  }

  dollar(multiline: boolean): string {
    if (this.has(UNIX_LINES)) return multiline ? ANCHORS.multilineUnixDollar : ANCHORS.unixDollar;
    return multiline ? ANCHORS.multilineDollar : ANCHORS.dollar;
  }

  /** One literal character or escape sequence (Java reads runs of them, which matches the same). */
}
