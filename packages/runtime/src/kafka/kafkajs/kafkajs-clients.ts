import { Kafka } from "kafkajs";
import type { WorkerConfig } from "../../config/worker-config.js";
import type { Logger } from "../../logging/logger.js";
import type {
  ClientOptions,
  ConsumerOptions,
  GroupConsumer,
  IncomingMessage,
  KafkaAdmin,
  KafkaClients,
  KafkaProducer,
  TransactionalProducer,
} from "../kafka-clients.js";
import { KafkajsAdmin } from "./kafkajs-admin.js";
import {
  type ClientKind,
  consumerSettings,
  kafkaConfig,
  mergeClientProps,
  producerSettings,
} from "./kafkajs-config.js";
import { KafkajsConsumer } from "./kafkajs-consumer.js";
import { KAFKAJS_LOG_LEVEL, kafkajsLogCreator } from "./kafkajs-logger.js";
import { KafkajsProducer, KafkajsTransactionalProducer } from "./kafkajs-producer.js";
import { readTopicToEnd } from "./kafkajs-topic-reader.js";

/** Anything {@link KafkajsClients.close} must close. */
interface Closable {
  close(): Promise<void>;
}

/** {@link KafkaClients} on kafkajs: one kafkajs client per producer, consumer or admin, each with its own settings. */
class KafkajsClients implements KafkaClients {
  private readonly open = new Set<Closable>();
  /** Settings that were already warned about, so a worker with many tasks warns once per setting. */
  private readonly warned = new Set<string>();

  constructor(
    private readonly originals: Readonly<Record<string, string>>,
    private readonly logger: Logger,
  ) {}

  private onceLogger(): Logger {
    return {
      ...this.logger,
      warn: (fields, message) => {
        if (this.warned.has(message)) return;
        this.warned.add(message);
        this.logger.warn(fields, message);
      },
    };
  }

  private client(
    kind: ClientKind,
    options: ClientOptions | undefined,
  ): { kafka: Kafka; props: Record<string, string> } {
    const props = { ...mergeClientProps(this.originals, kind, options?.overrides, this.onceLogger()) };
    if (options?.clientId !== undefined) props["client.id"] = options.clientId;
    const kafka = new Kafka({
      ...kafkaConfig(props),
      logLevel: KAFKAJS_LOG_LEVEL,
      logCreator: kafkajsLogCreator(this.logger),
    });
    return { kafka, props };
  }

  private track<T extends Closable>(make: (untrack: () => void) => T): T {
    let made: T | undefined;
    const untrack = () => {
      if (made !== undefined) this.open.delete(made);
    };
    made = make(untrack);
    this.open.add(made);
    return made;
  }

  producer(options?: ClientOptions): KafkaProducer {
    const { kafka, props } = this.client("producer", options);
    const settings = producerSettings(props, false);
    return this.track((untrack) => new KafkajsProducer(kafka, settings, untrack));
  }

  async transactionalProducer(
    transactionalId: string,
    options?: ClientOptions,
  ): Promise<TransactionalProducer> {
    const { kafka, props } = this.client("producer", options);
    const settings = producerSettings(props, true);
    let untrack = () => {};
    const producer = await KafkajsTransactionalProducer.create(kafka, settings, transactionalId, () =>
      untrack(),
    );
    this.open.add(producer);
    untrack = () => this.open.delete(producer);
    return producer;
  }

  consumer(groupId: string, options?: ConsumerOptions): GroupConsumer {
    const { kafka, props } = this.client("consumer", options);
    const explicit: Parameters<typeof consumerSettings>[1] = {};
    if (options?.isolationLevel !== undefined) explicit.isolationLevel = options.isolationLevel;
    if (options?.autoOffsetReset !== undefined) explicit.autoOffsetReset = options.autoOffsetReset;
    const settings = consumerSettings(props, explicit, this.onceLogger());
    const concurrency = options?.partitionsConsumedConcurrently ?? 1;
    return this.track(
      (untrack) => new KafkajsConsumer(kafka, groupId, settings, concurrency, this.logger, untrack),
    );
  }

  async readTopicToEnd(
    topic: string,
    onMessages: (messages: readonly IncomingMessage[]) => void,
    options: {
      readonly isolationLevel?: "read_committed" | "read_uncommitted";
      readonly timeoutMs?: number;
    } = {},
  ): Promise<void> {
    const { kafka, props } = this.client("consumer", undefined);
    const isolationLevel =
      options.isolationLevel ??
      (props["isolation.level"] === "read_committed" ? "read_committed" : "read_uncommitted");
    await readTopicToEnd(kafka, topic, onMessages, { ...options, isolationLevel });
  }

  admin(options?: ClientOptions): KafkaAdmin {
    const { kafka } = this.client("admin", options);
    return this.track((untrack) => new KafkajsAdmin(kafka, untrack));
  }

  async close(): Promise<void> {
    const clients = [...this.open];
    this.open.clear();
    await Promise.allSettled(clients.map((client) => client.close()));
  }
}

/**
 * Kafka clients of one worker, on kafkajs: `bootstrap.servers` and the security settings from the worker's top
 * level, `producer.*` / `consumer.*` / `admin.*` for each kind of client, then per-client overrides. Settings kafkajs
 * has no equivalent for are logged once as ignored; values it cannot honour (a JKS keystore, snappy compression) are
 * refused with a `ConfigError` (from `@tributary/api`) when the client is made. kafkajs's own log lines go to `logger`.
 */
export function createKafkaClients(
  worker: WorkerConfig | Readonly<Record<string, string>>,
  logger: Logger,
): KafkaClients {
  const originals = "originals" in worker && typeof worker.originals === "object" ? worker.originals : worker;
  return new KafkajsClients(originals as Readonly<Record<string, string>>, logger);
}
