import { type CharSet, not, PREDEFINED } from "./java-regex-charset.js";
import {
  BACKSLASH,
  CursorParser,
  GT,
  hexValue,
  isAsciiAlpha,
  isDigit,
  isHexDigit,
  LBRACE,
  LT,
  RBRACE,
} from "./java-regex-cursor.js";
import { ANCHORS, type JavaRegexProblem, type RegexNode } from "./java-regex-syntax.js";

/** The result of an escape sequence: a literal code point, a set of characters, or a zero-width or group node. */
export type Escaped = { readonly cp: number } | { readonly set: CharSet } | { readonly node: RegexNode };

/**
 * The escape sequences of a Java pattern (`\\t`, `\\x{…}`, `\\u…`, `\\0…`, `\\c…`, `\\d`, `\\b`, `\\1`,
 * `\\k<name>`, …), read as Java's `Pattern.escape` reads them.
 * @internal
 */
export abstract class EscapeParser extends CursorParser {
  escape(inClass: boolean, isRange: boolean): Escaped {
    const start = this.cursor;
    const ch = this.skip();
    const illegal = (): JavaRegexProblem => this.syntax("Illegal/unsupported escape sequence");
    const node = (n: RegexNode): Escaped => {
      if (inClass) throw illegal();
      return { node: n };
    };
    const assertion = (js: string): Escaped => node({ type: "assertion", js });
    if (ch >= 0x31 && ch <= 0x39) {
      if (inClass) throw illegal();
      return { node: this.ref(ch - 0x30, start) };
    }
    switch (String.fromCodePoint(ch)) {
      case "0":
        return { cp: this.octal() };
      case "A":
        return assertion(ANCHORS.begin);
      case "B":
        return assertion(ANCHORS.notWordBoundary);
      case "D":
        return { set: not(PREDEFINED.digit) };
      case "G":
        // Matches where the previous match ended: for matches() and a first find(), the start of the input.
        return assertion(ANCHORS.begin);
      case "H":
        return { set: not(PREDEFINED.horizontalSpace) };
      case "N":
        throw this.unsupported("\\N{...} named characters", start);
      case "R":
        return node({ type: "linebreak", at: start });
      case "S":
        return { set: not(PREDEFINED.space) };
      case "V":
        return { set: not(PREDEFINED.verticalSpace) };
      case "W":
        return { set: not(PREDEFINED.word) };
      case "X":
        if (inClass) throw illegal();
        throw this.unsupported("\\X (grapheme clusters)", start);
      case "Z":
        return assertion(this.dollar(false));
      case "a":
        return { cp: 0x07 };
      case "b":
        if (inClass) throw illegal();
        if (this.peek() === LBRACE) {
          if (this.skip() === 0x67) {
            if (this.read() === RBRACE) throw this.unsupported("\\b{g} (grapheme cluster boundaries)", start);
            throw illegal();
          }
          this.unread();
          this.unread();
        }
        return assertion(ANCHORS.wordBoundary);
      case "c":
        if (this.cursor < this.length) return { cp: this.read() ^ 64 };
        throw this.syntax("Illegal control escape sequence");
      case "d":
        return { set: PREDEFINED.digit };
      case "e":
        return { cp: 0x1b };
      case "f":
        return { cp: 0x0c };
      case "h":
        return { set: PREDEFINED.horizontalSpace };
      case "k":
        if (inClass) throw illegal();
        return { node: this.namedReference(start) };
      case "n":
        return { cp: 0x0a };
      case "r":
        return { cp: 0x0d };
      case "s":
        return { set: PREDEFINED.space };
      case "t":
        return { cp: 0x09 };
      case "u":
        return { cp: this.unicodeEscape() };
      case "v":
        return isRange ? { cp: 0x0b } : { set: PREDEFINED.verticalSpace };
      case "w":
        return { set: PREDEFINED.word };
      case "x":
        return { cp: this.hexEscape() };
      case "z":
        return assertion(ANCHORS.end);
      default:
        if (isAsciiAlpha(ch)) throw illegal();
        return { cp: ch };
    }
  }

  namedReference(start: number): RegexNode {
    if (this.read() !== LT) throw this.syntax("\\k is not followed by '<' for named capturing group");
    const name = this.groupName(this.read());
    const group = this.names.get(name);
    if (group === undefined) throw this.syntax(`named capturing group <${name}> does not exist`);
    return { type: "backref", group, caseInsensitive: this.caseInsensitive(), at: start };
  }

  /** A numbered backreference: further digits count while they still name an existing group, as in Java. */
  ref(first: number, start: number): RegexNode {
    let group = first;
    for (;;) {
      const ch = this.peek();
      if (!isDigit(ch)) break;
      const longer = group * 10 + (ch - 0x30);
      if (this.groupCount - 1 < longer) break;
      group = longer;
      this.read();
    }
    return { type: "backref", group, caseInsensitive: this.caseInsensitive(), at: start };
  }

  octal(): number {
    const isOctal = (ch: number): boolean => ch >= 0x30 && ch <= 0x37;
    const n = this.read();
    if (!isOctal(n)) throw this.syntax("Illegal octal escape sequence");
    const m = this.read();
    if (!isOctal(m)) {
      this.unread();
      return n - 0x30;
    }
    const o = this.read();
    if (isOctal(o) && n <= 0x33) return (n - 0x30) * 64 + (m - 0x30) * 8 + (o - 0x30);
    this.unread();
    return (n - 0x30) * 8 + (m - 0x30);
  }

  hexEscape(): number {
    const n = this.read();
    if (isHexDigit(n)) {
      const m = this.read();
      if (isHexDigit(m)) return hexValue(n) * 16 + hexValue(m);
    } else if (n === LBRACE && isHexDigit(this.peek())) {
      let value = 0;
      let ch = this.read();
      while (isHexDigit(ch)) {
        value = value * 16 + hexValue(ch);
        if (value > 0x10ffff) throw this.syntax("Hexadecimal codepoint is too big");
        ch = this.read();
      }
      if (ch !== RBRACE) throw this.syntax("Unclosed hexadecimal escape sequence");
      return value;
    }
    throw this.syntax("Illegal hexadecimal escape sequence");
  }

  fourHexDigits(): number {
    let value = 0;
    for (let i = 0; i < 4; i++) {
      const ch = this.read();
      if (!isHexDigit(ch)) throw this.syntax("Illegal Unicode escape sequence");
      value = value * 16 + hexValue(ch);
    }
    return value;
  }

  unicodeEscape(): number {
    const high = this.fourHexDigits();
    if (high >= 0xd800 && high <= 0xdbff) {
      const saved = this.cursor;
      if (this.read() === BACKSLASH && this.read() === 0x75) {
        const low = this.fourHexDigits();
        if (low >= 0xdc00 && low <= 0xdfff) return (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
      }
      this.cursor = saved;
    }
    return high;
  }

  groupName(first: number): string {
    if (!isAsciiAlpha(first)) throw this.syntax("capturing group name does not start with a Latin letter");
    let name = "";
    let ch = first;
    do {
      name += String.fromCharCode(ch);
      ch = this.read();
    } while (isAsciiAlpha(ch) || isDigit(ch));
    if (ch !== GT) throw this.syntax("named capturing group is missing trailing '>'");
    return name;
  }
}
