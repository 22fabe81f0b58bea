import { chars, foldedCodePoints, PREDEFINED } from "./java-regex-charset.js";
import { ClassParser } from "./java-regex-classes.js";
import {
  BACKSLASH,
  BANG,
  CARET,
  CASE_INSENSITIVE,
  COLON,
  COMMA,
  COMMENTS,
  DOLLAR,
  DOT,
  DOTALL,
  EQUALS,
  GT,
  HYPHEN,
  isDigit,
  LBRACE,
  LBRACKET,
  LPAREN,
  LT,
  MULTILINE,
  PIPE,
  PLUS,
  QUESTION,
  RBRACE,
  RPAREN,
  STAR,
  UNICODE_CASE,
  UNIX_LINES,
} from "./java-regex-cursor.js";
import { ANCHORS, type GroupKind, MAX_REPEAT, type RegexNode } from "./java-regex-syntax.js";

/** A Java pattern read into a tree, with what its replacement strings may refer to. @internal */
export interface ParsedJavaRegex {
  readonly root: RegexNode;
  /** The number of capturing groups (group 0, the whole match, not counted). */
  readonly groupCount: number;
  /** Named groups and their numbers. */
  readonly groupNames: ReadonlyMap<string, number>;
}

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

class Parser extends ClassParser {
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
