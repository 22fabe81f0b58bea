const DELIMITERS = new Set([":", ",", "{", "}", "[", "]", '"']);

/**
 * Java's `String.trim()`: strips every character up to U+0020 from both ends (JavaScript's `trim` strips Unicode
 * spaces instead, and keeps control characters such as backspace).
 * @internal
 */
export function javaTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return text.slice(start, end);
}

/**
 * True when `text` is empty after {@link javaTrim}.
 * @internal
 */
export function isBlank(text: string): boolean {
  return javaTrim(text).length === 0;
}

/**
 * Splits text into the tokens Kafka's `Values` parser reads: each of `: , { } [ ] "` alone, unless escaped by a
 * backslash, and the runs of other characters between them (spaces included, escapes kept).
 *
 * It can peek one token ahead, remember a position and rewind to it, which is how the parser backtracks.
 * @internal
 */
export class Tokenizer {
  /** The whole text being read. */
  readonly original: string;
  #index = 0;
  #peeked: string | undefined;
  #previous: string | undefined;

  constructor(original: string) {
    this.original = original;
  }

  /** Where reading continues, after any token peeked at. */
  position(): number {
    return this.#index;
  }

  /** Where the next token starts, counting a token peeked at as not yet read. */
  mark(): number {
    return this.#index - (this.#peeked?.length ?? 0);
  }

  /** Continues reading from `position` (a value of {@link Tokenizer.mark}). */
  rewindTo(position: number): void {
    this.#index = position;
    this.#peeked = undefined;
    this.#previous = undefined;
  }

  hasNext(): boolean {
    return this.#peeked !== undefined || this.#index < this.original.length;
  }

  /** Reads the next token; an empty string at the end. */
  next(): string {
    this.#previous = this.#peeked ?? this.#read();
    this.#peeked = undefined;
    return this.#previous;
  }

  /** Reads `count` tokens and returns the text they span, or reads nothing and returns undefined if fewer remain. */
  nextSpan(count: number): string | undefined {
    const start = this.mark();
    for (let i = 0; i < count; i++) {
      if (!this.hasNext()) {
        this.rewindTo(start);
        return undefined;
      }
      this.next();
    }
    return this.original.slice(start, this.#index);
  }

  /** The token read last, or undefined after a rewind. */
  previous(): string | undefined {
    return this.#previous;
  }

  /**
   * Reads the next token if it is `expected`. By default whitespace around it is ignored, and tokens that are only
   * whitespace are skipped (and lost: they are not seen again).
   */
  canConsume(expected: string, ignoreWhitespace = true): boolean {
    if (this.#peeked === undefined) {
      if (!this.hasNext()) return false;
      this.#peeked = this.#read();
    }
    if (ignoreWhitespace) {
      while (isBlank(this.#peeked) && this.#index < this.original.length) this.#peeked = this.#read();
    }
    const matches = (ignoreWhitespace ? javaTrim(this.#peeked) : this.#peeked) === expected;
    if (matches) this.#peeked = undefined;
    return matches;
  }

  #read(): string {
    const text = this.original;
    const start = this.#index;
    let escaped = false;
    for (; this.#index < text.length; this.#index++) {
      const char = text.charAt(this.#index);
      if (char === "\\") {
        escaped = !escaped;
      } else if (DELIMITERS.has(char) && !escaped) {
        if (this.#index > start) return text.slice(start, this.#index);
        this.#index++;
        return char;
      } else {
        escaped = false;
      }
    }
    return text.slice(start);
  }
}
