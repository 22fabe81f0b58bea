import { Schema } from "@tributary/api";
import { NumberConverter } from "./number-converter.js";

/**
 * Converts INT16 values to Kafka's 2-byte big-endian integers and back, as Kafka Connect's `ShortConverter`; reads give an optional INT16 (`number`).
 */
export class ShortConverter extends NumberConverter<number> {
  constructor() {
    super("an int16 number (an integer from -32768 to 32767)", Schema.OPTIONAL_INT16_SCHEMA, 2);
  }

  protected accepts(value: unknown): value is number {
    return typeof value === "number" && Number.isInteger(value) && value >= -32768 && value <= 32767;
  }

  protected write(view: DataView, value: number): void {
    view.setInt16(0, value);
  }

  protected read(view: DataView): number {
    return view.getInt16(0);
  }
}
