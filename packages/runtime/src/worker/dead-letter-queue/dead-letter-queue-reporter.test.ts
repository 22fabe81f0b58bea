import { Buffer } from "node:buffer";
import { DataError } from "@tributary/api";
import { describe, expect, it } from "vitest";
import type { ErrorContext } from "../../errors/error-reporter.js";
import type { KafkaProducer, MessageAck, OutgoingMessage } from "../../kafka/kafka-clients.js";
import { silentLogger } from "../../logging/logger.js";
import { MetricsRegistry } from "../../metrics/metrics-registry.js";
import { TaskErrorMetrics } from "../../metrics/task-error-metrics.js";
import { DEAD_LETTER_QUEUE_HEADERS } from "./dead-letter-queue-headers.js";
import { type ConsumedBytes, DeadLetterQueueReporter } from "./dead-letter-queue-reporter.js";

const consumed: ConsumedBytes = {
  topic: "orders",
  partition: 3,
  offset: 9007199254740993n,
  timestamp: 1_700_000_000_000,
  key: Buffer.from("k"),
  value: Buffer.from("{oops"),
  headers: [{ key: "trace", value: Buffer.from("abc") }],
};

function context(overrides: Partial<ErrorContext> = {}): ErrorContext {
  return {
    stage: "VALUE_CONVERTER",
    connector: "orders-sink",
    task: 2,
    executingClass: "org.apache.kafka.connect.json.JsonConverter",
    record: undefined,
    error: new DataError("Converting byte[] to Kafka Connect data failed due to serialization error"),
    attempts: 1,
    tolerated: true,
    ...overrides,
  };
}

function recordingProducer(fail = false): KafkaProducer & { sent: OutgoingMessage[] } {
  const sent: OutgoingMessage[] = [];
  return {
    sent,
    async send(messages: readonly OutgoingMessage[]): Promise<MessageAck[]> {
      if (fail) throw new Error("broker unreachable");
      sent.push(...messages);
      return messages.map((m, i) => ({ topic: m.topic, partition: 0, offset: BigInt(i), timestamp: -1 }));
    },
    async close() {},
  };
}

function reporter(producer: KafkaProducer, contextHeaders = true) {
  const registry = new MetricsRegistry();
  const metrics = new TaskErrorMetrics(registry, "orders-sink", 2);
  const dlq = new DeadLetterQueueReporter({
    settings: { topic: "orders-dlq", replicationFactor: 1, contextHeaders },
    producer,
    consumed: () => consumed,
    taskClassName: "OrdersSinkTask",
    metrics,
    logger: silentLogger,
  });
  const read = (name: string) =>
    registry.read("task-error-metrics", { connector: "orders-sink", task: "2" }, name);
  return { dlq, read };
}

const text = (value: Uint8Array | null) => (value === null ? null : Buffer.from(value).toString("utf8"));

describe("DeadLetterQueueReporter", () => {
  it("writes the consumed bytes with the original headers, then Kafka's context headers in Kafka's order", async () => {
    const producer = recordingProducer();
    const { dlq, read } = reporter(producer);
    await dlq.report(context());
    expect(producer.sent).toHaveLength(1);
    const [message] = producer.sent as [OutgoingMessage];
    expect(message).toMatchObject({ topic: "orders-dlq", timestamp: 1_700_000_000_000 });
    expect(text(message.key)).toBe("k");
    expect(text(message.value)).toBe("{oops");
    expect(message.headers.map((h) => [h.key, text(h.value)])).toEqual([
      ["trace", "abc"],
      [DEAD_LETTER_QUEUE_HEADERS.topic, "orders"],
      [DEAD_LETTER_QUEUE_HEADERS.partition, "3"],
      [DEAD_LETTER_QUEUE_HEADERS.offset, "9007199254740993"],
      [DEAD_LETTER_QUEUE_HEADERS.connectorName, "orders-sink"],
      [DEAD_LETTER_QUEUE_HEADERS.taskId, "2"],
      [DEAD_LETTER_QUEUE_HEADERS.stage, "VALUE_CONVERTER"],
      [DEAD_LETTER_QUEUE_HEADERS.className, "org.apache.kafka.connect.json.JsonConverter"],
      [DEAD_LETTER_QUEUE_HEADERS.exceptionClassName, "DataError"],
      [
        DEAD_LETTER_QUEUE_HEADERS.exceptionMessage,
        "Converting byte[] to Kafka Connect data failed due to serialization error",
      ],
      [
        DEAD_LETTER_QUEUE_HEADERS.exceptionStacktrace,
        expect.stringContaining("DataError: Converting byte[]"),
      ],
    ]);
    expect(read("deadletterqueue-produce-requests")).toBe(1);
  });

  it("names the task's class when the failure names none, and leaves context headers out unless enabled", async () => {
    const producer = recordingProducer();
    await reporter(producer).dlq.report(context({ stage: "TASK_PUT", executingClass: undefined }));
    const classHeader = producer.sent[0]?.headers.find((h) => h.key === DEAD_LETTER_QUEUE_HEADERS.className);
    expect(text(classHeader?.value ?? null)).toBe("OrdersSinkTask");

    const plain = recordingProducer();
    await reporter(plain, false).dlq.report(context());
    expect(plain.sent[0]?.headers.map((h) => h.key)).toEqual(["trace"]);
  });

  it("writes nothing for a failure that fails the task instead of skipping the record", async () => {
    const producer = recordingProducer();
    const { dlq, read } = reporter(producer);
    await dlq.report(context({ tolerated: false }));
    expect(producer.sent).toEqual([]);
    expect(read("deadletterqueue-produce-requests")).toBe(0);
  });

  it("rejects, naming the record and the topic, when the queue cannot be written", async () => {
    const { dlq, read } = reporter(recordingProducer(true));
    await expect(dlq.report(context())).rejects.toThrow(
      "Could not write the record at orders-3@9007199254740993 to the dead letter queue topic orders-dlq: broker unreachable",
    );
    expect(read("deadletterqueue-produce-failures")).toBe(1);
  });
});
