import { describe, expect, it } from "vitest";
import { BigDecimal } from "../big-decimal.js";
import { Schema } from "../schema.js";
import { SchemaBuilder } from "../schema-builder.js";
import { Struct } from "../struct.js";
import { inferSchema } from "./infer-schema.js";

describe("inferSchema", () => {
  it.each<[string, unknown, Schema]>([
    ["a string", "x", Schema.STRING_SCHEMA],
    ["a boolean", true, Schema.BOOLEAN_SCHEMA],
    ["a bigint", 5n, Schema.INT64_SCHEMA],
    ["a 32-bit integer", 2147483647, Schema.INT32_SCHEMA],
    ["an integer past 32 bits", 2147483648, Schema.FLOAT64_SCHEMA],
    ["a fraction", 1.5, Schema.FLOAT64_SCHEMA],
    ["minus zero", -0, Schema.FLOAT64_SCHEMA],
    ["bytes", new Uint8Array(1), Schema.BYTES_SCHEMA],
    ["a Buffer", Buffer.from("x"), Schema.BYTES_SCHEMA],
  ])("gives %s its schema", (_what, value, schema) => {
    expect(inferSchema(value)).toBe(schema);
  });

  it("gives a Struct its own schema", () => {
    const struct = new Struct(SchemaBuilder.struct().field("a", Schema.INT8_SCHEMA).build());
    expect(inferSchema(struct)).toBe(struct.schema);
  });

  it("gives arrays and Maps a schema when their elements share a primitive type", () => {
    expect(inferSchema([1, 2])?.equals(SchemaBuilder.array(Schema.INT32_SCHEMA).build())).toBe(true);
    expect(inferSchema(["a", null])?.equals(SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).build())).toBe(
      true,
    );
    const map = new Map<unknown, unknown>([
      ["a", 1n],
      ["b", null],
    ]);
    expect(
      inferSchema(map)?.equals(SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_INT64_SCHEMA).build()),
    ).toBe(true);
  });

  it.each<[string, unknown]>([
    ["null", null],
    ["undefined", undefined],
    ["a BigDecimal", BigDecimal.parse("1.5")],
    ["a Date", new Date(0)],
    ["a plain object", { a: 1 }],
    ["an empty array", []],
    ["an empty Map", new Map()],
    ["an array of mixed types", [1, "a"]],
    ["an array of integers and fractions", [1, 1.5]],
    ["an array of nulls", [null]],
    ["an array holding an object", [{}]],
    ["an array of arrays", [[1]]],
    ["an array of Structs", [new Struct(SchemaBuilder.struct().build())]],
    ["a Map with an object key", new Map([[{}, {}]])],
    [
      "a Map of mixed values",
      new Map<string, unknown>([
        ["a", 1],
        ["b", "c"],
      ]),
    ],
  ])("gives %s no schema", (_what, value) => {
    expect(inferSchema(value)).toBeNull();
  });
});
