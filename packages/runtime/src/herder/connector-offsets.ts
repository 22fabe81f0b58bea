import {
  type OffsetBackingStore,
  type OffsetPrimitive,
  parseOffsetKey,
  parseOffsetValue,
  type SourceOffset,
  type SourcePartition,
  serializeOffsetKey,
  serializeOffsetValue,
  TopicPartition,
} from "@tributary/api";
import type { KafkaAdmin } from "../kafka/kafka-clients.js";
import { ConnectRestError } from "../rest/connect-rest-error.js";
import type { ConnectorOffset } from "./herder.js";

/** An offset store that can list its keys, which `GET /connectors/{name}/offsets` of a source needs. */
export interface ListableOffsetStore extends OffsetBackingStore {
  /** Every key the store holds. */
  keys(): Promise<Iterable<string>> | Iterable<string>;
}

/** The consumer group of a sink connector: `consumer.override.group.id`, else `connect-<name>`, as Kafka's. */
export function sinkGroupId(name: string, config: Readonly<Record<string, string>>): string {
  const override = config["consumer.override.group.id"]?.trim();
  return override === undefined || override === "" ? `connect-${name}` : override;
}

/** A source connector's stored offsets, as `{partition, offset}` entries, sorted by key. */
export async function readSourceOffsets(
  store: OffsetBackingStore,
  connector: string,
): Promise<ConnectorOffset[]> {
  const listable = store as Partial<ListableOffsetStore>;
  if (typeof listable.keys !== "function") {
    throw new ConnectRestError(
      500,
      "The worker's offset store cannot list the offsets it holds, so a source connector's offsets cannot be shown.",
    );
  }
  const mine = [...(await listable.keys.call(store))].filter((key) => keyConnector(key) === connector).sort();
  const values = await store.get(mine);
  const offsets: ConnectorOffset[] = [];
  for (const key of mine) {
    const offset = parseOffsetValue(values.get(key) ?? null);
    if (offset !== null) offsets.push({ partition: parseOffsetKey(key).partition, offset });
  }
  return offsets;
}

/** Writes (or, for `null`, removes) source offsets given as the REST API's `{partition, offset}` entries. */
export async function writeSourceOffsets(
  store: OffsetBackingStore,
  connector: string,
  offsets: ReadonlyMap<SourcePartition, SourceOffset | null>,
): Promise<void> {
  const batch = new Map<string, string | null>();
  for (const [partition, offset] of offsets) {
    batch.set(serializeOffsetKey(connector, partition), serializeOffsetValue(offset));
  }
  await store.set(batch);
}

/** The REST API's source offsets as the maps a source connector's `alterOffsets` takes. */
export function parseSourceOffsets(
  offsets: readonly ConnectorOffset[],
): Map<SourcePartition, SourceOffset | null> {
  const parsed = new Map<SourcePartition, SourceOffset | null>();
  for (const [index, entry] of offsets.entries()) {
    parsed.set(
      primitiveMap(entry.partition, `offsets[${index}].partition`),
      entry.offset === null ? null : primitiveMap(entry.offset, `offsets[${index}].offset`),
    );
  }
  return parsed;
}

/** A sink connector's committed offsets (of its consumer group), as `{kafka_topic, kafka_partition}` entries. */
export async function readSinkOffsets(admin: KafkaAdmin, groupId: string): Promise<ConnectorOffset[]> {
  const committed = await admin.groupOffsets(groupId);
  return [...committed]
    .sort(([a], [b]) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1))
    .map(([tp, offset]) => ({
      partition: { kafka_topic: tp.topic, kafka_partition: tp.partition },
      offset: { kafka_offset: offset },
    }));
}

/**
 * The REST API's sink offsets as the map a sink connector's `alterOffsets` takes: each partition must be
 * `{kafka_topic, kafka_partition}` and each offset `{kafka_offset}` (a non-negative integer) or `null`.
 * @throws ConnectRestError 400 naming the malformed entry.
 */
export function parseSinkOffsets(offsets: readonly ConnectorOffset[]): Map<TopicPartition, bigint | null> {
  const parsed = new Map<TopicPartition, bigint | null>();
  for (const [index, { partition, offset }] of offsets.entries()) {
    const topic = partition.kafka_topic;
    const number = partition.kafka_partition;
    if (typeof topic !== "string" || topic === "") {
      throw badOffsets(`offsets[${index}].partition needs "kafka_topic", a non-empty string`);
    }
    if (typeof number !== "number" || !Number.isInteger(number) || number < 0) {
      throw badOffsets(`offsets[${index}].partition needs "kafka_partition", a non-negative integer`);
    }
    let value: bigint | null = null;
    if (offset !== null) {
      const raw = offset.kafka_offset;
      if (!((typeof raw === "number" && Number.isInteger(raw)) || typeof raw === "bigint") || raw < 0) {
        throw badOffsets(`offsets[${index}].offset needs "kafka_offset", a non-negative integer, or null`);
      }
      value = BigInt(raw);
    }
    parsed.set(TopicPartition.of(topic, number), value);
  }
  return parsed;
}

/** Commits (or, for `null`, removes) a sink connector's consumer group offsets. */
export async function writeSinkOffsets(
  admin: KafkaAdmin,
  groupId: string,
  offsets: ReadonlyMap<TopicPartition, bigint | null>,
): Promise<void> {
  const altered = new Map<TopicPartition, bigint>();
  const removed: TopicPartition[] = [];
  for (const [tp, offset] of offsets) {
    if (offset === null) removed.push(tp);
    else altered.set(tp, offset);
  }
  if (altered.size > 0) await admin.alterGroupOffsets(groupId, altered);
  if (removed.length > 0) await admin.deleteGroupOffsets(groupId, removed);
}

function keyConnector(key: string): string | undefined {
  try {
    return parseOffsetKey(key).connector;
  } catch {
    return undefined; // a key another program wrote in another format is not any connector's
  }
}

function primitiveMap(value: unknown, where: string): Record<string, OffsetPrimitive> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw badOffsets(`${where} must be a JSON object`);
  }
  for (const [key, item] of Object.entries(value)) {
    const type = typeof item;
    if (
      !(item === null || type === "string" || type === "number" || type === "boolean" || type === "bigint")
    ) {
      throw badOffsets(
        `${where}.${key} must be a string, number, boolean or null, not ${JSON.stringify(item)}`,
      );
    }
  }
  return value as Record<string, OffsetPrimitive>;
}

function badOffsets(detail: string): ConnectRestError {
  return new ConnectRestError(400, `The offsets are malformed: ${detail}.`);
}
