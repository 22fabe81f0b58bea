import {
  BigDecimal,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  Decimal,
  SchemaBuilder,
} from "@tributary/api";
import { describe, expect, it } from "vitest";
import { dialectFor, dialectForUrl } from "./dialect-for-url.js";

const pg = dialectFor("postgresql");
const my = dialectFor("mysql");
const lite = dialectFor("sqlite");
const t = (name: string) => ({ catalog: undefined, schema: undefined, name });

describe("identifier quoting", () => {
  it("quotes and escapes names so they cannot end the identifier", () => {
    expect(pg.quoteIdentifier('a"b')).toBe('"a""b"');
    expect(lite.quoteIdentifier('x"; DROP TABLE y; --')).toBe('"x""; DROP TABLE y; --"');
    expect(my.quoteIdentifier("a`b")).toBe("`a``b`");
    expect(() => pg.quoteIdentifier("")).toThrow(/cannot be empty/);
    expect(() => pg.quoteIdentifier("a\0b")).toThrow(/NUL/);
  });

  it("leaves only plain names bare when quote.sql.identifiers=never", () => {
    const never = dialectFor("postgresql", { quoteIdentifiers: "never" });
    expect(never.identifier("orders")).toBe("orders");
    expect(never.identifier("my table")).toBe('"my table"');
    expect(never.identifier('x"--')).toBe('"x""--"');
  });

  it("reads dotted table names per database", () => {
    expect(pg.parseTableName("public.orders")).toEqual({
      catalog: undefined,
      schema: "public",
      name: "orders",
    });
    expect(pg.tableName(pg.parseTableName("db.public.orders"))).toBe('"public"."orders"');
    expect(my.tableName(my.parseTableName("shop.orders"))).toBe("`shop`.`orders`");
    expect(lite.tableName(lite.parseTableName("a.b"))).toBe('"a.b"');
    expect(() => my.parseTableName("a.b.c")).toThrow(/not valid for mysql/);
    expect(() => pg.parseTableName("a..b")).toThrow(/not valid/);
  });
});

describe("statements", () => {
  it("builds multi-row inserts with the dialect's placeholders", () => {
    expect(pg.insert(t("t"), ["a", "b"], 2)).toBe('INSERT INTO "t" ("a", "b") VALUES ($1, $2), ($3, $4)');
    expect(my.insert(t("t"), ["a"], 3)).toBe("INSERT INTO `t` (`a`) VALUES (?), (?), (?)");
  });

  it("builds upserts per database", () => {
    expect(pg.upsert(t("t"), ["id"], ["id", "v"], 1)).toBe(
      'INSERT INTO "t" ("id", "v") VALUES ($1, $2) ON CONFLICT ("id") DO UPDATE SET "v" = EXCLUDED."v"',
    );
    expect(pg.upsert(t("t"), ["id"], ["id"], 1)).toBe(
      'INSERT INTO "t" ("id") VALUES ($1) ON CONFLICT ("id") DO NOTHING',
    );
    expect(my.upsert(t("t"), ["id"], ["id", "v"], 2)).toBe(
      "INSERT INTO `t` (`id`, `v`) VALUES (?, ?), (?, ?) ON DUPLICATE KEY UPDATE `v` = VALUES(`v`)",
    );
    expect(my.upsert(t("t"), ["id"], ["id"], 1)).toBe(
      "INSERT INTO `t` (`id`) VALUES (?) ON DUPLICATE KEY UPDATE `id` = VALUES(`id`)",
    );
    expect(lite.upsert(t("t"), ["a", "b"], ["a", "b", "c"], 1)).toBe(
      'INSERT INTO "t" ("a", "b", "c") VALUES (?, ?, ?) ON CONFLICT ("a", "b") DO UPDATE SET "c" = EXCLUDED."c"',
    );
  });

  it("builds PostgreSQL's one-array-per-column insert and its array parameters", () => {
    const columnar = pg.columnarInsert?.(t("t"), ["id", "v"], ["int8", "text"], ["id"]);
    expect(columnar?.sql).toBe(
      'INSERT INTO "t" ("id", "v") SELECT * FROM UNNEST($1::int8[], $2::text[]) ON CONFLICT ("id") DO UPDATE SET "v" = EXCLUDED."v"',
    );
    expect(columnar?.encode([1n, null, 2.5, true])).toBe("{1,NULL,2.5,t}");
    expect(columnar?.encode(['a"b\\c', "NULL", "", "x,y}"])).toBe('{"a\\"b\\\\c","NULL","","x,y}"}');
    expect(columnar?.encode([Buffer.from([1, 255])])).toBe('{"\\\\x01ff"}');
    expect(pg.columnarInsert?.(t("t"), ["id"], ["hstore"], undefined)).toBeUndefined();
    expect(my.columnarInsert).toBeUndefined();
  });

  it("builds updates with values first and keys last, and deletes by key tuples", () => {
    expect(pg.update(t("t"), ["id"], ["a", "b"])).toBe('UPDATE "t" SET "a" = $1, "b" = $2 WHERE "id" = $3');
    expect(pg.delete(t("t"), ["id"], 3)).toBe('DELETE FROM "t" WHERE "id" IN ($1, $2, $3)');
    expect(my.delete(t("t"), ["a", "b"], 2)).toBe("DELETE FROM `t` WHERE (`a`, `b`) IN ((?, ?), (?, ?))");
  });

  it("creates tables with NOT NULL, defaults escaped as literals, and the primary key", () => {
    const columns = [
      { name: "id", schema: SchemaBuilder.int64().build(), primaryKey: true },
      {
        name: "name",
        schema: SchemaBuilder.string().optional().defaultValue("it's \\").build(),
        primaryKey: false,
      },
      { name: "price", schema: Decimal.builder(2).optional().build(), primaryKey: false },
    ];
    expect(pg.createTable(t("t"), columns)).toBe(
      'CREATE TABLE "t" (\n  "id" BIGINT NOT NULL,\n  "name" TEXT DEFAULT \'it\'\'s \\\',\n  "price" NUMERIC,\n  PRIMARY KEY ("id")\n)',
    );
    expect(my.createTable(t("t"), [{ ...columns[1]!, primaryKey: true }])).toContain(
      "`name` VARCHAR(255) NOT NULL DEFAULT 'it''s \\\\'",
    );
    expect(lite.addColumns(t("t"), columns.slice(1))).toEqual([
      "ALTER TABLE \"t\" ADD COLUMN \"name\" TEXT DEFAULT 'it''s \\'",
      'ALTER TABLE "t" ADD COLUMN "price" DECIMAL_TEXT',
    ]);
  });

  it("gives SQLite decimals a TEXT-affinity column and a quoted default, so no digit goes through a REAL", () => {
    const price = Decimal.builder(4)
      .parameter("connect.decimal.precision", "20")
      .optional()
      .defaultValue(BigDecimal.parse("1234567890123456.7800"))
      .build();
    expect(lite.addColumns(t("t"), [{ name: "price", schema: price, primaryKey: false }])).toEqual([
      `ALTER TABLE "t" ADD COLUMN "price" DECIMAL_TEXT(20,4) DEFAULT '1234567890123456.7800'`,
    ]);
    expect(lite.binder(price)(BigDecimal.parse("0.1000"))).toBe("0.1000");
  });

  it("refuses nested types as columns", () => {
    expect(() => pg.columnType(SchemaBuilder.array(SchemaBuilder.int32().build()).build(), false)).toThrow(
      /Flatten/,
    );
  });

  it("limits and gives the current time", () => {
    expect(pg.limitOffset("SELECT 1", 10, 5)).toBe("SELECT 1 LIMIT 10 OFFSET 5");
    expect(lite.currentTimestamp()).toContain("strftime");
  });
});

describe("value binding", () => {
  const when = new Date(Date.UTC(2024, 2, 31, 1, 30, 15, 7));

  it("writes timestamps in db.timezone, with the offset for PostgreSQL", () => {
    const schema = ConnectTimestamp.schema();
    expect(pg.binder(schema)(when)).toBe("2024-03-31 01:30:15.007+00:00");
    expect(dialectFor("postgresql", { timeZone: "Europe/Berlin" }).binder(schema)(when)).toBe(
      "2024-03-31 03:30:15.007+02:00",
    );
    const newYork = dialectFor("mysql", { timeZone: "America/New_York" });
    const [datetime, timestamp] = newYork.columnBinders?.(["datetime", "timestamp"]) ?? [];
    // MySQL: DATETIME holds db.timezone's wall clock, TIMESTAMP is converted from the session's UTC.
    expect(datetime?.(newYork.binder(schema)(when))).toBe("2024-03-30 21:30:15.007");
    expect(timestamp?.(newYork.binder(schema)(when))).toBe("2024-03-31 01:30:15.007");
    expect(dialectFor("mysql").columnBinders?.(["timestamp"])).toBeUndefined();
    expect(lite.binder(schema)(null)).toBeNull();
  });

  it("writes dates, times, decimals, int64, bytes and booleans exactly", () => {
    expect(pg.binder(ConnectDate.schema())(new Date(Date.UTC(1999, 11, 31)))).toBe("1999-12-31");
    expect(pg.binder(ConnectTime.schema())(new Date(45_296_789))).toBe("12:34:56.789");
    expect(pg.binder(Decimal.schema(3))(BigDecimal.parse("12345678901234567890.123"))).toBe(
      "12345678901234567890.123",
    );
    expect(my.binder(SchemaBuilder.int64().build())(9_007_199_254_740_993n)).toBe("9007199254740993");
    expect(lite.binder(SchemaBuilder.int64().build())(9_007_199_254_740_993n)).toBe(9_007_199_254_740_993n);
    expect(Buffer.isBuffer(pg.binder(SchemaBuilder.bytes().build())(new Uint8Array([1, 2])))).toBe(true);
    expect(lite.binder(SchemaBuilder.bool().build())(true)).toBe(1);
    expect(my.binder(SchemaBuilder.bool().build())(false)).toBe(false);
  });

  it("binds schemaless values by their JavaScript type and refuses nested ones", () => {
    const bind = lite.binder(undefined);
    expect(bind(false)).toBe(0);
    expect(bind(when)).toBe("2024-03-31 01:30:15.007");
    expect(() => bind(new Map())).toThrow(/Flatten/);
  });
});

describe("dialectForUrl", () => {
  it("picks the dialect from the URL or dialect.name", () => {
    expect(dialectForUrl("jdbc:mariadb://h/db").name).toBe("mysql");
    expect(dialectForUrl("/tmp/x.db").name).toBe("sqlite");
    expect(dialectForUrl("jdbc:mysql://h/db", {}, "PostgreSqlDatabaseDialect").name).toBe("postgresql");
    expect(() => dialectForUrl("jdbc:mysql://h/db", {}, "OracleDatabaseDialect")).toThrow(/not supported/);
  });
});
