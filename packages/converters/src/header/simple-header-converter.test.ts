import { BigDecimal, Schema, SchemaBuilder, Struct } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { SimpleHeaderConverter } from "./simple-header-converter.js";

const converter = new SimpleHeaderConverter();
const text = (bytes: Uint8Array | null): string | null =>
  bytes === null ? null : Buffer.from(bytes).toString("utf8");
const read = (value: string) => converter.toConnectHeader("t", "h", Buffer.from(value, "utf8"));

describe("SimpleHeaderConverter", () => {
  it("writes values as Kafka's Values.convertToString text in UTF-8", () => {
    expect(text(converter.fromConnectHeader("t", "h", Schema.STRING_SCHEMA, "héllo"))).toBe("héllo");
    expect(text(converter.fromConnectHeader("t", "h", Schema.INT64_SCHEMA, 9007199254740993n))).toBe(
      "9007199254740993",
    );
    expect(text(converter.fromConnectHeader("t", "h", Schema.FLOAT64_SCHEMA, 1))).toBe("1.0");
    expect(text(converter.fromConnectHeader("t", "h", null, [1, 2]))).toBe("[1,2]");
    const schema = SchemaBuilder.struct().field("a", Schema.INT8_SCHEMA).build();
    expect(text(converter.fromConnectHeader("t", "h", schema, new Struct(schema).put("a", 1)))).toBe(
      '{"a":1}',
    );
    expect(converter.fromConnectHeader("t", "h", Schema.OPTIONAL_STRING_SCHEMA, null)).toBeNull();
  });

  it("reads text back with the narrowest schema, as Values.parseString does", () => {
    expect(read("42")).toEqual({ schema: Schema.INT8_SCHEMA, value: 42 });
    expect(read("true")).toEqual({ schema: Schema.BOOLEAN_SCHEMA, value: true });
    expect(read("9007199254740993")).toEqual({ schema: Schema.INT64_SCHEMA, value: 9007199254740993n });
    expect(read("plain text")).toEqual({ schema: Schema.STRING_SCHEMA, value: "plain text" });
    expect(read("")).toEqual({ schema: Schema.STRING_SCHEMA, value: "" });
    expect(read("[1,2]").value).toEqual([1, 2]);
    expect(read("123456789012345678901234567890").value).toEqual(
      BigDecimal.parse("123456789012345678901234567890"),
    );
  });

  it("reads null bytes as a null schema and value", () => {
    expect(converter.toConnectHeader("t", "h", null)).toEqual({ schema: null, value: null });
  });

  it("has no configuration", () => {
    converter.configure({ anything: "goes" });
    expect(converter.config().keys).toEqual([]);
  });
});
