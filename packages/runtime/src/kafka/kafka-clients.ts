/**
 * The runtime's own view of a Kafka client: a producer, a transactional producer, a consumer group member and an
 * admin client, with plain data types. The worker codes against these interfaces only; kafkajs is the one
 * implementation (`./kafkajs/`) and none of its types leave that folder, so the client can be swapped without
 * touching the worker.
 *
 * Offsets are `bigint` (Kafka's are 64-bit); timestamps are milliseconds since the epoch as `number`.
 */
import type { TopicPartition } from "@tributary/api";

/**
 * One record header. Kafka allows several headers with the same key, and a null value; the kafkajs client writes a
 * null value as empty bytes (it cannot write Kafka's null header value), and reads a null value as null.
 */
export interface KafkaHeader {
  readonly key: string;
  readonly value: Uint8Array | null;
}

/** A record to produce. Without `partition`, the key decides it (murmur2 as Java does), or any for a null key. */
export interface OutgoingMessage {
  readonly topic: string;
  readonly partition?: number;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers: readonly KafkaHeader[];
  /** Milliseconds since the epoch; the producer's clock when absent. */
  readonly timestamp?: number;
}

/** Where the broker stored one produced record. */
export interface MessageAck {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
  /** The record's timestamp as sent, or the broker's append time for a LogAppendTime topic; -1 when unknown. */
  readonly timestamp: number;
}

/** A consumed record. */
export interface IncomingMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
  readonly timestamp: number;
  /**
   * How the timestamp was set. The kafkajs client does not report a batch's timestamp type, so it always says
   * `CreateTime` (for a LogAppendTime topic the timestamp itself is still the broker's append time).
   */
  readonly timestampType: "CreateTime" | "LogAppendTime";
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers: readonly KafkaHeader[];
}

/**
 * A producer with acks=all and idempotence on (unless `producer.*` settings say otherwise). `send` takes a whole
 * batch, which is how throughput is had: one call per batch, not per record.
 */
export interface KafkaProducer {
  /**
   * Sends the messages and resolves once every one is acknowledged, with one ack per message in the same order.
   * @throws ConnectError (retriable when Kafka's error is) when any message could not be written; some of the others
   * may have been written.
   */
  send(messages: readonly OutgoingMessage[]): Promise<MessageAck[]>;
  /** Disconnects after sends in progress have finished. Calling it twice does nothing. */
  close(): Promise<void>;
}

/**
 * A transactional producer (Kafka's exactly-once producer). It was created by
 * {@link KafkaClients.transactionalProducer}, which initialises transactions for its id and thereby fences any
 * older producer with the same `transactional.id`: that one's next send or commit fails.
 *
 * Use: `begin()`, any number of `send`s, then `commit()` or `abort()`; only one transaction at a time.
 */
export interface TransactionalProducer {
  readonly transactionalId: string;
  /** Starts a transaction. @throws ConnectError when one is already open. */
  begin(): Promise<void>;
  /** Sends within the open transaction. @throws ConnectError when none is open, or when this producer was fenced. */
  send(messages: readonly OutgoingMessage[]): Promise<MessageAck[]>;
  /**
   * Commits the open transaction: every message sent in it becomes visible to `read_committed` consumers at once.
   * @throws {@link ProducerFencedError} when a newer producer with the same id took over; nothing of the transaction is
   * committed and this producer is useless.
   */
  commit(): Promise<void>;
  /** Aborts the open transaction; its messages are never seen by `read_committed` consumers. */
  abort(): Promise<void>;
  /** Aborts an open transaction, then disconnects. Calling it twice does nothing. */
  close(): Promise<void>;
}

/** What a {@link GroupConsumer} calls while it runs. Each call is awaited before the next one is made. */
export interface GroupConsumerHandler {
  /** Partitions newly assigned to this member (only those that are new since the last assignment). */
  onAssigned(partitions: readonly TopicPartition[]): Promise<void> | void;
  /**
   * Partitions taken from this member at a rebalance, called before anything is fetched for the new assignment, so
   * a sink can close them and commit their offsets synchronously.
   */
  onRevoked(partitions: readonly TopicPartition[]): Promise<void> | void;
  /**
   * A whole fetched batch of one partition, in offset order (at most `max.poll.records` messages when that consumer
   * setting is given). Once it resolves, the consumer fetches on after the batch's last message, unless the handler
   * called `seek` for this partition. It may take a while (retries): the member keeps heartbeating meanwhile.
   * When it rejects, the consumer stops and `onError` is called.
   */
  onBatch(messages: readonly IncomingMessage[], partition: TopicPartition): Promise<void>;
  /** The consumer stopped for good because `onBatch` failed or the client gave up; it has been closed. */
  onError(error: Error): void;
}

/**
 * One member of a consumer group with manual commits only (auto commit is always off). Batches of different
 * partitions may be handled concurrently only when `partitionsConsumedConcurrently` > 1 (default 1).
 */
export interface GroupConsumer {
  /** Subscribes, before `run`: to these topics, or to every topic whose name the regex matches (whole name). */
  subscribe(topics: readonly string[] | RegExp): Promise<void>;
  /** Joins the group and starts fetching in the background; resolves once started, not once assigned. */
  run(handler: GroupConsumerHandler): Promise<void>;
  /**
   * Commits offsets for the group: for each partition, the offset of the next message to read (last read + 1).
   * @throws ConnectError when the commit failed (such as after a rebalance took the partition away).
   */
  commit(offsets: ReadonlyMap<TopicPartition, bigint>): Promise<void>;
  /** Makes the next fetch of an assigned partition start at `offset` (also from inside `onBatch`). */
  seek(partition: TopicPartition, offset: bigint): void;
  /** Stops fetching these partitions until `resume`; the assignment is kept. */
  pause(partitions: readonly TopicPartition[]): void;
  /** Fetches paused partitions again. */
  resume(partitions: readonly TopicPartition[]): void;
  /** The partitions assigned to this member now. */
  assignment(): readonly TopicPartition[];
  /** Leaves the group (calling `onRevoked` for the assignment first) and disconnects. Calling it twice does nothing. */
  close(): Promise<void>;
}

/** A topic to create. Unset numbers take the broker's defaults. */
export interface TopicSpec {
  readonly name: string;
  readonly partitions?: number;
  readonly replicationFactor?: number;
  /** Topic-level configs such as `cleanup.policy=compact`. */
  readonly configs?: Readonly<Record<string, string>>;
}

/** The cluster as the admin client sees it. */
export interface ClusterDescription {
  readonly clusterId: string;
  readonly controllerId: number | null;
  readonly brokers: readonly { readonly nodeId: number; readonly host: string; readonly port: number }[];
}

/** The offsets of one partition: the first still stored and the next to be written (the end). */
export interface PartitionOffsets {
  readonly partition: number;
  readonly low: bigint;
  readonly high: bigint;
}

/** The admin operations the worker needs. */
export interface KafkaAdmin {
  /**
   * Creates the topics that do not exist yet and resolves with the names it created; topics that already exist are
   * left as they are (not an error).
   */
  createTopics(specs: readonly TopicSpec[]): Promise<string[]>;
  /** Every topic name, internal ones included. */
  listTopics(): Promise<string[]>;
  /** The number of partitions of each existing topic of `topics`; missing topics have no entry. */
  partitionCounts(topics: readonly string[]): Promise<Map<string, number>>;
  describeCluster(): Promise<ClusterDescription>;
  /** The low and high offsets of every partition of a topic. */
  topicOffsets(topic: string): Promise<PartitionOffsets[]>;
  /** The committed offsets of a consumer group (next offset to read), for every partition it has committed. */
  groupOffsets(groupId: string): Promise<Map<TopicPartition, bigint>>;
  /** Sets a group's committed offsets; the group must have no active members. */
  alterGroupOffsets(groupId: string, offsets: ReadonlyMap<TopicPartition, bigint>): Promise<void>;
  /** Removes a group's committed offsets for these partitions; the group must have no active members. */
  deleteGroupOffsets(groupId: string, partitions: readonly TopicPartition[]): Promise<void>;
  /** Deletes consumer groups that have no active members; missing groups are ignored. */
  deleteGroups(groupIds: readonly string[]): Promise<void>;
  /** Deletes topics; missing topics are ignored. */
  deleteTopics(topics: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Per-client settings: Kafka client keys (as in `producer.*` without the prefix, or a connector's
 * `producer.override.*`) laid over the worker's, and a client id.
 */
export interface ClientOptions {
  /** Kafka's `client.id`, which the broker logs and quotas use. */
  readonly clientId?: string;
  /** Kafka client settings overriding the worker's (such as `acks`, `max.poll.records`), without any prefix. */
  readonly overrides?: Readonly<Record<string, string>>;
}

/** Settings of a consumer beyond {@link ClientOptions}. */
export interface ConsumerOptions extends ClientOptions {
  /** `read_committed` hides aborted and open transactions' messages; default `read_uncommitted` as Kafka. */
  readonly isolationLevel?: "read_committed" | "read_uncommitted";
  /** Where a partition without a committed offset starts: `earliest` (Kafka Connect's sink default) or `latest`. */
  readonly autoOffsetReset?: "earliest" | "latest";
  /** How many partitions' batches are handled at once (default 1). */
  readonly partitionsConsumedConcurrently?: number;
}

/**
 * The factory of Kafka clients of one worker: every client it makes connects to the worker's `bootstrap.servers`
 * with the worker's security settings and its `producer.*` / `consumer.*` / `admin.*` settings, overridden per client
 * by {@link ClientOptions.overrides}.
 */
export interface KafkaClients {
  /** A producer (acks=all, idempotent unless overridden). Connects lazily, on the first send. */
  producer(options?: ClientOptions): KafkaProducer;
  /**
   * A transactional producer with this `transactional.id`, connected, its transactions initialised: any older
   * producer with the same id is fenced once this resolves.
   */
  transactionalProducer(transactionalId: string, options?: ClientOptions): Promise<TransactionalProducer>;
  /** A member of consumer group `groupId`, not yet subscribed. */
  consumer(groupId: string, options?: ConsumerOptions): GroupConsumer;
  /**
   * Reads every partition of `topic` from its beginning up to its end as it is when called (the last stable offset
   * under `read_committed`, which skips open and aborted transactions), handing each fetched batch to `onMessages`
   * in offset order per partition, and resolves once all of it was handed over. For the worker's internal topics
   * (offsets, configs, status); it joins no lasting consumer group and commits nothing.
   * @throws ConnectError when the topic cannot be read within `timeoutMs` (default 60 s).
   */
  readTopicToEnd(
    topic: string,
    onMessages: (messages: readonly IncomingMessage[]) => void,
    options?: {
      readonly isolationLevel?: "read_committed" | "read_uncommitted";
      readonly timeoutMs?: number;
    },
  ): Promise<void>;
  /** An admin client. Connects lazily. */
  admin(options?: ClientOptions): KafkaAdmin;
  /** Closes every client made by this factory that is still open. */
  close(): Promise<void>;
}

export { createKafkaClients } from "./kafkajs/kafkajs-clients.js";
export { ProducerFencedError } from "./producer-fenced-error.js";
