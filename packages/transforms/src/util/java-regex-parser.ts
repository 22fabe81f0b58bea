import {
  and,
  type CharSet,
  chars,
  foldedCodePoints,
  foldedRange,
  javaPropertyClass,
  not,
  PREDEFINED,
  union,
} from "./java-regex-charset.js";
import {
  ANCHORS,
  type GroupKind,
  JavaRegexProblem,
  MAX_REPEAT,
  type RegexNode,
  removeQuoting,
} from "./java-regex-syntax.js";

/** A Java pattern read into a tree, with what its replacement strings may refer to. @internal */
export interface ParsedJavaRegex {
  readonly root: RegexNode;
  /** The number of capturing groups (group 0, the whole match, not counted). */
  readonly groupCount: number;
  /** Named groups and their numbers. */
  readonly groupNames: ReadonlyMap<string, number>;
}

const UNIX_LINES = 0x01;
const CASE_INSENSITIVE = 0x02;
const COMMENTS = 0x04;
const MULTILINE = 0x08;
const DOTALL = 0x20;
const UNICODE_CASE = 0x40;

const BACKSLASH = 0x5c;
const LPAREN = 0x28;
const RPAREN = 0x29;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const PIPE = 0x7c;
const QUESTION = 0x3f;
const STAR = 0x2a;
const PLUS = 0x2b;
const CARET = 0x5e;
const DOLLAR = 0x24;
const DOT = 0x2e;
const HYPHEN = 0x2d;
const AMP = 0x26;
const HASH = 0x23;
const LT = 0x3c;
const GT = 0x3e;
const EQUALS = 0x3d;
const BANG = 0x21;
const COLON = 0x3a;
const COMMA = 0x2c;

/** Names Java's `\p{IsName}` resolves to Unicode binary properties or Unicode-meaning POSIX classes. */
const UNICODE_PROPERTY_NAMES = new Set(
  (
    "ALPHABETIC ASSIGNED CONTROL EMOJI EMOJI_PRESENTATION EMOJI_MODIFIER EMOJI_MODIFIER_BASE EMOJI_COMPONENT " +
    "EXTENDED_PICTOGRAPHIC HEXDIGIT HEX_DIGIT IDEOGRAPHIC JOINCONTROL JOIN_CONTROL LETTER LOWERCASE " +
    "NONCHARACTERCODEPOINT NONCHARACTER_CODE_POINT TITLECASE PUNCTUATION UPPERCASE WHITESPACE WHITE_SPACE WORD " +
    "ALPHA LOWER UPPER SPACE PUNCT XDIGIT ALNUM CNTRL DIGIT BLANK GRAPH PRINT"
  ).split(" "),
);

const isDigit = (ch: number): boolean => ch >= 0x30 && ch <= 0x39;
const isAsciiAlpha = (ch: number): boolean => (ch >= 0x41 && ch <= 0x5a) || (ch >= 0x61 && ch <= 0x7a);
const isHexDigit = (ch: number): boolean =>
  isDigit(ch) || (ch >= 0x41 && ch <= 0x46) || (ch >= 0x61 && ch <= 0x66);
const isAsciiSpace = (ch: number): boolean => ch === 0x20 || (ch >= 0x09 && ch <= 0x0d);
const hexValue = (ch: number): number => (isDigit(ch) ? ch - 0x30 : (ch | 0x20) - 0x61 + 10);

/** The result of an escape sequence: a literal code point, a set of characters, or a zero-width or group node. */
type Escaped = { readonly cp: number } | { readonly set: CharSet } | { readonly node: RegexNode };

/**
 * Reads a Java pattern the way `java.util.regex.Pattern` does (same grammar, same cursor rules for COMMENTS mode,
 * same errors), producing a {@link RegexNode} tree.
 * @throws JavaRegexProblem when Java rejects the pattern or it uses a construct JavaScript cannot match exactly.
 * @internal
 */
export function parseJavaRegex(pattern: string): ParsedJavaRegex {
  const parser = new Parser(pattern);
  const root = parser.expr();
  if (parser.cursor !== parser.length) {
    throw parser.syntax(parser.peek() === RPAREN ? "Unmatched closing ')'" : "Unexpected internal error");
  }
  return { root, groupCount: parser.groupCount - 1, groupNames: parser.names };
}

class Parser {
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

  expr(): RegexNode {
    const branches: RegexNode[] = [];
    for (;;) {
      branches.push(this.sequence());
      if (this.peek() !== PIPE) break;
      this.next();
    }
    return branches.length === 1 ? (branches[0] as RegexNode) : { type: "alternation", branches };
  }

  sequence(): RegexNode {
    const items: RegexNode[] = [];
    for (;;) {
      const ch = this.peek();
      let node: RegexNode;
      if (ch === LPAREN) {
        const group = this.group0();
        if (group !== null) items.push(group);
        continue;
      } else if (ch === LBRACKET) {
        node = { type: "set", set: this.clazz(true) };
      } else if (ch === BACKSLASH) {
        const escaped = this.nextEscaped();
        if (escaped === 0x70 || escaped === 0x50) {
          node = { type: "set", set: this.propertyEscape(escaped === 0x50) };
        } else {
          this.unread();
          node = this.atom();
        }
      } else if (ch === CARET) {
        this.next();
        const multiline = this.has(MULTILINE);
        const js = multiline ? (this.has(UNIX_LINES) ? ANCHORS.unixCaret : ANCHORS.caret) : ANCHORS.begin;
        node = { type: "assertion", js };
      } else if (ch === DOLLAR) {
        this.next();
        node = { type: "assertion", js: this.dollar(this.has(MULTILINE)) };
      } else if (ch === DOT) {
        this.next();
        const set = this.has(DOTALL)
          ? PREDEFINED.all
          : this.has(UNIX_LINES)
            ? PREDEFINED.unixDot
            : PREDEFINED.dot;
        node = { type: "set", set };
      } else if (ch === PIPE || ch === RPAREN || (ch === 0 && this.cursor >= this.length)) {
        break;
      } else if (ch === QUESTION || ch === STAR || ch === PLUS) {
        this.next();
        throw this.syntax(`Dangling meta character '${String.fromCharCode(ch)}'`);
      } else {
        node = this.atom();
      }
      items.push(this.closure(node));
    }
    return items.length === 1 ? (items[0] as RegexNode) : { type: "sequence", items };
  }

  dollar(multiline: boolean): string {
    if (this.has(UNIX_LINES)) return multiline ? ANCHORS.multilineUnixDollar : ANCHORS.unixDollar;
    return multiline ? ANCHORS.multilineDollar : ANCHORS.dollar;
  }

  /** One literal character or escape sequence (Java reads runs of them, which matches the same). */
  atom(): RegexNode {
    const ch = this.peek();
    // Java reads a '{' here as an empty run of literals, which the '{' then quantifies (so "x{2}{3}" is valid).
    if (ch === LBRACE) return { type: "sequence", items: [] };
    if (ch === BACKSLASH) {
      const escaped = this.nextEscaped();
      if (escaped === 0x70 || escaped === 0x50)
        return { type: "set", set: this.propertyEscape(escaped === 0x50) };
      this.unread();
      const result = this.escape(false, false);
      if ("node" in result) return result.node;
      if ("set" in result) return { type: "set", set: result.set };
      return { type: "set", set: chars(...foldedCodePoints(result.cp, this.caseInsensitive())) };
    }
    this.next();
    return { type: "set", set: chars(...foldedCodePoints(ch, this.caseInsensitive())) };
  }

  /** `\p` or `\P` with the cursor on the letter: reads the name, braced or single-letter. */
  propertyEscape(complement: boolean): CharSet {
    const ch = this.next();
    let singleLetter = true;
    if (ch !== LBRACE) this.unread();
    else singleLetter = false;
    return this.family(singleLetter, complement);
  }

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

  /** A bracketed class, Java's way: nested classes are unions, `&&` intersects, a leading `^` negates it all. */
  clazz(consume: boolean): CharSet {
    let prev: CharSet | null = null;
    let curr: CharSet | null = null;
    const bits = new Set<number>();
    const bitSet = (): CharSet => chars(...[...bits].sort((a, b) => a - b));
    let negated = false;
    let hasBits = false;
    let ch = this.next();
    if (ch === CARET && this.at(this.cursor - 1) === LBRACKET) {
      ch = this.next();
      negated = true;
    }
    for (;;) {
      if (ch === LBRACKET) {
        curr = this.clazz(true);
        prev = prev === null ? curr : union(prev, curr);
        ch = this.peek();
        continue;
      }
      if (ch === AMP) {
        ch = this.next();
        if (ch === AMP) {
          ch = this.next();
          let right: CharSet | null = null;
          while (ch !== RBRACKET && ch !== AMP) {
            if (ch !== LBRACKET) this.unread();
            const part = this.clazz(ch === LBRACKET);
            right = right === null ? part : union(right, part);
            ch = this.peek();
          }
          if (hasBits) {
            if (prev === null) prev = curr = bitSet();
            else prev = union(prev, bitSet());
            hasBits = false;
          }
          if (right !== null) curr = right;
          if (prev === null) {
            if (right === null) throw this.syntax("Bad class syntax");
            prev = right;
          } else {
            if (curr === null) throw this.syntax("Bad intersection syntax");
            prev = and(prev, curr);
          }
          continue;
        }
        this.unread();
      } else if (ch === 0 && this.cursor >= this.length) {
        throw this.syntax("Unclosed character class");
      } else if (ch === RBRACKET && (prev !== null || hasBits)) {
        if (consume) this.next();
        if (prev === null) prev = bitSet();
        else if (hasBits) prev = union(prev, bitSet());
        return negated ? not(prev) : prev;
      }
      curr = this.range(bits);
      if (curr === null) hasBits = true;
      else if (prev === null) prev = curr;
      else if (prev !== curr) prev = union(prev, curr);
      ch = this.peek();
    }
  }

  /** One member of a class: a character (kept in `bits` when below 256, as Java does), a range or a set. */
  range(bits: Set<number>): CharSet | null {
    let ch = this.peek();
    if (ch === BACKSLASH) {
      ch = this.nextEscaped();
      if (ch === 0x70 || ch === 0x50) return this.propertyEscape(ch === 0x50);
      const isRange = this.at(this.cursor + 1) === HYPHEN;
      this.unread();
      const escaped = this.escape(true, isRange);
      if (!("cp" in escaped)) return "set" in escaped ? escaped.set : null;
      ch = escaped.cp;
    } else {
      this.next();
    }
    if (this.peek() === HYPHEN) {
      const endRange = this.at(this.cursor + 1);
      if (endRange === LBRACKET) return this.bitsOrSingle(bits, ch);
      if (endRange !== RBRACKET) {
        this.next();
        let end = this.peek();
        if (end === BACKSLASH) {
          const escaped = this.escape(true, true);
          end = "cp" in escaped ? escaped.cp : -1;
        } else {
          this.next();
        }
        if (end < ch) throw this.syntax("Illegal character range");
        return foldedRange(ch, end, this.caseInsensitive());
      }
    }
    return this.bitsOrSingle(bits, ch);
  }

  bitsOrSingle(bits: Set<number>, ch: number): CharSet | null {
    const folded = foldedCodePoints(ch, this.caseInsensitive());
    if (ch < 256) {
      for (const cp of folded) bits.add(cp);
      return null;
    }
    return chars(...folded);
  }

  /** The class named by `\p{...}`, read with the cursor on the `p`/`P` or the brace. */
  family(singleLetter: boolean, complement: boolean): CharSet {
    const start = this.cursor - 1;
    this.next();
    let name: string;
    if (singleLetter) {
      name = String.fromCodePoint(this.at(this.cursor));
      this.read();
    } else {
      const i = this.cursor;
      this.temp[this.length] = RBRACE;
      while (this.read() !== RBRACE) {
        // skip to the closing brace
      }
      this.temp[this.length] = 0;
      const j = this.cursor;
      if (j > this.length) throw this.syntax("Unclosed character family");
      if (i + 1 >= j) throw this.syntax("Empty character family");
      name = String.fromCodePoint(...this.temp.slice(i, j - 1));
    }
    const unsupported = (what: string): JavaRegexProblem =>
      this.unsupported(`\\p{${name}} (${what}: their members follow the JVM's own character tables)`, start);
    let result: CharSet | "unsupported" | undefined;
    const eq = name.indexOf("=");
    if (eq !== -1) {
      const key = name.slice(0, eq).toLowerCase();
      const value = name.slice(eq + 1);
      if (key === "sc" || key === "script" || key === "blk" || key === "block") {
        throw unsupported("Unicode scripts and blocks");
      }
      if (key === "gc" || key === "general_category")
        result = javaPropertyClass(value, this.caseInsensitive());
      if (result === undefined) {
        throw this.syntax(`Unknown Unicode property {name=<${key}>, value=<${value}>}`);
      }
    } else if (name.startsWith("In")) {
      throw unsupported("Unicode blocks");
    } else if (name.startsWith("Is")) {
      const short = name.slice(2);
      if (UNICODE_PROPERTY_NAMES.has(short.toUpperCase())) throw unsupported("Unicode properties");
      result = javaPropertyClass(short, this.caseInsensitive());
      if (result === undefined) throw unsupported("Unicode scripts");
    } else {
      result = javaPropertyClass(name, this.caseInsensitive());
      if (result === undefined) throw this.syntax(`Unknown character property name {${name}}`);
    }
    if (result === "unsupported") throw unsupported("Java character properties");
    return complement ? not(result) : result;
  }

  /** A parenthesised construct, its quantifier included; `null` for a flags-only group such as `(?i)`. */
  group0(): RegexNode | null {
    const start = this.cursor;
    const saved = this.flags;
    let ch = this.next();
    let kind: GroupKind = "capturing";
    let index = 0;
    let name: string | undefined;
    if (ch === QUESTION) {
      ch = this.skip();
      if (ch === COLON) kind = "plain";
      else if (ch === EQUALS) kind = "lookahead";
      else if (ch === BANG) kind = "negativeLookahead";
      else if (ch === GT) throw this.unsupported("atomic groups (?>...)", start);
      else if (ch === LT) {
        ch = this.read();
        if (ch === EQUALS) kind = "lookbehind";
        else if (ch === BANG) kind = "negativeLookbehind";
        else {
          name = this.groupName(ch);
          if (this.names.has(name)) throw this.syntax(`Named capturing group <${name}> is already defined`);
          index = this.groupCount++;
          this.names.set(name, index);
        }
      } else if (ch === DOLLAR || ch === 0x40) {
        throw this.syntax("Unknown group type");
      } else {
        this.unread();
        this.addFlags();
        ch = this.read();
        // A flags-only group changes the flags until the enclosing group ends.
        if (ch === RPAREN) return null;
        if (ch !== COLON) throw this.syntax("Unknown inline modifier");
        kind = "plain";
      }
    } else {
      index = this.groupCount++;
    }
    // Java walks a lookbehind by code point only when the pattern has a supplementary character from here on.
    const byCodePoint = this.temp
      .slice(this.cursor, this.length)
      .some((cp) => cp >= 0xd800 && (cp <= 0xdfff || cp >= 0x10000));
    const body = this.expr();
    this.accept(RPAREN, "Unclosed group");
    this.flags = saved;
    return this.closure({ type: "group", kind, index, name, body, at: start, byCodePoint });
  }

  addFlags(): void {
    let ch = this.peek();
    for (;;) {
      const flag = this.flagOf(ch);
      if (ch === HYPHEN) {
        ch = this.next();
        this.removeFlags();
        return;
      }
      if (flag === undefined) return;
      this.flags |= flag;
      ch = this.next();
    }
  }

  removeFlags(): void {
    let ch = this.peek();
    for (;;) {
      const flag = this.flagOf(ch);
      if (flag === undefined) return;
      this.flags &= ~flag;
      ch = this.next();
    }
  }

  flagOf(ch: number): number | undefined {
    switch (String.fromCodePoint(ch)) {
      case "i":
        return CASE_INSENSITIVE;
      case "m":
        return MULTILINE;
      case "s":
        return DOTALL;
      case "d":
        return UNIX_LINES;
      case "x":
        return COMMENTS;
      case "u":
        return UNICODE_CASE;
      case "c":
        throw this.unsupported("the (?c) flag (canonical equivalence)", this.cursor);
      case "U":
        throw this.unsupported("the (?U) flag (Unicode character classes)", this.cursor);
      default:
        return undefined;
    }
  }

  closure(prev: RegexNode): RegexNode {
    const start = this.cursor;
    let ch = this.peek();
    if (ch === QUESTION) return this.repeat(prev, 0, 1, start);
    if (ch === STAR) return this.repeat(prev, 0, MAX_REPEAT, start);
    if (ch === PLUS) return this.repeat(prev, 1, MAX_REPEAT, start);
    if (ch !== LBRACE) return prev;
    ch = this.skip();
    if (!isDigit(ch)) throw this.syntax("Illegal repetition");
    let min = 0;
    let max: number;
    do {
      min = min * 10 + (ch - 0x30);
      if (min > MAX_REPEAT) throw this.syntax("Illegal repetition range");
      ch = this.read();
    } while (isDigit(ch));
    if (ch === COMMA) {
      ch = this.read();
      if (ch === RBRACE) {
        this.unread();
        return this.repeat(prev, min, MAX_REPEAT, start);
      }
      max = 0;
      while (isDigit(ch)) {
        max = max * 10 + (ch - 0x30);
        if (max > MAX_REPEAT) throw this.syntax("Illegal repetition range");
        ch = this.read();
      }
    } else {
      max = min;
    }
    if (ch !== RBRACE) throw this.syntax("Unclosed counted closure");
    if (max < min) throw this.syntax("Illegal repetition range");
    this.unread();
    return this.repeat(prev, min, max, start);
  }

  repeat(body: RegexNode, min: number, max: number, start: number): RegexNode {
    const ch = this.next();
    let lazy = false;
    if (ch === QUESTION) {
      this.next();
      lazy = true;
    } else if (ch === PLUS) {
      throw this.unsupported("possessive quantifiers (*+, ++, ?+, {n,m}+)", start);
    }
    return { type: "repeat", body, min, max, lazy, at: start };
  }
}
