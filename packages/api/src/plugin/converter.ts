import type { ConfigDef } from "../config/index.js";
import type { Schema } from "../data/schema.js";
import type { SchemaAndValue } from "../data/schema-and-value.js";
import type { Headers } from "../header/headers.js";

/**
 * Turns record keys or values into bytes for Kafka and back: the format layer between Connect data (a
 * {@link Schema} and a value) and what is stored in a topic, such as JSON with an embedded schema.
 *
 * The worker creates one instance per task and role (`key.converter`, `value.converter`) with `new` and no
 * arguments, calls {@link Converter.configure} once, then the conversion methods for each record of that task, one
 * at a time, and finally `close()`. `config()` may be called at any time, even on an instance never configured.
 * Conversions are synchronous: they are on every record's path.
 */
export interface Converter {
  /**
   * Applies the converter's configuration, with the role prefix removed (`value.converter.schemas.enable` arrives as
   * `schemas.enable`); `isKey` says whether it converts keys or values. Throw {@link ConfigError} for bad values.
   */
  configure(props: Readonly<Record<string, unknown>>, isKey: boolean): void;

  /**
   * Serialises `value`, described by `schema` (`null` for schemaless data), for `topic`. Returns `null` for a
   * tombstone where the format has one (usually for a `null` value). `headers` are the record's outgoing headers:
   * a converter may add to them (a schema id, say), and what it adds is written with the record.
   * @throws DataError when the value does not fit the schema or cannot be written in this format.
   */
  fromConnectData(topic: string, headers: Headers, schema: Schema | null, value: unknown): Uint8Array | null;

  /**
   * Reads bytes of `topic` back into a schema and value; `null` bytes (a tombstone) read as a `null` value. `headers`
   * are the record's headers as read, for formats that keep information there.
   * @throws DataError when the bytes are not valid in this format.
   */
  toConnectData(topic: string, headers: Headers, bytes: Uint8Array | null): SchemaAndValue;

  /** The definition of the converter's configuration keys, for validation and the REST API. */
  config(): ConfigDef<unknown>;

  /** Releases what the converter holds (caches, clients); called once, when its task stops. */
  close?(): void | Promise<void>;
}
