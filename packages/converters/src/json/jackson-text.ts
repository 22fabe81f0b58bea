import { formatJavaDouble, formatJavaFloat } from "@tributary/api";

/** Characters Jackson writes escaped: `"`, `\`, C0 controls and every UTF-16 surrogate. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what must be escaped.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const HEX = "0123456789ABCDEF";

/**
 * `text` as a JSON string literal, escaped exactly as Jackson's UTF-8 generator escapes it, so the bytes match Kafka
 * Connect's: `\"`, `\\`, `\b`, `\t`, `\n`, `\f`, `\r`, other C0 controls as `\u00XX` (upper-case hex), and each
 * surrogate of a character beyond the BMP as its own `\uXXXX` (so 😀 is `\uD83D\uDE00`). Everything else, including
 * DEL, U+2028 and `/`, is written as is.
 * @internal
 */
export function quoteJson(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return `"${text}"`;
  let out = '"';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let replacement: string;
    if (code === 0x22) replacement = '\\"';
    else if (code === 0x5c) replacement = "\\\\";
    else if (code < 0x20) replacement = shortEscape(code);
    else if (code >= 0xd800 && code <= 0xdfff) replacement = unicodeEscape(code);
    else continue;
    out += text.slice(start, i) + replacement;
    start = i + 1;
  }
  return `${out}${text.slice(start)}"`;
}

function shortEscape(code: number): string {
  switch (code) {
    case 0x08:
      return "\\b";
    case 0x09:
      return "\\t";
    case 0x0a:
      return "\\n";
    case 0x0c:
      return "\\f";
    case 0x0d:
      return "\\r";
    default:
      return unicodeEscape(code);
  }
}

function unicodeEscape(code: number): string {
  return `\\u${HEX[(code >> 12) & 15]}${HEX[(code >> 8) & 15]}${HEX[(code >> 4) & 15]}${HEX[code & 15]}`;
}

/**
 * A FLOAT64 value as Jackson writes it: Java's `Double.toString` digits (`1.0`, `1.0E20`), and NaN and the
 * infinities as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
 * @internal
 */
export function jsonDouble(value: number): string {
  const text = formatJavaDouble(value);
  return Number.isFinite(value) ? text : `"${text}"`;
}

/**
 * A FLOAT32 value as Jackson writes it: the value rounded to single precision, in Java's `Float.toString` digits, and
 * NaN and the infinities as strings.
 * @internal
 */
export function jsonFloat(value: number): string {
  const text = formatJavaFloat(value);
  return Number.isFinite(Math.fround(value)) ? text : `"${text}"`;
}
