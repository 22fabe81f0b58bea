/** The two IEEE 754 binary formats Cast produces: FLOAT32 (Java's float) and FLOAT64 (Java's double). */
interface BinaryFormat {
  /** Significand bits, the hidden bit included. */
  readonly precision: number;
  /** The exponent of the smallest normal number. */
  readonly minExponent: number;
  /** The smallest power of two that overflows to infinity. */
  readonly overflow: number;
}

const FLOAT32: BinaryFormat = { precision: 24, minExponent: -126, overflow: 2 ** 128 };
const FLOAT64: BinaryFormat = { precision: 53, minExponent: -1022, overflow: Number.POSITIVE_INFINITY };

/**
 * The float32 nearest to `numerator / denominator` (ties to even), as Java's `Float.parseFloat`,
 * `(float) long` and `BigDecimal.floatValue()` round: directly from the exact value, not through a double, which
 * could round twice.
 * @internal
 */
export function rationalToFloat32(numerator: bigint, denominator: bigint): number {
  return roundRational(numerator, denominator, FLOAT32);
}

/**
 * The double nearest to `numerator / denominator` (ties to even).
 * @internal
 */
export function rationalToFloat64(numerator: bigint, denominator: bigint): number {
  return roundRational(numerator, denominator, FLOAT64);
}

/** The float32 nearest to a 64-bit (or wider) integer, as Java's `(float) long`. */
export function bigintToFloat32(value: bigint): number {
  // Below 2^53 the double is exact, so rounding it once more to float is the only rounding.
  if (value >= -(2n ** 53n) && value <= 2n ** 53n) return Math.fround(Number(value));
  return roundRational(value, 1n, FLOAT32);
}

function roundRational(numerator: bigint, denominator: bigint, format: BinaryFormat): number {
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  if (numerator === 0n) return 0;
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const result = roundPositive(magnitude, denominator, format);
  return negative ? -result : result;
}

function roundPositive(numerator: bigint, denominator: bigint, format: BinaryFormat): number {
  const { precision, minExponent } = format;
  // Scale so that the quotient has at least precision + 2 bits: the kept bits, a rounding bit and more.
  const shift = precision + 3 - (bitLength(numerator) - bitLength(denominator));
  const quotient =
    shift >= 0 ? (numerator << BigInt(shift)) / denominator : numerator / (denominator << BigInt(-shift));
  const exact =
    shift >= 0
      ? quotient * denominator === numerator << BigInt(shift)
      : quotient * (denominator << BigInt(-shift)) === numerator;
  const length = bitLength(quotient);
  // The value is quotient × 2^-shift; its leading bit has weight 2^(length - 1 - shift).
  const leadingExponent = length - 1 - shift;
  // Normal numbers keep `precision` bits; below the normal range fewer bits remain (subnormals).
  const keep = Math.min(precision, precision - (minExponent - leadingExponent));
  const drop = length - keep;
  if (keep <= -1) return 0;
  const kept = quotient >> BigInt(drop);
  const rest = quotient - (kept << BigInt(drop));
  const half = 1n << BigInt(drop - 1);
  const roundUp = rest > half || (rest === half && (!exact || (kept & 1n) === 1n));
  const significand = Number(roundUp ? kept + 1n : kept);
  const value = significand * 2 ** (drop - shift);
  return value >= format.overflow ? Number.POSITIVE_INFINITY : value;
}

function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}
