import { defineConfig, type HeaderConverter, Schema, type SchemaAndValue, Values } from "@tributary/api";

const NO_DATA: SchemaAndValue = Object.freeze({ schema: null, value: null });

/** The configuration of {@link SimpleHeaderConverter}: it has no keys. */
export const SimpleHeaderConverterConfig = defineConfig({});

/**
 * Kafka Connect's default header converter: writes each header value as the text `Values.convertToString` gives, in
 * UTF-8, and reads header bytes back with `Values.parseString`, which infers the schema from the text (`42` is an
 * INT8, `true` a BOOLEAN, `[1,2]` an ARRAY, anything else a STRING). Bytes the parser cannot handle read as BYTES,
 * unchanged. It has no configuration.
 */
export class SimpleHeaderConverter implements HeaderConverter {
  /** The definition of the converter's configuration: no keys. */
  config(): typeof SimpleHeaderConverterConfig {
    return SimpleHeaderConverterConfig;
  }

  /** Does nothing: the converter has no settings. */
  configure(_props: Readonly<Record<string, unknown>>): void {}

  /** Reads a header value by parsing its UTF-8 text; `null` bytes read as a `null` schema and value. */
  toConnectHeader(_topic: string, _headerKey: string, bytes: Uint8Array | null): SchemaAndValue {
    if (bytes === null || bytes === undefined) return NO_DATA;
    try {
      const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
      return Values.parseString(text);
    } catch {
      // As in Kafka: what cannot be parsed is kept, as raw bytes.
      return { schema: Schema.BYTES_SCHEMA, value: bytes };
    }
  }

  /**
   * Writes a header value as its text in UTF-8; `null` gives `null`.
   * @throws DataError when the value has no text form (see `Values.convertToString`).
   */
  fromConnectHeader(
    _topic: string,
    _headerKey: string,
    schema: Schema | null,
    value: unknown,
  ): Uint8Array | null {
    if (value === null || value === undefined) return null;
    const text = Values.convertToString(schema, value);
    return text === null ? null : Buffer.from(text, "utf8");
  }
}
