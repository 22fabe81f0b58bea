import { excerpt, JsonProblem } from "./json-problem.js";

/* Character codes the reader and the decoders branch on. */
export const TAB = 0x09;
export const LINE_FEED = 0x0a;
export const RETURN = 0x0d;
export const SPACE = 0x20;
export const QUOTE = 0x22;
export const PLUS = 0x2b;
export const COMMA = 0x2c;
export const MINUS = 0x2d;
export const DOT = 0x2e;
export const ZERO = 0x30;
export const NINE = 0x39;
export const COLON = 0x3a;
export const UPPER_E = 0x45;
export const OPEN_BRACKET = 0x5b;
export const BACKSLASH = 0x5c;
export const CLOSE_BRACKET = 0x5d;
export const LOWER_E = 0x65;
export const LOWER_F = 0x66;
export const LOWER_N = 0x6e;
export const LOWER_T = 0x74;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;

/** Deepest nesting of arrays and objects accepted, as Jackson's default stream constraints. */
const MAX_DEPTH = 1000;
/** Longest number accepted, as Jackson's default stream constraints; longer ones would make BigInt parsing slow. */
const MAX_NUMBER_LENGTH = 1000;

/**
 * A cursor over JSON text that reads one token at a time, so decoders can turn JSON straight into Connect values
 * without building a tree first. Numbers are not converted: the reader records where the last one lies and
 * whether it is an integer, and the decoder decides what it becomes once it knows the schema (INT64 beyond 2^53 and
 * decimals never pass through a float).
 *
 * Follows RFC 8259 plus what Kafka's reader accepts: leading zeros in numbers. Every method throws
 * {@link JsonProblem} on malformed input.
 * @internal
 */
export class JsonReader {
  readonly text: string;
  readonly end: number;
  pos: number;
  /** Where the last number read starts. */
  numberStart = 0;
  /** Where the last number read ends. */
  numberEnd = 0;
  /** Whether the last number read has neither a fraction nor an exponent. */
  numberIsInteger = true;
  /** The exact value of the last number read when it is an integer of at most 15 digits, else NaN. */
  numberSmall = Number.NaN;

  constructor(text: string, start = 0, end = text.length) {
    this.text = text;
    this.pos = start;
    this.end = end;
  }

  /** Skips whitespace and returns the code of the next character, or -1 at the end. */
  peek(): number {
    const text = this.text;
    let pos = this.pos;
    while (pos < this.end) {
      const code = text.charCodeAt(pos);
      if (code !== SPACE && code !== LINE_FEED && code !== RETURN && code !== TAB) {
        this.pos = pos;
        return code;
      }
      pos++;
    }
    this.pos = pos;
    return -1;
  }

  /** Consumes `code` after optional whitespace, or throws naming `what` was expected. */
  expect(code: number, what: string): void {
    if (this.peek() !== code) throw this.problem(what);
    this.pos++;
  }

  /** Reads a string literal; the next character must be its opening quote. */
  readString(): string {
    const text = this.text;
    const start = this.pos + 1;
    let pos = start;
    while (pos < this.end) {
      const code = text.charCodeAt(pos);
      if (code === QUOTE) {
        this.pos = pos + 1;
        return text.slice(start, pos);
      }
      if (code === BACKSLASH || code < SPACE) return this.#readEscapedString(start, pos);
      pos++;
    }
    this.pos = this.end;
    throw this.problem("the closing quote of a string");
  }

  #readEscapedString(start: number, from: number): string {
    const text = this.text;
    let out = text.slice(start, from);
    let pos = from;
    let chunk = pos;
    while (pos < this.end) {
      const code = text.charCodeAt(pos);
      if (code === QUOTE) {
        this.pos = pos + 1;
        return out + text.slice(chunk, pos);
      }
      if (code < SPACE) {
        this.pos = pos;
        throw this.problem("a control character escaped with a backslash");
      }
      if (code !== BACKSLASH) {
        pos++;
        continue;
      }
      out += text.slice(chunk, pos);
      const escaped = text.charCodeAt(pos + 1);
      let length = 2;
      switch (escaped) {
        case 0x22:
        case 0x5c:
        case 0x2f:
          out += String.fromCharCode(escaped);
          break;
        case 0x62:
          out += "\b";
          break;
        case 0x66:
          out += "\f";
          break;
        case 0x6e:
          out += "\n";
          break;
        case 0x72:
          out += "\r";
          break;
        case 0x74:
          out += "\t";
          break;
        case 0x75: {
          const hex = text.slice(pos + 2, pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            this.pos = pos;
            throw this.problem("four hex digits after \\u");
          }
          out += String.fromCharCode(Number.parseInt(hex, 16));
          length = 6;
          break;
        }
        default:
          this.pos = pos;
          throw this.problem('a valid escape (\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX)');
      }
      pos += length;
      chunk = pos;
    }
    this.pos = this.end;
    throw this.problem("the closing quote of a string");
  }

  /** Reads a number and records it in the `number…` fields; the next character must be `-` or a digit. */
  readNumber(): void {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    let code = text.charCodeAt(pos);
    if (code === MINUS) code = text.charCodeAt(++pos);
    const digitsStart = pos;
    let small = 0;
    while (code >= ZERO && code <= NINE) {
      small = small * 10 + (code - ZERO);
      code = text.charCodeAt(++pos);
    }
    const digits = pos - digitsStart;
    if (digits === 0) throw this.problem("a digit");
    let integer = true;
    if (code === DOT) {
      integer = false;
      const fractionStart = ++pos;
      code = text.charCodeAt(pos);
      while (code >= ZERO && code <= NINE) code = text.charCodeAt(++pos);
      if (pos === fractionStart) {
        this.pos = pos;
        throw this.problem("a digit after the decimal point");
      }
    }
    if (code === LOWER_E || code === UPPER_E) {
      integer = false;
      code = text.charCodeAt(++pos);
      if (code === PLUS || code === MINUS) code = text.charCodeAt(++pos);
      const exponentStart = pos;
      while (code >= ZERO && code <= NINE) code = text.charCodeAt(++pos);
      if (pos === exponentStart) {
        this.pos = pos;
        throw this.problem("a digit in the exponent");
      }
    }
    if (pos > this.end) pos = this.end;
    if (pos - start > MAX_NUMBER_LENGTH) {
      throw this.problem(`a number of at most ${MAX_NUMBER_LENGTH} characters`);
    }
    this.numberStart = start;
    this.numberEnd = pos;
    this.numberIsInteger = integer;
    this.numberSmall = integer && digits <= 15 ? (digitsStart === start ? small : -small) : Number.NaN;
    this.pos = pos;
  }

  /** The text of the last number read. */
  numberText(): string {
    return this.text.slice(this.numberStart, this.numberEnd);
  }

  /** Consumes the literal `word` (`true`, `false` or `null`) whose first character is next. */
  readLiteral(word: string): void {
    if (!this.text.startsWith(word, this.pos) || this.pos + word.length > this.end) {
      throw this.problem(`the literal ${word}`);
    }
    this.pos += word.length;
  }

  /** Skips one value of any kind, checking its syntax. */
  skipValue(depth = 0): void {
    const code = this.peek();
    switch (code) {
      case QUOTE:
        this.readString();
        return;
      case OPEN_BRACE:
      case OPEN_BRACKET:
        if (depth >= MAX_DEPTH) throw this.problem(`JSON nested at most ${MAX_DEPTH} levels deep`);
        this.#skipContainer(code === OPEN_BRACE, depth + 1);
        return;
      case LOWER_T:
        this.readLiteral("true");
        return;
      case LOWER_F:
        this.readLiteral("false");
        return;
      case LOWER_N:
        this.readLiteral("null");
        return;
      default:
        if (code === MINUS || (code >= ZERO && code <= NINE)) {
          this.readNumber();
          return;
        }
        throw this.problem("a JSON value");
    }
  }

  #skipContainer(object: boolean, depth: number): void {
    const close = object ? CLOSE_BRACE : CLOSE_BRACKET;
    this.pos++;
    if (this.peek() === close) {
      this.pos++;
      return;
    }
    for (;;) {
      if (object) {
        if (this.peek() !== QUOTE) throw this.problem("a string naming an object member");
        this.readString();
        this.expect(COLON, "':' after an object member's name");
      }
      this.skipValue(depth);
      const next = this.peek();
      this.pos++;
      if (next === close) return;
      if (next !== COMMA) {
        this.pos--;
        throw this.problem(object ? "',' or '}'" : "',' or ']'");
      }
    }
  }

  /** Throws unless only whitespace is left. */
  finish(): void {
    if (this.peek() !== -1) throw this.problem("the end of the input after the JSON value");
  }

  /** A problem saying `expected` was wanted where the reader stands. */
  problem(expected: string): JsonProblem {
    return new JsonProblem(expected, this.describeAt(this.pos));
  }

  /** A problem saying `expected` was wanted instead of the value that starts at `start`. */
  mismatch(expected: string, start = this.pos): JsonProblem {
    return new JsonProblem(expected, this.describeAt(start));
  }

  /** A short excerpt of the value at `start` (or of the text there, when it is not a valid value). */
  describeAt(start: number): string {
    let valueEnd = this.end;
    try {
      const probe = new JsonReader(this.text, start, this.end);
      probe.skipValue();
      valueEnd = probe.pos;
    } catch {
      // Not a complete value: show the raw text instead.
    }
    const where = start >= this.end ? "" : ` (at character ${start})`;
    return `${excerpt(this.text, start, valueEnd)}${where}`;
  }
}
