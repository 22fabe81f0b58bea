/**
 * Where a worker keeps source offsets: a key-value store of the offsets topic's serialised keys and values, shared
 * by every connector of the worker.
 *
 * Keys and values are the JSON texts of the offsets topic: a key is `["<connector>",{<partition>}]` as
 * {@link serializeOffsetKey} writes it and a value is the offset as {@link serializeOffsetValue} writes it. The store
 * treats both as opaque strings and matches keys exactly, character for character, which for these well-formed
 * strings is the same as matching their UTF-8 bytes; it never parses or normalises them (a store may refuse text it
 * cannot persist, such as text that is not JSON, when it is set).
 *
 * Lifecycle: `start()` once before any other call; `get` and `set` only between `start()` and `stop()`, and
 * otherwise they reject with {@link IllegalWorkerStateError}. `stop()` waits for a `set` in progress, and the store
 * may be started again afterwards.
 *
 * Concurrency: `get` may be called at any time, also while a `set` is in progress, and sees the state before or after
 * a whole batch, never part of one. The {@link OffsetStorageWriter} of each connector issues one `set` at a time,
 * but several writers share a store, so a store applies concurrent `set` calls one after another in call order.
 */
export interface OffsetBackingStore {
  /**
   * Opens the store: reads what a durable store holds. Resolves once `get` and `set` may be called.
   * @throws ConnectError when the stored data cannot be read; the store stays stopped.
   */
  start(): Promise<void>;

  /** Closes the store after any `set` in progress has finished; calling it on a stopped store does nothing. */
  stop(): Promise<void>;

  /**
   * Looks up keys; the result has an entry for each key that holds a value and none for the others.
   * @throws IllegalWorkerStateError when the store is not started.
   */
  get(keys: Iterable<string>): Promise<Map<string, string>>;

  /**
   * Applies a batch atomically: every entry or none of them, also across a crash for a durable store. An entry
   * whose value is `null` deletes its key. Resolves once the batch is durable (for a durable store) and visible to
   * `get`. When it rejects, the batch was not applied, except that a durable store may have applied it whole when
   * only making it durable failed; setting the same batch again is always safe.
   * @throws IllegalWorkerStateError when the store is not started.
   */
  set(entries: ReadonlyMap<string, string | null>): Promise<void>;
}
