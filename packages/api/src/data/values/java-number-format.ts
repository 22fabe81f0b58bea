import { BigDecimal } from "../big-decimal.js";

/** Significant digits and the power of ten of the first one: `{ digits: "125", exponent: 2 }` is 125. */
interface DecimalDigits {
  readonly negative: boolean;
  readonly digits: string;
  readonly exponent: number;
}

const FLOAT_MAX_DIGITS = 9;
const view = new DataView(new ArrayBuffer(8));

/**
 * The text Java's `Double.toString` gives (Java 19 and later): the shortest decimal that reads back as the same
 * double, two digits where one would do and the two-digit one is closer (`4.9E-324`), laid out plainly from 10^-3
 * up to 10^7 (`100.0`, `0.001`) and in Java's scientific notation outside it (`1.0E20`, `1.0E-5`).
 * @internal
 */
export function formatJavaDouble(value: number): string {
  const special = formatSpecial(value);
  if (special !== undefined) return special;
  // toExponential() without an argument gives the shortest digits that read back as `value`, closest first.
  let digits = splitExponential(value.toExponential());
  if (digits.digits.length === 1) {
    digits = closestFitting(value, 2, (text) => Number(text) === value) ?? digits;
  }
  return javaLayout(digits);
}

/**
 * The text Java's `Float.toString` gives (Java 19 and later) for `value` rounded to single precision: `1.1`, not the
 * `1.100000023841858` of the double it is stored as; `1.4E-45` for the smallest float. (Java 17 and 18 print one
 * digit more for some floats, `1.17549435E-38` for `1.1754944E-38`; both read back as the same float.)
 * @internal
 */
export function formatJavaFloat(value: number): string {
  const float = Math.fround(value);
  const special = formatSpecial(float);
  if (special !== undefined) return special;
  const readsBack = (text: string): boolean => decimalToFloat32(BigDecimal.parse(text)) === float;
  for (let precision = 1; precision <= FLOAT_MAX_DIGITS; precision++) {
    const found = closestFitting(float, precision, readsBack);
    if (found === undefined) continue;
    // Java weighs one- and two-digit decimals together and prints the one closest to the value.
    return javaLayout(precision === 1 ? (closestFitting(float, 2, readsBack) ?? found) : found);
  }
  // Nine digits always tell floats apart, so the loop has returned by now.
  return javaLayout(splitExponential(float.toExponential(FLOAT_MAX_DIGITS - 1)));
}

/**
 * The float nearest to an exact decimal, as Java's `BigDecimal.floatValue()` gives it: rounded once, to nearest,
 * ties to even. (`Math.fround(Number(text))` rounds twice and is off by one unit for a few decimals near halfway.)
 * @internal
 */
export function decimalToFloat32(decimal: BigDecimal): number {
  const double = decimal.toNumber();
  const float = Math.fround(double);
  if (double === float || !Number.isFinite(double)) return float;
  // Rounding through a double only goes wrong when that double is exactly halfway between two floats.
  const other = nextFloatToward(float, double);
  const halfway = (float + (Number.isFinite(other) ? other : Math.sign(other) * 2 ** 128)) / 2;
  if (halfway !== double) return float;
  const comparison = compareWithDouble(decimal, double);
  if (comparison === 0) return float;
  const above = comparison > 0;
  return above === other > float ? other : float;
}

function formatSpecial(value: number): string | undefined {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "Infinity";
  if (value === Number.NEGATIVE_INFINITY) return "-Infinity";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  return undefined;
}

/**
 * The decimal of `precision` significant digits closest to `value` among those that read back as it, ties going to
 * the even digit as in Java. The closest of all is tried first; next to a power of two the range that reads back is
 * lopsided, so a neighbour may fit instead.
 */
function closestFitting(
  value: number,
  precision: number,
  readsBack: (text: string) => boolean,
): DecimalDigits | undefined {
  const negative = value < 0;
  const exact = exactDigits(Math.abs(value));
  const closest = roundHalfEven(exact.digits, precision);
  // The power of ten of the last of `precision` digits.
  const unit = exact.exponent - (precision - 1);
  for (const candidate of [closest, closest - 1n, closest + 1n]) {
    if (candidate <= 0n || !readsBack(`${negative ? "-" : ""}${candidate}e${unit}`)) continue;
    const candidateDigits = String(candidate);
    return {
      negative,
      digits: candidateDigits.replace(/0+$/, ""),
      exponent: unit + candidateDigits.length - 1,
    };
  }
  return undefined;
}

/** Every significant digit of a positive double's exact binary value (a double is a finite decimal), and the power of ten of the first. */
function exactDigits(value: number): { digits: string; exponent: number } {
  const { mantissa, binaryExponent } = decompose(value);
  // m × 2^-k = m × 5^k × 10^-k.
  const [unscaled, scale] =
    binaryExponent >= 0
      ? [mantissa << BigInt(binaryExponent), 0]
      : [mantissa * 5n ** BigInt(-binaryExponent), -binaryExponent];
  const digits = unscaled.toString();
  return { digits: digits.replace(/0+$/, ""), exponent: digits.length - 1 - scale };
}

/** The first `precision` of `digits` as an integer, rounded half to even by the rest (which may carry to 10^precision). */
function roundHalfEven(digits: string, precision: number): bigint {
  const head = BigInt(digits.slice(0, precision).padEnd(precision, "0"));
  const rest = digits.slice(precision);
  if (rest.length === 0 || rest < "5") return head;
  const tie = rest[0] === "5" && /^0*$/.test(rest.slice(1));
  return tie && head % 2n === 0n ? head : head + 1n;
}

/** Splits JavaScript exponential text such as `-1.250e+3` into digits without trailing zeros and exponent. */
function splitExponential(text: string): DecimalDigits {
  const negative = text.startsWith("-");
  const e = text.indexOf("e");
  const mantissa = text.slice(negative ? 1 : 0, e).replace(".", "");
  const digits = mantissa.replace(/0+$/, "") || "0";
  return { negative, digits, exponent: Number(text.slice(e + 1)) };
}

function javaLayout({ negative, digits, exponent }: DecimalDigits): string {
  const sign = negative ? "-" : "";
  if (exponent >= -3 && exponent < 7) {
    if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
    return `${sign}${whole}.${digits.slice(exponent + 1) || "0"}`;
  }
  return `${sign}${digits[0]}.${digits.slice(1) || "0"}E${exponent}`;
}

/** The float next to `float` in the direction of `target`; 0 steps to the smallest subnormal. */
function nextFloatToward(float: number, target: number): number {
  if (float === 0) return Math.sign(target) * 2 ** -149;
  view.setFloat32(0, float);
  const awayFromZero = target > float === float > 0;
  view.setUint32(0, view.getUint32(0) + (awayFromZero ? 1 : -1));
  return view.getFloat32(0);
}

/** A positive finite double as mantissa × 2^binaryExponent, both integers. */
function decompose(value: number): { mantissa: bigint; binaryExponent: number } {
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const biasedExponent = Number(bits >> 52n);
  const fraction = bits & ((1n << 52n) - 1n);
  return {
    mantissa: biasedExponent === 0 ? fraction : fraction | (1n << 52n),
    binaryExponent: (biasedExponent === 0 ? 1 : biasedExponent) - 1075,
  };
}

/** Compares an exact decimal with the exact binary value of a finite, non-zero double of the same sign. */
function compareWithDouble(decimal: BigDecimal, double: number): number {
  const { mantissa, binaryExponent } = decompose(Math.abs(double));
  // |decimal| = left × 10^-scale and |double| = mantissa × 2^binaryExponent: scale both to integers.
  let left = decimal.unscaled < 0n ? -decimal.unscaled : decimal.unscaled;
  let right = mantissa;
  if (decimal.scale > 0) right *= 10n ** BigInt(decimal.scale);
  else left *= 10n ** BigInt(-decimal.scale);
  if (binaryExponent > 0) right <<= BigInt(binaryExponent);
  else left <<= BigInt(-binaryExponent);
  const magnitude = left < right ? -1 : left > right ? 1 : 0;
  return double < 0 ? -magnitude : magnitude;
}
