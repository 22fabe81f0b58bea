import { ConfigError } from "@tributary/api";
import { describe, expect, it } from "vitest";
import type { Logger } from "../../logging/logger.js";
import { consumerSettings, kafkaConfig, mergeClientProps, producerSettings } from "./kafkajs-config.js";

function collecting(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { debug: () => {}, info: () => {}, error: () => {}, warn: (_f, m) => warnings.push(m), warnings };
}

describe("Kafka client settings for kafkajs", () => {
  it("layers top-level client keys, the client's prefix and overrides, and warns about what kafkajs ignores", () => {
    const logger = collecting();
    const props = mergeClientProps(
      {
        "bootstrap.servers": "a:1,b:2",
        "offset.flush.interval.ms": "1000",
        "request.timeout.ms": "1000",
        "producer.request.timeout.ms": "2000",
        "producer.linger.ms": "5",
        "producer.key.serializer": "x",
        "producer.no.such.key": "1",
        "consumer.max.poll.records": "7",
      },
      "producer",
      { "request.timeout.ms": "3000" },
      logger,
    );
    expect(props).toEqual({ "bootstrap.servers": "a:1,b:2", "request.timeout.ms": "3000" });
    expect(logger.warnings).toEqual([
      expect.stringContaining("producer.linger.ms: kafkajs sends each batch"),
      expect.stringContaining("producer.no.such.key: the kafkajs client has no such setting"),
    ]);
  });

  it("maps connection, SASL and timeout settings", () => {
    const config = kafkaConfig({
      "bootstrap.servers": "PLAINTEXT://h1:9092, h2:9093",
      "client.id": "me",
      "security.protocol": "SASL_PLAINTEXT",
      "sasl.mechanism": "SCRAM-SHA-512",
      "sasl.jaas.config":
        'org.apache.kafka.common.security.scram.ScramLoginModule required username="alice" password="p\\"w";',
      "request.timeout.ms": "1234",
      retries: "3",
    });
    expect(config).toMatchObject({
      brokers: ["h1:9092", "h2:9093"],
      clientId: "me",
      sasl: { mechanism: "scram-sha-512", username: "alice", password: 'p"w' },
      requestTimeout: 1234,
      retry: { retries: 3 },
    });
    expect(config.ssl).toBeUndefined();
  });

  it("refuses settings it cannot honour, naming the key and what to do", () => {
    expect(() => kafkaConfig({ "security.protocol": "SSL", "ssl.truststore.location": "/x.jks" })).toThrow(
      /convert it to PEM and set ssl\.truststore\.type=PEM/,
    );
    expect(() => kafkaConfig({ "security.protocol": "SASL_SSL", "sasl.mechanism": "GSSAPI" })).toThrow(
      ConfigError,
    );
    expect(() => producerSettings({ "compression.type": "snappy" }, false)).toThrow(/use none or gzip/);
    expect(() => producerSettings({ acks: "1", "enable.idempotence": "true" }, false)).toThrow(
      /enable\.idempotence=false/,
    );
    expect(() => producerSettings({ "request.timeout.ms": "soon" }, false)).toThrow(
      /request\.timeout\.ms=soon/,
    );
  });

  it("produces with acks=all and idempotence by default, and without when asked", () => {
    expect(producerSettings({}, false)).toMatchObject({
      acks: -1,
      compression: 0,
      config: { idempotent: true },
    });
    expect(
      producerSettings({ acks: "1", "enable.idempotence": "false", "compression.type": "gzip" }, false),
    ).toMatchObject({ acks: 1, compression: 1, config: { idempotent: false } });
  });

  it("consumes read_uncommitted from the latest offset unless told, with Kafka's fetch wait and the poll bound", () => {
    const logger = collecting();
    expect(consumerSettings({}, {}, logger)).toMatchObject({
      fromBeginning: false,
      maxBatchRecords: undefined,
      config: { readUncommitted: true, maxWaitTimeInMs: 500 },
    });
    const set = consumerSettings(
      {
        "auto.offset.reset": "earliest",
        "max.poll.records": "10",
        "session.timeout.ms": "6000",
        "enable.auto.commit": "true",
      },
      { isolationLevel: "read_committed" },
      logger,
    );
    expect(set).toMatchObject({
      fromBeginning: true,
      maxBatchRecords: 10,
      config: { readUncommitted: false, sessionTimeout: 6000 },
    });
    expect(logger.warnings).toEqual([expect.stringContaining("enable.auto.commit=true")]);
  });
});
