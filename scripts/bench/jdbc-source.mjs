/**
 * Benchmark cases of @tributary/connector-jdbc's source: a bulk read of 1,000,000 rows of 8 columns (BIGINT id, two
 * VARCHARs, INT, NUMERIC(10,2) read as an exact Decimal, BOOLEAN, a nullable TEXT, TIMESTAMP) from PostgreSQL and
 * from MariaDB through JdbcSourceTask's poll loop (batch.max.rows 1,000, which is also the cursor's fetch size),
 * each beside its ceiling: a plain cursor read of the same rows with the same driver and fetch size (pg-cursor
 * reads of 1,000 rows; a mysql2 streamed query), the rows only counted. Whole runs, timed from the first poll (or
 * query) to the last row.
 *
 * The table (`bench_jdbc_source`) is filled once and kept for later runs; it is filled again when its row count
 * differs. Servers: TRIBUTARY_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test) and
 * TRIBUTARY_TEST_MYSQL_URL (default mysql://root@127.0.0.1:3306/test). BENCH_JDBC_SOURCE_ROWS changes the row count.
 */
import { JdbcSourceTask } from "@tributary/connector-jdbc";
import mysql from "mysql2";
import mysqlPromise from "mysql2/promise";
import pg from "pg";
import Cursor from "pg-cursor";

const ROWS = Number(process.env.BENCH_JDBC_SOURCE_ROWS ?? 1_000_000);
const FETCH = 1000;
const TABLE = "bench_jdbc_source";
const POSTGRES_URL = process.env.TRIBUTARY_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const MYSQL_URL = process.env.TRIBUTARY_TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/test";
/** About the bytes of one row's values as text, for MB/s. */
const ROW_BYTES = 100;

async function withPostgres(fn) {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function preparePostgres() {
  await withPostgres(async (client) => {
    const exists = await client.query("SELECT to_regclass($1) IS NOT NULL AS present", [TABLE]);
    if (exists.rows[0].present) {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${TABLE}`);
      if (rows[0].n === ROWS) return;
      await client.query(`DROP TABLE ${TABLE}`);
    }
    await client.query(
      `CREATE TABLE ${TABLE} (id BIGINT PRIMARY KEY, customer VARCHAR(40) NOT NULL, item VARCHAR(40) NOT NULL, ` +
        "qty INTEGER NOT NULL, price NUMERIC(10,2) NOT NULL, paid BOOLEAN NOT NULL, note TEXT, created TIMESTAMP(6) NOT NULL)",
    );
    await client.query(
      `INSERT INTO ${TABLE} SELECT i, 'customer-' || (i % 977), 'item-' || ((i * 7919) % 100000), i % 50, ` +
        "(i % 10000) / 100.0, i % 2 = 0, CASE WHEN i % 3 = 0 THEN NULL ELSE 'standard delivery' END, " +
        "TIMESTAMP '2024-01-01' + i * INTERVAL '1 second' FROM generate_series(1::bigint, $1::bigint) AS i",
      [ROWS],
    );
    await client.query(`VACUUM ANALYZE ${TABLE}`);
  });
}

async function prepareMysql() {
  const conn = await mysqlPromise.createConnection({ uri: MYSQL_URL });
  try {
    const [present] = await conn.query(
      "SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?",
      [TABLE],
    );
    if (Number(present[0].n) > 0) {
      const [rows] = await conn.query(`SELECT COUNT(*) AS n FROM ${TABLE}`);
      if (Number(rows[0].n) === ROWS) return;
      await conn.query(`DROP TABLE ${TABLE}`);
    }
    await conn.query(
      `CREATE TABLE ${TABLE} (id BIGINT PRIMARY KEY, customer VARCHAR(40) NOT NULL, item VARCHAR(40) NOT NULL, ` +
        "qty INT NOT NULL, price DECIMAL(10,2) NOT NULL, paid BOOLEAN NOT NULL, note TEXT, created DATETIME(6) NOT NULL)",
    );
    // MariaDB's sequence engine gives the numbers; inserted in slices to keep each statement small.
    const slice = 100_000;
    for (let from = 1; from <= ROWS; from += slice) {
      const to = Math.min(ROWS, from + slice - 1);
      await conn.query(
        `INSERT INTO ${TABLE} SELECT seq, CONCAT('customer-', seq % 977), CONCAT('item-', (seq * 7919) % 100000), ` +
          "seq % 50, (seq % 10000) / 100, seq % 2 = 0, IF(seq % 3 = 0, NULL, 'standard delivery'), " +
          `TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq SECOND FROM seq_${from}_to_${to}`,
      );
    }
  } finally {
    await conn.end();
  }
}

/** Reads the whole table through JdbcSourceTask in bulk mode, polling as a worker does. */
async function sourceRun(url, table) {
  const task = new JdbcSourceTask();
  task.initialize({
    configs: () => ({}),
    offsetStorageReader: () => ({
      offset: async () => null,
      offsets: async (ps) => new Map([...ps].map((p) => [p, null])),
    }),
    transactionContext: () => null,
  });
  await task.start({
    "connection.url": url,
    mode: "bulk",
    "topic.prefix": "bench-",
    "batch.max.rows": String(FETCH),
    "poll.interval.ms": "3600000",
    tables: JSON.stringify([table]),
  });
  let records = 0;
  const start = performance.now();
  while (records < ROWS) {
    const batch = await task.poll();
    if (batch !== null) records += batch.length;
  }
  const elapsedMs = performance.now() - start;
  await task.stop();
  return { records, elapsedMs, bytes: ROW_BYTES };
}

async function postgresCeiling() {
  return withPostgres(async (client) => {
    const start = performance.now();
    const cursor = client.query(new Cursor(`SELECT * FROM ${TABLE}`));
    let records = 0;
    for (;;) {
      const rows = await cursor.read(FETCH);
      if (rows.length === 0) break;
      records += rows.length;
    }
    await cursor.close();
    return { records, elapsedMs: performance.now() - start, bytes: ROW_BYTES };
  });
}

async function mysqlCeiling() {
  const conn = mysql.createConnection({ uri: MYSQL_URL, dateStrings: true, supportBigNumbers: true });
  try {
    const start = performance.now();
    let records = 0;
    for await (const _row of conn.query(`SELECT * FROM ${TABLE}`).stream({ highWaterMark: FETCH })) records++;
    return { records, elapsedMs: performance.now() - start, bytes: ROW_BYTES };
  } finally {
    await new Promise((resolve) => conn.end(resolve));
  }
}

export const cases = [
  {
    name: "jdbc source bulk read 1M rows from postgresql",
    measure: async () => {
      await preparePostgres();
      return sourceRun(POSTGRES_URL, ["test", "public", TABLE]);
    },
  },
  {
    name: "jdbc source ceiling: pg-cursor read of the same rows (postgresql)",
    measure: async () => {
      await preparePostgres();
      return postgresCeiling();
    },
  },
  {
    name: "jdbc source bulk read 1M rows from mariadb",
    measure: async () => {
      await prepareMysql();
      return sourceRun(MYSQL_URL, ["test", null, TABLE]);
    },
  },
  {
    name: "jdbc source ceiling: mysql2 streamed read of the same rows (mariadb)",
    measure: async () => {
      await prepareMysql();
      return mysqlCeiling();
    },
  },
];
