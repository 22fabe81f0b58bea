import { Schema } from "@tributary/api";
import { NumberConverter } from "./number-converter.js";

/**
 * Converts FLOAT32 values to Kafka's 4-byte big-endian IEEE 754 floats and back, as Kafka Connect's `FloatConverter`; a value is rounded to single precision when written.
 */
export class FloatConverter extends NumberConverter<number> {
  constructor() {
    super("a number within the float range (FLOAT32)", Schema.OPTIONAL_FLOAT32_SCHEMA, 4);
  }

  protected accepts(value: unknown): value is number {
    // A finite number beyond the float range would silently become Infinity.
    return typeof value === "number" && (Number.isFinite(Math.fround(value)) || !Number.isFinite(value));
  }

  protected write(view: DataView, value: number): void {
    view.setFloat32(0, value);
  }

  protected read(view: DataView): number {
    return view.getFloat32(0);
  }
}
