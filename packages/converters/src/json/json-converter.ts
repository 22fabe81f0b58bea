import {
  ConnectError,
  type Converter,
  type DataError,
  type HeaderConverter,
  type Headers,
  type Schema,
  type SchemaAndValue,
} from "@tributary/api";
import { withConverterType } from "../converter-config.js";
import { JsonConverterConfig, type JsonConverterConfigType } from "./json-converter-config.js";
import { compileDecoder, type JsonDecode, type JsonDecodeOptions } from "./json-decoder.js";
import { compileEncoder, type JsonEncode, type JsonEncodeOptions } from "./json-encoder.js";
import { JsonProblem } from "./json-problem.js";
import { CLOSE_BRACE, COLON, COMMA, JsonReader, LOWER_N, OPEN_BRACE, QUOTE } from "./json-reader.js";
import { readJsonSchema } from "./json-schema-reader.js";
import { writeJsonSchema } from "./json-schema-writer.js";
import { readSchemaless, writeSchemaless } from "./json-schemaless.js";
import { LruCache } from "./lru-cache.js";
import { OutputPool } from "./output-pool.js";
import { decodeUtf8Strict } from "./utf8.js";

/** A schema ready for writing: its envelope opening and its compiled payload encoder. */
interface SchemaWriter {
  readonly schema: Schema;
  /** The UTF-8 bytes of `{"schema":<the schema's JSON>,"payload":`. */
  readonly envelopeStart: Buffer;
  readonly encode: JsonEncode;
}

/** A schema read from an envelope, with its compiled payload decoder. */
interface SchemaReader {
  readonly schema: Schema | null;
  readonly decode: JsonDecode;
  /** The UTF-8 bytes of `{"schema":<this schema's text>,"payload":`, how Kafka starts every such message. */
  readonly envelopeStart?: Buffer;
}

const NO_DATA: SchemaAndValue = Object.freeze({ schema: null, value: null });
const SCHEMALESS: SchemaReader = Object.freeze({
  schema: null,
  decode: (reader: JsonReader) => readSchemaless(reader),
});
const SCHEMALESS_ENVELOPE_START = Buffer.from('{"schema":null,"payload":', "utf8");
const ENVELOPE_HINT =
  'With schemas.enable=true every message must be a JSON object with exactly two fields, "schema" and "payload"; to read plain JSON, set schemas.enable=false.';

/**
 * Converts Connect data to and from JSON exactly as Kafka Connect's `JsonConverter` does, byte for byte: with
 * `schemas.enable` (the default) each message is an envelope `{"schema":…,"payload":…}`, otherwise plain JSON.
 * It is also a {@link HeaderConverter}.
 *
 * Numbers stay exact: INT64 values beyond 2^53 and NUMERIC Decimals are read from their digits, never through a
 * float. Bytes that are not valid JSON, or whose payload does not fit its schema, throw a {@link DataError} naming
 * the topic, the place in the message, what was expected and what came.
 *
 * Call `configure` once before converting. An instance is meant for one task: it keeps a bounded cache of the
 * schemas it has seen, with a compiled reader or writer for each, so reuse the same `Schema` objects for speed.
 *
 * @example
 * ```ts
 * const converter = new JsonConverter();
 * converter.configure({ "decimal.format": "NUMERIC" }, false);
 * const bytes = converter.fromConnectData("orders", new Headers(), schema, order);
 * const { schema: readSchema, value } = converter.toConnectData("orders", new Headers(), bytes);
 * ```
 */
export class JsonConverter implements Converter, HeaderConverter {
  #config: JsonConverterConfigType | undefined;
  #encodeOptions: JsonEncodeOptions = { decimalFormat: "BASE64", replaceNullWithDefault: true };
  #decodeOptions: JsonDecodeOptions = { replaceNullWithDefault: true };
  #writers = new LruCache<Schema, SchemaWriter>(0);
  #readers = new LruCache<string, SchemaReader>(0);
  readonly #output = new OutputPool();

  /** The definition of the converter's configuration ({@link JsonConverterConfig}). */
  config(): typeof JsonConverterConfig {
    return JsonConverterConfig;
  }

  /**
   * Applies the configuration; `isKey` sets `converter.type` (a header converter is configured without it and with
   * `converter.type=header` in `props`). Calling it again starts afresh, with empty caches.
   * @throws ConfigError listing every invalid key.
   */
  configure(props: Readonly<Record<string, unknown>>, isKey?: boolean): void {
    const config = JsonConverterConfig.parse(withConverterType(props, isKey));
    this.#config = config;
    const replaceNullWithDefault = config["replace.null.with.default"];
    this.#encodeOptions = { decimalFormat: config["decimal.format"], replaceNullWithDefault };
    this.#decodeOptions = { replaceNullWithDefault };
    this.#writers = new LruCache(config["schemas.cache.size"]);
    this.#readers = new LruCache(config["schemas.cache.size"]);
  }

  /**
   * Writes `value` of `schema` as JSON; a `null` schema with a `null` value gives `null` (a tombstone), while a
   * schema with a `null` value gives `{"schema":…,"payload":null}` (or the schema's default).
   * @throws DataError when the value does not fit the schema, or has no schema and no JSON form (a Struct).
   */
  fromConnectData(
    topic: string,
    _headers: Headers,
    schema: Schema | null,
    value: unknown,
  ): Uint8Array | null {
    return this.#write(topic, schema, value);
  }

  /**
   * Reads JSON bytes; `null` bytes (a tombstone) read as a `null` schema and value.
   * @throws DataError when the bytes are not JSON, lack the envelope while schemas are enabled, or do not fit
   * their schema.
   */
  toConnectData(topic: string, _headers: Headers, bytes: Uint8Array | null): SchemaAndValue {
    return this.#read(topic, bytes);
  }

  /** Writes a header value as {@link JsonConverter.fromConnectData} writes a record value. */
  fromConnectHeader(
    topic: string,
    _headerKey: string,
    schema: Schema | null,
    value: unknown,
  ): Uint8Array | null {
    return this.#write(topic, schema, value);
  }

  /** Reads a header value as {@link JsonConverter.toConnectData} reads a record value. */
  toConnectHeader(topic: string, _headerKey: string, bytes: Uint8Array | null): SchemaAndValue {
    return this.#read(topic, bytes);
  }

  /** Drops the schema caches. */
  close(): void {
    this.#writers = new LruCache(0);
    this.#readers = new LruCache(0);
  }

  #configured(): JsonConverterConfigType {
    if (this.#config === undefined) {
      throw new ConnectError("JsonConverter has not been configured: call configure(props, isKey) first.");
    }
    return this.#config;
  }

  #write(topic: string, schema: Schema | null, value: unknown): Uint8Array | null {
    const config = this.#configured();
    if (schema === null && (value === null || value === undefined)) return null;
    const envelope = config["schemas.enable"];
    let payload: string;
    let writer: SchemaWriter | undefined;
    try {
      if (schema === null) payload = writeSchemaless(value);
      else {
        writer = this.#writerFor(schema);
        payload = writer.encode(value);
      }
    } catch (error) {
      throw failure(error, `write JSON for topic ${JSON.stringify(topic)}`, config["converter.type"]);
    }
    const payloadLength = Buffer.byteLength(payload, "utf8");
    if (!envelope) {
      const out = this.#output.take(payloadLength);
      out.write(payload, 0, "utf8");
      return out;
    }
    const start = writer === undefined ? SCHEMALESS_ENVELOPE_START : writer.envelopeStart;
    // The envelope's start is encoded once per schema; only the payload is encoded for each record.
    const out = this.#output.take(start.length + payloadLength + 1);
    out.set(start, 0);
    out.write(payload, start.length, "utf8");
    out[out.length - 1] = 0x7d; // }
    return out;
  }

  #writerFor(schema: Schema): SchemaWriter {
    const cached = this.#writers.get(schema);
    if (cached !== undefined) return cached;
    // A connector that builds an equal schema for every record still gets the compiled writer: comparing costs
    // far less than compiling.
    const last = this.#writers.lastValue;
    if (last?.schema.equals(schema)) {
      this.#writers.set(schema, last);
      return last;
    }
    const options = this.#encodeOptions;
    const schemaJson = writeJsonSchema(schema, (inner, value) => compileEncoder(inner, options)(value));
    const writer: SchemaWriter = {
      schema,
      envelopeStart: Buffer.from(`{"schema":${schemaJson},"payload":`, "utf8"),
      encode: compileEncoder(schema, options),
    };
    this.#writers.set(schema, writer);
    return writer;
  }

  #read(topic: string, bytes: Uint8Array | null): SchemaAndValue {
    const config = this.#configured();
    if (bytes === null || bytes === undefined) return NO_DATA;
    const schemasEnabled = config["schemas.enable"];
    if (schemasEnabled) {
      const known = this.#readKnownEnvelope(bytes);
      if (known !== undefined) return known;
    }
    const action = `read JSON from topic ${JSON.stringify(topic)}`;
    const text = decodeUtf8Strict(bytes);
    if (text === undefined) {
      throw new JsonProblem("UTF-8 text", `${bytes.length} bytes that are not valid UTF-8`).toDataError(
        action,
        "",
      );
    }
    // Jackson skips a UTF-8 byte order mark.
    const reader = new JsonReader(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
    if (!schemasEnabled) {
      try {
        // Empty input has no value: Kafka reads it as null.
        if (reader.peek() === -1) return NO_DATA;
        const value = readSchemaless(reader);
        reader.finish();
        return { schema: null, value };
      } catch (error) {
        throw failure(error, action, config["converter.type"]);
      }
    }
    try {
      return this.#readEnvelope(reader);
    } catch (error) {
      const hint =
        error instanceof JsonProblem && error.expected.startsWith("an envelope") ? ENVELOPE_HINT : "";
      throw failure(error, action, "", hint);
    }
  }

  /**
   * Reads a message that starts with the same envelope bytes as the last schema read, as records of one topic do:
   * only the payload is decoded and parsed. Returns `undefined` when the message is not such a one, or is not valid;
   * the full path then reads it again and reports any problem with its place in the whole message.
   */
  #readKnownEnvelope(bytes: Uint8Array): SchemaAndValue | undefined {
    const last = this.#readers.lastValue;
    const start = last?.envelopeStart;
    if (last === undefined || start === undefined || bytes.length <= start.length) return undefined;
    if (start.compare(bytes, 0, start.length) !== 0) return undefined;
    const text = decodeUtf8Strict(bytes.subarray(start.length));
    if (text === undefined) return undefined;
    try {
      const reader = new JsonReader(text);
      const value = last.decode(reader);
      reader.expect(CLOSE_BRACE, "'}'");
      reader.finish();
      return { schema: last.schema, value };
    } catch {
      return undefined;
    }
  }

  #readEnvelope(reader: JsonReader): SchemaAndValue {
    if (reader.peek() !== OPEN_BRACE) throw envelopeProblem(reader);
    const envelopeStart = reader.pos;
    reader.pos++;
    let schemaReader: SchemaReader | undefined;
    let payloadStart = -1;
    let decodedWith: SchemaReader | undefined;
    let value: unknown;
    if (reader.peek() === CLOSE_BRACE) throw envelopeProblem(reader, envelopeStart);
    for (;;) {
      if (reader.peek() !== QUOTE) throw reader.problem("a string naming an object member");
      const memberStart = reader.pos;
      const member = reader.readString();
      reader.expect(COLON, "':' after an object member's name");
      if (member === "schema") {
        schemaReader = this.#schemaAt(reader);
      } else if (member === "payload") {
        reader.peek();
        payloadStart = reader.pos;
        if (schemaReader === undefined) reader.skipValue();
        else {
          // Kafka writes the schema first, so the payload is usually read in the same pass.
          value = decodePayload(schemaReader, reader);
          decodedWith = schemaReader;
        }
      } else {
        throw envelopeProblem(reader, memberStart, `a field named ${JSON.stringify(member)}`);
      }
      const next = reader.peek();
      reader.pos++;
      if (next === CLOSE_BRACE) break;
      if (next !== COMMA) {
        reader.pos--;
        throw reader.problem("',' or '}'");
      }
    }
    reader.finish();
    if (schemaReader === undefined || payloadStart < 0) {
      const missing = schemaReader === undefined ? "schema" : "payload";
      throw envelopeProblem(reader, envelopeStart, `an object without "${missing}"`);
    }
    if (decodedWith !== schemaReader) {
      value = decodePayload(schemaReader, new JsonReader(reader.text, payloadStart, reader.end));
    }
    return { schema: schemaReader.schema, value };
  }

  /** Reads the envelope's schema at the reader, from the cache when the same schema text was seen before. */
  #schemaAt(reader: JsonReader): SchemaReader {
    if (reader.peek() === LOWER_N) {
      reader.readLiteral("null");
      return SCHEMALESS;
    }
    const start = reader.pos;
    const text = reader.text;
    // The last schema's text is a complete JSON value, so if the input starts with it here, this schema is that one.
    const lastKey = this.#readers.lastKey;
    if (lastKey !== undefined && text.startsWith(lastKey, start)) {
      reader.pos = start + lastKey.length;
      return this.#readers.lastValue as SchemaReader;
    }
    reader.skipValue();
    const key = text.slice(start, reader.pos);
    const cached = this.#readers.get(key);
    if (cached !== undefined) return cached;
    let entry: SchemaReader;
    try {
      const schema = readJsonSchema(new JsonReader(text, start, reader.pos), this.#decodeOptions);
      entry =
        schema === null
          ? SCHEMALESS
          : {
              schema,
              decode: compileDecoder(schema, this.#decodeOptions),
              envelopeStart: Buffer.from(`{"schema":${key},"payload":`, "utf8"),
            };
    } catch (error) {
      throw JsonProblem.at(error, "schema");
    }
    this.#readers.set(key, entry);
    return entry;
  }
}

function decodePayload(schemaReader: SchemaReader, reader: JsonReader): unknown {
  try {
    return schemaReader.decode(reader);
  } catch (error) {
    throw JsonProblem.at(error, "payload");
  }
}

function envelopeProblem(reader: JsonReader, start = reader.pos, found?: string): JsonProblem {
  const expected = 'an envelope {"schema": …, "payload": …}';
  return found === undefined ? reader.mismatch(expected, start) : new JsonProblem(expected, found);
}

function failure(error: unknown, action: string, root: string, hint = ""): DataError {
  return JsonProblem.from(error).toDataError(action, root, hint);
}
