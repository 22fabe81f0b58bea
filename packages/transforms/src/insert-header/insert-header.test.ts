import { BigDecimal, ConnectDate, Headers, Schema, SinkRecord, SourceRecord } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { InsertHeader, InsertHeaderConfig } from "./insert-header.js";

function inserter(header: string, literal: string): InsertHeader {
  const transform = new InsertHeader();
  transform.configure({ header, "value.literal": literal });
  return transform;
}

function sink(headers: Headers = new Headers()) {
  return new SinkRecord({ topic: "t", kafkaPartition: 0, kafkaOffset: 3n, value: null, headers });
}

describe("InsertHeader", () => {
  it("adds the header after the existing ones, keeping one with the same key", () => {
    const record = sink(new Headers().addString("origin", "old").addInt("n", 1));
    const out = inserter("origin", "eu-west-1").apply(record);
    expect([...out.headers].map((header) => [header.key, header.value])).toEqual([
      ["origin", "old"],
      ["n", 1],
      ["origin", "eu-west-1"],
    ]);
    expect(out.headers.lastWithName("origin")?.schema).toBe(Schema.STRING_SCHEMA);
    expect([...record.headers]).toHaveLength(2);
    expect((out as SinkRecord).kafkaOffset).toBe(3n);
  });

  it.each([
    ["42", "INT8", 42],
    ["70000", "INT32", 70000],
    ["true", "BOOLEAN", true],
    ["1.5", "FLOAT32", 1.5],
    ["text with spaces", "STRING", "text with spaces"],
    ["", "STRING", ""],
  ])("reads value.literal %j as Values.parseString does: %s", (literal, type, value) => {
    const header = inserter("h", literal).apply(sink()).headers.lastWithName("h");
    expect(header?.schema?.type).toBe(type);
    expect(header?.value).toEqual(value);
  });

  it("reads arrays, dates, decimals and null", () => {
    const transform = (literal: string) => inserter("h", literal).apply(sink()).headers.lastWithName("h");
    expect(transform("[1, 2]")?.value).toEqual([1, 2]);
    expect(transform("[1, 2]")?.schema?.type).toBe("ARRAY");
    expect(transform("2024-01-17")?.schema?.name).toBe(ConnectDate.LOGICAL_NAME);
    expect(BigDecimal.isBigDecimal(transform("123456789012345678901")?.value)).toBe(true);
    const nothing = transform("null");
    expect(nothing?.schema).toBeNull();
    expect(nothing?.value).toBeNull();
  });

  it("works on source records with schemas and keeps their data", () => {
    const record = new SourceRecord({
      sourcePartition: { file: "a" },
      sourceOffset: { line: 1 },
      topic: "t",
      valueSchema: Schema.STRING_SCHEMA,
      value: "v",
    });
    const out = inserter("h", "x").apply(record);
    expect(out).toBeInstanceOf(SourceRecord);
    expect((out as SourceRecord).sourceOffset).toEqual({ line: 1 });
    expect(out.value).toBe("v");
    expect(out.headers.size).toBe(1);
  });

  it("requires both keys, and accepts an empty header name as Kafka does", () => {
    expect(() => new InsertHeader().configure({ header: "h" })).toThrow(
      /Missing required configuration "value.literal"/,
    );
    expect(() => new InsertHeader().configure({ "value.literal": "v" })).toThrow(
      /Missing required configuration "header"/,
    );
    expect(InsertHeaderConfig.validate({ header: "", "value.literal": "v" }).errorCount).toBe(0);
  });

  it("refuses to apply before it is configured", () => {
    expect(() => new InsertHeader().apply(sink())).toThrow(/InsertHeader has not been configured/);
  });
});
