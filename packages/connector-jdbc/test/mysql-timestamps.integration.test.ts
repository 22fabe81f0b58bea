import { ConnectTimestamp, SchemaBuilder, type SourceRecord, Struct } from "@tributary/api";
import { SinkTaskHarness, SourceTaskHarness } from "@tributary/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { parseConnectionUrl } from "../src/connection/connection-url.js";
import { openSqlClient } from "../src/connection/open-sql-client.js";
import { JdbcSinkTask } from "../src/sink/jdbc-sink-task.js";
import { JdbcSourceTask } from "../src/source/jdbc-source-task.js";
import { structOf } from "./source/jdbc-source-suite.js";
import { testDatabases, uniqueTable } from "./test-databases.js";

const url = testDatabases().find((db) => db.name === "mariadb")?.url ?? "";

const ROW = SchemaBuilder.struct()
  .field("id", SchemaBuilder.int32().build())
  .field("ts", ConnectTimestamp.builder().optional().build())
  .field("dt", ConnectTimestamp.builder().optional().build())
  .build();

/** Winter, summer, and both instants of the hour Europe/Paris repeats when clocks go back (02:30 twice). */
const INSTANTS = [
  Date.UTC(2024, 0, 15, 12, 0, 0, 123),
  Date.UTC(2024, 6, 1, 22, 30, 0, 456),
  Date.UTC(2024, 9, 27, 0, 30, 0, 0),
  Date.UTC(2024, 9, 27, 1, 30, 0, 0),
];
/** Rows whose DATETIME wall clock names two instants in Europe/Paris, so it cannot give the instant back. */
const AMBIGUOUS_IN_PARIS = new Set([3, 4]);
/** A row the database writes itself: FROM_UNIXTIME in the session's zone. */
const SERVER_ROW = { id: 100, epochMillis: 1_700_000_000_500 };

describe.skipIf(url === "")("MariaDB TIMESTAMP and DATETIME columns under db.timezone", () => {
  const admin = url === "" ? undefined : openSqlClient(parseConnectionUrl(url));
  const tables: string[] = [];

  afterAll(async () => {
    for (const table of tables) await admin?.query(`DROP TABLE IF EXISTS \`${table}\``);
    await admin?.close();
  });

  it("timestamp mode on a TIMESTAMP column compares instants under Europe/Paris: recent rows are read, future ones not", async () => {
    const table = uniqueTable("mysql_ts_mode");
    tables.push(table);
    await admin?.query(`CREATE TABLE \`${table}\` (id INT PRIMARY KEY, ts TIMESTAMP(3) NOT NULL)`);
    // The session runs in UTC: these are the instants five seconds ago and an hour ahead.
    await admin?.query(
      `INSERT INTO \`${table}\` VALUES (1, UTC_TIMESTAMP(3) - INTERVAL 5 SECOND), (2, UTC_TIMESTAMP(3) + INTERVAL 1 HOUR)`,
    );
    const stored = await admin?.query(
      `SELECT ROUND(UNIX_TIMESTAMP(ts) * 1000) AS millis FROM \`${table}\` WHERE id = 1`,
    );
    const source = new SourceTaskHarness({ createTask: () => new JdbcSourceTask() });
    await source.start({
      "connection.url": url,
      mode: "timestamp",
      "timestamp.column.name": "ts",
      "topic.prefix": "tz-",
      "db.timezone": "Europe/Paris",
      "poll.interval.ms": "50",
      tables: JSON.stringify([["test", null, table]]),
    });
    const [record] = await source.pollUntil(1);
    const row = structOf(record as SourceRecord);
    expect([row.get("id"), (row.get("ts") as Date).getTime()]).toEqual([1, Number(stored?.rows[0]?.millis)]);
    expect(await source.poll()).toBeNull();
    await source.stop();
  });

  for (const zone of ["Europe/Paris", "UTC"]) {
    it(`a Timestamp is the same instant written and read back in ${zone}`, async () => {
      const table = uniqueTable("mysql_ts");
      tables.push(table);
      await admin?.query(
        `CREATE TABLE \`${table}\` (id INT PRIMARY KEY, ts TIMESTAMP(3) NULL, dt DATETIME(3) NULL)`,
      );

      const sink = new SinkTaskHarness({ createTask: () => new JdbcSinkTask(), topic: table });
      await sink.start({
        "connection.url": url,
        topics: table,
        "db.timezone": zone,
        "pk.mode": "record_value",
        "pk.fields": "id",
        "insert.mode": "upsert",
      });
      await sink.open();
      await sink.put(
        INSTANTS.map((millis, i) => ({
          value: new Struct(ROW)
            .put("id", i + 1)
            .put("ts", new Date(millis))
            .put("dt", new Date(millis)),
          valueSchema: ROW,
        })),
      );
      await sink.commit();
      await sink.stop();
      await admin?.query(`INSERT INTO \`${table}\` (id, ts) VALUES (?, FROM_UNIXTIME(?))`, [
        SERVER_ROW.id,
        SERVER_ROW.epochMillis / 1000,
      ]);

      // The server's own view of the TIMESTAMP column's instants.
      const stored = await admin?.query(
        `SELECT id, ROUND(UNIX_TIMESTAMP(ts) * 1000) AS millis FROM \`${table}\` ORDER BY id`,
      );
      expect(stored?.rows.map((row) => Number(row.millis))).toEqual([...INSTANTS, SERVER_ROW.epochMillis]);

      const source = new SourceTaskHarness({ createTask: () => new JdbcSourceTask() });
      await source.start({
        "connection.url": url,
        mode: "bulk",
        "topic.prefix": "tz-",
        "db.timezone": zone,
        tables: JSON.stringify([["test", null, table]]),
      });
      const records = (await source.pollUntil(INSTANTS.length + 1)).slice(0, INSTANTS.length + 1);
      await source.stop();
      const read = records
        .map((record: SourceRecord) => structOf(record))
        .map((row) => ({
          id: row.get("id") as number,
          ts: (row.get("ts") as Date | null)?.getTime(),
          dt: (row.get("dt") as Date | null)?.getTime(),
        }))
        .sort((a, b) => a.id - b.id);
      expect(read.map((row) => row.ts)).toEqual([...INSTANTS, SERVER_ROW.epochMillis]);
      const exact = read.filter(
        (row) => row.id !== SERVER_ROW.id && !(zone === "Europe/Paris" && AMBIGUOUS_IN_PARIS.has(row.id)),
      );
      expect(exact.map((row) => row.dt)).toEqual(exact.map((row) => INSTANTS[row.id - 1]));
    });
  }
});
