import { Schema } from "@tributary/api";
import { NumberConverter } from "./number-converter.js";

/**
 * Converts INT32 values to Kafka's 4-byte big-endian integers and back, as Kafka Connect's `IntegerConverter`; reads give an optional INT32 (`number`).
 */
export class IntegerConverter extends NumberConverter<number> {
  constructor() {
    super("an int32 number (an integer from -2147483648 to 2147483647)", Schema.OPTIONAL_INT32_SCHEMA, 4);
  }

  protected accepts(value: unknown): value is number {
    return (
      typeof value === "number" && Number.isInteger(value) && value >= -2147483648 && value <= 2147483647
    );
  }

  protected write(view: DataView, value: number): void {
    view.setInt32(0, value);
  }

  protected read(view: DataView): number {
    return view.getInt32(0);
  }
}
