import { Buffer } from "node:buffer";
import { randomBytes } from "node:crypto";
import { describe, inject } from "vitest";
import {
  createKafkaClients,
  type IncomingMessage,
  type KafkaClients,
  type KafkaHeader,
} from "../src/kafka/kafka-clients.js";
import { silentLogger } from "../src/logging/logger.js";

/**
 * What the runtime's Kafka integration tests share: the broker global-setup.ts made sure of, names no other test
 * uses, and produce / consume helpers on Tributary's own Kafka clients.
 */

/** The brokers as `host:port[,host:port]`, or "" when no broker is there (the tests then skip). */
export function kafkaBrokers(): string {
  return inject("kafkaBrokers");
}

/** `describe` when a broker is there, `describe.skip` otherwise (global-setup already said why, once). */
export function describeWithKafka(name: string, body: () => void): void {
  (kafkaBrokers() === "" ? describe.skip : describe)(name, body);
}

/** A topic, group or id name that no other test, run or leftover topic of a kept broker uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
}

/** Clients on the test broker with the given extra worker settings (such as `producer.linger.ms`). */
export function testClients(settings: Record<string, string> = {}): KafkaClients {
  return createKafkaClients({ "bootstrap.servers": kafkaBrokers(), ...settings }, silentLogger);
}

/** Creates a topic (broker defaults otherwise) and returns its name; pre-created topics avoid first-use retries. */
export async function createTestTopic(
  prefix: string,
  options: { partitions?: number; configs?: Record<string, string> } = {},
): Promise<string> {
  const name = uniqueName(prefix);
  const clients = testClients();
  try {
    await clients.admin().createTopics([
      {
        name,
        partitions: options.partitions ?? 1,
        replicationFactor: 1,
        ...(options.configs ? { configs: options.configs } : {}),
      },
    ]);
  } finally {
    await clients.close();
  }
  return name;
}

/** A message to produce: text or bytes as the value, with an optional key, partition and headers. */
export type TestMessage =
  | string
  | { key?: string | null; value: string | null; partition?: number; headers?: readonly KafkaHeader[] };

const bytes = (text: string | null | undefined) => (text == null ? null : Buffer.from(text, "utf8"));

/** Produces the messages to `topic` in one batch (acks=all) and waits for their acks. */
export async function produce(topic: string, messages: readonly TestMessage[]): Promise<void> {
  const clients = testClients();
  try {
    await clients.producer().send(
      messages.map((m) =>
        typeof m === "string"
          ? { topic, key: null, value: bytes(m), headers: [] }
          : {
              topic,
              key: bytes(m.key),
              value: bytes(m.value),
              headers: m.headers ?? [],
              ...(m.partition === undefined ? {} : { partition: m.partition }),
            },
      ),
    );
  } finally {
    await clients.close();
  }
}

/**
 * Reads `topic` from the beginning with a fresh consumer group until `count` messages arrived, then goes on reading
 * for `lingerMs` more (default 0) so that extra messages (duplicates) show up too; rejects when fewer than `count`
 * arrive within `timeoutMs` (30 s). `read_committed` by default, so open and aborted transactions are never seen.
 */
export async function consume(
  topic: string,
  options: {
    count: number;
    lingerMs?: number;
    timeoutMs?: number;
    isolationLevel?: "read_committed" | "read_uncommitted";
  },
): Promise<IncomingMessage[]> {
  const clients = testClients();
  const received: IncomingMessage[] = [];
  const consumer = clients.consumer(uniqueName("test-reader"), {
    autoOffsetReset: "earliest",
    isolationLevel: options.isolationLevel ?? "read_committed",
  });
  try {
    await consumer.subscribe([topic]);
    const timeoutMs = options.timeoutMs ?? 30_000;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `Read ${received.length} message(s) from ${topic} within ${timeoutMs} ms, wanted ${options.count}.`,
            ),
          ),
        timeoutMs,
      );
      const check = () => {
        if (received.length < options.count) return;
        clearTimeout(timer);
        setTimeout(resolve, options.lingerMs ?? 0);
      };
      consumer
        .run({
          onAssigned: () => {},
          onRevoked: () => {},
          onBatch: async (messages) => {
            received.push(...messages);
            check();
          },
          onError: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        })
        .then(check, reject);
    });
    return received;
  } finally {
    await clients.close();
  }
}

/** The value of a message as text, or null. */
export function text(message: IncomingMessage): string | null {
  return message.value === null ? null : Buffer.from(message.value).toString("utf8");
}
