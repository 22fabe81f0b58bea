import { Buffer } from "node:buffer";
import {
  ConnectError,
  IllegalWorkerStateError,
  type OffsetBackingStore,
  parseOffsetKey,
  serializeOffsetKey,
} from "@tributary/api";
import type { Logger } from "../logging/logger.js";
import type { IncomingMessage, KafkaClients, KafkaProducer, OutgoingMessage } from "./kafka-clients.js";

/** Where a {@link KafkaOffsetBackingStore} keeps offsets and how it creates its topic when it is missing. */
export interface KafkaOffsetBackingStoreOptions {
  /** The clients of the worker. The store makes its own producer and closes it on `stop()`. */
  readonly clients: KafkaClients;
  /** The offsets topic (`offset.storage.topic`). */
  readonly topic: string;
  /** Partitions of the topic when the store creates it (`offset.storage.partitions`, Kafka's default 25). */
  readonly partitions?: number;
  /**
   * Replicas of the topic when the store creates it (`offset.storage.replication.factor`, Kafka's default 3); -1
   * takes the broker's default.
   */
  readonly replicationFactor?: number;
  /**
   * `read_committed` (the default) skips offsets of open and aborted transactions, as exactly-once sources need;
   * it also reads everything a non-transactional producer wrote.
   */
  readonly isolationLevel?: "read_committed" | "read_uncommitted";
  readonly logger?: Logger;
}

const utf8 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");

/**
 * The messages that write offsets to the offsets topic in Kafka Connect's format: the key's and value's JSON text
 * as UTF-8, a null value for a deleted key, partitioned by key as Java's producer does. An exactly-once source task
 * sends them through its transactional producer in the same transaction as its records, then tells the store with
 * {@link KafkaOffsetBackingStore.recordCommitted} once the transaction is committed.
 */
export function offsetMessages(
  topic: string,
  entries: ReadonlyMap<string, string | null>,
): OutgoingMessage[] {
  const messages: OutgoingMessage[] = [];
  for (const [key, value] of entries) {
    messages.push({
      topic,
      key: Buffer.from(key, "utf8"),
      value: value === null ? null : Buffer.from(value, "utf8"),
      headers: [],
    });
  }
  return messages;
}

/** The key as Tributary writes it (properties sorted), or undefined when it is not a well-formed offset key. */
function canonicalKey(key: string): string | undefined {
  try {
    const { connector, partition } = parseOffsetKey(key);
    return serializeOffsetKey(connector, partition);
  } catch {
    return undefined;
  }
}

/**
 * An {@link OffsetBackingStore} on a compacted Kafka topic in Kafka Connect's offsets-topic format (key
 * `["<connector>",{<partition>}]`, value the offset's JSON or null), so that Kafka Connect's own workers and tools
 * read what it writes and it reads what they wrote.
 *
 * `start()` creates the topic when it is missing (compacted, with the configured partitions and replicas) and reads
 * it to its end into memory; `get` answers from memory; `set` writes through an idempotent producer with acks=all
 * and updates memory once every record is acknowledged.
 *
 * Keys match exactly, as the contract says, with one addition for keys another writer (a Java worker) wrote with
 * their partition's properties in another order: a key in Tributary's sorted form (as `serializeOffsetKey` writes
 * it) answers with the NEWEST write of any spelling of the same connector and partition, tombstones included. So
 * after Java, Tributary, then Java again wrote a partition's offset, Tributary resumes from Java's second offset,
 * and a Java tombstone written after Tributary's entry deletes it. Two spellings land in different partitions of the
 * topic, so "newest" is decided by the records' timestamps (the writers' clocks, or the broker's under
 * `message.timestamp.type=LogAppendTime`). `keys()` lists each such partition once, under the spelling of its newest
 * write.
 *
 * Unlike the file store, a batch that spans several topic partitions is not atomic across a crash: some of its
 * offsets may be written and others not, exactly as with Kafka Connect's own store. Each offset is complete on its
 * own, so a source resumes from a valid (if older) position for each of its partitions.
 */
export class KafkaOffsetBackingStore implements OffsetBackingStore {
  readonly #options: KafkaOffsetBackingStoreOptions;
  readonly #data = new Map<string, string>();
  /**
   * Sorted form of a key → the other spelling whose write (value or tombstone) is the newest (see `#newest`), newer
   * than any write of the sorted form itself. Absent when the sorted form's own entry is the newest.
   */
  readonly #aliases = new Map<string, string>();
  /** Sorted form of a key read from the topic → the timestamp of the newest write of any of its spellings. */
  readonly #newest = new Map<string, number>();
  #producer: KafkaProducer | undefined;
  #queue: Promise<void> = Promise.resolve();

  constructor(options: KafkaOffsetBackingStoreOptions) {
    this.#options = options;
  }

  /** The offsets topic's name. */
  get topic(): string {
    return this.#options.topic;
  }

  async start(): Promise<void> {
    if (this.#producer !== undefined) return;
    const { clients, topic } = this.#options;
    const admin = clients.admin();
    try {
      await admin.createTopics([
        {
          name: topic,
          partitions: this.#options.partitions ?? 25,
          replicationFactor: this.#options.replicationFactor ?? 3,
          configs: { "cleanup.policy": "compact" },
        },
      ]);
    } catch (error) {
      throw new ConnectError(
        `Cannot create the offsets topic ${topic}: ${(error as Error).message}. Create it (compacted) yourself, or check offset.storage.replication.factor against the number of brokers.`,
        { cause: error },
      );
    } finally {
      await admin.close();
    }
    this.#data.clear();
    this.#aliases.clear();
    this.#newest.clear();
    await clients.readTopicToEnd(topic, (messages) => this.#apply(messages), {
      isolationLevel: this.#options.isolationLevel ?? "read_committed",
    });
    this.#options.logger?.debug({ topic, offsets: this.#data.size }, "Read the offsets topic to its end.");
    this.#producer = clients.producer({ clientId: `tributary-offsets-${topic}` });
  }

  #apply(messages: readonly IncomingMessage[]): void {
    for (const message of messages) {
      if (message.key === null) continue;
      const key = utf8(message.key);
      const value = message.value === null ? null : utf8(message.value);
      this.#put(key, value);
      const canonical = canonicalKey(key);
      if (canonical === undefined) continue;
      // The last write wins across spellings, a tombstone as much as an offset. Two spellings hash to different
      // topic partitions, which are read in no set order, so "last" is by timestamp; on a tie the one read last wins,
      // which within one topic partition is the later offset.
      const newest = this.#newest.get(canonical);
      if (newest !== undefined && message.timestamp < newest) continue;
      this.#newest.set(canonical, message.timestamp);
      if (canonical === key) this.#aliases.delete(canonical);
      else this.#aliases.set(canonical, key);
    }
  }

  #put(key: string, value: string | null): void {
    if (value === null) this.#data.delete(key);
    else this.#data.set(key, value);
  }

  async stop(): Promise<void> {
    const producer = this.#producer;
    if (producer === undefined) return;
    this.#producer = undefined;
    await this.#queue;
    await producer.close();
  }

  #requireStarted(operation: string): KafkaProducer {
    if (this.#producer === undefined) {
      throw new IllegalWorkerStateError(
        `Cannot ${operation} offsets: the KafkaOffsetBackingStore of topic ${this.#options.topic} is not started; call start() first.`,
      );
    }
    return this.#producer;
  }

  async get(keys: Iterable<string>): Promise<Map<string, string>> {
    this.#requireStarted("get");
    const result = new Map<string, string>();
    for (const key of keys) {
      const value = this.#data.get(this.#aliases.get(key) ?? key);
      if (value !== undefined) result.set(key, value);
    }
    return result;
  }

  /**
   * Every key the store holds now, so that a worker can list a connector's offsets without knowing its partitions.
   * A partition written under several spellings is listed once, under the spelling of its newest write.
   * @throws IllegalWorkerStateError when the store is not started.
   */
  async keys(): Promise<string[]> {
    this.#requireStarted("list");
    const listed: string[] = [];
    for (const key of this.#data.keys()) {
      const canonical = canonicalKey(key);
      if (canonical === undefined) {
        listed.push(key);
        continue;
      }
      const newest = this.#aliases.get(canonical) ?? (this.#data.has(canonical) ? canonical : key);
      if (newest === key) listed.push(key);
    }
    return listed;
  }

  set(entries: ReadonlyMap<string, string | null>): Promise<void> {
    try {
      const producer = this.#requireStarted("set");
      const batch = new Map(entries);
      for (const [key, value] of batch) {
        if (typeof key !== "string" || (value !== null && typeof value !== "string")) {
          throw new ConnectError("Offsets must be set as text keys with text or null values.");
        }
      }
      const run = this.#queue.then(async () => {
        if (batch.size > 0) await producer.send(offsetMessages(this.#options.topic, batch));
        this.recordCommitted(batch);
      });
      this.#queue = run.catch(() => undefined);
      return run;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Makes `get` see offsets that were written to the topic by someone else's producer, namely an exactly-once task's
   * transaction (see {@link offsetMessages}), once that transaction is committed.
   */
  recordCommitted(entries: ReadonlyMap<string, string | null>): void {
    for (const [key, value] of entries) {
      this.#put(key, value);
      // A write in sorted form is now the newest of its partition (aliases are keyed by sorted forms only, so other
      // spellings delete nothing and keep matching exactly: Tributary itself writes only the sorted form).
      this.#aliases.delete(key);
    }
  }
}
