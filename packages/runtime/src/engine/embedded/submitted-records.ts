import type { SourceOffset, SourcePartition, SourceRecord } from "@tributary/api";

/** One polled record whose delivery is pending. */
export interface SubmittedRecord {
  /** The record, until it is acknowledged (then dropped, so memory does not hold delivered records). */
  record: SourceRecord | null;
  readonly offset: SourceOffset;
  acked: boolean;
  /** @internal The queue of its source partition. */
  readonly queue: PartitionQueue;
}

interface PartitionQueue {
  readonly key: string;
  readonly partition: SourcePartition;
  /** Records in poll order from `head` on whose delivery is not settled yet, oldest first. */
  records: SubmittedRecord[];
  head: number;
  /** The newest offset all of whose earlier records are settled, not yet taken for a flush. */
  committable: SourceOffset | undefined;
}

/**
 * Tracks a source task's polled records per source partition, so that the offset committed for a partition is always
 * the newest one whose earlier records have all been delivered (or dropped): a slow record holds back the commit of
 * the records polled after it, never the other way round.
 *
 * Settled records are forgotten as soon as every record before them is settled too, so memory holds only records
 * still on their way, however long the offset flush interval.
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
      queue = { key, partition: record.sourcePartition, records: [], head: 0, committable: undefined };
      this.#queues.set(key, queue);
    }
    const submitted: SubmittedRecord = { record, offset: record.sourceOffset, acked: false, queue };
    queue.records.push(submitted);
    this.#pending++;
    return submitted;
  }

  /** Marks a record delivered and advances its partition's committable offset; acknowledging twice is harmless. */
  ack(submitted: SubmittedRecord): void {
    if (submitted.acked) return;
    submitted.acked = true;
    submitted.record = null;
    this.#pending--;
    const queue = submitted.queue;
    let head = queue.head;
    const records = queue.records;
    while (head < records.length && (records[head] as SubmittedRecord).acked) {
      queue.committable = (records[head] as SubmittedRecord).offset;
      head++;
    }
    if (head === records.length) {
      queue.records = [];
      queue.head = 0;
    } else if (head > 1024 && head * 2 > records.length) {
      queue.records = records.slice(head);
      queue.head = 0;
    } else {
      queue.head = head;
    }
  }

  /** Takes, per source partition, the newest offset whose records up to it are all acknowledged. */
  takeCommittable(): Array<{ partition: SourcePartition; offset: SourceOffset }> {
    const result: Array<{ partition: SourcePartition; offset: SourceOffset }> = [];
    for (const [key, queue] of this.#queues) {
      if (queue.committable !== undefined) {
        result.push({ partition: queue.partition, offset: queue.committable });
        queue.committable = undefined;
      }
      if (queue.records.length === 0) this.#queues.delete(key);
    }
    return result;
  }
}
