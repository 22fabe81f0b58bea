import { Schema, SchemaBuilder } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { SchemaCache } from "./schema-cache.js";

describe("SchemaCache", () => {
  it("builds once per schema object and returns the same value afterwards", () => {
    const built: Schema[] = [];
    const cache = new SchemaCache((schema) => {
      built.push(schema);
      return { name: schema.type };
    });
    const a = SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).build();
    const b = Schema.STRING_SCHEMA;
    const first = cache.get(a);
    expect(cache.get(b)).toEqual({ name: "STRING" });
    expect(cache.get(a)).toBe(first);
    expect(cache.get(b)).toEqual({ name: "STRING" });
    expect(built).toEqual([a, b]);
    expect(cache.has(a)).toBe(true);
  });

  it("keys by identity: an equal schema built separately gets its own entry", () => {
    let builds = 0;
    const cache = new SchemaCache(() => ++builds);
    cache.get(SchemaBuilder.int32().build());
    cache.get(SchemaBuilder.int32().build());
    expect(builds).toBe(2);
  });

  it("caches nothing when the build throws, and forgets everything on clear", () => {
    let fail = true;
    const cache = new SchemaCache(() => {
      if (fail) throw new Error("no");
      return 1;
    });
    const schema = Schema.INT8_SCHEMA;
    expect(() => cache.get(schema)).toThrow("no");
    fail = false;
    expect(cache.get(schema)).toBe(1);
    cache.clear();
    expect(cache.has(schema)).toBe(false);
  });
});
