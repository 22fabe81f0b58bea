import { ConnectError } from "@tributary/api";
import type { Kafka, Message, Producer, TopicMessages, Transaction } from "kafkajs";
import type { KafkaProducer, MessageAck, OutgoingMessage, TransactionalProducer } from "../kafka-clients.js";
import type { ProducerSettings } from "./kafkajs-config.js";
import { toConnectError } from "./kafkajs-errors.js";
import { acksOf, stickyPartitioner, toKafkajsMessage } from "./kafkajs-messages.js";

/** The messages of one send, grouped by topic for kafkajs, and in their original order for the acks. */
function prepare(messages: readonly OutgoingMessage[]): { topicMessages: TopicMessages[]; sent: Message[] } {
  const now = String(Date.now());
  const byTopic = new Map<string, Message[]>();
  const sent: Message[] = new Array(messages.length);
  for (let i = 0; i < messages.length; i++) {
    const outgoing = messages[i] as OutgoingMessage;
    const message = toKafkajsMessage(outgoing, now);
    let list = byTopic.get(outgoing.topic);
    if (list === undefined) {
      list = [];
      byTopic.set(outgoing.topic, list);
    }
    list.push(message);
    sent[i] = message;
  }
  return { topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list })), sent };
}

/**
 * Messages per request at most. kafkajs groups a request's messages by partition in time quadratic in their number,
 * so a worker's batch of thousands goes faster as a few requests of a thousand (measured: about 25% more records/s
 * than 2,000 per request).
 */
const CHUNK_MESSAGES = 1000;

/** Bytes a record takes in a request besides its key, value and headers (an upper bound of the varint framing). */
const RECORD_OVERHEAD = 40;

/**
 * Cuts a send into requests of at most {@link CHUNK_MESSAGES} messages and about `maxBytes` bytes (Kafka's
 * `max.request.size`; kafkajs does not split requests, and the broker refuses one beyond its `message.max.bytes`).
 * A single message larger than `maxBytes` still goes alone, for the broker to accept or refuse.
 */
function* chunks(
  messages: readonly OutgoingMessage[],
  maxBytes: number,
): Generator<readonly OutgoingMessage[]> {
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i] as OutgoingMessage;
    let size = RECORD_OVERHEAD + (m.key?.byteLength ?? 0) + (m.value?.byteLength ?? 0);
    for (const h of m.headers) size += h.key.length * 3 + (h.value?.byteLength ?? 0) + 10;
    if (i > start && (i - start >= CHUNK_MESSAGES || bytes + size > maxBytes)) {
      yield messages.slice(start, i);
      start = i;
      bytes = 0;
    }
    bytes += size;
  }
  if (start < messages.length) yield start === 0 ? messages : messages.slice(start);
}

/** A kafkajs producer and the options of its sends; shared by the plain and the transactional producer. */
class ProducerCore {
  private round = 0;
  readonly producer: Producer;
  private connecting: Promise<void> | undefined;

  constructor(
    kafka: Kafka,
    readonly settings: ProducerSettings,
    transactionalId?: string,
  ) {
    this.producer = kafka.producer({
      ...settings.config,
      ...(transactionalId === undefined ? {} : { transactionalId, idempotent: true, maxInFlightRequests: 1 }),
      createPartitioner: stickyPartitioner(() => this.round),
    });
  }

  connect(): Promise<void> {
    this.connecting ??= this.producer.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw toConnectError(error, "Connecting the Kafka producer");
    });
    return this.connecting;
  }

  async send(
    messages: readonly OutgoingMessage[],
    via: Pick<Producer, "sendBatch"> | Transaction = this.producer,
  ): Promise<MessageAck[]> {
    if (messages.length === 0) return [];
    await this.connect();
    const acks: MessageAck[] = [];
    // One request per chunk, one after another, so the records of a partition keep their order.
    for (const chunk of chunks(messages, this.settings.maxRequestBytes)) {
      acks.push(...(await this.sendChunk(chunk, via)));
    }
    return acks;
  }

  private async sendChunk(
    messages: readonly OutgoingMessage[],
    via: Pick<Producer, "sendBatch"> | Transaction,
  ): Promise<MessageAck[]> {
    this.round = (this.round + 1) % 0x7fffffff;
    const { topicMessages, sent } = prepare(messages);
    const { acks, compression, timeout } = this.settings;
    try {
      const results = await via.sendBatch({
        topicMessages,
        acks,
        compression,
        ...(timeout === undefined ? {} : { timeout }),
      });
      return acksOf(messages, sent, results);
    } catch (error) {
      throw toConnectError(error, `Sending ${messages.length} record(s) to Kafka`);
    }
  }

  async disconnect(): Promise<void> {
    if (this.connecting === undefined) return;
    this.connecting = undefined;
    await this.producer.disconnect();
  }
}

/** {@link KafkaProducer} on kafkajs. */
export class KafkajsProducer implements KafkaProducer {
  private readonly core: ProducerCore;
  private closed = false;

  constructor(
    kafka: Kafka,
    settings: ProducerSettings,
    private readonly onClose: () => void,
  ) {
    this.core = new ProducerCore(kafka, settings);
  }

  send(messages: readonly OutgoingMessage[]): Promise<MessageAck[]> {
    if (this.closed)
      return Promise.reject(new ConnectError("This Kafka producer is closed: create a new one."));
    return this.core.send(messages);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
    await this.core.disconnect();
  }
}

/** {@link TransactionalProducer} on kafkajs. Create it with {@link KafkajsTransactionalProducer.create}. */
export class KafkajsTransactionalProducer implements TransactionalProducer {
  private transaction: Transaction | undefined;
  private closed = false;

  private constructor(
    private readonly core: ProducerCore,
    readonly transactionalId: string,
    private readonly onClose: () => void,
  ) {}

  /**
   * Connects and initialises transactions for `transactionalId`, which fences an older producer with the same id
   * and aborts its open transaction. kafkajs initialises lazily, on the first transaction, so an empty one is begun
   * and aborted here.
   */
  static async create(
    kafka: Kafka,
    settings: ProducerSettings,
    transactionalId: string,
    onClose: () => void,
  ): Promise<KafkajsTransactionalProducer> {
    const core = new ProducerCore(kafka, settings, transactionalId);
    try {
      await core.connect();
      const transaction = await core.producer.transaction();
      await transaction.abort();
    } catch (error) {
      await core.disconnect().catch(() => {});
      onClose();
      throw toConnectError(error, `Initialising transactions for transactional.id ${transactionalId}`);
    }
    return new KafkajsTransactionalProducer(core, transactionalId, onClose);
  }

  private open(doing: string): Transaction {
    if (this.closed)
      throw new ConnectError(
        `${doing} failed: the transactional producer ${this.transactionalId} is closed.`,
      );
    if (this.transaction === undefined) {
      throw new ConnectError(`${doing} failed: no transaction is open; call begin() first.`);
    }
    return this.transaction;
  }

  async begin(): Promise<void> {
    if (this.closed) throw new ConnectError(`The transactional producer ${this.transactionalId} is closed.`);
    if (this.transaction !== undefined) {
      throw new ConnectError(
        `A transaction of ${this.transactionalId} is already open: commit or abort it before beginning another.`,
      );
    }
    try {
      this.transaction = await this.core.producer.transaction();
    } catch (error) {
      throw toConnectError(error, `Beginning a transaction of ${this.transactionalId}`);
    }
  }

  send(messages: readonly OutgoingMessage[]): Promise<MessageAck[]> {
    try {
      return this.core.send(messages, this.open("Sending in a transaction"));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async commit(): Promise<void> {
    const transaction = this.open("Committing a transaction");
    this.transaction = undefined;
    try {
      await transaction.commit();
    } catch (error) {
      throw toConnectError(error, `Committing a transaction of ${this.transactionalId}`);
    }
  }

  async abort(): Promise<void> {
    const transaction = this.open("Aborting a transaction");
    this.transaction = undefined;
    try {
      await transaction.abort();
    } catch (error) {
      throw toConnectError(error, `Aborting a transaction of ${this.transactionalId}`);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    const transaction = this.transaction;
    this.transaction = undefined;
    this.closed = true;
    this.onClose();
    // A fenced or broken producer cannot abort; the broker aborts the transaction when it times out.
    if (transaction?.isActive()) await transaction.abort().catch(() => {});
    await this.core.disconnect();
  }
}
