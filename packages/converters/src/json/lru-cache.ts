/**
 * A map that holds at most `capacity` entries and forgets the least recently used one to make room; a capacity of 0
 * caches nothing. Single-threaded, like everything in a converter.
 *
 * The most recent entry is remembered apart, so a stream of records with the same schema costs one comparison per
 * lookup instead of a reordering of the map.
 * @internal
 */
export class LruCache<K, V> {
  readonly capacity: number;
  readonly #entries = new Map<K, V>();
  #lastKey: K | undefined;
  #lastValue: V | undefined;

  constructor(capacity: number) {
    this.capacity = Math.max(0, Math.floor(capacity));
  }

  /** The number of cached entries. */
  get size(): number {
    return this.#entries.size;
  }

  /** The value cached for `key`, which becomes the most recently used; `undefined` when there is none. */
  get(key: K): V | undefined {
    if (this.#lastValue !== undefined && this.#lastKey === key) return this.#lastValue;
    const value = this.#entries.get(key);
    if (value !== undefined) this.#touch(key, value);
    return value;
  }

  /** The most recently used key, for callers that can compare a candidate more cheaply than hashing it. */
  get lastKey(): K | undefined {
    return this.#lastKey;
  }

  /** The value of {@link LruCache.lastKey}. */
  get lastValue(): V | undefined {
    return this.#lastValue;
  }

  /** Caches `value` under `key` as the most recently used entry, evicting the least recently used beyond capacity. */
  set(key: K, value: V): void {
    if (this.capacity === 0) return;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    this.#lastKey = key;
    this.#lastValue = value;
    if (this.#entries.size > this.capacity) {
      const eldest = this.#entries.keys().next().value as K;
      this.#entries.delete(eldest);
    }
  }

  #touch(key: K, value: V): void {
    // Map iteration follows insertion order, so re-inserting moves the entry to the young end.
    this.#entries.delete(key);
    this.#entries.set(key, value);
    this.#lastKey = key;
    this.#lastValue = value;
  }
}
