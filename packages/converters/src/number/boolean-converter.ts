import { DataError, type Headers, Schema } from "@tributary/api";
import { NumberConverter } from "./number-converter.js";

/**
 * Converts BOOLEAN values to Kafka's one-byte booleans (1 for true, 0 for false) and back, as Kafka Connect's
 * `BooleanConverter`; reads give an optional BOOLEAN. Unlike the number converters it refuses a schema of another
 * type when writing, as Kafka does.
 */
export class BooleanConverter extends NumberConverter<boolean> {
  constructor() {
    super("a boolean", Schema.OPTIONAL_BOOLEAN_SCHEMA, 1);
  }

  /**
   * Writes `true` as 1 and `false` as 0; `null` gives `null`.
   * @throws DataError when `schema` is not a BOOLEAN schema or the value is not a boolean.
   */
  override fromConnectData(
    topic: string,
    headers: Headers,
    schema: Schema | null,
    value: unknown,
  ): Uint8Array | null {
    if (schema !== null && schema.type !== "BOOLEAN") {
      throw new DataError(
        `Cannot write a value for topic ${JSON.stringify(topic)} with BooleanConverter: its schema is ${schema.type}, not BOOLEAN. Use a converter for ${schema.type} values.`,
      );
    }
    return super.fromConnectData(topic, headers, schema, value);
  }

  protected accepts(value: unknown): value is boolean {
    return typeof value === "boolean";
  }

  protected write(view: DataView, value: boolean): void {
    view.setUint8(0, value ? 1 : 0);
  }

  protected read(view: DataView): boolean {
    const byte = view.getUint8(0);
    if (byte > 1) throw new DataError(`expected the byte 0 (false) or 1 (true), got ${byte}.`);
    return byte === 1;
  }
}
