import { TopicPartition } from "@tributary/api";
import type { Admin, Kafka } from "kafkajs";
import type { ClusterDescription, KafkaAdmin, PartitionOffsets, TopicSpec } from "../kafka-clients.js";
import { toConnectError } from "./kafkajs-errors.js";

/** {@link KafkaAdmin} on kafkajs; connects on first use. */
export class KafkajsAdmin implements KafkaAdmin {
  private readonly admin: Admin;
  private connecting: Promise<void> | undefined;
  private closed = false;

  constructor(
    kafka: Kafka,
    private readonly onClose: () => void,
  ) {
    this.admin = kafka.admin();
  }

  private async use<T>(doing: string, work: (admin: Admin) => Promise<T>): Promise<T> {
    try {
      this.connecting ??= this.admin.connect().catch((error: unknown) => {
        this.connecting = undefined;
        throw error;
      });
      await this.connecting;
      return await work(this.admin);
    } catch (error) {
      throw toConnectError(error, doing);
    }
  }

  createTopics(specs: readonly TopicSpec[]): Promise<string[]> {
    return this.use(`Creating topics ${specs.map((s) => s.name).join(", ")}`, async (admin) => {
      const created: string[] = [];
      // One request per topic: kafkajs reports only whether any topic of a request was created.
      for (const spec of specs) {
        const request = {
          waitForLeaders: true,
          topics: [
            {
              topic: spec.name,
              numPartitions: spec.partitions ?? -1,
              replicationFactor: spec.replicationFactor ?? -1,
              configEntries: Object.entries(spec.configs ?? {}).map(([name, value]) => ({ name, value })),
            },
          ],
        };
        // kafkajs gives up waiting for a new topic's leaders with a retriable error when the broker is slow to
        // elect them (a broker that has just started); asking again finds the topic there.
        for (let attempt = 1; ; attempt++) {
          try {
            if (await admin.createTopics(request)) created.push(spec.name);
            break;
          } catch (error) {
            if ((error as { retriable?: boolean }).retriable !== true || attempt >= 5) throw error;
            await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
          }
        }
      }
      return created;
    });
  }

  listTopics(): Promise<string[]> {
    return this.use("Listing topics", (admin) => admin.listTopics());
  }

  partitionCounts(topics: readonly string[]): Promise<Map<string, number>> {
    return this.use(`Describing topics ${topics.join(", ")}`, async (admin) => {
      const existing = new Set(await admin.listTopics());
      const wanted = topics.filter((topic) => existing.has(topic));
      const counts = new Map<string, number>();
      if (wanted.length === 0) return counts;
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics: wanted });
      for (const topic of metadata) counts.set(topic.name, topic.partitions.length);
      return counts;
    });
  }

  describeCluster(): Promise<ClusterDescription> {
    return this.use("Describing the Kafka cluster", async (admin) => {
      const { brokers, controller, clusterId } = await admin.describeCluster();
      return {
        clusterId,
        controllerId: controller,
        brokers: brokers.map(({ nodeId, host, port }) => ({ nodeId, host, port })),
      };
    });
  }

  topicOffsets(topic: string): Promise<PartitionOffsets[]> {
    return this.use(`Reading the offsets of topic ${topic}`, async (admin) => {
      const offsets = await admin.fetchTopicOffsets(topic);
      return offsets
        .map(({ partition, low, high }) => ({ partition, low: BigInt(low), high: BigInt(high) }))
        .sort((a, b) => a.partition - b.partition);
    });
  }

  groupOffsets(groupId: string): Promise<Map<TopicPartition, bigint>> {
    return this.use(`Reading the committed offsets of consumer group ${groupId}`, async (admin) => {
      const result = new Map<TopicPartition, bigint>();
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
        for (const { partition, offset } of partitions) {
          if (BigInt(offset) >= 0n) result.set(TopicPartition.of(topic, partition), BigInt(offset));
        }
      }
      return result;
    });
  }

  alterGroupOffsets(groupId: string, offsets: ReadonlyMap<TopicPartition, bigint>): Promise<void> {
    return this.use(`Altering the committed offsets of consumer group ${groupId}`, async (admin) => {
      const byTopic = new Map<string, { partition: number; offset: string }[]>();
      for (const [{ topic, partition }, offset] of offsets) {
        const list = byTopic.get(topic) ?? [];
        list.push({ partition, offset: String(offset) });
        byTopic.set(topic, list);
      }
      for (const [topic, partitions] of byTopic) await admin.setOffsets({ groupId, topic, partitions });
    });
  }

  /**
   * kafkajs lacks Kafka's OffsetDelete request, so this deletes the group and commits the offsets it keeps again:
   * the same end state, for a group with no active members (which Kafka requires anyway).
   */
  async deleteGroupOffsets(groupId: string, partitions: readonly TopicPartition[]): Promise<void> {
    const current = await this.groupOffsets(groupId);
    const dropped = new Set(partitions);
    const kept = new Map([...current].filter(([tp]) => !dropped.has(tp)));
    if (kept.size === current.size) return;
    await this.deleteGroups([groupId]);
    if (kept.size > 0) await this.alterGroupOffsets(groupId, kept);
  }

  deleteGroups(groupIds: readonly string[]): Promise<void> {
    return this.use(`Deleting consumer groups ${groupIds.join(", ")}`, async (admin) => {
      // kafkajs retries a request naming a missing group for seconds, so only existing groups are named.
      const existing = new Set((await admin.listGroups()).groups.map((g) => g.groupId));
      const present = groupIds.filter((id) => existing.has(id));
      if (present.length > 0) await admin.deleteGroups(present);
    });
  }

  deleteTopics(topics: readonly string[]): Promise<void> {
    return this.use(`Deleting topics ${topics.join(", ")}`, async (admin) => {
      const existing = new Set(await admin.listTopics());
      const present = topics.filter((topic) => existing.has(topic));
      if (present.length > 0) await admin.deleteTopics({ topics: present });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
    if (this.connecting !== undefined) await this.admin.disconnect();
  }
}
