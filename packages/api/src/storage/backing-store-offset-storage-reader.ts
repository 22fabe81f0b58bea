import { ConnectError, DataError } from "../errors/connect-error.js";
import type { OffsetBackingStore } from "./offset-backing-store.js";
import { serializeOffsetKey } from "./offset-key.js";
import type { OffsetStorageReader } from "./offset-storage-reader.js";
import { parseOffsetValue } from "./offset-value.js";
import type { SourceOffset, SourcePartition } from "./source-offset.js";

/**
 * The {@link OffsetStorageReader} a worker gives the tasks of one connector: it looks up the connector's keys in an
 * {@link OffsetBackingStore} and parses the values it finds.
 *
 * It keeps no state, so it may be used concurrently and for as long as the store is started.
 */
export class BackingStoreOffsetStorageReader implements OffsetStorageReader {
  readonly #store: OffsetBackingStore;
  readonly #connector: string;

  /**
   * @param store the worker's offset store; it must be started before offsets are read.
   * @param connector the name of the connector whose offsets this reader returns.
   */
  constructor(store: OffsetBackingStore, connector: string) {
    this.#store = store;
    this.#connector = connector;
  }

  async offset(partition: SourcePartition): Promise<SourceOffset | null> {
    return (await this.offsets([partition])).get(partition) ?? null;
  }

  async offsets<P extends SourcePartition>(partitions: Iterable<P>): Promise<Map<P, SourceOffset | null>> {
    const keyed = [...partitions].map(
      (partition) => [serializeOffsetKey(this.#connector, partition), partition] as const,
    );
    let stored: Map<string, string>;
    try {
      stored = await this.#store.get(new Set(keyed.map(([key]) => key)));
    } catch (error) {
      if (ConnectError.isConnectError(error)) throw error;
      throw new ConnectError(
        `Could not read the offsets of connector ${JSON.stringify(this.#connector)}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    const result = new Map<P, SourceOffset | null>();
    for (const [key, partition] of keyed) {
      try {
        result.set(partition, parseOffsetValue(stored.get(key) ?? null));
      } catch (error) {
        throw new DataError(
          `The stored offset of ${key} cannot be read: ${(error as Error).message} Correct or delete that offset ` +
            "(the connector must be stopped) so the task can start.",
          { cause: error },
        );
      }
    }
    return result;
  }
}
