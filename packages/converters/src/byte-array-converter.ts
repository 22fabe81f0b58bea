import {
  type Converter,
  DataError,
  type HeaderConverter,
  type Headers,
  Schema,
  type SchemaAndValue,
} from "@tributary/api";
import { ConverterConfig } from "./converter-config.js";
import { describeJsValue } from "./json/describe-js-value.js";

/**
 * Passes bytes through unchanged, as Kafka Connect's `ByteArrayConverter`: values must be `Uint8Array`s (with a
 * BYTES schema or none), and bytes read back as an optional BYTES value. `null` stays `null`. It needs no
 * configuration; `configure` accepts anything, as Kafka's does.
 */
export class ByteArrayConverter implements Converter, HeaderConverter {
  /** The definition of the converter's configuration ({@link ConverterConfig}: only `converter.type`). */
  config(): typeof ConverterConfig {
    return ConverterConfig;
  }

  /** Does nothing: the converter has no settings. */
  configure(_props: Readonly<Record<string, unknown>>, _isKey?: boolean): void {}

  /**
   * Returns the value's bytes as they are.
   * @throws DataError when the schema is not BYTES or the value is not a `Uint8Array`.
   */
  fromConnectData(
    topic: string,
    _headers: Headers,
    schema: Schema | null,
    value: unknown,
  ): Uint8Array | null {
    return write(topic, schema, value);
  }

  /** Returns the bytes as an optional BYTES value. */
  toConnectData(_topic: string, _headers: Headers, bytes: Uint8Array | null): SchemaAndValue {
    return { schema: Schema.OPTIONAL_BYTES_SCHEMA, value: bytes ?? null };
  }

  /** Writes a header value as {@link ByteArrayConverter.fromConnectData} does. */
  fromConnectHeader(
    topic: string,
    _headerKey: string,
    schema: Schema | null,
    value: unknown,
  ): Uint8Array | null {
    return write(topic, schema, value);
  }

  /** Reads a header value as {@link ByteArrayConverter.toConnectData} does. */
  toConnectHeader(_topic: string, _headerKey: string, bytes: Uint8Array | null): SchemaAndValue {
    return { schema: Schema.OPTIONAL_BYTES_SCHEMA, value: bytes ?? null };
  }
}

function write(topic: string, schema: Schema | null, value: unknown): Uint8Array | null {
  if (schema !== null && schema.type !== "BYTES") {
    throw new DataError(
      `Cannot write a value for topic ${JSON.stringify(topic)} with ByteArrayConverter: its schema is ${schema.type}, not BYTES. Use a converter for ${schema.type} values.`,
    );
  }
  if (value === null || value === undefined) return null;
  if (!(value instanceof Uint8Array)) {
    throw new DataError(
      `Cannot write a value for topic ${JSON.stringify(topic)} with ByteArrayConverter: expected a Uint8Array, got ${describeJsValue(value)}.`,
    );
  }
  return value;
}
