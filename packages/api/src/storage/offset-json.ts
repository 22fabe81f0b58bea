import { describeValue } from "../data/describe-value.js";
import { DataError } from "../errors/connect-error.js";
import type { OffsetPrimitive } from "./source-offset.js";

/**
 * Writes a source partition or offset as compact JSON with its keys sorted by UTF-16 code units, so equal maps
 * always give the same bytes; bigints are written with every digit.
 * @param what names the map in error messages, such as `source partition`.
 * @throws DataError when `map` is not a plain object of {@link OffsetPrimitive} values.
 * @internal
 */
export function writeOffsetMap(map: unknown, what: string): string {
  if (!isPlainObject(map)) {
    throw new DataError(
      `A ${what} must be a plain object of primitives, such as { position: 30 }, but got ${describeValue(map)}.`,
    );
  }
  const parts: string[] = [];
  for (const key of Object.keys(map).sort()) {
    parts.push(`${JSON.stringify(key)}:${writePrimitive(map[key], what, key)}`);
  }
  return `{${parts.join(",")}}`;
}

function writePrimitive(value: unknown, what: string, key: string): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return value.toString();
    case "number":
      if (Number.isFinite(value)) return JSON.stringify(value);
      break;
    case "object":
      if (value === null) return "null";
      break;
  }
  const hint =
    value === undefined
      ? "; use null or leave the field out"
      : "; store a string, number, bigint, boolean or null";
  throw new DataError(
    `Field ${JSON.stringify(key)} of a ${what} is ${describeValue(value)}, which an offset cannot hold${hint}.`,
  );
}

/**
 * Checks that a parsed JSON value is a plain object whose values are all primitives.
 * @throws DataError naming `text` when it is not.
 * @internal
 */
export function checkOffsetMap(
  value: unknown,
  what: string,
  text: string,
): asserts value is Record<string, OffsetPrimitive> {
  const ok =
    isPlainObject(value) &&
    Object.values(value).every((v) => v === null || (typeof v !== "object" && typeof v !== "undefined"));
  if (!ok) {
    throw new DataError(
      `Stored ${what} ${excerpt(text)} is not a JSON object of primitives; fix or delete that offset entry.`,
    );
  }
}

/**
 * Parses one complete JSON text strictly: integers beyond the safe range become bigints, duplicate object keys
 * are errors, and nothing but whitespace may follow the value.
 * @throws DataError with the position of the first error.
 * @internal
 */
export function parseJson(text: string): unknown {
  const scanner = new JsonScanner(text);
  scanner.skipWhitespace();
  const value = scanner.readValue();
  scanner.skipWhitespace();
  if (!scanner.atEnd()) scanner.fail("unexpected text after the JSON value");
  return value;
}

/**
 * A strict JSON reader that exposes its position, so a caller can walk a document by hand and keep the exact
 * source text of some values (the offset file keeps keys as the bytes they were written with).
 * @internal
 */
export class JsonScanner {
  /** Index of the next character to read. */
  pos = 0;

  constructor(readonly text: string) {}

  /** True when every character has been read. */
  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** The next character, or `""` at the end. */
  peek(): string {
    return this.text.charAt(this.pos);
  }

  skipWhitespace(): void {
    for (;;) {
      const c = this.text.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      this.pos++;
    }
  }

  /** Consumes `expected` (after whitespace) or fails. */
  expect(expected: string): void {
    this.skipWhitespace();
    if (!this.text.startsWith(expected, this.pos)) this.fail(`expected ${JSON.stringify(expected)}`);
    this.pos += expected.length;
  }

  /** Consumes `c` (after whitespace) when it is next; tells whether it was. */
  accept(c: string): boolean {
    this.skipWhitespace();
    if (this.text.charAt(this.pos) !== c) return false;
    this.pos++;
    return true;
  }

  /** Throws a DataError saying what is wrong at the current position, with line and column for long texts. */
  fail(message: string): never {
    const found = this.atEnd()
      ? "the end of the text"
      : JSON.stringify(this.text.slice(this.pos, this.pos + 20));
    const before = this.text.slice(0, this.pos);
    const line = before.split("\n").length;
    const column = this.pos - before.lastIndexOf("\n");
    throw new DataError(`${message}, found ${found} at line ${line}, column ${column}`);
  }

  /** Reads any JSON value starting at the current position (no leading whitespace skipped). */
  readValue(): unknown {
    const c = this.peek();
    if (c === "{") return this.#readObject();
    if (c === "[") return this.#readArray();
    if (c === '"') return this.readString();
    if (c === "-" || (c >= "0" && c <= "9")) return this.#readNumber();
    for (const [word, value] of LITERALS) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    return this.fail("expected a JSON value");
  }

  readString(): string {
    if (this.peek() !== '"') this.fail("expected a string");
    this.pos++;
    let out = "";
    let start = this.pos;
    for (;;) {
      const c = this.text.charCodeAt(this.pos);
      if (Number.isNaN(c)) this.fail("unterminated string");
      if (c === 0x22) break;
      if (c < 0x20) this.fail("control character in a string");
      if (c !== 0x5c) {
        this.pos++;
        continue;
      }
      out += this.text.slice(start, this.pos);
      const escaped = this.text.charAt(this.pos + 1);
      const simple = ESCAPES[escaped];
      if (simple !== undefined) {
        out += simple;
        this.pos += 2;
      } else if (escaped === "u" && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
        out += String.fromCharCode(Number.parseInt(this.text.slice(this.pos + 2, this.pos + 6), 16));
        this.pos += 6;
      } else {
        this.fail("invalid escape in a string");
      }
      start = this.pos;
    }
    out += this.text.slice(start, this.pos);
    this.pos++;
    return out;
  }

  #readNumber(): number | bigint {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (match === null) return this.fail("invalid number");
    const token = match[0];
    this.pos += token.length;
    const isInteger = match[1] === undefined && match[2] === undefined;
    const value = Number(token);
    if (isInteger && !Number.isSafeInteger(value)) return BigInt(token);
    if (!Number.isFinite(value)) {
      this.pos -= token.length;
      this.fail("number out of range");
    }
    return value;
  }

  #readArray(): unknown[] {
    this.pos++;
    const items: unknown[] = [];
    if (this.accept("]")) return items;
    do {
      this.skipWhitespace();
      items.push(this.readValue());
    } while (this.accept(","));
    this.expect("]");
    return items;
  }

  #readObject(): Record<string, unknown> {
    this.pos++;
    const object: Record<string, unknown> = {};
    if (this.accept("}")) return object;
    do {
      this.skipWhitespace();
      const keyAt = this.pos;
      const key = this.readString();
      if (Object.hasOwn(object, key)) {
        this.pos = keyAt;
        this.fail(`duplicate key ${JSON.stringify(key)}`);
      }
      this.expect(":");
      this.skipWhitespace();
      // defineProperty, so a key named "__proto__" is data and not the object's prototype.
      Object.defineProperty(object, key, {
        value: this.readValue(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } while (this.accept(","));
    this.expect("}");
    return object;
  }
}

const LITERALS: ReadonlyArray<readonly [string, unknown]> = [
  ["true", true],
  ["false", false],
  ["null", null],
];

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/** JSON's number grammar, matched at `lastIndex`; group 1 is the fraction and group 2 the exponent. */
const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function excerpt(text: string): string {
  return text.length <= 80 ? text : `${text.slice(0, 80)}…`;
}
