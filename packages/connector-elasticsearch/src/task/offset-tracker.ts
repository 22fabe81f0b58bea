import { type SinkRecord, TopicPartition } from "@tributary/api";

/** One record's place in its partition: its original offset, and whether it is written (or needs no writing). */
export interface OffsetSlot {
  /** The record's original Kafka offset. */
  readonly offset: bigint;
  /** True once the record is written, skipped or reported. */
  done: boolean;
}

interface PartitionState {
  /** Slots in the order records were put; those before `head` are done and dropped. */
  slots: OffsetSlot[];
  head: number;
  /** The highest offset put. */
  highest: bigint;
  /** False once a record came with an offset not above every earlier one (a redelivery). */
  ordered: boolean;
  /** `highest` and `ordered` before the last record was tracked, so that {@link OffsetTracker.untrack} can undo it. */
  previousHighest: bigint;
  previousOrdered: boolean;
}

/**
 * Tracks, per original topic-partition, which records are written, so that offsets are committed only up to the
 * first record not yet written: the committable offset of a partition is the lowest offset still unwritten, or the
 * highest offset put plus one when everything is written. Records are keyed by their original topic and partition,
 * so SMTs that rename topics (RegexRouter, TimestampRouter) do not matter.
 * @internal
 */
export class OffsetTracker {
  readonly #partitions = new Map<TopicPartition, PartitionState>();
  #lastTopic = "";
  #lastPartition = -1;
  #last: PartitionState | undefined;

  /** Starts tracking a record put to the task; mark the returned slot done once it is written. */
  track(record: SinkRecord): OffsetSlot {
    const state = this.#stateOf(record.originalTopic, record.originalKafkaPartition);
    const offset = record.originalKafkaOffset;
    state.previousHighest = state.highest;
    state.previousOrdered = state.ordered;
    if (offset <= state.highest) state.ordered = false;
    else state.highest = offset;
    const slot: OffsetSlot = { offset, done: false };
    state.slots.push(slot);
    return slot;
  }

  /**
   * Undoes {@link OffsetTracker.track} for `record`, the last record tracked in its partition, when it was not taken
   * after all (`put()` threw before handing it on, and the worker will deliver it again). Without this its slot
   * would stay unwritten for ever and hold every later commit of the partition back.
   */
  untrack(record: SinkRecord, slot: OffsetSlot): void {
    const state = this.#partitions.get(
      TopicPartition.of(record.originalTopic, record.originalKafkaPartition),
    );
    if (state === undefined || state.slots.at(-1) !== slot) return;
    state.slots.pop();
    state.highest = state.previousHighest;
    state.ordered = state.previousOrdered;
  }

  /**
   * The offsets safe to commit (Kafka's next offset to read) of the partitions in `partitions`, or of every tracked
   * partition when not given; partitions with no record put since they were opened are left out.
   */
  committable(partitions?: Iterable<TopicPartition>): Map<TopicPartition, bigint> {
    const result = new Map<TopicPartition, bigint>();
    const wanted = partitions === undefined ? this.#partitions.keys() : partitions;
    for (const partition of wanted) {
      const state = this.#partitions.get(partition);
      if (state === undefined || state.highest < 0n) continue;
      result.set(partition, committableOf(state));
    }
    return result;
  }

  /** Stops tracking `partitions`, which the task no longer has. */
  forget(partitions: Iterable<TopicPartition>): void {
    for (const partition of partitions) this.#partitions.delete(partition);
    this.#last = undefined;
    this.#lastPartition = -1;
  }

  #stateOf(topic: string, partition: number): PartitionState {
    if (this.#last !== undefined && partition === this.#lastPartition && topic === this.#lastTopic) {
      return this.#last;
    }
    const key = TopicPartition.of(topic, partition);
    let state = this.#partitions.get(key);
    if (state === undefined) {
      state = {
        slots: [],
        head: 0,
        highest: -1n,
        ordered: true,
        previousHighest: -1n,
        previousOrdered: true,
      };
      this.#partitions.set(key, state);
    }
    this.#lastTopic = topic;
    this.#lastPartition = partition;
    this.#last = state;
    return state;
  }
}

function committableOf(state: PartitionState): bigint {
  const { slots } = state;
  let head = state.head;
  while (head < slots.length && slots[head]!.done) head++;
  if (head === slots.length) {
    state.slots = [];
    state.head = 0;
    state.ordered = true;
    return state.highest + 1n;
  }
  // Drop the done prefix now and then, so the array does not grow without bound.
  if (head > 1024 && head * 2 > slots.length) {
    state.slots = slots.slice(head);
    head = 0;
  }
  state.head = head;
  if (state.ordered) return state.slots[head]!.offset;
  let lowest = state.slots[head]!.offset;
  for (let i = head + 1; i < state.slots.length; i++) {
    const slot = state.slots[i]!;
    if (!slot.done && slot.offset < lowest) lowest = slot.offset;
  }
  return lowest;
}
