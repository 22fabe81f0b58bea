import { ConfigError, Headers, Schema, SinkRecord, SourceRecord } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { DropHeaders, DropHeadersConfig } from "./drop-headers.js";

function dropper(headers: string): DropHeaders {
  const transform = new DropHeaders();
  transform.configure({ headers });
  return transform;
}

const headers = new Headers().addString("a", "1").addInt("b", 2).addString("a", "3").addString("c", null);

describe("DropHeaders", () => {
  it("removes every header with a listed key, keeping the others in order", () => {
    const record = new SourceRecord({
      sourcePartition: {},
      sourceOffset: {},
      topic: "t",
      valueSchema: Schema.STRING_SCHEMA,
      value: "v",
      headers,
    });
    const out = dropper("a, c").apply(record);
    expect([...out.headers].map((header) => [header.key, header.value])).toEqual([["b", 2]]);
    expect(out.value).toBe("v");
    expect(out.valueSchema).toBe(Schema.STRING_SCHEMA);
    expect([...record.headers]).toHaveLength(4);
  });

  it("works on sink tombstones and compares keys exactly", () => {
    const record = new SinkRecord({ topic: "t", kafkaPartition: 1, kafkaOffset: 5n, value: null, headers });
    const out = dropper("A,b").apply(record);
    expect(out).toBeInstanceOf(SinkRecord);
    expect((out as SinkRecord).kafkaOffset).toBe(5n);
    expect([...out.headers].map((header) => header.key)).toEqual(["a", "a", "c"]);
  });

  it("returns the record itself when it has none of the headers", () => {
    const record = new SinkRecord({ topic: "t", kafkaPartition: 1, kafkaOffset: 5n, value: null, headers });
    expect(dropper("x").apply(record)).toBe(record);
  });

  it("requires at least one header key", () => {
    expect(() => new DropHeaders().configure({})).toThrow(/Missing required configuration "headers"/);
    expect(() => new DropHeaders().configure({ headers: "" })).toThrow(ConfigError);
    const validation = DropHeadersConfig.validate({ headers: "" });
    const entry = validation.configs.find((config) => config.value.name === "headers");
    expect(entry?.value.errors[0]).toMatch(/configuration headers: give at least one header key/);
  });

  it("refuses to apply before it is configured", () => {
    const record = new SinkRecord({ topic: "t", kafkaPartition: 0, kafkaOffset: 0n, value: null });
    expect(() => new DropHeaders().apply(record)).toThrow(/DropHeaders has not been configured/);
  });
});
