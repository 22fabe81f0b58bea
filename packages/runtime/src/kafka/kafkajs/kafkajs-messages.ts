import { Buffer } from "node:buffer";
import type { IHeaders, KafkaMessage, Message, PartitionerArgs, RecordMetadata } from "kafkajs";
import { Partitioners } from "kafkajs";
import type { IncomingMessage, KafkaHeader, MessageAck, OutgoingMessage } from "../kafka-clients.js";

/** The partition the partitioner chose for a message, kept on it so that a retried send chooses the same one. */
const CHOSEN = Symbol("tributary.chosenPartition");

/** A kafkajs message that remembers its partition. */
type Chosen = Message & { [CHOSEN]?: number };

const EMPTY = Buffer.alloc(0);

/** Bytes as kafkajs needs them: a Buffer over the same memory (kafkajs turns anything else into a string). */
function asBuffer(bytes: Uint8Array | null): Buffer | null {
  if (bytes === null) return null;
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function toKafkajsHeaders(headers: readonly KafkaHeader[]): IHeaders | undefined {
  if (headers.length === 0) return undefined;
  const out: Record<string, Buffer | Buffer[]> = Object.create(null);
  for (const { key, value } of headers) {
    // kafkajs cannot write a null header value (it measures it as a string), so null goes out as empty bytes.
    const bytes = asBuffer(value) ?? EMPTY;
    const existing = out[key];
    if (existing === undefined) out[key] = bytes;
    else if (Array.isArray(existing)) existing.push(bytes);
    else out[key] = [existing, bytes];
  }
  return out;
}

/**
 * One outgoing message as a kafkajs message; a message without a timestamp gets `now` (the send's time as kafkajs's
 * decimal text, made once per send rather than once per record), so the ack can report it.
 */
export function toKafkajsMessage(message: OutgoingMessage, now: string): Message {
  const out: Message = {
    key: asBuffer(message.key),
    value: asBuffer(message.value),
    timestamp: typeof message.timestamp === "number" ? String(message.timestamp) : now,
  };
  if (message.partition !== undefined) out.partition = message.partition;
  const headers = toKafkajsHeaders(message.headers);
  if (headers !== undefined) out.headers = headers;
  return out;
}

/**
 * A partitioner: an explicit partition wins; a key picks its partition with Java's murmur2, as Kafka's producer does;
 * messages without a key stick to one partition per send (one request per batch instead of one per partition),
 * taking turns across sends. `round()` says which turn it is.
 */
export function stickyPartitioner(round: () => number): () => (args: PartitionerArgs) => number {
  return () => {
    const byKey = Partitioners.DefaultPartitioner();
    return (args) => {
      const message = args.message as Chosen;
      const chosen = message[CHOSEN];
      if (chosen !== undefined && chosen < args.partitionMetadata.length) return chosen;
      let partition: number;
      if (message.partition !== undefined || message.key != null) {
        partition = byKey(args);
      } else {
        const available = args.partitionMetadata.filter((p) => p.leader >= 0);
        const candidates = available.length > 0 ? available : args.partitionMetadata;
        partition = candidates[round() % candidates.length]?.partitionId ?? 0;
      }
      message[CHOSEN] = partition;
      return partition;
    };
  };
}

/**
 * The ack of each sent message, in order, from kafkajs's per-partition results: within a partition the messages were
 * written in the order given, from the partition's base offset on. `sent[i]` is `outgoing[i]` as handed to kafkajs.
 */
export function acksOf(
  outgoing: readonly OutgoingMessage[],
  sent: readonly Message[],
  results: RecordMetadata[],
): MessageAck[] {
  // topic → partition → the next offset to hand out and the broker's append time (-1 for CreateTime topics).
  const bases = new Map<string, Map<number, { next: bigint; appendTime: number }>>();
  for (const result of results) {
    let byPartition = bases.get(result.topicName);
    if (byPartition === undefined) {
      byPartition = new Map();
      bases.set(result.topicName, byPartition);
    }
    byPartition.set(result.partition, {
      next: BigInt(result.baseOffset ?? result.offset ?? "-1"),
      appendTime: result.logAppendTime === undefined ? -1 : Number(result.logAppendTime),
    });
  }
  const acks: MessageAck[] = new Array(sent.length);
  for (let i = 0; i < sent.length; i++) {
    const { topic } = outgoing[i] as OutgoingMessage;
    const message = sent[i] as Message;
    const partition = (message as Chosen)[CHOSEN] ?? message.partition ?? -1;
    const base = bases.get(topic)?.get(partition);
    let offset = -1n;
    if (base !== undefined && base.next >= 0n) offset = base.next++;
    const timestamp =
      base !== undefined && base.appendTime >= 0 ? base.appendTime : Number(message.timestamp);
    acks[i] = { topic, partition, offset, timestamp };
  }
  return acks;
}

/** The headers of every fetched message without any; shared, since incoming messages are never changed. */
const NO_HEADERS: readonly KafkaHeader[] = Object.freeze([]);

function fromKafkajsHeaders(headers: IHeaders | undefined): readonly KafkaHeader[] {
  // Most records carry no headers: kafkajs gives them an empty object, which needs no array of its own.
  let out: KafkaHeader[] | undefined;
  for (const key in headers) {
    const value = headers[key];
    const values = Array.isArray(value) ? value : [value];
    for (const one of values) {
      if (one === undefined) continue;
      out ??= [];
      out.push({ key, value: one === null ? null : typeof one === "string" ? Buffer.from(one) : one });
    }
  }
  return out ?? NO_HEADERS;
}

/** A fetched kafkajs message as an {@link IncomingMessage}. */
export function fromKafkajsMessage(topic: string, partition: number, message: KafkaMessage): IncomingMessage {
  return {
    topic,
    partition,
    offset: BigInt(message.offset),
    timestamp: Number(message.timestamp),
    timestampType: "CreateTime",
    key: message.key,
    value: message.value,
    headers: fromKafkajsHeaders(message.headers),
  };
}
