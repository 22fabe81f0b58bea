import { describeValue } from "../data/describe-value.js";
import { DataError } from "../errors/connect-error.js";
import { checkOffsetMap, parseJson, writeOffsetMap } from "./offset-json.js";
import type { SourceOffset } from "./source-offset.js";

/**
 * Serialises a source offset as a value of the offsets topic: compact JSON with sorted keys, or `null` (a
 * tombstone, which deletes the stored offset) for a `null` offset.
 *
 * @example
 * ```ts
 * serializeOffsetValue({ position: 30 }); // '{"position":30}'
 * ```
 * @throws DataError when `offset` is neither `null` nor a plain object of primitives.
 */
export function serializeOffsetValue(offset: SourceOffset | null): string | null {
  return offset === null ? null : writeOffsetMap(offset, "source offset");
}

/**
 * Parses a value of the offsets topic back into a source offset; the inverse of {@link serializeOffsetValue}.
 * `null` and the JSON text `null` both mean no offset. Integers beyond the safe range come back as bigints.
 *
 * @throws DataError when `value` is not JSON or not an object of primitives.
 */
export function parseOffsetValue(value: string | null): SourceOffset | null {
  if (value === null) return null;
  let parsed: unknown;
  try {
    parsed = parseJson(value);
  } catch (error) {
    throw new DataError(
      `Offset value ${describeValue(value)} is not valid JSON: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  if (parsed === null) return null;
  checkOffsetMap(parsed, "source offset", value);
  return parsed;
}
