import { BigDecimal, type Schema, type SourceRecord, Struct } from "@tributary/api";
import { SourceTaskHarness } from "@tributary/testkit";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseConnectionUrl } from "../../src/connection/connection-url.js";
import { openSqlClient } from "../../src/connection/open-sql-client.js";
import type { SqlClient } from "../../src/connection/sql-client.js";
import { JdbcSourceConnector } from "../../src/source/jdbc-source-connector.js";
import { JdbcSourceTask } from "../../src/source/jdbc-source-task.js";
import { uniqueTable } from "../test-databases.js";
import { type SourceDatabase, typeCases, utcText } from "./source-databases.js";

/** The value of a record, as a Struct. */
export function structOf(record: SourceRecord): Struct {
  if (!Struct.isStruct(record.value))
    throw new Error(`record value is not a Struct: ${String(record.value)}`);
  return record.value;
}

/** A field schema's type as the type cases write it: `INT16`, `Decimal(4)`, `Timestamp`, … */
export function typeName(schema: Schema): string {
  if (schema.name === "org.apache.kafka.connect.data.Decimal") return `Decimal(${schema.parameters?.scale})`;
  return schema.name?.replace("org.apache.kafka.connect.data.", "") ?? schema.type;
}

/** The ids of records, in order. */
export function idsOf(records: readonly SourceRecord[]): number[] {
  return records.map((record) => Number(structOf(record).get("id")));
}

/**
 * The JDBC source's integration tests, one body for every database: each mode over inserts, updates, restarts,
 * rows sharing a timestamp across batches, late commits inside the delay, time zones, a query with its own WHERE and
 * table discovery.
 */
export function jdbcSourceSuite(db: SourceDatabase): void {
  describe(`JDBC source on ${db.name}`, () => {
    let admin: SqlClient;
    const created: string[] = [];
    const { q, p } = db;

    beforeAll(() => {
      admin = openSqlClient(parseConnectionUrl(db.url));
    });
    afterAll(async () => {
      for (const table of created)
        await admin.query(`DROP TABLE IF EXISTS ${q(table)}`).catch(() => undefined);
      await admin.close();
    });

    /** A new table `(id serial, name, ts)` with a unique name. */
    async function eventsTable(prefix: string): Promise<string> {
      const table = uniqueTable(prefix);
      created.push(table);
      await admin.query(
        `CREATE TABLE ${q(table)} (id ${db.serial}, name VARCHAR(40) NOT NULL, ts ${db.timestamp} NOT NULL)`,
      );
      return table;
    }

    async function insert(table: string, rows: readonly [string, string][]): Promise<void> {
      for (const [name, ts] of rows) {
        await admin.query(`INSERT INTO ${q(table)} (name, ts) VALUES (${p(1)}, ${p(2)})`, [name, ts]);
      }
    }

    /** The task configuration the connector gives one task for `table`. */
    async function taskConfig(table: string, props: Record<string, string>): Promise<Record<string, string>> {
      const connector = new JdbcSourceConnector();
      connector.initialize({
        requestTaskReconfiguration: () => undefined,
        raiseError: () => undefined,
        offsetStorageReader: () => {
          throw new Error("not used");
        },
      });
      await connector.start({
        "connection.url": db.url,
        "topic.prefix": "src-",
        "poll.interval.ms": "20",
        "table.whitelist": table,
        ...props,
      });
      const configs = connector.taskConfigs(1);
      await connector.stop();
      expect(configs).toHaveLength(1);
      return { ...(configs[0] as Record<string, string>) };
    }

    function harness(): SourceTaskHarness<JdbcSourceTask> {
      return new SourceTaskHarness({ createTask: () => new JdbcSourceTask(), timeoutMs: 15_000 });
    }

    it("bulk mode reads the whole table on every run", async () => {
      const table = await eventsTable("bulk");
      const ts = utcText(Date.UTC(2024, 0, 1));
      await insert(table, [
        ["a", ts],
        ["b", ts],
        ["c", ts],
      ]);
      const h = harness();
      await h.start(await taskConfig(table, { mode: "bulk" }));
      const first = await h.pollUntil(3);
      expect(first.map((r) => structOf(r).get("name"))).toEqual(["a", "b", "c"]);
      const record = first[0] as SourceRecord;
      expect(record.topic).toBe(`src-${table}`);
      expect(record.key).toBeNull();
      expect(record.valueSchema?.name).toBe(table);
      expect(record.sourcePartition).toEqual({ protocol: "1", table: db.partitionName(table) });
      await insert(table, [["d", ts]]);
      const again = await h.pollUntil((records) => records.some((r) => structOf(r).get("name") === "d"));
      expect(again.map((r) => structOf(r).get("name")).slice(-4)).toEqual(["a", "b", "c", "d"]);
      await h.stop();
    });

    it("incrementing mode reads new rows once, and resumes after a restart without loss or repeats", async () => {
      const table = await eventsTable("inc");
      const ts = utcText(Date.UTC(2024, 0, 1));
      await insert(table, [
        ["a", ts],
        ["b", ts],
        ["c", ts],
      ]);
      const h = harness();
      await h.start(await taskConfig(table, { mode: "incrementing", "batch.max.rows": "2" }));
      const first = await h.pollUntil(3);
      expect(idsOf(first)).toEqual([1, 2, 3]);
      expect(first.map((r) => r.sourceOffset)).toEqual([
        { incrementing: 1 },
        { incrementing: 2 },
        { incrementing: 3 },
      ]);
      await insert(table, [
        ["d", ts],
        ["e", ts],
      ]);
      expect(idsOf(await h.pollUntil(2))).toEqual([4, 5]);
      await h.commit();
      await insert(table, [["f", ts]]);
      await h.restart();
      expect(idsOf(await h.pollUntil(1))).toEqual([6]);
      // Updates are not seen by incrementing mode: the id does not change.
      await admin.query(`UPDATE ${q(table)} SET name = 'z' WHERE id = 1`);
      await insert(table, [["g", ts]]);
      expect(idsOf(await h.pollUntil(1))).toEqual([7]);
      await h.stop();
    });

    it("timestamp mode reads inserts and updates in time order", async () => {
      const table = await eventsTable("ts");
      const base = Date.UTC(2024, 0, 1, 12);
      await insert(table, [
        ["a", utcText(base)],
        ["b", utcText(base + 1000)],
        ["c", utcText(base + 2000)],
      ]);
      const h = harness();
      await h.start(await taskConfig(table, { mode: "timestamp", "timestamp.column.name": "ts" }));
      expect(idsOf(await h.pollUntil(3))).toEqual([1, 2, 3]);
      await admin.query(`UPDATE ${q(table)} SET name = 'a2', ts = ${p(1)} WHERE id = 1`, [
        utcText(base + 5000, 250),
      ]);
      const updated = await h.pollUntil(1);
      expect(idsOf(updated)).toEqual([1]);
      expect(structOf(updated[0] as SourceRecord).get("name")).toBe("a2");
      expect(structOf(updated[0] as SourceRecord).get("ts")).toEqual(new Date(base + 5000));
      const offset = (updated[0] as SourceRecord).sourceOffset;
      expect(offset.timestamp).toBe(base + 5000);
      expect(offset.timestamp_nanos).toBe(db.name === "sqlite" ? 0 : 250_000);
      await h.stop();
    });

    it("timestamp mode loses no row of a timestamp group cut by a batch and a restart", async () => {
      const table = await eventsTable("tsgroup");
      const before = Date.UTC(2024, 0, 1, 11);
      const same = Date.UTC(2024, 0, 1, 12);
      await insert(table, [["x", utcText(before)]]);
      await insert(
        table,
        [1, 2, 3, 4, 5].map((n) => [`s${n}`, utcText(same)] as [string, string]),
      );
      const h = harness();
      await h.start(
        await taskConfig(table, { mode: "timestamp", "timestamp.column.name": "ts", "batch.max.rows": "2" }),
      );
      const firstBatch = await h.poll();
      expect(idsOf(firstBatch ?? [])).toEqual([1, 2]);
      // Row 2 shares its timestamp with rows 3-5, not read yet: its offset stays at row 1's timestamp.
      expect(firstBatch?.map((r) => r.sourceOffset.timestamp)).toEqual([before, before]);
      await h.commit();
      await h.restart();
      const rest = await h.pollUntil((records) => idsOf(records).includes(6));
      expect(new Set(idsOf(rest))).toEqual(new Set([2, 3, 4, 5, 6]));
      expect(rest.at(-1)?.sourceOffset.timestamp).toBe(same);
      await h.stop();
    });

    it("timestamp+incrementing mode reads rows sharing a timestamp across batches exactly once, also across restarts", async () => {
      const table = await eventsTable("tsinc");
      const same = utcText(Date.UTC(2024, 0, 1, 12));
      await insert(
        table,
        [1, 2, 3, 4, 5].map((n) => [`s${n}`, same] as [string, string]),
      );
      const h = harness();
      const props = await taskConfig(table, {
        mode: "timestamp+incrementing",
        "timestamp.column.name": "ts",
        "incrementing.column.name": "id",
        "batch.max.rows": "2",
      });
      await h.start(props);
      const first = await h.poll();
      expect(idsOf(first ?? [])).toEqual([1, 2]);
      await h.commit();
      await h.restart();
      const rest = await h.pollUntil(3);
      expect(idsOf(rest)).toEqual([3, 4, 5]);
      expect(rest.at(-1)?.sourceOffset).toEqual({
        incrementing: 5,
        timestamp: Date.UTC(2024, 0, 1, 12),
        timestamp_nanos: 0,
      });
      await admin.query(`UPDATE ${q(table)} SET ts = ${p(1)} WHERE id = 2`, [
        utcText(Date.UTC(2024, 0, 1, 13)),
      ]);
      await insert(table, [["late-id-same-ts", same]]);
      const next = await h.pollUntil(2);
      expect(idsOf(next)).toEqual([6, 2]);
      await h.stop();
    });

    it("waits timestamp.delay.interval.ms for late commits: a row committed later with an older timestamp is read", async () => {
      const table = await eventsTable("late");
      const now = Date.now();
      await insert(table, [["recent", utcText(now - 1000)]]);
      const h = harness();
      await h.start(
        await taskConfig(table, {
          mode: "timestamp",
          "timestamp.column.name": "ts",
          "timestamp.delay.interval.ms": "4000",
        }),
      );
      // Inside the delay: not read yet, so the row below, older but committed later, is not skipped.
      expect(await h.poll()).toBeNull();
      await insert(table, [["late", utcText(now - 2000)]]);
      const records = await h.pollUntil(2, { timeoutMs: 15_000 });
      expect(records.map((r) => structOf(r).get("name"))).toEqual(["late", "recent"]);
      await h.stop();
    });

    it("reads date-times without a zone in db.timezone", async () => {
      const table = await eventsTable("tz");
      // 10:00 in Kolkata (UTC+05:30) is 04:30 UTC.
      await insert(table, [["fixed", "2024-01-01 10:00:00.123456"]]);
      const kolkataNow = utcText(Date.now() + 5.5 * 3_600_000 - 5000);
      const kolkataFuture = utcText(Date.now() + 5.5 * 3_600_000 + 3_600_000);
      await insert(table, [
        ["now", kolkataNow],
        ["future", kolkataFuture],
      ]);
      const h = harness();
      await h.start(
        await taskConfig(table, {
          mode: "timestamp",
          "timestamp.column.name": "ts",
          "db.timezone": "Asia/Kolkata",
        }),
      );
      const records = await h.pollUntil(2);
      expect(records.map((r) => structOf(r).get("name"))).toEqual(["fixed", "now"]);
      expect(structOf(records[0] as SourceRecord).get("ts")).toEqual(new Date("2024-01-01T04:30:00.123Z"));
      expect(records[0]?.sourceOffset).toEqual({
        timestamp: Date.parse("2024-01-01T04:30:00.123Z"),
        timestamp_nanos: db.name === "sqlite" ? 123_000_000 : 123_456_000,
      });
      // The row an hour ahead in Kolkata is in the future: not read.
      expect(await h.poll()).toBeNull();
      await h.stop();
    });

    it("query mode wraps a query with its own WHERE and applies the mode's conditions to its result", async () => {
      const table = await eventsTable("query");
      const ts = utcText(Date.UTC(2024, 0, 1));
      await insert(table, [
        ["keep", ts],
        ["skip", ts],
        ["keep", ts],
      ]);
      const h = harness();
      await h.start({
        "connection.url": db.url,
        "topic.prefix": "orders-feed",
        "poll.interval.ms": "20",
        mode: "incrementing",
        "incrementing.column.name": "id",
        query: `SELECT id, name FROM ${q(table)} WHERE name <> 'skip';`,
      });
      const records = await h.pollUntil(2);
      expect(idsOf(records)).toEqual([1, 3]);
      expect(records[0]?.topic).toBe("orders-feed");
      expect(records[0]?.sourcePartition).toEqual({ query: "query" });
      expect(records[0]?.valueSchema?.name).toBeUndefined();
      await h.commit();
      await insert(table, [
        ["skip", ts],
        ["keep", ts],
      ]);
      await h.restart();
      expect(idsOf(await h.pollUntil(1))).toEqual([5]);
      await h.stop();
    });

    it("timestamp.column.name with several columns takes the first non-NULL one of each row", async () => {
      const table = uniqueTable("coalesce");
      created.push(table);
      await admin.query(
        `CREATE TABLE ${q(table)} (id ${db.serial}, modified ${db.timestamp} NULL, created ${db.timestamp} NOT NULL)`,
      );
      const at = (hour: number) => utcText(Date.UTC(2024, 0, 1, hour));
      await admin.query(`INSERT INTO ${q(table)} (modified, created) VALUES (${p(1)}, ${p(2)})`, [
        at(5),
        at(1),
      ]);
      await admin.query(`INSERT INTO ${q(table)} (modified, created) VALUES (NULL, ${p(1)})`, [at(3)]);
      const h = harness();
      await h.start(
        await taskConfig(table, { mode: "timestamp", "timestamp.column.name": "modified, created" }),
      );
      const records = await h.pollUntil(2);
      expect(idsOf(records)).toEqual([2, 1]);
      expect(records.map((r) => r.sourceOffset.timestamp)).toEqual([
        Date.UTC(2024, 0, 1, 3),
        Date.UTC(2024, 0, 1, 5),
      ]);
      await h.stop();
    });

    it("starts at timestamp.initial when no offset is stored", async () => {
      const table = await eventsTable("initial");
      await insert(table, [
        ["old", utcText(Date.UTC(2024, 0, 1))],
        ["new", utcText(Date.UTC(2024, 6, 1))],
      ]);
      const h = harness();
      await h.start(
        await taskConfig(table, {
          mode: "timestamp+incrementing",
          "timestamp.column.name": "ts",
          "timestamp.initial": String(Date.UTC(2024, 3, 1)),
        }),
      );
      expect((await h.pollUntil(1)).map((r) => structOf(r).get("name"))).toEqual(["new"]);
      await h.stop();
    });

    it("refuses a nullable timestamp column unless validate.non.null=false", async () => {
      const table = uniqueTable("nullable");
      created.push(table);
      await admin.query(`CREATE TABLE ${q(table)} (id ${db.serial}, ts ${db.timestamp} NULL)`);
      await admin.query(`INSERT INTO ${q(table)} (ts) VALUES (${p(1)})`, [utcText(Date.UTC(2024, 0, 1))]);
      const props = { mode: "timestamp", "timestamp.column.name": "ts" };
      const h = harness();
      await h.start(await taskConfig(table, props));
      await expect(h.poll()).rejects.toThrow(/nullable.*validate\.non\.null=false/);
      await h.stop();
      await h.start(await taskConfig(table, { ...props, "validate.non.null": "false" }));
      expect(idsOf(await h.pollUntil(1))).toEqual([1]);
      await h.stop();
    });

    it("lists views only when table.types says VIEW", async () => {
      const table = await eventsTable("viewbase");
      const view = uniqueTable("view");
      await admin.query(`CREATE VIEW ${q(view)} AS SELECT id, name FROM ${q(table)}`);
      try {
        const listed = async (types: string) => {
          const connector = new JdbcSourceConnector();
          await connector.start({
            "connection.url": db.url,
            "topic.prefix": "src-",
            mode: "bulk",
            "table.whitelist": `${table},${view}`,
            "table.types": types,
          });
          const names = connector
            .taskConfigs(1)
            .flatMap((config) => JSON.parse(config.tables ?? "[]").map((t: unknown[]) => t[2]));
          await connector.stop();
          return names;
        };
        expect(await listed("TABLE")).toEqual([table]);
        expect(await listed("VIEW")).toEqual([view]);
        expect((await listed("TABLE,VIEW")).sort()).toEqual([table, view].sort());
      } finally {
        await admin.query(`DROP VIEW ${q(view)}`);
      }
    });

    it("goes on reading its other tables when one is dropped under it", async () => {
      const kept = await eventsTable("kept");
      const dropped = await eventsTable("dropped");
      const ts = utcText(Date.UTC(2024, 0, 1));
      const connector = new JdbcSourceConnector();
      await connector.start({
        "connection.url": db.url,
        "topic.prefix": "src-",
        "poll.interval.ms": "20",
        mode: "incrementing",
        "table.whitelist": `${kept},${dropped}`,
      });
      const [config] = connector.taskConfigs(1);
      await connector.stop();
      const warnings: string[] = [];
      const listener = (warning: Error) => {
        if ((warning as Error & { code?: string }).code === "TRIBUTARY_JDBC_SOURCE_TABLE_FAILED")
          warnings.push(warning.message);
      };
      process.on("warning", listener);
      try {
        const h = harness();
        await h.start(config as Record<string, string>);
        await insert(kept, [["a", ts]]);
        await insert(dropped, [["b", ts]]);
        expect((await h.pollUntil(2)).map((r) => r.topic).sort()).toEqual(
          [`src-${dropped}`, `src-${kept}`].sort(),
        );
        await admin.query(`DROP TABLE ${q(dropped)}`);
        await insert(kept, [["c", ts]]);
        const next = await h.pollUntil(
          (records) =>
            records.some((r) => structOf(r).get("name") === "c") &&
            warnings.some((message) => message.includes(dropped)),
        );
        expect(next.map((r) => r.topic)).toEqual([`src-${kept}`]);
        await h.stop();
      } finally {
        process.off("warning", listener);
      }
    });

    it("lists tables again every table.poll.interval.ms and asks for new task configurations when they change", async () => {
      const first = await eventsTable("disc_a");
      const second = uniqueTable("disc_b");
      const connector = new JdbcSourceConnector();
      const requestTaskReconfiguration = vi.fn();
      connector.initialize({
        requestTaskReconfiguration,
        raiseError: () => undefined,
        offsetStorageReader: () => {
          throw new Error("not used");
        },
      });
      await connector.start({
        "connection.url": db.url,
        "topic.prefix": "src-",
        mode: "bulk",
        "table.whitelist": `${first},${second}`,
        "table.poll.interval.ms": "100",
      });
      try {
        expect(connector.taskConfigs(4).map((config) => JSON.parse(config.tables ?? "[]").length)).toEqual([
          1,
        ]);
        created.push(second);
        await admin.query(`CREATE TABLE ${q(second)} (id ${db.serial})`);
        await vi.waitFor(() => expect(requestTaskReconfiguration).toHaveBeenCalled(), { timeout: 10_000 });
        const configs = connector.taskConfigs(4);
        expect(
          configs.map((config) => JSON.parse(config.tables ?? "[]").map((t: unknown[]) => t[2])),
        ).toEqual([first, second].sort().map((name) => [name]));
        expect(connector.taskConfigs(1).map((config) => JSON.parse(config.tables ?? "[]").length)).toEqual([
          2,
        ]);
      } finally {
        await connector.stop();
      }
    });

    it("maps every column type, exactly, nullable columns as optional fields; an unmappable column is skipped with one warning", async () => {
      const table = uniqueTable("types");
      created.push(table);
      const cases = typeCases(db);
      const columns = cases.map((t) => `${q(t.column)} ${t.ddl}`.trim());
      await admin.query(`CREATE TABLE ${q(table)} (id ${db.serial}, ${columns.join(", ")})`);
      const names = cases.map((t) => q(t.column));
      const values = cases.map((_t, i) => p(i + 1));
      await admin.query(
        `INSERT INTO ${q(table)} (${names.join(", ")}) VALUES (${values.join(", ")})`,
        cases.map((t) => t.insert),
      );
      await admin.query(`INSERT INTO ${q(table)} (${names[0]}) VALUES (NULL)`);
      const warnings: Error[] = [];
      const listener = (warning: Error) => {
        if ((warning as Error & { code?: string }).code === "TRIBUTARY_JDBC_SOURCE_UNMAPPED_COLUMN")
          warnings.push(warning);
      };
      process.on("warning", listener);
      try {
        const h = harness();
        await h.start(await taskConfig(table, { mode: "bulk" }));
        const records = await h.pollUntil(4);
        await h.stop();
        await new Promise((resolve) => setImmediate(resolve));
        const [full, empty] = records.map(structOf);
        const schema = (full as Struct).schema;
        const mapped = cases.filter((t) => t.value !== undefined);
        expect(schema.fields().map((field) => field.name)).toEqual(["id", ...mapped.map((t) => t.column)]);
        for (const t of mapped) {
          const field = schema.field(t.column);
          expect([t.column, field && typeName(field.schema), field?.schema.isOptional]).toEqual([
            t.column,
            t.type,
            true,
          ]);
          const expected = t.type.startsWith("Decimal") ? BigDecimal.parse(t.value as string) : t.value;
          expect([t.column, (full as Struct).get(t.column)]).toEqual([t.column, expected]);
          expect([t.column, (empty as Struct).get(t.column)]).toEqual([t.column, null]);
        }
        const unmapped = cases.filter((t) => t.value === undefined);
        expect(warnings.map((w) => w.message.split(" has type")[0])).toEqual(
          unmapped.map((t) => `Column ${t.column} of table ${db.partitionName(table)}`),
        );
      } finally {
        process.off("warning", listener);
      }
    });

    it("numeric.mapping=best_fit reads NUMERIC columns as integers and doubles", async () => {
      const table = uniqueTable("bestfit");
      created.push(table);
      await admin.query(
        `CREATE TABLE ${q(table)} (id ${db.serial}, small NUMERIC(4,0), price NUMERIC(10,2), big NUMERIC(30,2))`,
      );
      await admin.query(`INSERT INTO ${q(table)} (small, price, big) VALUES (${p(1)}, ${p(2)}, ${p(3)})`, [
        "1234",
        "12.5",
        "1234567890123456789012.25",
      ]);
      const h = harness();
      await h.start(await taskConfig(table, { mode: "bulk", "numeric.mapping": "best_fit" }));
      const [record] = await h.pollUntil(1);
      await h.stop();
      const value = structOf(record as SourceRecord);
      expect(
        ["small", "price", "big"].map((name) => typeName(value.schema.field(name)?.schema as Schema)),
      ).toEqual(["INT16", "FLOAT64", db.name === "sqlite" ? "Decimal(2)" : "Decimal(2)"]);
      expect(value.get("small")).toBe(1234);
      expect(value.get("price")).toBe(12.5);
      if (db.name !== "sqlite")
        expect(value.get("big")).toEqual(BigDecimal.parse("1234567890123456789012.25"));
    });
  });
}
