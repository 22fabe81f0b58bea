import { Schema } from "@tributary/api";
import { NumberConverter } from "./number-converter.js";

/**
 * Converts FLOAT64 values to Kafka's 8-byte big-endian IEEE 754 doubles and back, as Kafka Connect's `DoubleConverter`.
 */
export class DoubleConverter extends NumberConverter<number> {
  constructor() {
    super("a number (FLOAT64)", Schema.OPTIONAL_FLOAT64_SCHEMA, 8);
  }

  protected accepts(value: unknown): value is number {
    return typeof value === "number";
  }

  protected write(view: DataView, value: number): void {
    view.setFloat64(0, value);
  }

  protected read(view: DataView): number {
    return view.getFloat64(0);
  }
}
