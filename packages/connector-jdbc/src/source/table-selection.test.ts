import { ConfigError } from "@tributary/api";
import { describe, expect, it } from "vitest";
import type { TableId } from "../dialect/dialect-reader.js";
import { decodeTables, encodeTables, groupTables, selectTables } from "./table-selection.js";

const table = (schema: string | undefined, name: string): TableId => ({ catalog: "db", schema, name });

describe("selectTables", () => {
  const tables = [table("public", "orders"), table("audit", "orders"), table("public", "users")];

  it("keeps whitelisted tables by name or qualified name", () => {
    expect(selectTables(tables, ["users"], [])).toEqual([table("public", "users")]);
    expect(selectTables(tables, ["audit.orders"], [])).toEqual([table("audit", "orders")]);
    expect(selectTables(tables, ["db.public.orders"], [])).toEqual([table("public", "orders")]);
    expect(selectTables(tables, ["orders"], [])).toHaveLength(2);
  });

  it("drops blacklisted tables, keeps everything without lists, and refuses both lists", () => {
    expect(selectTables(tables, [], ["orders"])).toEqual([table("public", "users")]);
    expect(selectTables(tables, [], [])).toEqual(tables);
    expect(() => selectTables(tables, ["a"], ["b"])).toThrow(ConfigError);
  });
});

describe("groupTables", () => {
  it("splits in contiguous groups differing by at most one, never more groups than tables", () => {
    expect(groupTables([1, 2, 3, 4, 5], 2)).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    expect(groupTables([1, 2, 3, 4, 5], 3)).toEqual([[1, 2], [3, 4], [5]]);
    expect(groupTables([1, 2], 5)).toEqual([[1], [2]]);
    expect(groupTables([], 3)).toEqual([]);
  });
});

describe("task table lists", () => {
  it("round-trip names with dots, commas and quotes", () => {
    const tables = [table("we.ird", 'a,"b'), { catalog: undefined, schema: undefined, name: "plain" }];
    expect(decodeTables(encodeTables(tables))).toEqual(tables);
  });

  it("refuse anything else", () => {
    expect(() => decodeTables("orders,users")).toThrow(ConfigError);
    expect(() => decodeTables('[["a","b"]]')).toThrow(/JSON list/);
  });
});
