import {
  type Converter,
  DataError,
  type HeaderConverter,
  type Headers,
  type Schema,
  type SchemaAndValue,
} from "@tributary/api";
import { ConverterConfig, withConverterType } from "../converter-config.js";
import { describeJsValue } from "../json/describe-js-value.js";

/**
 * The shared behaviour of the fixed-width converters ({@link IntegerConverter}, {@link LongConverter} and the
 * others), as Kafka Connect's `NumberConverter`: a value is written with Kafka's big-endian serializer for its type,
 * bytes of exactly that width are read back with the converter's optional schema, and `null` maps to `null` both
 * ways. The schema given when writing is not consulted, as in Kafka. Converting needs no configuration, though
 * `configure` checks `converter.type` as Kafka does.
 */
export abstract class NumberConverter<T> implements Converter, HeaderConverter {
  /**
   * @param typeName - what the converter holds, for error messages, such as `an int32 number`
   * @param schema - the optional schema of every value read
   * @param width - the number of bytes of every value
   */
  protected constructor(
    private readonly typeName: string,
    private readonly schema: Schema,
    private readonly width: number,
  ) {}

  /** The definition of the converter's configuration ({@link ConverterConfig}: only `converter.type`). */
  config(): typeof ConverterConfig {
    return ConverterConfig;
  }

  /**
   * Checks the configuration; `isKey` sets `converter.type`.
   * @throws ConfigError when `converter.type` is missing or invalid.
   */
  configure(props: Readonly<Record<string, unknown>>, isKey?: boolean): void {
    ConverterConfig.parse(withConverterType(props, isKey));
  }

  /**
   * Writes `value` big-endian in the converter's width in bytes; `null` gives `null`.
   * @throws DataError when the value is not of the converter's type or out of its range.
   */
  fromConnectData(
    topic: string,
    _headers: Headers,
    _schema: Schema | null,
    value: unknown,
  ): Uint8Array | null {
    return this.#write(topic, value);
  }

  /**
   * Reads big-endian bytes; `null` reads as a `null` value.
   * @throws DataError when there are not exactly the converter's width in bytes (or, for booleans, the byte is
   * neither 0 nor 1).
   */
  toConnectData(topic: string, _headers: Headers, bytes: Uint8Array | null): SchemaAndValue {
    return this.#read(topic, bytes);
  }

  /** Writes a header value as {@link NumberConverter.fromConnectData} does. */
  fromConnectHeader(
    topic: string,
    _headerKey: string,
    _schema: Schema | null,
    value: unknown,
  ): Uint8Array | null {
    return this.#write(topic, value);
  }

  /** Reads a header value as {@link NumberConverter.toConnectData} does. */
  toConnectHeader(topic: string, _headerKey: string, bytes: Uint8Array | null): SchemaAndValue {
    return this.#read(topic, bytes);
  }

  /** True when `value` can be written by this converter. */
  protected abstract accepts(value: unknown): value is T;

  /** Writes `value` at offset 0 of `view`, big-endian. */
  protected abstract write(view: DataView, value: T): void;

  /**
   * Reads the value at offset 0 of `view`, big-endian.
   * @throws DataError when the bytes hold no valid value.
   */
  protected abstract read(view: DataView): T;

  #write(topic: string, value: unknown): Uint8Array | null {
    if (value === null || value === undefined) return null;
    if (!this.accepts(value)) {
      throw new DataError(
        `Cannot write a value for topic ${JSON.stringify(topic)}: expected ${this.typeName}, got ${describeJsValue(value)}. Use a converter for the value's type, or convert the value first.`,
      );
    }
    const bytes = new Uint8Array(this.width);
    this.write(new DataView(bytes.buffer), value);
    return bytes;
  }

  #read(topic: string, bytes: Uint8Array | null): SchemaAndValue {
    if (bytes === null || bytes === undefined) return { schema: this.schema, value: null };
    if (bytes.length !== this.width) {
      throw new DataError(
        `Cannot read ${this.typeName} from topic ${JSON.stringify(topic)}: expected exactly ${this.width} byte${this.width === 1 ? "" : "s"}, got ${bytes.length}. Check that the topic was written with the matching converter.`,
      );
    }
    try {
      return {
        schema: this.schema,
        value: this.read(new DataView(bytes.buffer, bytes.byteOffset, bytes.length)),
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new DataError(`Cannot read ${this.typeName} from topic ${JSON.stringify(topic)}: ${message}`, {
        cause: error,
      });
    }
  }
}
