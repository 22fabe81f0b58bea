import { Headers, Schema, SourceRecord } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { KEY, VALUE } from "./key-or-value.js";

const record = new SourceRecord({
  topic: "t",
  kafkaPartition: 2,
  sourcePartition: { file: "a" },
  sourceOffset: { position: 1 },
  keySchema: Schema.STRING_SCHEMA,
  key: "k",
  valueSchema: Schema.INT32_SCHEMA,
  value: 7,
  timestamp: 1000,
  headers: new Headers().addString("h", "v"),
});

describe("KEY and VALUE", () => {
  it("read their part of the record", () => {
    expect([KEY.part, KEY.variant, KEY.schemaOf(record), KEY.valueOf(record)]).toEqual([
      "key",
      "Key",
      Schema.STRING_SCHEMA,
      "k",
    ]);
    expect([VALUE.part, VALUE.variant, VALUE.schemaOf(record), VALUE.valueOf(record)]).toEqual([
      "value",
      "Value",
      Schema.INT32_SCHEMA,
      7,
    ]);
  });

  it("replace only their part, keeping the record's kind and everything else", () => {
    const keyed = KEY.withSchemaAndValue(record, null, null);
    expect(keyed).toBeInstanceOf(SourceRecord);
    expect(keyed.key).toBeNull();
    expect(keyed.keySchema).toBeNull();
    expect(keyed.value).toBe(7);
    expect(keyed.sourceOffset).toEqual({ position: 1 });
    expect(keyed.headers.lastWithName("h")?.value).toBe("v");

    const valued = VALUE.withSchemaAndValue(record, Schema.STRING_SCHEMA, "x");
    expect(valued.valueSchema).toBe(Schema.STRING_SCHEMA);
    expect(valued.value).toBe("x");
    expect(valued.key).toBe("k");
    expect(valued.timestamp).toBe(1000);
    expect(valued.kafkaPartition).toBe(2);
  });
});
