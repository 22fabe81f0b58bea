import {
  and,
  type CharSet,
  chars,
  foldedCodePoints,
  foldedRange,
  javaPropertyClass,
  not,
  union,
} from "./java-regex-charset.js";
import { AMP, BACKSLASH, CARET, HYPHEN, LBRACE, LBRACKET, RBRACE, RBRACKET } from "./java-regex-cursor.js";
import { EscapeParser } from "./java-regex-escapes.js";
import type { JavaRegexProblem } from "./java-regex-syntax.js";

/** Names Java's `\p{IsName}` resolves to Unicode binary properties or Unicode-meaning POSIX classes. */
const UNICODE_PROPERTY_NAMES = new Set(
  (
    "ALPHABETIC ASSIGNED CONTROL EMOJI EMOJI_PRESENTATION EMOJI_MODIFIER EMOJI_MODIFIER_BASE EMOJI_COMPONENT " +
    "EXTENDED_PICTOGRAPHIC HEXDIGIT HEX_DIGIT IDEOGRAPHIC JOINCONTROL JOIN_CONTROL LETTER LOWERCASE " +
    "NONCHARACTERCODEPOINT NONCHARACTER_CODE_POINT TITLECASE PUNCTUATION UPPERCASE WHITESPACE WHITE_SPACE WORD " +
    "ALPHA LOWER UPPER SPACE PUNCT XDIGIT ALNUM CNTRL DIGIT BLANK GRAPH PRINT"
  ).split(" "),
);

/**
 * The bracketed classes and `\\p{…}` properties of a Java pattern, read as Java's `Pattern.clazz` and
 * `Pattern.family` read them: nested classes unite, `&&` intersects, a leading `^` negates the whole class.
 * @internal
 */
export abstract class ClassParser extends EscapeParser {
  /** `\p` or `\P` with the cursor on the letter: reads the name, braced or single-letter. */
  propertyEscape(complement: boolean): CharSet {
    const ch = this.next();
    let singleLetter = true;
    if (ch !== LBRACE) this.unread();
    else singleLetter = false;
    return this.family(singleLetter, complement);
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
}
