import { describeValue } from "../data/describe-value.js";
import { DataError } from "../errors/connect-error.js";
import { checkOffsetMap, parseJson, writeOffsetMap } from "./offset-json.js";
import type { SourcePartition } from "./source-offset.js";

/** A key of the offsets topic taken apart: which connector and which of its source partitions. */
export interface OffsetKey {
  /** The connector's name. */
  readonly connector: string;
  /** The source partition the offset belongs to. */
  readonly partition: SourcePartition;
}

/**
 * Serialises a (connector, source partition) pair as a key of the offsets topic: the compact JSON array
 * `["<connector>",{<partition>}]`.
 *
 * Lookups compare keys byte for byte, so the partition's properties are written sorted by their UTF-16 code units
 * (the order of `Array.prototype.sort`), whatever order the object was built in. Strings are escaped as
 * `JSON.stringify` escapes them; numbers are written as `JSON.stringify` writes them and bigints with every digit.
 * A key written by a Java worker matches when its properties happen to be in the same order and it has no
 * floating-point values with an integral value (Java writes `1.0` where JavaScript writes `1`).
 *
 * @example
 * ```ts
 * serializeOffsetKey("file-source", { filename: "a.txt" }); // '["file-source",{"filename":"a.txt"}]'
 * ```
 * @throws DataError when `connector` is not a string or `partition` is not a plain object of primitives.
 */
export function serializeOffsetKey(connector: string, partition: SourcePartition): string {
  if (typeof connector !== "string") {
    throw new DataError(`A connector name must be a string, but got ${describeValue(connector)}.`);
  }
  return `[${JSON.stringify(connector)},${writeOffsetMap(partition, "source partition")}]`;
}

/**
 * Parses a key of the offsets topic back into its connector name and source partition; the inverse of
 * {@link serializeOffsetKey}. Integers beyond the safe range come back as bigints.
 *
 * @throws DataError when `key` is not JSON of the form `["<connector>",{<partition>}]` with primitive values.
 */
export function parseOffsetKey(key: string): OffsetKey {
  let parsed: unknown;
  try {
    parsed = parseJson(key);
  } catch (error) {
    throw new DataError(`Offset key ${describeValue(key)} is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[0] !== "string") {
    throw new DataError(
      `Offset key ${describeValue(key)} is not of the form ["<connector>",{<partition>}]; ` +
        "offset keys must be written by serializeOffsetKey.",
    );
  }
  const [connector, partition] = parsed as [string, unknown];
  checkOffsetMap(partition, "source partition", key);
  return { connector, partition };
}
