import { describe, expect, it } from "vitest";
import { Schema } from "../data/schema.js";
import { DataError } from "../errors/connect-error.js";
import { ConnectRecord } from "../record/connect-record.js";
import { SinkRecord } from "./sink-record.js";

function consumed(): SinkRecord {
  return new SinkRecord({
    topic: "orders",
    kafkaPartition: 3,
    kafkaOffset: 2n ** 40n,
    valueSchema: Schema.STRING_SCHEMA,
    value: "v",
    timestamp: 1_700_000_000_000,
    timestampType: "LOG_APPEND_TIME",
  });
}

describe("SinkRecord", () => {
  it("defaults the original coordinates to the given ones", () => {
    const record = consumed();
    expect(record).toMatchObject({
      originalTopic: "orders",
      originalKafkaPartition: 3,
      originalKafkaOffset: 2n ** 40n,
      timestampType: "LOG_APPEND_TIME",
    });
  });

  it("derives the timestamp type from the timestamp when none is given", () => {
    expect(new SinkRecord({ topic: "t", kafkaPartition: 0, kafkaOffset: 0n }).timestampType).toBe(
      "NO_TIMESTAMP_TYPE",
    );
    expect(
      new SinkRecord({ topic: "t", kafkaPartition: 0, kafkaOffset: 0n, timestamp: 5 }).timestampType,
    ).toBe("CREATE_TIME");
  });

  it("keeps the original topic, partition and offset through newRecord", () => {
    const routed = consumed()
      .newRecord({ topic: "orders-archive", kafkaPartition: 0 })
      .newRecord({ value: "w" });
    expect(routed).toBeInstanceOf(SinkRecord);
    expect(routed).toMatchObject({
      topic: "orders-archive",
      kafkaPartition: 0,
      value: "w",
      kafkaOffset: 2n ** 40n,
      timestampType: "LOG_APPEND_TIME",
      originalTopic: "orders",
      originalKafkaPartition: 3,
      originalKafkaOffset: 2n ** 40n,
    });
  });

  it("keeps explicitly given original coordinates", () => {
    const record = new SinkRecord({
      topic: "renamed",
      kafkaPartition: 1,
      kafkaOffset: 9n,
      originalTopic: "source",
      originalKafkaPartition: 2,
      originalKafkaOffset: 7n,
    });
    expect(record.newRecord({ kafkaPartition: null })).toMatchObject({
      kafkaPartition: null,
      originalTopic: "source",
      originalKafkaPartition: 2,
      originalKafkaOffset: 7n,
    });
  });

  it("is immutable", () => {
    const record = consumed();
    expect(Object.isFrozen(record)).toBe(true);
    expect(() => {
      (record as { kafkaOffset: bigint }).kafkaOffset = 1n;
    }).toThrow(TypeError);
  });

  it("rejects offsets that are not 64-bit bigints and unknown timestamp types", () => {
    expect(() => new SinkRecord({ topic: "t", kafkaPartition: 0, kafkaOffset: 5 as never })).toThrow(
      /kafkaOffset must be a 64-bit bigint, got number 5/,
    );
    expect(() => new SinkRecord({ topic: "t", kafkaPartition: 0, kafkaOffset: 2n ** 63n })).toThrow(
      DataError,
    );
    expect(
      () =>
        new SinkRecord({ topic: "t", kafkaPartition: 0, kafkaOffset: 0n, timestampType: "create" as never }),
    ).toThrow(/Unknown timestampType string "create"/);
    expect(() => new SinkRecord({ topic: "t", kafkaPartition: null, kafkaOffset: 0n })).toThrow(
      /original partition must be an integer/,
    );
  });

  it("compares offsets and original coordinates too", () => {
    expect(consumed().equals(consumed())).toBe(true);
    const elsewhere = new SinkRecord({ ...consumed(), originalKafkaOffset: 1n });
    expect(consumed().equals(elsewhere)).toBe(false);
  });

  it("is recognised by its brands", () => {
    expect(SinkRecord.isSinkRecord(consumed())).toBe(true);
    expect(ConnectRecord.isConnectRecord(consumed())).toBe(true);
    expect(SinkRecord.isSinkRecord({ kafkaOffset: 1n })).toBe(false);
  });
});
