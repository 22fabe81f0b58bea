import { ConnectError, TopicPartition } from "@tributary/api";
import type { Consumer, EachBatchPayload, Kafka } from "kafkajs";
import type { Logger } from "../../logging/logger.js";
import type { GroupConsumer, GroupConsumerHandler, IncomingMessage } from "../kafka-clients.js";
import type { ConsumerSettings } from "./kafkajs-config.js";
import { toConnectError } from "./kafkajs-errors.js";
import { fromKafkajsMessage } from "./kafkajs-messages.js";

/** Partitions grouped by topic, as kafkajs's pause and resume take them. */
function byTopic(partitions: Iterable<TopicPartition>): { topic: string; partitions: number[] }[] {
  const grouped = new Map<string, number[]>();
  for (const { topic, partition } of partitions) {
    const list = grouped.get(topic);
    if (list === undefined) grouped.set(topic, [partition]);
    else list.push(partition);
  }
  return [...grouped].map(([topic, list]) => ({ topic, partitions: list }));
}

/**
 * {@link GroupConsumer} on kafkajs. kafkajs reports only the new assignment after each rebalance (its GROUP_JOIN
 * event), so the revoked and newly assigned partitions are the differences from the previous one; the handler hears
 * of them before any batch of the new assignment is handed to it.
 */
export class KafkajsConsumer implements GroupConsumer {
  private readonly consumer: Consumer;
  private readonly assigned = new Set<TopicPartition>();
  /** The assignment callbacks, in order; every batch waits for the ones scheduled before it. */
  private callbacks: Promise<void> = Promise.resolve();
  /** Partitions `seek`, `pause` or a failure touched while their batch was being handled. */
  private readonly interrupted = new Set<TopicPartition>();
  /** Partitions `seek` touched while their batch was being handled: where reading goes on is the handler's choice. */
  private readonly sought = new Set<TopicPartition>();
  private readonly inFlight = new Set<Promise<void>>();
  private handler: GroupConsumerHandler | undefined;
  private started = false;
  private stopping = false;
  private failed = false;
  private closing: Promise<void> | undefined;

  constructor(
    kafka: Kafka,
    readonly groupId: string,
    private readonly settings: ConsumerSettings,
    private readonly partitionsConsumedConcurrently: number,
    private readonly logger: Logger,
    private readonly onClose: () => void,
  ) {
    this.consumer = kafka.consumer({ ...settings.config, groupId });
  }

  async subscribe(topics: readonly string[] | RegExp): Promise<void> {
    // Kafka matches `topics.regex` against whole topic names; a JavaScript regex matches anywhere unless anchored.
    const list =
      topics instanceof RegExp
        ? [new RegExp(`^(?:${topics.source})$`, topics.flags.replace(/[gy]/g, ""))]
        : [...topics];
    // A topic that does not exist yet is created by the metadata request (allow.auto.create.topics), but kafkajs
    // fails that first request instead of waiting for the new topic's leader: try again for up to about 30 s.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.consumer.subscribe({ topics: list, fromBeginning: this.settings.fromBeginning });
        return;
      } catch (error) {
        const failure = toConnectError(
          error,
          `Subscribing consumer group ${this.groupId} to ${String(topics)}`,
        );
        if (!failure.retriable || attempt >= 20) throw failure;
        await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 100 * 2 ** attempt)));
      }
    }
  }

  async run(handler: GroupConsumerHandler): Promise<void> {
    if (this.started) throw new ConnectError(`The consumer of group ${this.groupId} is already running.`);
    this.started = true;
    this.handler = handler;
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => this.onJoin(payload.memberAssignment));
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) this.fail(payload.error);
    });
    try {
      await this.consumer.connect();
      await this.consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: true,
        partitionsConsumedConcurrently: this.partitionsConsumedConcurrently,
        eachBatch: (payload) => this.track(this.onBatch(payload)),
      });
    } catch (error) {
      throw toConnectError(error, `Starting the consumer of group ${this.groupId}`);
    }
  }

  private track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }

  private onJoin(memberAssignment: Record<string, number[]>): void {
    // A rebalance that finishes while closing would hand out partitions the handler already gave up.
    if (this.closing !== undefined) return;
    const now = new Set<TopicPartition>();
    for (const [topic, partitions] of Object.entries(memberAssignment)) {
      for (const partition of partitions) now.add(TopicPartition.of(topic, partition));
    }
    const revoked = [...this.assigned].filter((tp) => !now.has(tp));
    const added = [...now].filter((tp) => !this.assigned.has(tp));
    this.assigned.clear();
    for (const tp of now) this.assigned.add(tp);
    const handler = this.handler;
    if (handler === undefined || (revoked.length === 0 && added.length === 0)) return;
    this.callbacks = this.callbacks.then(async () => {
      if (this.failed) return;
      try {
        if (revoked.length > 0) await handler.onRevoked(revoked);
        if (added.length > 0) await handler.onAssigned(added);
      } catch (error) {
        this.fail(error);
      }
    });
  }

  private async onBatch({ batch, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    await this.callbacks;
    const handler = this.handler;
    const tp = TopicPartition.of(batch.topic, batch.partition);
    if (
      handler === undefined ||
      this.failed ||
      this.stopping ||
      !isRunning() ||
      isStale() ||
      !this.assigned.has(tp)
    ) {
      return;
    }
    if (batch.messages.length === 0) return;
    this.interrupted.delete(tp);
    this.sought.delete(tp);
    const interval = this.settings.config.heartbeatInterval ?? 3000;
    // A handler that retries for a while must not cost the member its place in the group.
    const beat = setInterval(() => heartbeat().catch(() => {}), interval);
    const size = this.settings.maxBatchRecords ?? batch.messages.length;
    try {
      for (let start = 0; start < batch.messages.length; start += size) {
        const end = Math.min(start + size, batch.messages.length);
        const messages: IncomingMessage[] = new Array(end - start);
        for (let i = start; i < end; i++) {
          messages[i - start] = fromKafkajsMessage(batch.topic, batch.partition, batch.messages[i] as never);
        }
        await handler.onBatch(messages, tp);
        if (this.interrupted.has(tp) || this.failed) {
          // kafkajs marks the whole batch read when it returns, so after a pause the rest of the batch must be
          // fetched again from the next chunk. A seek (the handler's, or one still pending in kafkajs: isStale) wins
          // over that: seeking to the next chunk after it would skip what the handler sought back to redo.
          const next = batch.messages[end]?.offset;
          if (next !== undefined && !this.sought.has(tp) && !isStale() && !this.failed)
            this.consumer.seek({ topic: tp.topic, partition: tp.partition, offset: next });
          break;
        }
      }
    } catch (error) {
      this.fail(error);
    } finally {
      clearInterval(beat);
    }
  }

  private fail(error: unknown): void {
    if (this.failed || this.closing !== undefined) return;
    this.failed = true;
    const reason = error instanceof Error ? error : new Error(String(error));
    // Stop fetching at once; closing waits for the batch in progress, which may be the one that failed.
    if (this.assigned.size > 0) this.consumer.pause(byTopic(this.assigned));
    setImmediate(() => {
      this.shutdown(false)
        .catch((closeError: unknown) =>
          this.logger.warn(
            { groupId: this.groupId, error: String(closeError) },
            "Closing a failed Kafka consumer failed.",
          ),
        )
        .finally(() => this.handler?.onError(reason));
    });
  }

  async commit(offsets: ReadonlyMap<TopicPartition, bigint>): Promise<void> {
    if (offsets.size === 0) return;
    const list = [...offsets].map(([{ topic, partition }, offset]) => ({
      topic,
      partition,
      offset: String(offset),
    }));
    try {
      await this.consumer.commitOffsets(list);
    } catch (error) {
      throw toConnectError(error, `Committing offsets of consumer group ${this.groupId}`);
    }
  }

  seek(partition: TopicPartition, offset: bigint): void {
    if (!this.started)
      throw new ConnectError(
        `Seeking ${partition.topic}-${partition.partition} before run() is not possible.`,
      );
    this.interrupted.add(partition);
    this.sought.add(partition);
    this.consumer.seek({ topic: partition.topic, partition: partition.partition, offset: String(offset) });
  }

  pause(partitions: readonly TopicPartition[]): void {
    if (partitions.length === 0) return;
    for (const tp of partitions) this.interrupted.add(tp);
    this.consumer.pause(byTopic(partitions));
  }

  resume(partitions: readonly TopicPartition[]): void {
    if (partitions.length === 0) return;
    this.consumer.resume(byTopic(partitions));
  }

  assignment(): readonly TopicPartition[] {
    return [...this.assigned];
  }

  close(): Promise<void> {
    return this.shutdown(true);
  }

  private shutdown(revoke: boolean): Promise<void> {
    this.closing ??= (async () => {
      this.stopping = true;
      this.onClose();
      if (this.started && this.assigned.size > 0) this.consumer.pause(byTopic(this.assigned));
      await Promise.allSettled([...this.inFlight]);
      await this.callbacks;
      // Still a member here, so the handler can commit the offsets of what it is giving up.
      if (revoke && this.handler !== undefined && this.assigned.size > 0 && !this.failed) {
        try {
          await this.handler.onRevoked([...this.assigned]);
        } catch (error) {
          this.logger.warn(
            { groupId: this.groupId, error: String(error) },
            "A consumer's revocation handler failed while closing.",
          );
        }
      }
      this.assigned.clear();
      await this.consumer.disconnect();
    })();
    return this.closing;
  }
}
