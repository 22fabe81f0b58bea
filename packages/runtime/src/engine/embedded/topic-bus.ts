import type { Header, Schema } from "@tributary/api";

/** Where a record was placed on the bus. */
export interface BusPlacement {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

/** Who is told when an entry is acknowledged: once every consumer that receives it has committed it. */
export interface BusEntryOwner {
  acknowledge(entry: BusEntry): void;
}

/**
 * One record on an in-memory topic partition, as a Kafka broker would hold it. The producer creates it with any
 * `offset` and `pendingConsumers`; {@link TopicBus.append} sets both. One object per record, on purpose: the
 * engine's throughput depends on allocating little per record.
 */
export interface BusEntry extends BusPlacement {
  readonly topic: string;
  readonly partition: number;
  /** The record's offset in its partition, counting from 0. */
  offset: number;
  readonly keySchema: Schema | null;
  readonly key: unknown;
  readonly valueSchema: Schema | null;
  readonly value: unknown;
  readonly timestamp: number | null;
  readonly headers: Iterable<Header>;
  /** Consumers that have yet to commit this entry. */
  pendingConsumers: number;
  /** Told when the entry is acknowledged. */
  readonly owner: BusEntryOwner;
  /** The owner's own reference for the entry (the source runner keeps its submitted record here). */
  readonly origin: unknown;
}

interface PartitionLog {
  readonly topic: string;
  readonly partition: number;
  /** Entries not yet fetched by every consumer; `entries[0]` has offset `baseOffset`. */
  entries: BusEntry[];
  baseOffset: number;
  nextOffset: number;
  readonly consumers: BusConsumer[];
}

/**
 * The in-memory stand-in for Kafka topics in the embedded engine: sources append records to topic partitions,
 * every subscribed consumer (a sink connector) reads each partition in order, and each record is acknowledged to its
 * source once every consumer has committed it.
 *
 * Memory is bounded: at most `capacity` records wait to be fetched; `append` waits until there is room, which is
 * how a slow sink slows its sources. Records no consumer subscribes to are acknowledged at once and not kept.
 * All methods run on the event loop; there is no concurrent access to guard against.
 */
export class TopicBus {
  readonly #capacity: number;
  readonly #logs = new Map<string, PartitionLog>();
  readonly #consumers: BusConsumer[] = [];
  #buffered = 0;
  #roomWaiters: Array<() => void> = [];
  #closed = false;

  /** @param capacity - the most records that may wait to be fetched before `append` blocks */
  constructor(capacity: number) {
    if (!(Number.isInteger(capacity) && capacity > 0)) {
      throw new RangeError(`The bus capacity must be a positive integer, got ${capacity}.`);
    }
    this.#capacity = capacity;
  }

  /** Records waiting to be fetched by at least one consumer. */
  get buffered(): number {
    return this.#buffered;
  }

  /**
   * Adds a consumer that receives every topic `subscribes` accepts, from the next record appended on. Consumers are
   * added before the sources start, so none misses a record.
   */
  subscribe(name: string, subscribes: (topic: string) => boolean): BusConsumer {
    const consumer = new BusConsumer(name, subscribes, this);
    this.#consumers.push(consumer);
    for (const log of this.#logs.values()) if (subscribes(log.topic)) this.#attach(consumer, log);
    return consumer;
  }

  /**
   * Appends entries in order, setting their offsets and waiting for room first when the bus is full. Resolves once
   * they are on the bus; their owners hear of them again when consumers have committed them.
   */
  async append(entries: readonly BusEntry[]): Promise<void> {
    for (const entry of entries) {
      while (this.#buffered >= this.#capacity && !this.#closed) {
        await new Promise<void>((resolve) => this.#roomWaiters.push(resolve));
      }
      const log = this.#log(entry.topic, entry.partition);
      entry.offset = log.nextOffset++;
      entry.pendingConsumers = log.consumers.length;
      if (log.consumers.length === 0) {
        entry.owner.acknowledge(entry);
        continue;
      }
      log.entries.push(entry);
      this.#buffered++;
      for (const consumer of log.consumers) consumer.notify();
    }
  }

  /** Wakes everything that waits on the bus; later appends no longer wait for room. */
  close(): void {
    this.#closed = true;
    this.#releaseRoom();
    for (const consumer of this.#consumers) consumer.notify();
  }

  /** @internal Partition logs a consumer reads. */
  logsOf(consumer: BusConsumer): PartitionLog[] {
    return [...this.#logs.values()].filter((log) => log.consumers.includes(consumer));
  }

  /** @internal Drops entries every consumer has fetched and makes room for waiting producers. */
  trim(log: PartitionLog): void {
    let lowest = log.nextOffset;
    for (const consumer of log.consumers) lowest = Math.min(lowest, consumer.position(log));
    const drop = lowest - log.baseOffset;
    if (drop <= 0) return;
    log.entries.splice(0, drop);
    log.baseOffset = lowest;
    this.#buffered -= drop;
    this.#releaseRoom();
  }

  #releaseRoom(): void {
    const waiters = this.#roomWaiters;
    this.#roomWaiters = [];
    for (const wake of waiters) wake();
  }

  #log(topic: string, partition: number): PartitionLog {
    const id = `${partition}:${topic}`;
    let log = this.#logs.get(id);
    if (log === undefined) {
      log = { topic, partition, entries: [], baseOffset: 0, nextOffset: 0, consumers: [] };
      this.#logs.set(id, log);
      for (const consumer of this.#consumers) if (consumer.subscribes(topic)) this.#attach(consumer, log);
    }
    return log;
  }

  #attach(consumer: BusConsumer, log: PartitionLog): void {
    log.consumers.push(consumer);
    consumer.assign(log);
  }
}

/** Where one consumer stands in one partition. */
interface ConsumerPartition {
  readonly log: PartitionLog;
  /** The next offset to fetch. */
  position: number;
  /** Fetched entries not yet committed, oldest first. */
  uncommitted: BusEntry[];
  /** Entries to serve again before `position`, after a seek backwards. */
  replay: BusEntry[];
  paused: boolean;
}

/**
 * One consumer's view of the bus: the partitions of its topics, a fetch position in each, and the entries it has
 * fetched but not committed (kept so it can seek back to them, as a sink task may after a failed write).
 */
export class BusConsumer {
  readonly name: string;
  readonly subscribes: (topic: string) => boolean;
  readonly #bus: TopicBus;
  readonly #partitions = new Map<PartitionLog, ConsumerPartition>();
  #newPartitions: Array<{ topic: string; partition: number }> = [];
  #waiters: Array<() => void> = [];
  #cursor = 0;

  /** @internal */
  constructor(name: string, subscribes: (topic: string) => boolean, bus: TopicBus) {
    this.name = name;
    this.subscribes = subscribes;
    this.#bus = bus;
  }

  /** @internal */
  assign(log: PartitionLog): void {
    this.#partitions.set(log, { log, position: log.nextOffset, uncommitted: [], replay: [], paused: false });
    this.#newPartitions.push({ topic: log.topic, partition: log.partition });
  }

  /** @internal */
  position(log: PartitionLog): number {
    return this.#partitions.get(log)?.position ?? log.nextOffset;
  }

  /** Partitions that appeared since the last call, so the sink task can `open()` them before their records arrive. */
  takeNewPartitions(): Array<{ topic: string; partition: number }> {
    const fresh = this.#newPartitions;
    this.#newPartitions = [];
    return fresh;
  }

  /**
   * Takes up to `max` entries, fairly across partitions, from the partitions `accept` allows that are not paused.
   * Returns an empty array when nothing is waiting.
   */
  fetch(max: number, accept: (topic: string, partition: number) => boolean = () => true): BusEntry[] {
    const states = [...this.#partitions.values()];
    const batch: BusEntry[] = [];
    for (let scanned = 0; scanned < states.length && batch.length < max; scanned++) {
      const state = states[(this.#cursor + scanned) % states.length] as ConsumerPartition;
      if (state.paused || !accept(state.log.topic, state.log.partition)) continue;
      const { log } = state;
      while (state.replay.length > 0 && batch.length < max) {
        const entry = state.replay.shift() as BusEntry;
        batch.push(entry);
        state.uncommitted.push(entry);
      }
      while (state.position < log.nextOffset && batch.length < max) {
        const entry = log.entries[state.position - log.baseOffset] as BusEntry;
        batch.push(entry);
        state.uncommitted.push(entry);
        state.position++;
      }
      this.#bus.trim(log);
    }
    this.#cursor = states.length === 0 ? 0 : (this.#cursor + 1) % states.length;
    return batch;
  }

  /**
   * Marks every entry of a partition below `offset` committed by this consumer, acknowledging entries that no other
   * consumer still holds. Committing backwards is ignored.
   */
  commit(topic: string, partition: number, offset: number): void {
    const state = this.#find(topic, partition);
    if (state === undefined) return;
    const { uncommitted } = state;
    let count = 0;
    while (count < uncommitted.length && (uncommitted[count] as BusEntry).offset < offset) {
      const entry = uncommitted[count] as BusEntry;
      entry.pendingConsumers--;
      if (entry.pendingConsumers === 0) entry.owner.acknowledge(entry);
      count++;
    }
    uncommitted.splice(0, count);
  }

  /**
   * Makes the next fetch of a partition start at `offset`. Going back is possible as far as the oldest uncommitted
   * entry (committed entries are gone); going forward skips entries, which then count as fetched. Returns false when
   * the offset is out of that range.
   */
  seek(topic: string, partition: number, offset: number): boolean {
    const state = this.#find(topic, partition);
    if (state === undefined) return false;
    const held = [...state.uncommitted, ...state.replay];
    const oldest = held[0]?.offset ?? state.position;
    if (offset < oldest || offset > state.log.nextOffset) return false;
    const { log } = state;
    state.uncommitted = held.filter((entry) => entry.offset < offset);
    state.replay = held.filter((entry) => entry.offset >= offset);
    while (state.position < offset) {
      state.uncommitted.push(log.entries[state.position - log.baseOffset] as BusEntry);
      state.position++;
    }
    this.#bus.trim(log);
    return true;
  }

  /** Pauses or resumes fetching from a partition. */
  setPaused(topic: string, partition: number, paused: boolean): void {
    const state = this.#find(topic, partition);
    if (state !== undefined) state.paused = paused;
  }

  /** Resolves when new entries may be waiting, or when {@link BusConsumer.notify} is called for another reason. */
  waitForData(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.#waiters.push(resolve);
    });
  }

  /** Wakes every pending {@link BusConsumer.waitForData}. */
  notify(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  /** True when none of the partitions `accept` allows has an entry left to fetch. */
  isCaughtUp(accept: (topic: string, partition: number) => boolean = () => true): boolean {
    for (const state of this.#partitions.values()) {
      if (!accept(state.log.topic, state.log.partition)) continue;
      if (state.replay.length > 0 || state.position < state.log.nextOffset) return false;
    }
    return true;
  }

  #find(topic: string, partition: number): ConsumerPartition | undefined {
    for (const state of this.#partitions.values()) {
      if (state.log.topic === topic && state.log.partition === partition) return state;
    }
    return undefined;
  }
}
