import { describe, expect, it } from "vitest";
import { Schema } from "../data/schema.js";
import { SchemaBuilder } from "../data/schema-builder.js";
import { Struct } from "../data/struct.js";
import { DataError } from "../errors/connect-error.js";
import { Header } from "./header.js";

describe("Header", () => {
  it("checks the value against its schema when created", () => {
    expect(new Header("k", Schema.INT8_SCHEMA, 7).value).toBe(7);
    expect(() => new Header("k", Schema.INT8_SCHEMA, 700)).toThrow(
      /Header "k" does not fit its schema Schema\{INT8\}: .*got number 700/,
    );
    expect(() => new Header(1 as unknown as string, null, "v")).toThrow(/header key must be a string/);
  });

  it("takes a struct's own schema when none is given", () => {
    const schema = SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).build();
    const struct = new Struct(schema).put("x", 1);
    expect(new Header("s", null, struct).schema).toBe(schema);
  });

  it("returns new headers from with and rename, and itself for an unchanged key", () => {
    const header = new Header("k", Schema.STRING_SCHEMA, "v");
    const changed = header.with(Schema.INT32_SCHEMA, 1);
    expect(changed).toMatchObject({ key: "k", value: 1 });
    expect(header.value).toBe("v");
    expect(header.rename("other").key).toBe("other");
    expect(header.rename("k")).toBe(header);
    expect(() => header.with(Schema.INT32_SCHEMA, "x")).toThrow(DataError);
    expect(Object.isFrozen(header)).toBe(true);
  });

  it("compares key, schema and value deeply", () => {
    const bytes = (...values: number[]) => new Header("b", Schema.BYTES_SCHEMA, Uint8Array.of(...values));
    expect(bytes(1, 2).equals(bytes(1, 2))).toBe(true);
    expect(bytes(1, 2).equals(bytes(1, 3))).toBe(false);
    expect(new Header("k", null, "v").equals(new Header("k", Schema.STRING_SCHEMA, "v"))).toBe(false);
    expect(new Header("k", null, "v").equals(new Header("j", null, "v"))).toBe(false);
    expect(Header.isHeader(bytes())).toBe(true);
    expect(Header.isHeader({ key: "k", schema: null, value: null })).toBe(false);
  });
});
