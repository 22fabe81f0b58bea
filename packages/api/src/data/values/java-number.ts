import { DataError, hasErrorCode } from "../../errors/connect-error.js";
import { BigDecimal } from "../big-decimal.js";
import { describeValue } from "../describe-value.js";
import { ConnectDate } from "../logical/date.js";
import { ConnectTime } from "../logical/time.js";
import { ConnectTimestamp } from "../logical/timestamp.js";
import type { Schema } from "../schema.js";

/** The text Java's `new BigDecimal(String)` accepts: no spaces, an optional sign, digits, point and exponent. */
const JAVA_DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Reads `text` as Java's `new BigDecimal(String)` does, or returns `undefined` where Java would throw
 * `NumberFormatException` (spaces, `NaN`, hexadecimal, an exponent beyond 32 bits).
 * @internal
 */
export function parseJavaDecimal(text: string): BigDecimal | undefined {
  if (!JAVA_DECIMAL.test(text)) return undefined;
  try {
    return BigDecimal.parse(text);
  } catch (error) {
    if (hasErrorCode(error, "DATA")) return undefined;
    throw error;
  }
}

/**
 * Java's `BigDecimal.longValue()`: the integer part, rounded toward zero, keeping only the low 64 bits.
 * @internal
 */
export function decimalToLong(decimal: BigDecimal): bigint {
  const { unscaled, scale } = decimal;
  // Past 10^64 the low 64 bits are all zero (10^64 is a multiple of 2^64).
  if (scale <= 0) return -scale >= 64 ? 0n : BigInt.asIntN(64, unscaled * 10n ** BigInt(-scale));
  const magnitude = unscaled < 0n ? -unscaled : unscaled;
  if (scale > magnitude.toString().length) return 0n;
  return BigInt.asIntN(64, unscaled / 10n ** BigInt(scale));
}

/**
 * Java's `(long)` cast of a double: toward zero, NaN to 0, saturating at the ends of the 64-bit range.
 * @internal
 */
export function doubleToLong(value: number): bigint {
  if (Number.isNaN(value)) return 0n;
  if (value >= 2 ** 63) return INT64_MAX;
  if (value <= -(2 ** 63)) return INT64_MIN;
  return BigInt(Math.trunc(value));
}

/**
 * A {@link DataError} saying that `value` cannot become `target`, and why.
 * @internal
 */
export function conversionError(value: unknown, target: string, reason: string, cause?: unknown): DataError {
  return new DataError(
    `Cannot convert ${describeValue(value)} to ${target}: ${reason}`,
    cause === undefined ? undefined : { cause },
  );
}

/**
 * The 64-bit integer in `value`, as Kafka's `Values.asLong`: numbers are cut toward zero, numeric text is read as an
 * exact decimal and cut, wider integers keep their low 64 bits, and a Date/Time/Timestamp becomes its days or
 * milliseconds when `schema` names its logical type. Booleans are not numbers.
 * @throws DataError naming the value and `target` when it holds no number.
 * @internal
 */
export function asLong(value: unknown, schema: Schema | null | undefined, target: string): bigint {
  if (typeof value === "number") return doubleToLong(value);
  if (typeof value === "bigint") return BigInt.asIntN(64, value);
  if (BigDecimal.isBigDecimal(value)) return decimalToLong(value);
  if (typeof value === "string") {
    const decimal = parseJavaDecimal(value);
    if (decimal !== undefined) return decimalToLong(decimal);
  }
  if (value instanceof Date && schema) {
    switch (schema.name) {
      case ConnectDate.LOGICAL_NAME:
        return BigInt(ConnectDate.fromLogical(schema, value));
      case ConnectTime.LOGICAL_NAME:
        return BigInt(ConnectTime.fromLogical(schema, value));
      case ConnectTimestamp.LOGICAL_NAME:
        return ConnectTimestamp.fromLogical(schema, value);
    }
  }
  const how =
    value instanceof Date
      ? "a Date is a number only with a Date, Time or Timestamp schema; pass that schema."
      : "it is not a number. Pass a number, a bigint, a BigDecimal or numeric text.";
  throw conversionError(value, schema ? `${target} (from ${schema.toString()})` : target, how);
}

/**
 * The double in `value`, as Kafka's `Values.asDouble`: numbers as they are, bigints and decimals rounded to the
 * nearest double, numeric text read exactly then rounded; anything else as {@link asLong}.
 * @throws DataError naming the value and `target` when it holds no number.
 * @internal
 */
export function asDouble(value: unknown, schema: Schema | null | undefined, target: string): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(BigInt.asIntN(64, value));
  if (BigDecimal.isBigDecimal(value)) return value.toNumber();
  if (typeof value === "string") {
    const decimal = parseJavaDecimal(value);
    if (decimal !== undefined) return decimal.toNumber();
  }
  return Number(asLong(value, schema, target));
}
