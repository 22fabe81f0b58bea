/**
 * Reads an integer the way `SimpleDateFormat` does, through Java's `DecimalFormat` for the `en` locale in
 * integer-only mode without grouping: an optional `-`, decimal digits of any script (`٢٠١٩` is 2019), an optional
 * exponent (`1E2` is 100), or `NaN` (0) and `∞`. The result is the `int` Java's `Number.intValue()` gives: a whole
 * number that fits in 64 bits wraps to 32 bits, anything else (a fraction, a huge number) is truncated toward zero
 * and saturates.
 * @internal
 */
export function parseJavaInteger(
  text: string,
  start: number,
  limit: number,
): { readonly value: number; readonly end: number } | null {
  let position = start;
  if (text.startsWith("NaN", position) && position + 3 <= limit) return { value: 0, end: position + 3 };
  const negative = position < limit && text[position] === "-";
  if (negative) position++;
  if (position < limit && text[position] === "\u221e") {
    return { value: negative ? -0x80000000 : 0x7fffffff, end: position + 1 };
  }
  let digits = "";
  let sawDigit = false;
  let exponent = 0;
  for (; position < limit; position++) {
    const digit = decimalDigit(text.charCodeAt(position));
    if (digit >= 0) {
      sawDigit = true;
      if (digits !== "" || digit !== 0) digits += String(digit);
      continue;
    }
    if (text[position] === "E") {
      const parsed = parseExponent(text, position + 1, limit);
      if (parsed !== null) {
        exponent = parsed.value;
        position = parsed.end;
      }
    }
    break;
  }
  if (!sawDigit) return null;
  return { value: toJavaInt(digits, exponent, negative), end: position };
}

/** The exponent after `E`: an optional `-` and at least one digit. */
function parseExponent(text: string, start: number, limit: number): { value: number; end: number } | null {
  let position = start;
  const negative = position < limit && text[position] === "-";
  if (negative) position++;
  let digits = "";
  for (; position < limit; position++) {
    const digit = decimalDigit(text.charCodeAt(position));
    if (digit < 0) break;
    digits += String(digit);
  }
  if (digits === "") return null;
  const magnitude = BigInt(digits);
  // Past the long range Java ignores the exponent; within it, Java 17 keeps only its low 32 bits.
  if (magnitude > (negative ? 9223372036854775808n : 9223372036854775807n)) return null;
  const value = Number(BigInt.asIntN(32, magnitude));
  return { value: negative ? -value : value, end: position };
}

/** The int Java's `Number.intValue()` gives for `±0.digits × 10^(digits.length + exponent)`. */
function toJavaInt(digits: string, exponent: number, negative: boolean): number {
  const significant = digits.replace(/0+$/, "");
  if (significant === "") return 0;
  const decimalAt = digits.length + exponent;
  if (decimalAt >= significant.length && decimalAt <= 19) {
    const magnitude = BigInt(significant) * 10n ** BigInt(decimalAt - significant.length);
    const limit = negative ? 9223372036854775808n : 9223372036854775807n;
    if (magnitude <= limit) return Number(BigInt.asIntN(32, negative ? -magnitude : magnitude));
  }
  // A double: Java's (int) cast truncates toward zero and saturates.
  const double = Number(`${negative ? "-" : ""}0.${significant}e${decimalAt}`);
  if (Number.isNaN(double)) return 0;
  return Math.max(-0x80000000, Math.min(0x7fffffff, Math.trunc(double)));
}

/** The value of a decimal digit of any script in the Basic Multilingual Plane, as `Character.digit(ch, 10)`; -1 for others. */
export function decimalDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code < 0x80 || !DECIMAL_DIGIT.test(String.fromCharCode(code))) return -1;
  // Unicode puts each script's digits 0–9 in runs of ten, so a block of adjacent runs starts with a zero.
  let first = code;
  while (DECIMAL_DIGIT.test(String.fromCharCode(first - 1))) first--;
  return (code - first) % 10;
}

const DECIMAL_DIGIT = /^\p{Nd}$/u;
