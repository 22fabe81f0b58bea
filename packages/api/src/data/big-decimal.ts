import { DataError } from "../errors/connect-error.js";

const BRAND = Symbol.for("tributary.BigDecimal");
const DECIMAL_PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * An exact decimal number: an arbitrary-precision unscaled integer and a scale, worth `unscaled × 10^-scale`.
 *
 * It is the JavaScript value of Kafka Connect's Decimal logical type (Java's `BigDecimal`). Arithmetic never goes
 * through a float, so every value round-trips exactly. Instances are immutable.
 *
 * @example
 * ```ts
 * const price = BigDecimal.parse("12.34"); // unscaled 1234n, scale 2
 * price.toString(); // "12.34"
 * ```
 */
export class BigDecimal {
  /** The unscaled integer value. */
  readonly unscaled: bigint;
  /** The number of digits after the decimal point; negative scales multiply by a power of ten. */
  readonly scale: number;

  private constructor(unscaled: bigint, scale: number) {
    this.unscaled = unscaled;
    this.scale = scale;
    Object.freeze(this);
  }

  /**
   * Creates `unscaled × 10^-scale`.
   * @throws DataError when `scale` is not a 32-bit integer.
   */
  static of(unscaled: bigint, scale = 0): BigDecimal {
    if (!Number.isInteger(scale) || scale < -2147483648 || scale > 2147483647) {
      throw new DataError(`Invalid BigDecimal scale ${String(scale)}: expected a 32-bit integer.`);
    }
    return new BigDecimal(unscaled, scale);
  }

  /**
   * Parses decimal text such as `"12.34"`, `"-0.5"`, `"1E+3"` or `"12"`, keeping every digit and the scale the text
   * shows (`"1.50"` has scale 2), as Java's `new BigDecimal(String)` does.
   * @throws DataError when the text is not a decimal number.
   */
  static parse(text: string): BigDecimal {
    const match = DECIMAL_PATTERN.exec(text.trim());
    const [, sign = "", whole = "", fraction = "", exponent] = match ?? [];
    if (!match || whole.length + fraction.length === 0) {
      throw new DataError(`Cannot parse ${JSON.stringify(text)} as a decimal number.`);
    }
    const digits = BigInt(`${whole}${fraction}` || "0");
    const scale = fraction.length - (exponent === undefined ? 0 : Number(exponent));
    return BigDecimal.of(sign === "-" ? -digits : digits, scale);
  }

  /**
   * Converts a finite JavaScript number exactly as its shortest decimal text reads (`0.1` becomes `0.1`, not the
   * binary fraction behind it), as Java's `BigDecimal.valueOf(double)` does.
   * @throws DataError when `value` is NaN or infinite.
   */
  static fromNumber(value: number): BigDecimal {
    if (!Number.isFinite(value)) throw new DataError(`Cannot convert ${value} to a decimal number.`);
    return BigDecimal.parse(String(value));
  }

  /** True for any {@link BigDecimal}, including one created by another copy of this package. */
  static isBigDecimal(value: unknown): value is BigDecimal {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /**
   * Returns the same number with another scale.
   * @throws DataError when the new scale would drop non-zero digits (no rounding happens silently).
   */
  withScale(scale: number): BigDecimal {
    if (scale === this.scale) return this;
    if (scale > this.scale) return BigDecimal.of(this.unscaled * 10n ** BigInt(scale - this.scale), scale);
    const divisor = 10n ** BigInt(this.scale - scale);
    if (this.unscaled % divisor !== 0n) {
      throw new DataError(`Cannot change the scale of ${this.toString()} to ${scale} without rounding.`);
    }
    return BigDecimal.of(this.unscaled / divisor, scale);
  }

  /** Compares numerically, ignoring scale: `1.0` equals `1.00`. Returns -1, 0 or 1. */
  compareTo(other: BigDecimal): number {
    const scale = Math.max(this.scale, other.scale);
    const a = this.withScale(scale).unscaled;
    const b = other.withScale(scale).unscaled;
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** True when `other` is a BigDecimal with the same unscaled value and scale (as Java's `equals`). */
  equals(other: unknown): boolean {
    return BigDecimal.isBigDecimal(other) && other.unscaled === this.unscaled && other.scale === this.scale;
  }

  /** The nearest JavaScript number; precision may be lost. */
  toNumber(): number {
    return Number(this.toString());
  }

  /** The value without an exponent, for example `"1000"` or `"0.001"`. */
  toPlainString(): string {
    const negative = this.unscaled < 0n;
    const digits = (negative ? -this.unscaled : this.unscaled).toString();
    const sign = negative ? "-" : "";
    if (this.scale <= 0) return sign + digits + (this.unscaled === 0n ? "" : "0".repeat(-this.scale));
    const padded = digits.padStart(this.scale + 1, "0");
    return `${sign}${padded.slice(0, -this.scale)}.${padded.slice(-this.scale)}`;
  }

  /**
   * Java's canonical text for the value: plain when the scale is non-negative and the adjusted exponent is at least
   * -6, scientific notation (`"1E+3"`, `"1.2E-7"`) otherwise.
   */
  toString(): string {
    const negative = this.unscaled < 0n;
    const digits = (negative ? -this.unscaled : this.unscaled).toString();
    const adjusted = digits.length - 1 - this.scale;
    if (this.scale >= 0 && adjusted >= -6) return this.toPlainString();
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const exponent = adjusted >= 0 ? `+${adjusted}` : String(adjusted);
    return `${negative ? "-" : ""}${mantissa}E${exponent}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

// On the prototype rather than each instance: a per-instance property defined after construction slows creating
// and reading every BigDecimal.
Object.defineProperty(BigDecimal.prototype, BRAND, { value: true });
