import type { SourceOffset, SourcePartition, SourceRecord } from "@tributary/api";

/** One polled record whose delivery is pending; call `ack` once it is delivered or dropped. */
export interface SubmittedRecord {
  readonly record: SourceRecord;
  acked: boolean;
}

interface PartitionQueue {
  readonly partition: SourcePartition;
  /** Records in poll order whose delivery has not been settled, oldest first. */
  readonly records: SubmittedRecord[];
  /** The newest offset all of whose earlier records are settled, not yet taken for a flush. */
  committable: SourceOffset | undefined;
}

/**
 * Tracks a source task's polled records per source partition, so that the offset committed for a partition is always
 * the newest one whose earlier records have all been delivered (or dropped): a slow record holds back the commit of
 * the records polled after it, never the other way round.
 */
export class SubmittedRecords {
  readonly #queues = new Map<string, PartitionQueue>();
  #pending = 0;

  /** Records submitted and not yet acknowledged. */
  get pending(): number {
    return this.#pending;
  }

  /** Records a polled record; `key` identifies its source partition (the serialised offset key). */
  submit(key: string, record: SourceRecord): SubmittedRecord {
    let queue = this.#queues.get(key);
    if (queue === undefined) {
      queue = { partition: record.sourcePartition, records: [], committable: undefined };
      this.#queues.set(key, queue);
    }
    const submitted: SubmittedRecord = { record, acked: false };
    queue.records.push(submitted);
    this.#pending++;
    return submitted;
  }

  /** Marks a record delivered; acknowledging twice is harmless. */
  ack(record: SubmittedRecord): void {
    if (record.acked) return;
    record.acked = true;
    this.#pending--;
  }

  /**
   * Takes, per source partition, the newest offset whose records up to it are all acknowledged, and forgets those
   * records. Partitions with nothing new are left out.
   */
  takeCommittable(): Array<{ partition: SourcePartition; offset: SourceOffset }> {
    const result: Array<{ partition: SourcePartition; offset: SourceOffset }> = [];
    for (const [key, queue] of this.#queues) {
      let settled = 0;
      while (settled < queue.records.length && (queue.records[settled] as SubmittedRecord).acked) settled++;
      if (settled > 0) {
        queue.committable = (queue.records[settled - 1] as SubmittedRecord).record.sourceOffset;
        queue.records.splice(0, settled);
      }
      if (queue.committable !== undefined) {
        result.push({ partition: queue.partition, offset: queue.committable });
        queue.committable = undefined;
      }
      if (queue.records.length === 0) this.#queues.delete(key);
    }
    return result;
  }
}
