import { Schema, SinkRecord, SourceRecord } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { Filter } from "./filter.js";

describe("Filter", () => {
  it("drops every record: source and sink, with and without schemas, tombstones too", () => {
    const filter = new Filter();
    filter.configure({});
    const records = [
      new SourceRecord({
        sourcePartition: {},
        sourceOffset: {},
        topic: "t",
        valueSchema: Schema.STRING_SCHEMA,
        value: "v",
      }),
      new SourceRecord({ sourcePartition: {}, sourceOffset: {}, topic: "t", value: new Map([["a", 1n]]) }),
      new SinkRecord({ topic: "t", kafkaPartition: 0, kafkaOffset: 0n, value: null }),
    ];
    for (const record of records) expect(filter.apply(record)).toBeNull();
  });

  it("has no configuration keys and ignores unknown ones", () => {
    const filter = new Filter();
    expect(filter.config().keys).toEqual([]);
    expect(() => filter.configure({ anything: "x" })).not.toThrow();
  });
});
