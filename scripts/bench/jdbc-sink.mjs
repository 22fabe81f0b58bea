/**
 * Benchmark cases of @tributary/connector-jdbc's sink: an upsert of 200,000 struct records of 8 fields into
 * PostgreSQL and into MariaDB through JdbcSinkTask (pk.mode=record_value, puts of 3,000 records, batch.size 3,000,
 * into a fresh table), each beside its ceiling: the same rows written by a plain loop of multi-row INSERT statements
 * of 3,000 rows with the same driver (pg, mysql2), values prepared beforehand. Whole runs, timed from the first put
 * to the last commit; building the records is not timed. The database servers share the machine with other work,
 * so the sink and its ceiling run alternately BENCH_JDBC_RUNS times (default 5) and each reports its median run.
 *
 * Servers: TRIBUTARY_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test) and
 * TRIBUTARY_TEST_MYSQL_URL (default mysql://root@127.0.0.1:3306/test). BENCH_JDBC_ROWS changes the row count.
 */
import { ConnectTimestamp, SchemaBuilder, SinkRecord, Struct } from "@tributary/api";
import { JdbcSinkTask } from "@tributary/connector-jdbc";
import mysql from "mysql2/promise";
import pg from "pg";

const ROWS = Number(process.env.BENCH_JDBC_ROWS ?? 200_000);
const BATCH = 3000;
const RUNS = Number(process.env.BENCH_JDBC_RUNS ?? 5);
const POSTGRES_URL = process.env.TRIBUTARY_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const MYSQL_URL = process.env.TRIBUTARY_TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/test";
/** About the bytes of one row's values as text, for MB/s. */
const ROW_BYTES = 100;

const SCHEMA = SchemaBuilder.struct()
  .name("Order")
  .field("id", SchemaBuilder.int64().build())
  .field("customer", SchemaBuilder.string().build())
  .field("item", SchemaBuilder.string().build())
  .field("qty", SchemaBuilder.int32().build())
  .field("price", SchemaBuilder.float64().build())
  .field("paid", SchemaBuilder.bool().build())
  .field("note", SchemaBuilder.string().optional().build())
  .field("created", ConnectTimestamp.schema())
  .build();

const BASE_TIME = Date.UTC(2024, 0, 1);

function records(topic) {
  const out = new Array(ROWS);
  for (let i = 0; i < ROWS; i++) {
    const value = new Struct(SCHEMA)
      .put("id", BigInt(i))
      .put("customer", `customer-${i % 977}`)
      .put("item", `item-${(i * 7919) % 100_000}`)
      .put("qty", i % 50)
      .put("price", (i % 10_000) / 100)
      .put("paid", i % 2 === 0)
      .put("note", i % 3 === 0 ? null : "standard delivery")
      .put("created", new Date(BASE_TIME + i * 1000));
    out[i] = new SinkRecord({ topic, kafkaPartition: 0, kafkaOffset: BigInt(i), value, valueSchema: SCHEMA });
  }
  return out;
}

/** The same rows as the driver takes them, for the ceiling. */
function plainRows() {
  const out = new Array(ROWS);
  for (let i = 0; i < ROWS; i++) {
    out[i] = [
      String(i),
      `customer-${i % 977}`,
      `item-${(i * 7919) % 100_000}`,
      i % 50,
      (i % 10_000) / 100,
      i % 2 === 0,
      i % 3 === 0 ? null : "standard delivery",
      new Date(BASE_TIME + i * 1000).toISOString().replace("T", " ").replace("Z", ""),
    ];
  }
  return out;
}

const context = {
  configs: () => ({}),
  offset: () => {},
  timeout: () => {},
  assignment: () => new Set(),
  pause: () => {},
  resume: () => {},
  requestCommit: () => {},
  errantRecordReporter: () => null,
};

async function sinkRun(url, table, drop) {
  await drop(table);
  const input = records(table);
  const task = new JdbcSinkTask();
  task.initialize(context);
  task.start({
    "connection.url": url,
    topics: table,
    "insert.mode": "upsert",
    "pk.mode": "record_value",
    "pk.fields": "id",
    "auto.create": "true",
    "batch.size": String(BATCH),
  });
  // The first put creates the table; time the steady state from the second on, as a long-running sink sees it.
  await task.put(input.slice(0, BATCH));
  const start = performance.now();
  for (let i = BATCH; i < ROWS; i += BATCH) await task.put(input.slice(i, i + BATCH));
  const elapsedMs = performance.now() - start;
  await task.stop();
  return { records: ROWS - BATCH, elapsedMs, bytes: ROW_BYTES };
}

const COLUMNS = "id, customer, item, qty, price, paid, note, created";

async function withPostgres(fn) {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const dropPostgres = (table) => withPostgres((c) => c.query(`DROP TABLE IF EXISTS "${table}"`));

async function postgresCeiling() {
  const table = "bench_jdbc_ceiling";
  const rows = plainRows();
  return withPostgres(async (client) => {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.query(
      `CREATE TABLE ${table} (id BIGINT PRIMARY KEY, customer TEXT NOT NULL, item TEXT NOT NULL, qty INTEGER NOT NULL, ` +
        "price DOUBLE PRECISION NOT NULL, paid BOOLEAN NOT NULL, note TEXT, created TIMESTAMP(3) NOT NULL)",
    );
    const marks = [];
    for (let r = 0, p = 1; r < BATCH; r++) {
      const row = [];
      for (let c = 0; c < 8; c++) row.push(`$${p++}`);
      marks.push(`(${row.join(", ")})`);
    }
    const full = `INSERT INTO ${table} (${COLUMNS}) VALUES ${marks.join(", ")}`;
    const start = performance.now();
    for (let i = BATCH; i < ROWS; i += BATCH) {
      const chunk = rows.slice(i, i + BATCH);
      const sql =
        chunk.length === BATCH
          ? full
          : `INSERT INTO ${table} (${COLUMNS}) VALUES ${marks.slice(0, chunk.length).join(", ")}`;
      await client.query({ text: sql, values: chunk.flat(), name: `ceiling_${chunk.length}` });
    }
    const elapsedMs = performance.now() - start;
    await client.query(`DROP TABLE ${table}`);
    return { records: ROWS - BATCH, elapsedMs, bytes: ROW_BYTES };
  });
}

async function withMysql(fn) {
  const conn = await mysql.createConnection({ uri: MYSQL_URL });
  try {
    return await fn(conn);
  } finally {
    await conn.end();
  }
}

const dropMysql = (table) => withMysql((c) => c.query(`DROP TABLE IF EXISTS \`${table}\``));

async function mysqlCeiling() {
  const table = "bench_jdbc_ceiling";
  const rows = plainRows();
  return withMysql(async (conn) => {
    await conn.query(`DROP TABLE IF EXISTS ${table}`);
    await conn.query(
      `CREATE TABLE ${table} (id BIGINT PRIMARY KEY, customer LONGTEXT NOT NULL, item LONGTEXT NOT NULL, qty INT NOT NULL, ` +
        "price DOUBLE NOT NULL, paid BOOLEAN NOT NULL, note LONGTEXT, created DATETIME(3) NOT NULL)",
    );
    const row = "(?, ?, ?, ?, ?, ?, ?, ?)";
    const start = performance.now();
    for (let i = BATCH; i < ROWS; i += BATCH) {
      const chunk = rows.slice(i, i + BATCH);
      const sql = `INSERT INTO ${table} (${COLUMNS}) VALUES ${Array(chunk.length).fill(row).join(", ")}`;
      await conn.execute(sql, chunk.flat());
    }
    const elapsedMs = performance.now() - start;
    await conn.query(`DROP TABLE ${table}`);
    return { records: ROWS - BATCH, elapsedMs, bytes: ROW_BYTES };
  });
}

/**
 * Runs the sink and its ceiling alternately RUNS times and keeps the median run of each, so both meet the same
 * moments of load from other work on the machine and one lucky or unlucky run moves neither; the ceiling's result
 * waits for its own case.
 */
function paired(sink, ceiling) {
  let pending;
  const median = (runs) => runs.sort((a, b) => a.elapsedMs - b.elapsedMs)[Math.floor(runs.length / 2)];
  const both = () => {
    pending ??= (async () => {
      const sinks = [];
      const ceilings = [];
      for (let i = 0; i < RUNS; i++) {
        ceilings.push(await ceiling());
        sinks.push(await sink());
      }
      return { sink: median(sinks), ceiling: median(ceilings) };
    })();
    return pending;
  };
  return { sink: async () => (await both()).sink, ceiling: async () => (await both()).ceiling };
}

const postgres = paired(() => sinkRun(POSTGRES_URL, "bench_jdbc_sink", dropPostgres), postgresCeiling);
const mariadb = paired(() => sinkRun(MYSQL_URL, "bench_jdbc_sink", dropMysql), mysqlCeiling);

export const cases = [
  { name: "jdbc sink upsert 200k structs into postgresql", measure: postgres.sink },
  { name: "jdbc sink ceiling: multi-row INSERT loop into postgresql (pg)", measure: postgres.ceiling },
  { name: "jdbc sink upsert 200k structs into mariadb", measure: mariadb.sink },
  { name: "jdbc sink ceiling: multi-row INSERT loop into mariadb (mysql2)", measure: mariadb.ceiling },
];
