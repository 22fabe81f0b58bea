import type { SourceOffset, SourcePartition } from "./source-offset.js";

/**
 * How a source task reads the offsets stored for its connector, typically once in `start()` to resume where it
 * left off; obtained from the task's context.
 *
 * Each call reads the backing store afresh rather than a cache, so it returns what was last flushed, not offsets
 * still waiting for the next flush. Partitions are matched by content, not identity: `{ a: 1, b: 2 }` and
 * `{ b: 2, a: 1 }` are the same partition. Calls may run concurrently.
 *
 * @example
 * ```ts
 * const stored = await context.offsetStorageReader().offset({ filename: "a.txt" });
 * const position = stored === null ? 0 : Number(stored.position);
 * ```
 */
export interface OffsetStorageReader {
  /**
   * The stored offset of one source partition, or `null` when none is stored.
   * @throws DataError when `partition` is not a plain object of primitives or the stored offset cannot be read.
   */
  offset(partition: SourcePartition): Promise<SourceOffset | null>;

  /**
   * The stored offsets of several source partitions, keyed by the partition objects given (so `result.get(p)` works
   * for each `p` passed in); a partition with no stored offset maps to `null`.
   * @throws DataError when a partition is not a plain object of primitives or a stored offset cannot be read.
   */
  offsets<P extends SourcePartition>(partitions: Iterable<P>): Promise<Map<P, SourceOffset | null>>;
}
