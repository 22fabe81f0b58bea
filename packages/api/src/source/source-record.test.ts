import { describe, expect, it } from "vitest";
import { Schema } from "../data/schema.js";
import { DataError } from "../errors/connect-error.js";
import { Headers } from "../header/headers.js";
import { ConnectRecord } from "../record/connect-record.js";
import { SinkRecord } from "../sink/sink-record.js";
import { SourceRecord } from "./source-record.js";

function lineRecord(): SourceRecord {
  return new SourceRecord({
    sourcePartition: { filename: "orders.csv" },
    sourceOffset: { position: 30 },
    topic: "orders",
    kafkaPartition: 1,
    keySchema: Schema.STRING_SCHEMA,
    key: "id-1",
    valueSchema: Schema.STRING_SCHEMA,
    value: "line",
    timestamp: 1_700_000_000_000,
    headers: new Headers().addString("origin", "file"),
  });
}

describe("SourceRecord", () => {
  it("defaults absent fields to null and headers to none", () => {
    const record = new SourceRecord({ sourcePartition: {}, sourceOffset: {}, topic: "t" });
    expect(record).toMatchObject({
      topic: "t",
      kafkaPartition: null,
      keySchema: null,
      key: null,
      valueSchema: null,
      value: null,
      timestamp: null,
    });
    expect(record.headers.isEmpty()).toBe(true);
  });

  it("is immutable, and copies the partition, offset and headers it was given", () => {
    const offset = { position: 1 };
    const headers = new Headers().addString("a", "1");
    const record = new SourceRecord({
      sourcePartition: { f: "x" },
      sourceOffset: offset,
      topic: "t",
      headers,
    });
    offset.position = 2;
    headers.addString("b", "2");
    expect(record.sourceOffset).toEqual({ position: 1 });
    expect(record.headers.size).toBe(1);
    expect(Object.isFrozen(record)).toBe(true);
    expect(Object.isFrozen(record.sourceOffset)).toBe(true);
    expect(() => {
      (record as { topic: string }).topic = "other";
    }).toThrow(TypeError);
    expect(() => record.headers.addString("c", "3")).toThrow(/read-only/);
  });

  it("newRecord changes only the given fields and keeps the source partition and offset", () => {
    const record = lineRecord();
    const routed = record.newRecord({ topic: "orders-copy", value: "LINE" });
    expect(routed).toBeInstanceOf(SourceRecord);
    expect(routed).toMatchObject({
      topic: "orders-copy",
      value: "LINE",
      kafkaPartition: 1,
      key: "id-1",
      keySchema: Schema.STRING_SCHEMA,
      timestamp: 1_700_000_000_000,
      sourcePartition: { filename: "orders.csv" },
      sourceOffset: { position: 30 },
    });
    expect(routed.headers.equals(record.headers)).toBe(true);
    expect(record.topic).toBe("orders");
    expect(record.value).toBe("line");
  });

  it("newRecord clears a field given null and keeps one left out or undefined", () => {
    const record = lineRecord();
    const cleared = record.newRecord({ key: null, keySchema: null, kafkaPartition: null, timestamp: null });
    expect(cleared).toMatchObject({ key: null, keySchema: null, kafkaPartition: null, timestamp: null });
    expect(cleared.value).toBe("line");
    const same = record.newRecord({ key: undefined } as never);
    expect(same.key).toBe("id-1");
    expect(record.newRecord().equals(record)).toBe(true);
  });

  it("newRecord takes new headers as a copy", () => {
    const record = lineRecord();
    const headers = record.headers.duplicate().addString("via", "router");
    const changed = record.newRecord({ headers });
    headers.clear();
    expect(changed.headers.lastWithName("via")?.value).toBe("router");
    expect(changed.headers.size).toBe(2);
    expect(record.headers.size).toBe(1);
  });

  it("rejects invalid fields with a message naming the value", () => {
    const base = { sourcePartition: {}, sourceOffset: {}, topic: "t" };
    expect(() => new SourceRecord({ ...base, topic: "" })).toThrow(/topic must be a non-empty string/);
    expect(() => new SourceRecord({ ...base, kafkaPartition: -1 })).toThrow(
      /kafkaPartition .* got number -1/,
    );
    expect(() => new SourceRecord({ ...base, timestamp: 1.5 })).toThrow(/timestamp .* got number 1.5/);
    expect(() => new SourceRecord({ ...base, valueSchema: "STRING" as never })).toThrow(
      /valueSchema must be a Schema/,
    );
    expect(() => new SourceRecord({ ...base, sourceOffset: new Map() as never })).toThrow(DataError);
    expect(() => lineRecord().newRecord({ kafkaPartition: 1.5 })).toThrow(DataError);
  });

  it("compares every field, source partition and offset included", () => {
    expect(lineRecord().equals(lineRecord())).toBe(true);
    expect(lineRecord().equals(lineRecord().newRecord({ value: "other" }))).toBe(false);
    const moved = new SourceRecord({ ...lineRecord(), sourceOffset: { position: 31 } });
    expect(lineRecord().equals(moved)).toBe(false);
  });

  it("is recognised by its brands, and a sink record is not a source record", () => {
    const sink = new SinkRecord({ topic: "t", kafkaPartition: 0, kafkaOffset: 0n });
    expect(SourceRecord.isSourceRecord(lineRecord())).toBe(true);
    expect(ConnectRecord.isConnectRecord(lineRecord())).toBe(true);
    expect(SourceRecord.isSourceRecord(sink)).toBe(false);
    expect(ConnectRecord.isConnectRecord({ topic: "t" })).toBe(false);
  });
});
