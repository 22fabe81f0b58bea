import { defineConfig, SchemaBuilder, Struct } from "@tributary/api";
import { describe, expect, it } from "vitest";
import {
  REPLACE_NULL_WITH_DEFAULT_CONFIG,
  readField,
  replaceNullWithDefaultKey,
} from "./replace-null-with-default.js";

describe("replace.null.with.default", () => {
  const def = defineConfig({ [REPLACE_NULL_WITH_DEFAULT_CONFIG]: replaceNullWithDefaultKey() });

  it("defaults to true and parses text", () => {
    expect(def.parse({})["replace.null.with.default"]).toBe(true);
    expect(def.parse({ "replace.null.with.default": "FALSE" })["replace.null.with.default"]).toBe(false);
    expect(() => def.parse({ "replace.null.with.default": "maybe" })).toThrow(/replace\.null\.with\.default/);
  });

  it("reads a null field as its default only when asked to", () => {
    const schema = SchemaBuilder.struct()
      .field("n", SchemaBuilder.int32().optional().defaultValue(42))
      .build();
    const struct = new Struct(schema);
    expect(readField(struct, "n", true)).toBe(42);
    expect(readField(struct, "n", false)).toBeNull();
    const field = schema.field("n")!;
    expect(readField(struct.put(field, 1), field, false)).toBe(1);
  });
});
