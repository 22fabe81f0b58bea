import { rationalToFloat32, rationalToFloat64 } from "./binary-float.js";

const DECIMAL_FLOAT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?[fFdD]?$/;
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)[fFdD]?$/;
const SPECIAL = /^([+-]?)(NaN|Infinity)$/;
const DIGIT = /\p{Nd}/u;

/**
 * Reads text as Java's `Long.parseLong` / `Integer.parseInt` / `Short.parseShort` / `Byte.parseByte` do: an
 * optional `+` or `-` and decimal digits (any Unicode decimal digit in the BMP, as Java's `Character.digit` accepts), no
 * spaces, within the signed range of `bits`. Returns `undefined` where Java throws `NumberFormatException`.
 * @internal
 */
export function parseJavaInteger(text: string, bits: 8 | 16 | 32 | 64): bigint | undefined {
  let start = 0;
  const sign = text[0];
  if (sign === "+" || sign === "-") start = 1;
  if (text.length === start) return undefined;
  let digits = "";
  // Java reads UTF-16 units one by one, so a digit outside the BMP (a surrogate pair) is not a digit to it.
  for (let i = start; i < text.length; i++) {
    const digit = digitValue(text.charCodeAt(i));
    if (digit === undefined) return undefined;
    digits += String(digit);
  }
  const magnitude = BigInt(digits);
  const value = sign === "-" ? -magnitude : magnitude;
  const limit = 1n << BigInt(bits - 1);
  return value >= -limit && value < limit ? value : undefined;
}

/**
 * Reads text as Java's `Double.parseDouble` does: surrounding characters up to U+0020 trimmed, an optional sign,
 * `NaN`, `Infinity`, decimal (`1.5e3`, `.5`, `5.`) or hexadecimal (`0x1.8p1`) notation and an optional `f`, `F`,
 * `d` or `D` suffix, rounded once to the nearest double. Returns `undefined` where Java throws.
 * @internal
 */
export function parseJavaDouble(text: string): number | undefined {
  return parseJavaFloatingPoint(text, false);
}

/**
 * Reads text as Java's `Float.parseFloat` does (the grammar of {@link parseJavaDouble}), rounded once, directly to
 * the nearest float32. Returns `undefined` where Java throws.
 * @internal
 */
export function parseJavaFloat(text: string): number | undefined {
  return parseJavaFloatingPoint(text, true);
}

function parseJavaFloatingPoint(text: string, single: boolean): number | undefined {
  const trimmed = javaTrim(text);
  const special = SPECIAL.exec(trimmed);
  if (special) {
    if (special[2] === "NaN") return Number.NaN;
    return special[1] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  const decimal = DECIMAL_FLOAT.exec(trimmed);
  if (decimal) {
    const [, sign = "", whole = "", fraction = "", exponent = "0"] = decimal;
    if (whole.length + fraction.length === 0) return undefined;
    return decimalToBinary(
      sign === "-",
      `${whole}${fraction}`,
      BigInt(exponent) - BigInt(fraction.length),
      single,
    );
  }
  const hex = HEX_FLOAT.exec(trimmed);
  if (hex) {
    const [, sign = "", whole = "", fraction = "", exponent = "0"] = hex;
    if (whole.length + fraction.length === 0) return undefined;
    const significand = BigInt(`0x${whole}${fraction}`);
    const power = BigInt(exponent) - 4n * BigInt(fraction.length);
    return binaryValue(sign === "-", significand, power, single);
  }
  return undefined;
}

/** Java's `String.trim`: every character up to U+0020 is removed from both ends. */
function javaTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return text.slice(start, end);
}

/**
 * `digits × 10^exponent` (digits in ASCII, any exponent), rounded once to a float32 (`single`) or a double.
 * @internal
 */
export function decimalToBinary(
  negative: boolean,
  digits: string,
  exponent: bigint,
  single: boolean,
): number {
  const stripped = digits.replace(/^0+/, "");
  if (stripped.length === 0) return negative ? -0 : 0;
  // Far outside the range of either format the answer is known without big arithmetic.
  const magnitude = BigInt(stripped.length) + exponent;
  let value: number;
  if (magnitude > 400n) value = Number.POSITIVE_INFINITY;
  else if (magnitude < -400n) value = 0;
  else {
    const coefficient = BigInt(stripped);
    const power = Number(exponent);
    value =
      power >= 0
        ? round(coefficient * 10n ** BigInt(power), 1n, single)
        : round(coefficient, 10n ** BigInt(-power), single);
  }
  return negative ? -value : value;
}

/** `significand × 2^exponent`, rounded once to the target format. */
function binaryValue(negative: boolean, significand: bigint, exponent: bigint, single: boolean): number {
  let value: number;
  if (significand === 0n) value = 0;
  else {
    const magnitude = BigInt(significand.toString(2).length) + exponent;
    if (magnitude > 1100n) value = Number.POSITIVE_INFINITY;
    else if (magnitude < -1100n) value = 0;
    else {
      const power = Number(exponent);
      value =
        power >= 0
          ? round(significand << BigInt(power), 1n, single)
          : round(significand, 1n << BigInt(-power), single);
    }
  }
  return negative ? -value : value;
}

function round(numerator: bigint, denominator: bigint, single: boolean): number {
  return single ? rationalToFloat32(numerator, denominator) : rationalToFloat64(numerator, denominator);
}

/** The value of a decimal digit in the BMP (Unicode lays each set of digits out as ten consecutive code points). */
function digitValue(code: number): number | undefined {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (!isDigit(code)) return undefined;
  let zero = code;
  while (zero > 0 && isDigit(zero - 1)) zero--;
  return (code - zero) % 10;
}

function isDigit(code: number): boolean {
  return code < 0xd800 || code > 0xdfff ? DIGIT.test(String.fromCharCode(code)) : false;
}
