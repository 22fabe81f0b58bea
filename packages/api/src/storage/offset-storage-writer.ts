import { ConnectError, IllegalWorkerStateError } from "../errors/connect-error.js";
import type { OffsetBackingStore } from "./offset-backing-store.js";
import { serializeOffsetKey } from "./offset-key.js";
import { serializeOffsetValue } from "./offset-value.js";
import type { SourceOffset, SourcePartition } from "./source-offset.js";

/**
 * Buffers the newest source offset of each partition of one connector and flushes them to an
 * {@link OffsetBackingStore} in batches, one flush at a time.
 *
 * A flush has two steps, so the worker can do work between them: {@link OffsetStorageWriter.beginFlush} takes a
 * snapshot of the offsets recorded so far, and {@link OffsetStorageWriter.doFlush} writes that snapshot as one
 * batch. Offsets recorded after the snapshot go into the next flush. When the write fails, or the flush is
 * abandoned with {@link OffsetStorageWriter.cancelFlush}, the snapshot returns to the buffer under any newer
 * offsets, so nothing is lost and the next flush writes it again.
 *
 * `offset()` may be called at any time, also while a flush is in progress; the flush calls come from one place
 * (the worker's commit loop) and must not overlap.
 *
 * @example
 * ```ts
 * const writer = new OffsetStorageWriter(store, "file-source");
 * writer.offset({ filename: "a.txt" }, { position: 30 });
 * if (writer.beginFlush()) await writer.doFlush();
 * ```
 */
export class OffsetStorageWriter {
  readonly #store: OffsetBackingStore;
  readonly #connector: string;
  /** Offsets recorded since the last snapshot, by serialised key; a `null` value deletes the stored offset. */
  #buffer = new Map<string, string | null>();
  /** The snapshot of the flush in progress; undefined when there is none. */
  #snapshot: ReadonlyMap<string, string | null> | undefined;
  #writing = false;
  /** Changes whenever a flush ends, so a write that completes after its flush was cancelled changes nothing. */
  #flushId = 0;

  /**
   * @param store the worker's offset store; it must be started before a flush is written.
   * @param connector the name of the connector whose offsets this writer records.
   */
  constructor(store: OffsetBackingStore, connector: string) {
    this.#store = store;
    this.#connector = connector;
  }

  /** Whether a flush has begun and has not yet finished or been cancelled. */
  get flushing(): boolean {
    return this.#snapshot !== undefined;
  }

  /**
   * Records the newest offset of a source partition, replacing any recorded before; `null` deletes the stored
   * offset at the next flush. Both objects are serialised at once, so changing them afterwards has no effect.
   * @throws DataError when the partition or offset is not a plain object of primitives.
   */
  offset(partition: SourcePartition, offset: SourceOffset | null): void {
    const key = serializeOffsetKey(this.#connector, partition);
    this.#buffer.set(key, serializeOffsetValue(offset));
  }

  /**
   * Starts a flush by taking a snapshot of the recorded offsets; call {@link OffsetStorageWriter.doFlush} next when
   * it returns true.
   * @returns false when nothing was recorded since the last flush, so there is nothing to write.
   * @throws IllegalWorkerStateError when a flush is already in progress.
   */
  beginFlush(): boolean {
    if (this.#snapshot !== undefined) {
      throw new IllegalWorkerStateError(
        `Cannot begin a flush of the offsets of connector ${JSON.stringify(this.#connector)}: the previous flush ` +
          "is still in progress. Wait for its doFlush() to settle, or call cancelFlush() to abandon it.",
      );
    }
    if (this.#buffer.size === 0) return false;
    this.#snapshot = this.#buffer;
    this.#buffer = new Map();
    return true;
  }

  /**
   * Writes the snapshot taken by {@link OffsetStorageWriter.beginFlush} to the store as one batch. When the write
   * fails, the snapshot returns to the buffer (under newer offsets) before the returned promise rejects.
   * @throws IllegalWorkerStateError when no flush has begun or this flush is already being written.
   * @throws ConnectError (rejects) with the store's error when the write fails.
   */
  async doFlush(): Promise<void> {
    const snapshot = this.#snapshot;
    if (snapshot === undefined || this.#writing) {
      throw new IllegalWorkerStateError(
        `Cannot write a flush of the offsets of connector ${JSON.stringify(this.#connector)}: ` +
          (snapshot === undefined
            ? "no flush has begun. Call beginFlush() first, and doFlush() only when it returned true."
            : "doFlush() was already called for this flush."),
      );
    }
    this.#writing = true;
    const flushId = this.#flushId;
    try {
      await this.#store.set(snapshot);
    } catch (error) {
      if (flushId === this.#flushId) this.cancelFlush();
      if (ConnectError.isConnectError(error)) throw error;
      throw new ConnectError(
        `Could not flush ${snapshot.size} offsets of connector ${JSON.stringify(this.#connector)}: ` +
          `${(error as Error).message}. They are kept and written again by the next flush.`,
        { cause: error },
      );
    }
    if (flushId === this.#flushId) this.#endFlush();
  }

  /**
   * Abandons the flush in progress, for example when something between `beginFlush()` and `doFlush()` failed or
   * the write took too long: the snapshot returns to the buffer under any offsets recorded since. If its write is
   * still running and later completes, it changes nothing here. Does nothing when no flush is in progress.
   */
  cancelFlush(): void {
    const snapshot = this.#snapshot;
    if (snapshot === undefined) return;
    const merged = new Map(snapshot);
    for (const [key, value] of this.#buffer) merged.set(key, value);
    this.#buffer = merged;
    this.#endFlush();
  }

  #endFlush(): void {
    this.#snapshot = undefined;
    this.#writing = false;
    this.#flushId++;
  }
}
