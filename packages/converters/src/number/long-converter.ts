import { Schema } from "@tributary/api";
import { NumberConverter } from "./number-converter.js";

/**
 * Converts INT64 values to Kafka's 8-byte big-endian integers and back, as Kafka Connect's `LongConverter`; values are `bigint`s, so every 64-bit value is exact.
 */
export class LongConverter extends NumberConverter<bigint> {
  constructor() {
    super("an int64 bigint (from -2^63 to 2^63-1)", Schema.OPTIONAL_INT64_SCHEMA, 8);
  }

  protected accepts(value: unknown): value is bigint {
    return typeof value === "bigint" && BigInt.asIntN(64, value) === value;
  }

  protected write(view: DataView, value: bigint): void {
    view.setBigInt64(0, value);
  }

  protected read(view: DataView): bigint {
    return view.getBigInt64(0);
  }
}
