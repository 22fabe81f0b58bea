import { type SourcePartition, serializeOffsetKey } from "@tributary/api";

/**
 * Turns a source task's partitions into offset keys (`["<connector>",{<partition>}]`), remembering the last one:
 * tasks mostly emit runs of records of one partition, so most records cost a comparison instead of a serialisation.
 * @internal
 */
export class SourcePartitionKeys {
  readonly #connector: string;
  #lastPartition: SourcePartition | undefined;
  #lastKey = "";

  constructor(connector: string) {
    this.#connector = connector;
  }

  /** The offset key of `partition` for this connector. */
  keyOf(partition: SourcePartition): string {
    const last = this.#lastPartition;
    if (last !== partition && (last === undefined || !shallowEqual(last, partition))) {
      this.#lastKey = serializeOffsetKey(this.#connector, partition);
    }
    this.#lastPartition = partition;
    return this.#lastKey;
  }
}

function shallowEqual(a: SourcePartition, b: SourcePartition): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}
