import { BigDecimal } from "@tributary/api";
import type { JsonReader } from "./json-reader.js";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
/** Most digits a Decimal read from JSON may grow to when it is brought to its schema's scale. */
const MAX_DECIMAL_DIGITS = 10_000;

/**
 * The integer value of the number just read, or `undefined` when it has a non-zero fraction. Lexemes such as `1.0`
 * or `1E2` count as the integers they denote; `-0` is 0. Works on the exact text, never through a float.
 */
function exactInteger(reader: JsonReader): bigint | undefined {
  if (reader.numberIsInteger) return BigInt(reader.numberText());
  const decimal = BigDecimal.parse(reader.numberText());
  if (decimal.unscaled === 0n) return 0n;
  if (decimal.scale <= 0) {
    // Guard huge exponents (1E999999999): anything past 10^20 is out of every integer range anyway.
    return decimal.scale < -20 ? INT64_MAX + 1n : decimal.unscaled * 10n ** BigInt(-decimal.scale);
  }
  const digits = (decimal.unscaled < 0n ? -decimal.unscaled : decimal.unscaled).toString().length;
  if (decimal.scale >= digits) return undefined;
  const divisor = 10n ** BigInt(decimal.scale);
  return decimal.unscaled % divisor === 0n ? decimal.unscaled / divisor : undefined;
}

/**
 * The number just read as an integer from `min` to `max`, or `undefined` when it is fractional or out of range.
 * @internal
 */
export function readSmallInteger(reader: JsonReader, min: number, max: number): number | undefined {
  const small = reader.numberSmall;
  if (!Number.isNaN(small)) {
    // Integer of at most 15 digits: exact as a double; `+ 0` turns -0 into 0.
    return small >= min && small <= max ? small + 0 : undefined;
  }
  const value = exactInteger(reader);
  return value !== undefined && value >= BigInt(min) && value <= BigInt(max) ? Number(value) : undefined;
}

/**
 * The number just read as a 64-bit integer, or `undefined` when it is fractional or out of range.
 * @internal
 */
export function readInt64(reader: JsonReader): bigint | undefined {
  const small = reader.numberSmall;
  if (!Number.isNaN(small)) return BigInt(small);
  const value = exactInteger(reader);
  return value !== undefined && value >= INT64_MIN && value <= INT64_MAX ? value : undefined;
}

/**
 * The number just read as a double, correctly rounded from its text.
 * @internal
 */
export function readDouble(reader: JsonReader): number {
  const small = reader.numberSmall;
  return !Number.isNaN(small) ? small : Number(reader.numberText());
}

/**
 * The number just read as an exact decimal with `scale` digits after the point: `12.3` becomes `12.30` for scale 2.
 * Returns `undefined` when that would drop non-zero digits (`12.345` at scale 2), since rounding would change the
 * data, or when the value would need more than 10,000 digits.
 * @internal
 */
export function readDecimal(reader: JsonReader, scale: number): BigDecimal | undefined {
  const decimal = BigDecimal.parse(reader.numberText());
  if (decimal.scale === scale) return decimal;
  if (decimal.unscaled === 0n) return BigDecimal.of(0n, scale);
  const digits = (decimal.unscaled < 0n ? -decimal.unscaled : decimal.unscaled).toString().length;
  if (scale > decimal.scale) {
    return digits + (scale - decimal.scale) > MAX_DECIMAL_DIGITS ? undefined : decimal.withScale(scale);
  }
  if (decimal.scale - scale > digits) return undefined;
  const divisor = 10n ** BigInt(decimal.scale - scale);
  return decimal.unscaled % divisor === 0n ? BigDecimal.of(decimal.unscaled / divisor, scale) : undefined;
}
