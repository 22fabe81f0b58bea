import { DataError, Headers, Schema, SinkRecord } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { documentIdOf, externalVersionOf } from "./document-id.js";

function record(key: unknown, headers = new Headers()): SinkRecord {
  return new SinkRecord({
    topic: "orders",
    kafkaPartition: 2,
    kafkaOffset: 2n ** 60n,
    key,
    keySchema: null,
    value: null,
    headers,
  });
}

describe("documentIdOf", () => {
  it("uses topic+partition+offset when keys are ignored", () => {
    expect(documentIdOf(record("k"), true)).toBe(`orders+2+${2n ** 60n}`);
  });

  it("takes string and integer keys, bigints with every digit", () => {
    expect(documentIdOf(record("order-1"), false)).toBe("order-1");
    expect(documentIdOf(record(42), false)).toBe("42");
    expect(documentIdOf(record(2n ** 63n - 1n), false)).toBe("9223372036854775807");
  });

  it("refuses null, struct-like, fractional, empty and over-long keys, saying what to do", () => {
    expect(() => documentIdOf(record(null), false)).toThrow(/null key.*key\.ignore=true/);
    expect(() => documentIdOf(record(1.5), false)).toThrow(DataError);
    expect(() => documentIdOf(record({ id: 1 }), false)).toThrow(/integer or string key.*ExtractField/);
    expect(() => documentIdOf(record(""), false)).toThrow(/1 to 512 bytes/);
    expect(() => documentIdOf(record("x".repeat(513)), false)).toThrow(/1 to 512 bytes/);
  });
});

describe("externalVersionOf", () => {
  it("is the Kafka offset, exact", () => {
    expect(externalVersionOf(record("k"), undefined)).toBe(String(2n ** 60n));
  });

  it("reads integer headers of any representation", () => {
    const headers = new Headers()
      .addLong("v64", 2n ** 62n)
      .addInt("v32", 7)
      .addString("text", " 12 ")
      .add("typed", 5, Schema.INT8_SCHEMA);
    expect(externalVersionOf(record("k", headers), "v64")).toBe(String(2n ** 62n));
    expect(externalVersionOf(record("k", headers), "v32")).toBe("7");
    expect(externalVersionOf(record("k", headers), "text")).toBe("12");
    expect(externalVersionOf(record("k", headers), "typed")).toBe("5");
  });

  it("takes the last header of the name", () => {
    const headers = new Headers().addInt("v", 1).addInt("v", 9);
    expect(externalVersionOf(record("k", headers), "v")).toBe("9");
  });

  it("refuses a missing, negative or non-integer header, naming it", () => {
    const headers = new Headers().addInt("neg", -1).addString("word", "new");
    expect(() => externalVersionOf(record("k", headers), "absent")).toThrow(/no header "absent"/);
    expect(() => externalVersionOf(record("k", headers), "neg")).toThrow(/-1 in "neg"/);
    expect(() => externalVersionOf(record("k", headers), "word")).toThrow(DataError);
  });
});
