import { describe, expect, it } from "vitest";
import { buildSourceQuery, type SourceQueryInput } from "./source-query.js";

const dollar = (index: number) => `$${index}`;
const question = () => "?";

function build(changes: Partial<SourceQueryInput>): ReturnType<typeof buildSourceQuery> {
  return buildSourceQuery({
    mode: "bulk",
    from: { table: '"public"."orders"' },
    columns: ['"id"', '"ts"'],
    placeholder: dollar,
    ...changes,
  });
}

describe("buildSourceQuery", () => {
  it("bulk mode selects every row, with the suffix appended", () => {
    expect(build({ suffix: " FOR SHARE " })).toEqual({
      sql: 'SELECT "id", "ts" FROM "public"."orders" FOR SHARE',
      params: [],
    });
  });

  it("incrementing mode reads above the last id in id order, and everything before anything was read", () => {
    expect(build({ mode: "incrementing", incrementing: '"id"', lastIncrementing: 41n })).toEqual({
      sql: 'SELECT "id", "ts" FROM "public"."orders" WHERE "id" > $1 ORDER BY "id" ASC',
      params: [41n],
    });
    expect(build({ mode: "incrementing", incrementing: '"id"' }).sql).toBe(
      'SELECT "id", "ts" FROM "public"."orders" ORDER BY "id" ASC',
    );
  });

  it("timestamp mode reads between the last timestamp and the end, exclusive, in time order", () => {
    expect(
      build({
        mode: "timestamp",
        timestamp: '"ts"',
        lastTimestamp: "2024-01-01",
        endTimestamp: "2024-02-01",
      }),
    ).toEqual({
      sql: 'SELECT "id", "ts" FROM "public"."orders" WHERE "ts" < $1 AND "ts" > $2 ORDER BY "ts" ASC',
      params: ["2024-02-01", "2024-01-01"],
    });
  });

  it("timestamp+incrementing mode compares (ts, id) pairs strictly", () => {
    const query = build({
      mode: "timestamp+incrementing",
      timestamp: "COALESCE(`a`, `b`)",
      incrementing: "`id`",
      lastTimestamp: "T",
      lastIncrementing: 7n,
      endTimestamp: "E",
      placeholder: question,
    });
    expect(query.sql).toBe(
      'SELECT "id", "ts" FROM "public"."orders" WHERE COALESCE(`a`, `b`) < ? AND ((COALESCE(`a`, `b`) = ? AND `id` > ?) ' +
        "OR COALESCE(`a`, `b`) > ?) ORDER BY COALESCE(`a`, `b`) ASC, `id` ASC",
    );
    expect(query.params).toEqual(["E", "T", 7n, "T"]);
  });

  it("timestamp+incrementing mode includes the rows at a timestamp that came without an id", () => {
    const query = build({
      mode: "timestamp+incrementing",
      timestamp: '"ts"',
      incrementing: '"id"',
      lastTimestamp: "T",
      endTimestamp: "E",
    });
    expect(query.sql).toContain('WHERE "ts" < $1 AND "ts" >= $2 ORDER BY');
  });

  it("wraps a custom query as a subquery, so its own WHERE and ORDER BY stay intact", () => {
    const query = build({
      mode: "incrementing",
      incrementing: '"id"',
      lastIncrementing: 3n,
      from: { query: "SELECT id, ts FROM orders WHERE status = 'paid' ORDER BY id;\n" },
    });
    expect(query.sql).toBe(
      `SELECT "id", "ts" FROM (SELECT id, ts FROM orders WHERE status = 'paid' ORDER BY id) AS tributary_query WHERE "id" > $1 ORDER BY "id" ASC`,
    );
  });
});
