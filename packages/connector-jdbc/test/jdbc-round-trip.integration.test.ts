import { BigDecimal, type SourceRecord, type Struct } from "@tributary/api";
import { SinkTaskHarness, SourceTaskHarness } from "@tributary/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { parseConnectionUrl } from "../src/connection/connection-url.js";
import { openSqlClient } from "../src/connection/open-sql-client.js";
import { JdbcSinkTask } from "../src/sink/jdbc-sink-task.js";
import { JdbcSourceTask } from "../src/source/jdbc-source-task.js";
import { structOf, typeName } from "./source/jdbc-source-suite.js";
import { type SourceDatabase, sourceDatabase, typeCases } from "./source/source-databases.js";
import { testDatabases, uniqueTable } from "./test-databases.js";

const databases = new Map(testDatabases().map((db) => [db.name, sourceDatabase(db)]));

/** Types a destination has no exact column for, and the type they come back as. */
const WIDENED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  postgresql: { INT8: "INT16" },
  mariadb: {},
  sqlite: { FLOAT32: "FLOAT64" },
};

/**
 * Values a destination cannot keep exactly. None: SQLite keeps decimals as text in the DECIMAL_TEXT columns
 * auto.create makes, every digit and trailing zero.
 */
const INEXACT: Readonly<Record<string, readonly string[]>> = {};

function tableId(db: SourceDatabase, name: string): [string | null, string | null, string][] {
  if (db.name === "postgresql") return [["test", "public", name]];
  if (db.name === "mariadb") return [["test", null, name]];
  return [[null, null, name]];
}

/** Reads every row of `table` in bulk mode. */
async function readAll(db: SourceDatabase, table: string, rows: number): Promise<SourceRecord[]> {
  const harness = new SourceTaskHarness({ createTask: () => new JdbcSourceTask() });
  await harness.start({
    "connection.url": db.url,
    mode: "bulk",
    "topic.prefix": "rt-",
    tables: JSON.stringify(tableId(db, table)),
  });
  const records = await harness.pollUntil(rows);
  await harness.stop();
  return records.slice(0, rows);
}

const pairs: [SourceDatabase | undefined, SourceDatabase | undefined][] = [
  [databases.get("postgresql"), databases.get("mariadb")],
  [databases.get("mariadb"), databases.get("postgresql")],
  [databases.get("postgresql"), databases.get("sqlite")],
];

for (const [from, to] of pairs) {
  const skip = from === undefined || to === undefined || from.url === "" || to.url === "";
  describe.skipIf(skip)(`JDBC round trip ${from?.name} → ${to?.name}`, () => {
    const source = from as SourceDatabase;
    const target = to as SourceDatabase;
    const sourceTable = uniqueTable("rt_src");
    const targetTable = uniqueTable("rt_dst");
    const admin = skip ? undefined : openSqlClient(parseConnectionUrl(source.url));
    const targetAdmin = skip ? undefined : openSqlClient(parseConnectionUrl(target.url));

    afterAll(async () => {
      await admin?.query(`DROP TABLE IF EXISTS ${source.q(sourceTable)}`).catch(() => undefined);
      await targetAdmin?.query(`DROP TABLE IF EXISTS ${target.q(targetTable)}`).catch(() => undefined);
      await admin?.close();
      await targetAdmin?.close();
    });

    it("the source's records, written by the sink into the other database, read back with the same types and values", async () => {
      const cases = typeCases(source).filter((t) => t.value !== undefined);
      const { q, p } = source;
      await admin?.query(
        `CREATE TABLE ${q(sourceTable)} (id ${source.serial}, ${cases.map((t) => `${q(t.column)} ${t.ddl}`).join(", ")})`,
      );
      await admin?.query(
        `INSERT INTO ${q(sourceTable)} (${cases.map((t) => q(t.column)).join(", ")}) VALUES (${cases.map((_t, i) => p(i + 1)).join(", ")})`,
        cases.map((t) => t.insert),
      );
      await admin?.query(`INSERT INTO ${q(sourceTable)} (${q(cases[0]?.column ?? "")}) VALUES (NULL)`);
      const original = await readAll(source, sourceTable, 2);

      const sink = new SinkTaskHarness({ createTask: () => new JdbcSinkTask(), topic: `rt-${sourceTable}` });
      await sink.start({
        "connection.url": target.url,
        topics: `rt-${sourceTable}`,
        "table.name.format": targetTable,
        "auto.create": "true",
        "pk.mode": "record_value",
        "pk.fields": "id",
        "insert.mode": "upsert",
      });
      await sink.open();
      await sink.put(original.map((record) => ({ value: record.value, valueSchema: record.valueSchema })));
      await sink.commit();
      await sink.stop();

      const copied = await readAll(target, targetTable, 2);
      const widened = WIDENED[target.name] ?? {};
      for (const [index, record] of original.entries()) {
        const before = structOf(record);
        const after = structOf(copied[index] as SourceRecord);
        for (const field of before.schema.fields()) {
          const copy = after.schema.field(field.name);
          const type = typeName(field.schema);
          expect([field.name, copy && typeName(copy.schema), copy?.schema.isOptional]).toEqual([
            field.name,
            widened[type] ?? type,
            field.schema.isOptional,
          ]);
          if (INEXACT[target.name]?.includes(field.name)) continue;
          expect([field.name, normalise(after, field.name)]).toEqual([
            field.name,
            normalise(before, field.name),
          ]);
        }
      }
    });
  });
}

/** A value to compare across databases: decimals by number, binary as bytes. */
function normalise(struct: Struct, field: string): unknown {
  const value = struct.get(field);
  if (BigDecimal.isBigDecimal(value)) return value.toString();
  if (value instanceof Uint8Array) return [...value];
  return value;
}
