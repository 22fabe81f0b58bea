import { BigDecimal } from "../big-decimal.js";
import { formatJavaDouble } from "../java-number-format.js";
import { Decimal } from "../logical/decimal.js";
import type { Schema } from "../schema.js";
import { conversionError, parseJavaDecimal } from "./java-number.js";

/**
 * Kafka's `Values.convertToDecimal`; see `Values.convertToDecimal` for the rules.
 * @internal
 */
export function convertToDecimal(
  _schema: Schema | null | undefined,
  value: unknown,
  scale: number,
): BigDecimal {
  if (value === null || value === undefined) {
    throw conversionError(value, "a Decimal", "a value is required. Pass a number, decimal text or bytes.");
  }
  return toDecimal(Decimal.schema(scale), value);
}

/**
 * A Decimal value from `value`; `toSchema` (a Decimal schema) gives the scale of unscaled bytes.
 * @internal
 */
export function toDecimal(toSchema: Schema, value: unknown): BigDecimal {
  if (value instanceof Uint8Array) return Decimal.toLogical(toSchema, value);
  if (BigDecimal.isBigDecimal(value)) return value;
  if (typeof value === "bigint") {
    // Kafka goes through a double: keep its answer (3000000000 gives 3.0E+9) only where that loses no digit.
    const viaDouble = fromDouble(Number(value));
    return viaDouble.compareTo(BigDecimal.of(value)) === 0 ? viaDouble : BigDecimal.of(value);
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      throw conversionError(value, "a Decimal", "only finite numbers are decimals.");
    return fromDouble(value);
  }
  if (typeof value === "string") {
    const decimal = parseJavaDecimal(value);
    if (decimal !== undefined) return decimal;
    throw conversionError(value, "a Decimal", "the text is not a decimal number such as 12.34 or -1E+3.");
  }
  throw conversionError(value, "a Decimal", "pass a number, a bigint, a BigDecimal, decimal text or bytes.");
}

/** Java's `BigDecimal.valueOf(double)`: the digits `Double.toString` shows, so 1 becomes 1.0 (scale 1). */
function fromDouble(value: number): BigDecimal {
  return BigDecimal.parse(formatJavaDouble(value));
}

/**
 * Bytes as they are; nothing else becomes plain BYTES.
 * @internal
 */
export function toBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  throw conversionError(value, "BYTES", "only a Uint8Array is BYTES.");
}
