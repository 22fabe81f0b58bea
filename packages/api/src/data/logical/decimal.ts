import { DataError } from "../../errors/connect-error.js";
import { BigDecimal } from "../big-decimal.js";
import type { Schema } from "../schema.js";
import { SchemaBuilder } from "../schema-builder.js";

const LOGICAL_NAME = "org.apache.kafka.connect.data.Decimal";
const SCALE_FIELD = "scale";

/**
 * Kafka Connect's Decimal logical type: an exact decimal with a fixed scale, carried on the wire as BYTES holding the
 * unscaled value in big-endian two's complement. Its JavaScript value is a {@link BigDecimal}.
 */
export const Decimal = Object.freeze({
  /** The schema name that marks a Decimal. */
  LOGICAL_NAME,
  /** The schema parameter holding the scale. */
  SCALE_FIELD,

  /** A builder for a Decimal schema of `scale`, ready for `optional()`, `defaultValue()` and so on. */
  builder(scale: number): SchemaBuilder {
    if (!Number.isInteger(scale)) throw new DataError(`Invalid Decimal scale ${scale}: expected an integer.`);
    return SchemaBuilder.bytes().name(LOGICAL_NAME).parameter(SCALE_FIELD, String(scale)).version(1);
  },

  /** A required Decimal schema of `scale`. */
  schema(scale: number): Schema {
    return Decimal.builder(scale).build();
  },

  /**
   * The scale a Decimal schema declares.
   * @throws DataError when the schema has no valid `scale` parameter.
   */
  scaleOf(schema: Schema): number {
    const text = schema.parameters?.[SCALE_FIELD];
    const scale = text === undefined ? Number.NaN : Number(text);
    if (!Number.isInteger(scale)) {
      throw new DataError(
        `Invalid Decimal schema ${schema.toString()}: parameter "scale" is ${JSON.stringify(text)}.`,
      );
    }
    return scale;
  },

  /**
   * Encodes a value as its unscaled two's-complement bytes.
   * @throws DataError when the value's scale differs from the schema's.
   */
  fromLogical(schema: Schema, value: BigDecimal): Uint8Array {
    const scale = Decimal.scaleOf(schema);
    if (value.scale !== scale) {
      throw new DataError(
        `Decimal value ${value.toString()} has scale ${value.scale}, but the schema's scale is ${scale}.`,
      );
    }
    return bigintToBytes(value.unscaled);
  },

  /** Decodes unscaled two's-complement bytes into a value with the schema's scale. */
  toLogical(schema: Schema, bytes: Uint8Array): BigDecimal {
    return BigDecimal.of(bytesToBigint(bytes), Decimal.scaleOf(schema));
  },
});

/**
 * The shortest big-endian two's-complement encoding of `value`, as Java's `BigInteger.toByteArray()` gives.
 * @internal
 */
export function bigintToBytes(value: bigint): Uint8Array {
  let hex = (value < 0n ? -value - 1n : value).toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  // A leading byte with the top bit set would read as negative (or positive, once inverted): add a sign byte.
  if (Number.parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
  const bytes = Uint8Array.from(Buffer.from(hex, "hex"));
  if (value < 0n) for (let i = 0; i < bytes.length; i++) bytes[i] = ~(bytes[i] ?? 0) & 0xff;
  return bytes;
}

/**
 * Reads big-endian two's-complement bytes as a signed integer; empty bytes read as zero.
 * @internal
 */
export function bytesToBigint(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  const unsigned = BigInt(`0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("hex")}`);
  const negative = (bytes[0] ?? 0) >= 0x80;
  return negative ? unsigned - (1n << BigInt(bytes.length * 8)) : unsigned;
}
