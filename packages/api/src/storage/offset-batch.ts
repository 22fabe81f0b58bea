import { describeValue } from "../data/describe-value.js";
import { DataError } from "../errors/connect-error.js";

/**
 * Copies a batch given to `OffsetBackingStore.set`, checking that keys are strings and values strings or `null`,
 * so a caller changing its map afterwards cannot change what is written.
 * @throws DataError naming the first bad entry.
 * @internal
 */
export function copyBatch(
  entries: ReadonlyMap<string, string | null>,
): Array<readonly [string, string | null]> {
  const batch: Array<readonly [string, string | null]> = [];
  for (const [key, value] of entries as ReadonlyMap<unknown, unknown>) {
    if (typeof key !== "string") {
      throw new DataError(
        `An offset key must be a string, but got ${describeValue(key)}; use serializeOffsetKey.`,
      );
    }
    if (value !== null && typeof value !== "string") {
      throw new DataError(
        `The offset value of key ${key} must be a string or null, but got ${describeValue(value)}; ` +
          "use serializeOffsetValue.",
      );
    }
    batch.push([key, value]);
  }
  return batch;
}
