import { BigDecimal, ConnectDate, Schema, SchemaBuilder, Struct } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { valueText } from "./value-text.js";

describe("valueText, the line the file sink writes", () => {
  it("writes strings as they are, null as null, booleans and bigints plainly", () => {
    expect(valueText("héllo", Schema.STRING_SCHEMA)).toBe("héllo");
    expect(valueText(null, null)).toBe("null");
    expect(valueText(true, null)).toBe("true");
    expect(valueText(9007199254740993n, Schema.INT64_SCHEMA)).toBe("9007199254740993");
  });

  it("writes numbers as Java prints their boxed type", () => {
    expect(valueText(42, Schema.INT32_SCHEMA)).toBe("42");
    expect(valueText(1, Schema.FLOAT64_SCHEMA)).toBe("1.0");
    expect(valueText(1e20, Schema.FLOAT64_SCHEMA)).toBe("1.0E20");
    expect(valueText(0.1, Schema.FLOAT32_SCHEMA)).toBe("0.1");
    expect(valueText(2.5, null)).toBe("2.5");
  });

  it("writes a Struct as Kafka's Struct.toString(), leaving null fields out", () => {
    const schema = SchemaBuilder.struct()
      .field("name", Schema.STRING_SCHEMA)
      .field("nick", Schema.OPTIONAL_STRING_SCHEMA)
      .field("score", Schema.FLOAT64_SCHEMA)
      .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
      .build();
    const struct = new Struct(schema).put("name", "Ann").put("score", 3).put("tags", ["a", "b"]);
    expect(valueText(struct, schema)).toBe("Struct{name=Ann,score=3.0,tags=[a, b]}");
  });

  it("writes arrays and maps as Java collections", () => {
    expect(valueText([1, 2, 3], SchemaBuilder.array(Schema.INT32_SCHEMA).build())).toBe("[1, 2, 3]");
    expect(
      valueText(
        new Map<string, unknown>([
          ["a", 1],
          ["b", null],
        ]),
        null,
      ),
    ).toBe("{a=1, b=null}");
  });

  it("writes bytes in base64, Decimals as BigDecimal.toString() and dates in ISO 8601", () => {
    expect(valueText(Uint8Array.from([1, 2, 255]), Schema.BYTES_SCHEMA)).toBe("AQL/");
    expect(valueText(BigDecimal.parse("12.34"), null)).toBe("12.34");
    expect(valueText(new Date(Date.UTC(2024, 1, 29)), ConnectDate.schema())).toBe("2024-02-29");
  });

  it("writes other objects as JSON, or with String() when they have no JSON", () => {
    expect(valueText({ a: 1 }, null)).toBe('{"a":1}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(valueText(cyclic, null)).toBe("[object Object]");
  });
});
