import type { BigDecimal } from "./big-decimal.js";

/**
 * The text Java's `Double.toString` gives for `value` (as specified since Java 19): the shortest decimal that reads
 * back as the same double, with at least two digits when one would do, in plain notation from 10^-3 up to 10^7 and
 * in computerized scientific notation (`1.0E20`, `4.9E-324`) outside it. `NaN`, `Infinity` and `-Infinity` are
 * returned as those words.
 *
 * Java 17 and 18 print a few doubles with one digit more than needed (JDK-4511638); both texts read back as the
 * same double.
 * @internal
 */
export function formatJavaDouble(value: number): string {
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    // JavaScript prints these shortest digits in plain notation as Java does, only without Java's ".0" on whole
    // numbers; a normal double is too precise for the two-digit rule below to change anything.
    const plain = String(value);
    return plain.includes(".") ? plain : `${plain}.0`;
  }
  // toExponential() with no argument gives the shortest digits that read back as `value`, closest first.
  let text = value.toExponential();
  if (digitCount(text) === 1) {
    // Java never prints a single digit: it picks the two-digit decimal closest to the value (4.9E-324, not 5E-324).
    const two = evenOnTie(value, value.toExponential(1), value.toExponential(2));
    if (Number(two) === value) text = two;
  }
  return javaLayout(text);
}

/**
 * The text Java's `Float.toString` gives for `value` rounded to single precision (as specified since Java 19), laid
 * out as {@link formatJavaDouble} does: `1.0`, `0.1`, `1.0E10`, `1.4E-45`.
 * @internal
 */
export function formatJavaFloat(value: number): string {
  const float = Math.fround(value);
  if (float === 0) return Object.is(float, -0) ? "-0.0" : "0.0";
  if (!Number.isFinite(float)) return String(float);
  // A float is exact as a double, so toExponential(n) gives the closest (n+1)-digit decimal to it; the first length
  // that reads back as the same float is the shortest. Java never prints one digit: two-digit decimals come first.
  const powerOfTwo = isPowerOfTwo(float);
  let rounded = float.toExponential(1);
  for (let fractionDigits = 1; fractionDigits < 9; fractionDigits++) {
    const longer = float.toExponential(fractionDigits + 1);
    const text = evenOnTie(float, rounded, longer);
    rounded = longer;
    if (parseFloat32(text) === float) return javaLayout(text);
    // Just above a power of two the floats below are twice as dense, so the closest decimal may fall short of the
    // rounding interval on that side while the next decimal up still lies inside it on the other.
    if (powerOfTwo && Math.abs(Number(text)) < Math.abs(float)) {
      const up = nextDecimalUp(text);
      if (parseFloat32(up) === float) return javaLayout(up);
    }
    if (fractionDigits === 1) {
      const one = float.toExponential(0);
      if (parseFloat32(one) === float) return javaLayout(one);
    }
  }
  return javaLayout(float.toExponential(8));
}

/**
 * The single-precision float nearest to the decimal `text` (ties to even), as Java's `Float.parseFloat` gives it.
 *
 * Rounding to a double first and then to a float can go wrong when the double lands exactly halfway between two
 * floats; that case is settled by comparing the exact decimal with the halfway point.
 * @internal
 */
export function parseFloat32(text: string): number {
  const double = Number(text);
  const float = Math.fround(double);
  if (float === double || !Number.isFinite(float)) return float;
  const other = nextFloatToward(float, double);
  if ((float + other) / 2 !== double) return float;
  const side = compareExact(text, double);
  if (side === 0) return float;
  return side > 0 === other > float ? other : float;
}

const floatBits = new Float32Array(1);
const intBits = new Int32Array(floatBits.buffer);

/** True when the float's significand is a bare power of two, where its rounding interval is lopsided. */
function isPowerOfTwo(float: number): boolean {
  floatBits[0] = float;
  return ((intBits[0] ?? 0) & 0x7fffff) === 0;
}

/** The float next to `float` in the direction of `target`. */
function nextFloatToward(float: number, target: number): number {
  floatBits[0] = float;
  const up = target > float;
  // For positive floats the bit pattern grows with the value; for negative ones it shrinks.
  if (float === 0) intBits[0] = up ? 1 : -2147483647;
  else intBits[0] = (intBits[0] ?? 0) + (float > 0 === up ? 1 : -1);
  return floatBits[0] ?? Number.NaN;
}

/** The sign of (decimal `text` minus the double `value`), computed exactly. */
function compareExact(text: string, value: number): number {
  const [mantissa, binaryExponent] = binaryParts(value);
  const [digits, decimalExponent] = decimalParts(text);
  const left =
    digits * 2n ** BigInt(Math.max(-binaryExponent, 0)) * 10n ** BigInt(Math.max(decimalExponent, 0));
  const right =
    mantissa * 2n ** BigInt(Math.max(binaryExponent, 0)) * 10n ** BigInt(Math.max(-decimalExponent, 0));
  return left > right ? 1 : left < right ? -1 : 0;
}

/** `value` as a signed integer mantissa and a power of two. */
function binaryParts(value: number): [bigint, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const biasedExponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  const mantissa = biasedExponent === 0 ? fraction : fraction | 0x10000000000000n;
  return [value < 0 ? -mantissa : mantissa, (biasedExponent === 0 ? 1 : biasedExponent) - 1075];
}

/** Decimal text (`-1.25e+3`, `12.5`) as a signed integer and a power of ten. */
function decimalParts(text: string): [bigint, number] {
  const lower = text.toLowerCase();
  const e = lower.indexOf("e");
  const body = e < 0 ? lower : lower.slice(0, e);
  const exponent = e < 0 ? 0 : Number(lower.slice(e + 1));
  const point = body.indexOf(".");
  const digits = BigInt(point < 0 ? body : body.slice(0, point) + body.slice(point + 1));
  return [digits, exponent - (point < 0 ? 0 : body.length - point - 1)];
}

/**
 * The decimal closest to `value` with as many digits as `rounded` (its toExponential text), given `longer`, the text
 * with one digit more. toExponential rounds an exact tie away from zero; Java rounds it to the even digit.
 */
function evenOnTie(value: number, rounded: string, longer: string): string {
  const e = longer.indexOf("e");
  if (longer.charCodeAt(e - 1) !== 53 /* 5 */ || compareExact(longer, value) !== 0) return rounded;
  // `longer` ends in 5 and equals the value: the value sits halfway; drop the 5 to get the candidate toward zero.
  const lower = longer.slice(0, e - 1) + longer.slice(e);
  const lowerLastDigit = lower.charCodeAt(lower.indexOf("e") - 1) - 48;
  return lowerLastDigit % 2 === 0 ? lower.replace(/\.e/, "e") : rounded;
}

/** The exponential decimal one unit in the last digit further from zero than `text`, with as many digits. */
function nextDecimalUp(text: string): string {
  const negative = text.charCodeAt(0) === 45;
  const e = text.indexOf("e");
  const digits = text.slice(negative ? 1 : 0, e).replace(".", "");
  let exponent = Number(text.slice(e + 1));
  let next = (BigInt(digits) + 1n).toString();
  if (next.length > digits.length) {
    next = next.slice(0, digits.length);
    exponent++;
  }
  const mantissa = next.length === 1 ? next : `${next[0]}.${next.slice(1)}`;
  return `${negative ? "-" : ""}${mantissa}e${exponent >= 0 ? "+" : ""}${exponent}`;
}

function digitCount(exponential: string): number {
  const e = exponential.indexOf("e");
  const mantissa = exponential.charCodeAt(0) === 45 ? exponential.slice(1, e) : exponential.slice(0, e);
  return mantissa.length === 1 ? 1 : mantissa.length - 1;
}

/** Lays out JavaScript exponential text (`-1.25e+3`) the way Java's `toString` does (`-1250.0`). */
function javaLayout(exponential: string): string {
  const negative = exponential.charCodeAt(0) === 45;
  const e = exponential.indexOf("e");
  const mantissa = exponential.slice(negative ? 1 : 0, e);
  const exponent = Number(exponential.slice(e + 1));
  // Trailing zeros of a two-digit decimal (0.50) are not printed; the layout adds the one ".0" Java requires.
  const digits = (mantissa.length === 1 ? mantissa : mantissa[0] + mantissa.slice(2)).replace(
    /(?<=.)0+$/,
    "",
  );
  const sign = negative ? "-" : "";
  if (exponent >= -3 && exponent < 7) {
    if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
    const whole =
      digits.length > exponent + 1 ? digits.slice(0, exponent + 1) : digits.padEnd(exponent + 1, "0");
    const fraction = digits.length > exponent + 1 ? digits.slice(exponent + 1) : "0";
    return `${sign}${whole}.${fraction}`;
  }
  return `${sign}${digits[0]}.${digits.length > 1 ? digits.slice(1) : "0"}E${exponent}`;
}

/**
 * The float nearest to an exact decimal, rounded once (never through a double first), as Java's
 * `BigDecimal.floatValue()`.
 * @internal
 */
export function decimalToFloat32(decimal: BigDecimal): number {
  return parseFloat32(decimal.toString());
}
