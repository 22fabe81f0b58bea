import type { ConfigDef } from "../config/index.js";
import type { Schema } from "../data/schema.js";
import type { SchemaAndValue } from "../data/schema-and-value.js";
import type { Configurable } from "./configurable.js";

/**
 * Turns each record header's value into bytes for Kafka and back, as {@link Converter} does for keys and values.
 *
 * The worker creates one instance per task (`header.converter`) with `new` and no arguments, calls
 * {@link Configurable.configure} once, then the conversion methods for every header of every record of that task,
 * one at a time, and finally `close()`. `config()` may be called at any time, even on an instance never configured.
 */
export interface HeaderConverter extends Configurable {
  /**
   * Reads the raw value of the header `headerKey` of a record of `topic`; `null` bytes read as a `null` value.
   * @throws DataError when the bytes are not valid in this format.
   */
  toConnectHeader(topic: string, headerKey: string, bytes: Uint8Array | null): SchemaAndValue;

  /**
   * Serialises the value of the header `headerKey`, described by `schema` (`null` for schemaless); returns `null`
   * for a `null` value.
   * @throws DataError when the value cannot be written in this format.
   */
  fromConnectHeader(
    topic: string,
    headerKey: string,
    schema: Schema | null,
    value: unknown,
  ): Uint8Array | null;

  /** The definition of the header converter's configuration keys, for validation and the REST API. */
  config(): ConfigDef<unknown>;

  /** Releases what the converter holds; called once, when its task stops. */
  close?(): void | Promise<void>;
}
