import { IllegalWorkerStateError } from "../errors/connect-error.js";
import type { OffsetBackingStore } from "./offset-backing-store.js";
import { copyBatch } from "./offset-batch.js";

/**
 * An {@link OffsetBackingStore} that keeps offsets in memory only: they survive `stop()` and `start()` of the same
 * instance but not the process, which suits tests and connectors that do not need to resume.
 *
 * Each `set` is applied in one synchronous step, so a concurrent `get` sees the whole batch or none of it; batches
 * are applied in call order.
 */
export class MemoryOffsetBackingStore implements OffsetBackingStore {
  readonly #data = new Map<string, string>();
  #started = false;
  /** The last queued batch; each `set` waits for it, so batches apply in call order. */
  #queue: Promise<void> = Promise.resolve();

  async start(): Promise<void> {
    this.#started = true;
  }

  async stop(): Promise<void> {
    this.#started = false;
    await this.#queue;
  }

  async get(keys: Iterable<string>): Promise<Map<string, string>> {
    this.#requireStarted("get");
    const result = new Map<string, string>();
    for (const key of keys) {
      const value = this.#data.get(key);
      if (value !== undefined) result.set(key, value);
    }
    return result;
  }

  /**
   * Every key the store holds now, so that a worker can list a connector's offsets (`GET
   * /connectors/{name}/offsets`) without knowing its partitions.
   * @throws IllegalWorkerStateError when the store is not started.
   */
  async keys(): Promise<string[]> {
    this.#requireStarted("list");
    return [...this.#data.keys()];
  }

  set(entries: ReadonlyMap<string, string | null>): Promise<void> {
    try {
      this.#requireStarted("set");
      const batch = copyBatch(entries);
      const run = this.#queue.then(() => {
        for (const [key, value] of batch) {
          if (value === null) this.#data.delete(key);
          else this.#data.set(key, value);
        }
      });
      this.#queue = run.catch(() => undefined);
      return run;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #requireStarted(operation: string): void {
    if (!this.#started) {
      throw new IllegalWorkerStateError(
        `Cannot ${operation} offsets: the MemoryOffsetBackingStore is not started; call start() first.`,
      );
    }
  }
}
