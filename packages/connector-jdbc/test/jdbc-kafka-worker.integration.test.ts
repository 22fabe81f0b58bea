/**
 * The JDBC connectors on the Kafka worker: a real `tributary standalone` process (the built bin, which finds
 * `@tributary/connector-jdbc` among the installed packages marked `tributary.plugins`) runs JdbcSourceConnector on
 * PostgreSQL in incrementing mode into a topic (JsonConverter with schemas) and JdbcSinkConnector from that topic into
 * MariaDB (upsert, auto.create); every row arrives with equal values.
 */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import mysql from "mysql2/promise";
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import {
  describeWithKafka,
  kafkaBrokers,
  testClients,
  uniqueName,
} from "../../runtime/test/kafka-test-support.js";
import {
  eventually,
  killWorker,
  type RunningWorker,
  STANDALONE_BIN,
  startStandaloneWorker,
  writeQuickstartWorkerProperties,
} from "../../runtime/test/standalone-process.js";
import { testDatabases, uniqueTable } from "./test-databases.js";

const PLUGIN_DIST = fileURLToPath(new URL("../dist/index.js", import.meta.url));

const urls = Object.fromEntries(testDatabases().map((db) => [db.name, db.url]));
const postgresUrl = urls.postgresql ?? "";
const mysqlUrl = urls.mariadb ?? "";

/** Each row's columns as text, selected alike from both databases so that values compare exactly. */
const PG_ROWS = `SELECT id::text AS id, name, price::text AS price, qty::text AS qty,
  CASE WHEN active THEN '1' ELSE '0' END AS active, to_char(at, 'YYYY-MM-DD HH24:MI:SS.MS') AS at,
  day::text AS day, note FROM TABLE ORDER BY id`;
const MARIADB_ROWS = `SELECT CAST(id AS CHAR) AS id, name, CAST(price AS CHAR) AS price, CAST(qty AS CHAR) AS qty,
  CAST(active + 0 AS CHAR) AS active, LEFT(DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f'), 23) AS at,
  CAST(day AS CHAR) AS day, note FROM TABLE ORDER BY id`;

const workers: RunningWorker[] = [];

afterAll(async () => {
  for (const worker of workers) await killWorker(worker);
});

function insertRows(from: number, to: number): { sql: string; params: unknown[] } {
  const values: string[] = [];
  const params: unknown[] = [];
  for (let i = from; i < to; i++) {
    const p = params.length;
    values.push(`($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7})`);
    params.push(
      `item ${i} 'quoted' ü`,
      `${i * 1000 + 123}.${String(i % 1000).padStart(3, "0")}`,
      (2n ** 62n + BigInt(i)).toString(),
      i % 2 === 0,
      `2024-0${1 + (i % 9)}-1${i % 10} 0${i % 10}:30:15.${String(i).padStart(3, "0").slice(-3)}`,
      `2023-1${i % 3}-0${1 + (i % 9)}`,
      i % 3 === 0 ? null : `note ${i}`,
    );
  }
  return { sql: `(name, price, qty, active, at, day, note) VALUES ${values.join(", ")}`, params };
}

describeWithKafka("JDBC connectors on the Kafka worker", () => {
  const ready = postgresUrl !== "" && mysqlUrl !== "";

  it.skipIf(!ready)(
    "copies a PostgreSQL table through Kafka into MariaDB with equal values, new rows too",
    async () => {
      expect(
        existsSync(STANDALONE_BIN),
        `${STANDALONE_BIN} is missing: npm run build -w packages/runtime`,
      ).toBe(true);
      expect(
        existsSync(PLUGIN_DIST),
        `${PLUGIN_DIST} is missing: npm run build -w packages/connector-jdbc`,
      ).toBe(true);
      const source = new pg.Client({ connectionString: postgresUrl });
      const target = await mysql.createConnection({ uri: mysqlUrl });
      await source.connect();
      const table = uniqueTable("e2e_src");
      const copy = uniqueTable("e2e_dst");
      const prefix = `${uniqueName("jdbc-e2e")}-`;
      const sinkName = uniqueName("jdbc-sink");
      try {
        await source.query(
          `CREATE TABLE "${table}" (id SERIAL PRIMARY KEY, name TEXT NOT NULL, price NUMERIC(12,3) NOT NULL,
           qty BIGINT NOT NULL, active BOOLEAN NOT NULL, at TIMESTAMP(3) NOT NULL, day DATE NOT NULL, note TEXT)`,
        );
        const first = insertRows(0, 50);
        await source.query(`INSERT INTO "${table}" ${first.sql}`, first.params);

        const dir = mkdtempSync(join(tmpdir(), "tributary-jdbc-e2e-"));
        writeQuickstartWorkerProperties(dir, kafkaBrokers());
        const postgresJdbc = new URL(postgresUrl);
        writeFileSync(
          join(dir, "source.json"),
          JSON.stringify({
            name: uniqueName("jdbc-source"),
            config: {
              "connector.class": "io.confluent.connect.jdbc.JdbcSourceConnector",
              "tasks.max": "1",
              "connection.url": `jdbc:postgresql://${postgresJdbc.host}${postgresJdbc.pathname}`,
              "connection.user": decodeURIComponent(postgresJdbc.username),
              ...(postgresJdbc.password === ""
                ? {}
                : { "connection.password": decodeURIComponent(postgresJdbc.password) }),
              mode: "incrementing",
              "incrementing.column.name": "id",
              "table.whitelist": table,
              "topic.prefix": prefix,
              "poll.interval.ms": "200",
            },
          }),
        );
        writeFileSync(
          join(dir, "sink.json"),
          JSON.stringify({
            name: sinkName,
            config: {
              "connector.class": "JdbcSinkConnector",
              "tasks.max": "1",
              "connection.url": mysqlUrl,
              topics: `${prefix}${table}`,
              "table.name.format": copy,
              "insert.mode": "upsert",
              "pk.mode": "record_value",
              "pk.fields": "id",
              "auto.create": "true",
            },
          }),
        );

        const worker = await startStandaloneWorker(dir, [join(dir, "source.json"), join(dir, "sink.json")]);
        workers.push(worker);
        const expected = async () => (await source.query(PG_ROWS.replace("TABLE", `"${table}"`))).rows;
        const copied = async () => {
          const [rows] = await target.query(MARIADB_ROWS.replace("TABLE", `\`${copy}\``));
          return (rows as Record<string, unknown>[]).map((row) => ({ ...row }));
        };
        const arrived = async (count: number) => {
          const want = await expected();
          expect(want).toHaveLength(count);
          await eventually(async () => {
            const got = await copied().catch((error: unknown) => {
              throw new Error(`${(error as Error).message}\n${worker.log().slice(-3000)}`);
            });
            expect(got).toEqual(want);
          }, 90_000);
        };
        await arrived(50);

        // Rows added while it runs arrive too, read from the incrementing offset.
        const more = insertRows(50, 75);
        await source.query(`INSERT INTO "${table}" ${more.sql}`, more.params);
        await arrived(75);
      } finally {
        await source.query(`DROP TABLE IF EXISTS "${table}"`).catch(() => undefined);
        await target.query(`DROP TABLE IF EXISTS \`${copy}\``).catch(() => undefined);
        await source.end();
        await target.end();
        const clients = testClients();
        try {
          await clients
            .admin()
            .deleteGroups([`connect-${sinkName}`])
            .catch(() => undefined);
          await clients
            .admin()
            .deleteTopics([`${prefix}${table}`])
            .catch(() => undefined);
        } finally {
          await clients.close();
        }
      }
    },
    240_000,
  );
});
