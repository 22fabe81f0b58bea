import {
  ConnectError,
  type Converter,
  DataError,
  type HeaderConverter,
  type Headers,
  Schema,
  type SchemaAndValue,
} from "@tributary/api";
import { withConverterType } from "../converter-config.js";
import { StringConverterConfig } from "./string-converter-config.js";
import { encodingNamed, type StringEncoding } from "./string-encoding.js";

/**
 * Writes values as text and reads bytes as an optional STRING, as Kafka Connect's `StringConverter` does, in the
 * `converter.encoding` character set (UTF-8 by default). It is also a {@link HeaderConverter}.
 *
 * Strings are written as they are; any other value as its text (`String(value)`, with a `Date` as its ISO-8601
 * instant), ignoring the schema. `null` is written as `null` bytes and `null` bytes read as a `null` value. Like
 * Kafka, bytes the encoding cannot read become U+FFFD and characters it cannot hold become `?`. Call `configure`
 * once before converting.
 */
export class StringConverter implements Converter, HeaderConverter {
  #encoding: StringEncoding | undefined;

  /** The definition of the converter's configuration ({@link StringConverterConfig}). */
  config(): typeof StringConverterConfig {
    return StringConverterConfig;
  }

  /**
   * Applies the configuration; `isKey` sets `converter.type`.
   * @throws ConfigError for an encoding Tributary does not support (checked now, not at the first record).
   */
  configure(props: Readonly<Record<string, unknown>>, isKey?: boolean): void {
    const config = StringConverterConfig.parse(withConverterType(props, isKey));
    this.#encoding = encodingNamed(config["converter.encoding"]);
  }

  /** Writes the value's text; `null` gives `null`. */
  fromConnectData(
    topic: string,
    _headers: Headers,
    _schema: Schema | null,
    value: unknown,
  ): Uint8Array | null {
    return this.#write(topic, value);
  }

  /** Reads the bytes as an optional STRING. */
  toConnectData(_topic: string, _headers: Headers, bytes: Uint8Array | null): SchemaAndValue {
    return this.#read(bytes);
  }

  /** Writes a header value as {@link StringConverter.fromConnectData} does. */
  fromConnectHeader(
    topic: string,
    _headerKey: string,
    _schema: Schema | null,
    value: unknown,
  ): Uint8Array | null {
    return this.#write(topic, value);
  }

  /** Reads a header value as {@link StringConverter.toConnectData} does. */
  toConnectHeader(_topic: string, _headerKey: string, bytes: Uint8Array | null): SchemaAndValue {
    return this.#read(bytes);
  }

  #configured(): StringEncoding {
    if (this.#encoding === undefined) {
      throw new ConnectError("StringConverter has not been configured: call configure(props, isKey) first.");
    }
    return this.#encoding;
  }

  #write(topic: string, value: unknown): Uint8Array | null {
    const encoding = this.#configured();
    if (value === null || value === undefined) return null;
    let text: string;
    try {
      text = typeof value === "string" ? value : value instanceof Date ? value.toISOString() : String(value);
    } catch (error) {
      throw new DataError(
        `Cannot write a value for topic ${JSON.stringify(topic)} as a string: it has no text form (${error instanceof Error ? error.message : String(error)}). Convert it to a string first.`,
        { cause: error },
      );
    }
    return encoding.encode(text);
  }

  #read(bytes: Uint8Array | null): SchemaAndValue {
    const encoding = this.#configured();
    return { schema: Schema.OPTIONAL_STRING_SCHEMA, value: bytes === null ? null : encoding.decode(bytes) };
  }
}
