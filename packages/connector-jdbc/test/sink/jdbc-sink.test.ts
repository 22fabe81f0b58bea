import {
  BigDecimal,
  ConnectDate,
  ConnectError,
  ConnectTime,
  ConnectTimestamp,
  Decimal,
  Header,
  RetriableError,
  type Schema,
  SchemaBuilder,
  Struct,
} from "@tributary/api";
import { type SinkRecordInput, SinkTaskHarness } from "@tributary/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConnectionUrl } from "../../src/connection/connection-url.js";
import { openSqlClient } from "../../src/connection/open-sql-client.js";
import type { SqlClient, SqlRow } from "../../src/connection/sql-client.js";
import type { Dialect } from "../../src/dialect/dialect.js";
import { dialectForUrl } from "../../src/dialect/dialect-for-url.js";
import { JdbcSinkTask } from "../../src/sink/jdbc-sink-task.js";
import { type TestDatabase, testDatabases, uniqueTable } from "../test-databases.js";

const KEY = SchemaBuilder.struct().name("Key").field("id", SchemaBuilder.int64().build()).build();
const ORDER = SchemaBuilder.struct()
  .name("Order")
  .field("id", SchemaBuilder.int64().build())
  .field("item", SchemaBuilder.string().build())
  .field("qty", SchemaBuilder.int32().optional().build())
  .build();

function order(id: number, item: string, qty: number | null = 1): Struct {
  return new Struct(ORDER).put("id", BigInt(id)).put("item", item).put("qty", qty);
}
function key(id: number): Struct {
  return new Struct(KEY).put("id", BigInt(id));
}
/** A record keyed by id with an order value (or a tombstone when value is null). */
function keyed(id: number, value: Struct | null): SinkRecordInput {
  return { key: key(id), keySchema: KEY, value, valueSchema: value === null ? null : ORDER };
}

/** Values as comparable plain text, whatever the driver returned. */
function plain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return `0x${value.toString("hex")}`;
  if (typeof value === "bigint" || typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "1" : "0";
  return value;
}

/** A copy of a struct with another `id`. */
function copyWith(value: Struct, id: number): Struct {
  const copy = new Struct(value.schema);
  for (const field of value.schema.fields()) copy.put(field, value.get(field));
  return copy.put("id", id);
}

function sharedSinkSuite(db: TestDatabase): void {
  let client: SqlClient;
  let dialect: Dialect;
  const harnesses: SinkTaskHarness[] = [];

  beforeAll(() => {
    client = openSqlClient(parseConnectionUrl(db.url));
    dialect = dialectForUrl(db.url);
  });
  afterAll(async () => {
    for (const harness of harnesses) await harness.stop().catch(() => undefined);
    await client.close();
  });

  async function sink(
    topic: string,
    props: Record<string, string>,
    options: { reporter?: boolean } = {},
  ): Promise<SinkTaskHarness<JdbcSinkTask>> {
    const harness = new SinkTaskHarness({
      createTask: () => new JdbcSinkTask(),
      topic,
      errantRecordReporter: options.reporter ?? true,
    });
    harnesses.push(harness);
    await harness.start({ "connection.url": db.url, topics: topic, "auto.create": "true", ...props });
    await harness.open();
    return harness;
  }

  async function rows(table: string, orderBy = "id"): Promise<Record<string, unknown>[]> {
    const { rows } = await client.query(
      `SELECT * FROM ${dialect.quoteIdentifier(table)} ORDER BY ${dialect.quoteIdentifier(orderBy)}`,
    );
    return rows.map((row: SqlRow) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
  }

  it("inserts structs into a table it creates, keeping Decimal, timestamps and bytes exact", async () => {
    const table = uniqueTable("types");
    const schema = SchemaBuilder.struct()
      .field("id", SchemaBuilder.int32().build())
      .field("tiny", SchemaBuilder.int8().build())
      .field("small", SchemaBuilder.int16().build())
      .field("big", SchemaBuilder.int64().build())
      .field("f32", SchemaBuilder.float32().build())
      .field("f64", SchemaBuilder.float64().build())
      .field("flag", SchemaBuilder.bool().build())
      .field("text", SchemaBuilder.string().build())
      .field("raw", SchemaBuilder.bytes().build())
      .field("price", Decimal.schema(2))
      .field("day", ConnectDate.schema())
      .field("clock", ConnectTime.schema())
      .field("at", ConnectTimestamp.schema())
      .field("note", SchemaBuilder.string().optional().build())
      .build();
    const value = new Struct(schema)
      .put("id", 1)
      .put("tiny", -8)
      .put("small", 3000)
      .put("big", 9_007_199_254_740_993n)
      .put("f32", 1.5)
      .put("f64", 0.1)
      .put("flag", true)
      .put("text", "héllo 'quoted' \\ ? $1")
      .put("raw", new Uint8Array([0, 255, 39, 34]))
      .put("price", BigDecimal.parse("123456789012345.67"))
      .put("day", new Date(Date.UTC(2024, 1, 29)))
      .put("clock", new Date(45_296_789))
      .put("at", new Date(Date.UTC(2024, 2, 31, 1, 30, 15, 7)))
      .put("note", null);
    const harness = await sink(table, {});
    // One row alone, then two in one statement (PostgreSQL writes those as arrays, one per column).
    await harness.put([{ value, valueSchema: schema }]);
    await harness.put([2, 3].map((id) => ({ value: copyWith(value, id), valueSchema: schema })));
    const written = await rows(table);
    expect(written.map((r) => r.id)).toEqual(["1", "2", "3"]);
    for (const row of written) expect({ ...row, id: "1" }).toEqual(written[0]);
    expect(written[0]).toEqual({
      id: "1",
      tiny: "-8",
      small: "3000",
      big: "9007199254740993",
      f32: "1.5",
      f64: "0.1",
      flag: "1",
      text: "héllo 'quoted' \\ ? $1",
      raw: "0x00ff2722",
      price: "123456789012345.67",
      day: "2024-02-29",
      clock: "12:34:56.789",
      at: "2024-03-31 01:30:15.007",
      note: null,
    });
  });

  it("writes timestamps as wall-clock times of db.timezone", async () => {
    const table = uniqueTable("zone");
    const schema = SchemaBuilder.struct()
      .field("id", SchemaBuilder.int32().build())
      .field("at", ConnectTimestamp.schema())
      .build();
    const harness = await sink(table, { "db.timezone": "America/New_York" });
    await harness.put([
      {
        value: new Struct(schema).put("id", 1).put("at", new Date(Date.UTC(2024, 6, 1, 12, 0, 0, 257))),
        valueSchema: schema,
      },
    ]);
    expect((await rows(table))[0]?.at).toBe("2024-07-01 08:00:00.257");
  });

  it("upserts with the last write per key winning within a put, and updates across puts", async () => {
    const table = uniqueTable("upsert");
    const harness = await sink(table, { "insert.mode": "upsert", "pk.mode": "record_key" });
    await harness.put([keyed(1, order(1, "a")), keyed(2, order(2, "b")), keyed(1, order(1, "c", 3))]);
    expect(await rows(table)).toEqual([
      { id: "1", item: "c", qty: "3" },
      { id: "2", item: "b", qty: "1" },
    ]);
    await harness.put([keyed(2, order(2, "b2", null)), keyed(3, order(3, "d"))]);
    await harness.redeliver();
    expect(await rows(table)).toEqual([
      { id: "1", item: "c", qty: "3" },
      { id: "2", item: "b2", qty: null },
      { id: "3", item: "d", qty: "1" },
    ]);
  });

  it("writes many rows through multi-row statements split at batch.size", async () => {
    const table = uniqueTable("multi");
    const harness = await sink(table, {
      "insert.mode": "upsert",
      "pk.mode": "record_value",
      "pk.fields": "id",
      "batch.size": "70",
    });
    const inputs = Array.from({ length: 1000 }, (_, i) => ({
      value: order(i, `item${i}`, i),
      valueSchema: ORDER,
    }));
    await harness.put(inputs);
    const { rows: counted } = await client.query(
      `SELECT COUNT(*) AS n, SUM(qty) AS total FROM ${dialect.quoteIdentifier(table)}`,
    );
    expect(plain(counted[0]?.n)).toBe("1000");
    expect(String(Number(counted[0]?.total))).toBe(String((999 * 1000) / 2));
  });

  it("writes only fields.whitelist (and the key) into the table table.name.format names", async () => {
    const topic = uniqueTable("wl");
    const table = `kafka_${topic}`;
    const harness = await sink(topic, {
      "table.name.format": "kafka_${topic}",
      "insert.mode": "upsert",
      "pk.mode": "record_value",
      "pk.fields": "id",
      "fields.whitelist": "item",
    });
    await harness.put([
      { value: order(1, "a", 5), valueSchema: ORDER },
      { value: order(2, "b", 6), valueSchema: ORDER },
    ]);
    expect(await rows(table)).toEqual([
      { id: "1", item: "a" },
      { id: "2", item: "b" },
    ]);
  });

  it("updates existing rows in update mode and inserts none", async () => {
    const table = uniqueTable("update");
    const harness = await sink(table, { "insert.mode": "upsert", "pk.mode": "record_key" });
    await harness.put([keyed(1, order(1, "a"))]);
    await harness.stop();
    const updater = await sink(table, { "insert.mode": "update", "pk.mode": "record_key" });
    await updater.put([keyed(1, order(1, "changed", 9)), keyed(2, order(2, "absent"))]);
    expect(await rows(table)).toEqual([{ id: "1", item: "changed", qty: "9" }]);
  });

  it("keys rows by topic, partition and offset with pk.mode=kafka, so redelivery writes nothing twice", async () => {
    const table = uniqueTable("kafka");
    const harness = await sink(table, { "insert.mode": "upsert", "pk.mode": "kafka" });
    await harness.put([
      { value: order(1, "a"), valueSchema: ORDER },
      { value: order(2, "b"), valueSchema: ORDER },
    ]);
    await harness.redeliver();
    const result = await rows(table, "__connect_offset");
    expect(result.map((r) => [r.__connect_topic, r.__connect_partition, r.__connect_offset, r.item])).toEqual(
      [
        [table, "0", "0", "a"],
        [table, "0", "1", "b"],
      ],
    );
  });

  it("keys rows by a primitive key column and by headers", async () => {
    const table = uniqueTable("prim");
    const harness = await sink(table, {
      "insert.mode": "upsert",
      "pk.mode": "record_key",
      "pk.fields": "code",
    });
    await harness.put([
      { key: "x'1", keySchema: SchemaBuilder.string().build(), value: order(1, "a"), valueSchema: ORDER },
      { key: "x'1", keySchema: SchemaBuilder.string().build(), value: order(1, "b"), valueSchema: ORDER },
    ]);
    expect(await rows(table, "code")).toEqual([{ code: "x'1", id: "1", item: "b", qty: "1" }]);

    const headerTable = uniqueTable("header");
    const byHeader = await sink(headerTable, {
      "insert.mode": "upsert",
      "pk.mode": "record_header",
      "pk.fields": "tenant",
    });
    const tenant = (name: string) => [new Header("tenant", SchemaBuilder.string().build(), name)];
    await byHeader.put([
      { value: order(1, "a"), valueSchema: ORDER, headers: tenant("t1") },
      { value: order(2, "b"), valueSchema: ORDER, headers: tenant("t2") },
      { value: order(3, "c"), valueSchema: ORDER, headers: tenant("t1") },
    ]);
    expect((await rows(headerTable, "tenant")).map((r) => [r.tenant, r.item])).toEqual([
      ["t1", "c"],
      ["t2", "b"],
    ]);
  });

  it("deletes rows for tombstones when delete.enabled, in the order records came", async () => {
    const table = uniqueTable("delete");
    const harness = await sink(table, {
      "insert.mode": "upsert",
      "pk.mode": "record_key",
      "delete.enabled": "true",
    });
    await harness.put([keyed(1, order(1, "a")), keyed(2, order(2, "b")), keyed(3, order(3, "c"))]);
    await harness.put([
      keyed(1, null),
      keyed(2, order(2, "b2")),
      keyed(2, null),
      keyed(3, null),
      keyed(3, order(3, "again")),
    ]);
    expect(await rows(table)).toEqual([{ id: "3", item: "again", qty: "1" }]);
  });

  it("adds optional columns with auto.evolve and refuses a required one without a default", async () => {
    const table = uniqueTable("evolve");
    const harness = await sink(table, { "auto.evolve": "true" });
    await harness.put([{ value: order(1, "a"), valueSchema: ORDER }]);
    const wider = SchemaBuilder.struct()
      .field("id", SchemaBuilder.int64().build())
      .field("item", SchemaBuilder.string().build())
      .field("qty", SchemaBuilder.int32().optional().build())
      .field("note", SchemaBuilder.string().optional().build())
      .field("rank", SchemaBuilder.int32().defaultValue(7).build())
      .build();
    await harness.put([
      {
        value: new Struct(wider).put("id", 2n).put("item", "b").put("note", "n").put("rank", 1),
        valueSchema: wider,
      },
    ]);
    expect(await rows(table)).toEqual([
      { id: "1", item: "a", qty: "1", note: null, rank: "7" },
      { id: "2", item: "b", qty: null, note: "n", rank: "1" },
    ]);
    const required = SchemaBuilder.struct()
      .field("id", SchemaBuilder.int64().build())
      .field("must", SchemaBuilder.string().build())
      .build();
    await expect(
      harness.put([{ value: new Struct(required).put("id", 3n).put("must", "x"), valueSchema: required }]),
    ).rejects.toThrow(/Cannot add the column must .*required and has no default/);
  });

  it("refuses a missing table without auto.create and missing columns without auto.evolve", async () => {
    const table = uniqueTable("nocreate");
    const harness = await sink(table, { "auto.create": "false" });
    await expect(harness.put([{ value: order(1, "a"), valueSchema: ORDER }])).rejects.toThrow(
      /does not exist: create it, or set auto.create=true/,
    );
    await client.query(`CREATE TABLE ${dialect.quoteIdentifier(table)} (id BIGINT PRIMARY KEY)`);
    await expect(harness.put([{ value: order(1, "a"), valueSchema: ORDER }])).rejects.toThrow(
      /has no column for item, qty/,
    );
  });

  it("writes schemaless maps into an existing table", async () => {
    const table = uniqueTable("maps");
    await client.query(
      `CREATE TABLE ${dialect.quoteIdentifier(table)} (id BIGINT PRIMARY KEY, item VARCHAR(20), qty INT)`,
    );
    const harness = await sink(table, {
      "insert.mode": "upsert",
      "pk.mode": "record_value",
      "pk.fields": "id",
    });
    await harness.put([
      {
        value: new Map<string, unknown>([
          ["id", 1n],
          ["item", "a"],
          ["qty", 2],
        ]),
      },
      {
        value: new Map<string, unknown>([
          ["id", 2n],
          ["item", "b"],
        ]),
      },
    ]);
    expect(await rows(table)).toEqual([
      { id: "1", item: "a", qty: "2" },
      { id: "2", item: "b", qty: null },
    ]);
  });

  it("sends a row the database refuses to the errant record reporter and commits the others", async () => {
    const table = uniqueTable("refused");
    const q = dialect.quoteIdentifier(table);
    await client.query(
      `CREATE TABLE ${q} (id BIGINT PRIMARY KEY, item VARCHAR(20) NOT NULL, qty INT, CONSTRAINT ${dialect.quoteIdentifier(`${table}_qty`)} CHECK (qty >= 0))`,
    );
    const harness = await sink(table, {
      "insert.mode": "upsert",
      "pk.mode": "record_key",
      "auto.create": "false",
    });
    const records = await harness.put([
      keyed(1, order(1, "a")),
      keyed(2, order(2, "bad", -5)),
      keyed(3, order(3, "c")),
    ]);
    expect(await rows(table)).toEqual([
      { id: "1", item: "a", qty: "1" },
      { id: "3", item: "c", qty: "1" },
    ]);
    expect(harness.reported.map((r) => r.record)).toEqual([records[1]]);
    expect(String(harness.reported[0]?.error)).toMatch(/refused the record at .*-0@1/);

    const strict = await sink(
      table,
      { "insert.mode": "upsert", "pk.mode": "record_key", "auto.create": "false" },
      { reporter: false },
    );
    await expect(strict.put([keyed(4, order(4, "d")), keyed(5, order(5, "bad", -1))])).rejects.toThrow(
      /refused the batch of 2 records \(nothing was written\)/,
    );
    expect((await rows(table)).map((r) => r.id)).toEqual(["1", "3"]);
  });

  it("quotes table and column names from topics and fields, so they cannot inject SQL", async () => {
    const canary = uniqueTable("c");
    await client.query(`CREATE TABLE ${dialect.quoteIdentifier(canary)} (id INT)`);
    const evilTopic = `${uniqueTable("e")}"; DROP TABLE ${canary}; --\`'`;
    const evilField = `col") VALUES (1); DROP TABLE ${canary}; --\``;
    const schema = SchemaBuilder.struct()
      .field("id", SchemaBuilder.int64().build())
      .field(evilField, SchemaBuilder.string().build())
      .build();
    const harness = await sink(evilTopic, {
      "insert.mode": "upsert",
      "pk.mode": "record_value",
      "pk.fields": "id",
      "table.name.format": "${topic}",
      "quote.sql.identifiers": "never",
    });
    const evil = (id: bigint) => ({
      value: new Struct(schema).put("id", id).put(evilField, "'); DROP TABLE x; --"),
      valueSchema: schema,
    });
    // One row alone, then two in one statement (PostgreSQL writes those as arrays, one per column).
    await harness.put([evil(1n)]);
    await harness.put([evil(2n), evil(3n)]);
    const written = await rows(evilTopic);
    expect(written).toEqual([1, 2, 3].map((id) => ({ id: String(id), [evilField]: "'); DROP TABLE x; --" })));
    expect((await rows(canary)).length).toBe(0); // still there
  });
}

for (const db of testDatabases()) {
  describe.skipIf(db.url === "")(`JDBC sink on ${db.name}`, () => sharedSinkSuite(db));
}

describe("JDBC sink connection failures", () => {
  it("are retriable until max.retries, then fail the task", async () => {
    const harness = new SinkTaskHarness({ createTask: () => new JdbcSinkTask(), topic: "t" });
    await harness.start({
      "connection.url": "jdbc:postgresql://127.0.0.1:1/test",
      topics: "t",
      "max.retries": "2",
      "retry.backoff.ms": "5",
      "auto.create": "true",
    });
    await harness.open();
    const value = order(1, "a");
    await expect(harness.put([{ value, valueSchema: ORDER }])).rejects.toBeInstanceOf(RetriableError);
    expect(harness.timeoutMs).toBe(5);
    await expect(harness.redeliver()).rejects.toBeInstanceOf(RetriableError);
    const last = await harness.redeliver().catch((e: unknown) => e);
    expect(last).toBeInstanceOf(ConnectError);
    expect((last as ConnectError).retriable).toBe(false);
    expect(String(last)).toMatch(/failed 3 times in a row/);
    await harness.stop();
  });
});

export type { Schema };
