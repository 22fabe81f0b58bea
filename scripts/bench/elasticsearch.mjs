/**
 * Benchmark cases of @tributary/connector-elasticsearch: 200,000 schemaless documents of about 500 bytes indexed
 * through ElasticsearchSinkTask (key.ignore=true, schema.ignore=true, batch.size 2,000, max.in.flight.requests 5,
 * puts of 500 records as a worker's polls hand them), beside its ceiling: the same documents sent by a plain loop of
 * `POST /_bulk` requests with undici, 2,000 documents a request, 5 requests in flight, each body built from the
 * documents with JSON.stringify inside the timed loop as any client must, the answer cut to its errors with
 * `filter_path` as the sink does. Whole runs, each into a fresh index of one shard and no replicas, timed from the
 * first request (or put) until every document is acknowledged (the sink: until preCommit answers every offset);
 * building the records is not timed. Untimed warm-ups come first: 400,000 documents
 * by the plain loop once (BENCH_ES_ENGINE_WARMUP_DOCS), then before each case 20,000 written the way that case
 * writes them (BENCH_ES_WARMUP_DOCS).
 *
 * Engine: TRIBUTARY_BENCH_SEARCH_URL, else TRIBUTARY_TEST_OPENSEARCH_URL, else scripts/search/start.sh starts
 * OpenSearch 2.19 (BENCH_SEARCH_ENGINE=opensearch3 or elasticsearch for the others) and stop.sh stops it afterwards
 * if it was not running before. BENCH_ES_DOCS changes the document count.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { SinkRecord, TopicPartition } from "@tributary/api";
import { ElasticsearchSinkTask } from "@tributary/connector-elasticsearch";
import { Pool } from "undici";

const DOCS = Number(process.env.BENCH_ES_DOCS ?? 200_000);
const WARMUP_DOCS = Number(process.env.BENCH_ES_WARMUP_DOCS ?? 20_000);
const ENGINE_WARMUP_DOCS = Number(process.env.BENCH_ES_ENGINE_WARMUP_DOCS ?? 400_000);
const BATCH = 2000;
const IN_FLIGHT = 5;
const PUT_SIZE = 500;
const ENGINE = process.env.BENCH_SEARCH_ENGINE ?? "opensearch";
const SCRIPTS = fileURLToPath(new URL("../search/", import.meta.url));

const WORDS = ["delta", "river", "stone", "maple", "orbit", "lumen", "cedar", "quartz", "harbor", "ember"];

/** Document `i`: ten fields, about 500 bytes as JSON. */
function document(i) {
  let text = "";
  for (let w = 0; text.length < 300; w++) text += `${WORDS[(i * 7 + w * 3) % WORDS.length]} `;
  return new Map([
    ["id", i],
    ["customer", `customer-${i % 977}`],
    ["item", `item-${(i * 7919) % 100_000}`],
    ["qty", i % 50],
    ["price", (i % 10_000) / 100],
    ["paid", i % 2 === 0],
    ["status", i % 3 === 0 ? "pending" : "shipped"],
    ["created", new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString()],
    ["tags", [WORDS[i % 10], WORDS[(i + 3) % 10]]],
    ["text", text.trimEnd()],
  ]);
}

const DOC_BYTES = JSON.stringify(Object.fromEntries(document(123_456))).length;

let engine;

/** The engine's URL, starting it with scripts/search/start.sh when none is given (once for every case). */
function engineUrl() {
  if (engine !== undefined) return engine.url;
  const given = process.env.TRIBUTARY_BENCH_SEARCH_URL || process.env.TRIBUTARY_TEST_OPENSEARCH_URL;
  if (given) {
    engine = { url: given, stop: () => {} };
    return given;
  }
  const running = (() => {
    try {
      const defaults = { opensearch: "9200", opensearch3: "9270", elasticsearch: "9210" };
      const port = process.env[`${ENGINE.toUpperCase()}_PORT`] ?? defaults[ENGINE];
      execFileSync("bash", ["-c", `exec 3<>/dev/tcp/127.0.0.1/${port}`], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();
  const out = execFileSync(`${SCRIPTS}start.sh`, [ENGINE], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = /^[A-Z0-9]+_URL=(\S+)$/m.exec(out)?.[1];
  if (url === undefined) throw new Error(`scripts/search/start.sh ${ENGINE} printed no URL: ${out}`);
  engine = {
    url,
    stop: running ? () => {} : () => execFileSync(`${SCRIPTS}stop.sh`, [ENGINE], { stdio: "inherit" }),
  };
  process.once("exit", () => engine.stop());
  return url;
}

async function call(pool, method, path, body) {
  const response = await pool.request({
    method,
    path,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.body.text();
  if (response.statusCode >= 300 && !(method === "DELETE" && response.statusCode === 404)) {
    throw new Error(`${method} ${path} answered ${response.statusCode}: ${text}`);
  }
  return text === "" ? undefined : JSON.parse(text);
}

/** A fresh index of one shard and no replicas, as both runs get. */
async function freshIndex(pool, index) {
  await call(pool, "DELETE", `/${index}`);
  await call(pool, "PUT", `/${index}`, { settings: { number_of_shards: 1, number_of_replicas: 0 } });
}

async function withPool(fn) {
  const pool = new Pool(engineUrl(), { connections: IN_FLIGHT + 1, pipelining: 1 });
  try {
    return await fn(pool);
  } finally {
    await pool.close();
  }
}

/** Sends `docs` documents with a plain bulk loop: `BATCH` a request, `IN_FLIGHT` requests at once. */
async function plainBulk(pool, index, docs) {
  const values = Array.from({ length: docs }, (_, i) => Object.fromEntries(document(i)));
  const start = performance.now();
  let next = 0;
  async function worker() {
    while (next < docs) {
      const from = next;
      next = Math.min(docs, next + BATCH);
      let body = "";
      for (let i = from; i < next; i++) {
        body += `{"index":{"_index":"${index}","_id":"${index}+0+${i}"}}\n${JSON.stringify(values[i])}\n`;
      }
      const response = await pool.request({
        method: "POST",
        // Only what the loop reads: the engine need not write, nor Node parse, a result per document.
        path: "/_bulk?filter_path=errors,items.*.error",
        headers: { "content-type": "application/x-ndjson" },
        body,
      });
      const answer = await response.body.json();
      if (response.statusCode !== 200 || answer.errors) {
        throw new Error(
          `The bulk request answered ${response.statusCode} with errors: ${JSON.stringify(answer).slice(0, 500)}`,
        );
      }
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return performance.now() - start;
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

/** Writes `docs` documents through the sink task; timed until preCommit answers every offset. */
async function sinkRun(index, docs) {
  const records = Array.from(
    { length: docs },
    (_, i) =>
      new SinkRecord({
        topic: index,
        kafkaPartition: 0,
        kafkaOffset: BigInt(i),
        key: null,
        value: document(i),
        valueSchema: null,
        timestamp: null,
      }),
  );
  const partition = TopicPartition.of(index, 0);
  const task = new ElasticsearchSinkTask();
  task.initialize(context);
  await task.start({
    "connection.url": engineUrl(),
    topics: index,
    "key.ignore": "true",
    "schema.ignore": "true",
    "batch.size": String(BATCH),
    "max.in.flight.requests": String(IN_FLIGHT),
    "linger.ms": "1",
    // A 1 MB bulk request can take the engine longer than the default 3 s on a busy 2-core machine; a timed-out
    // request is sent again while the engine still works on it, which only adds load. The plain loop waits too.
    "read.timeout.ms": "60000",
  });
  try {
    const start = performance.now();
    for (let i = 0; i < docs; i += PUT_SIZE) await task.put(records.slice(i, i + PUT_SIZE));
    const all = new Map([[partition, BigInt(docs)]]);
    while ((await task.preCommit(all)).get(partition) !== BigInt(docs)) {
      // preCommit waits for the writes itself; looping only matters if flush.timeout.ms ran out.
    }
    return performance.now() - start;
  } finally {
    await task.stop();
  }
}

async function checkCount(pool, index, docs) {
  await call(pool, "POST", `/${index}/_refresh`);
  const { count } = await call(pool, "GET", `/${index}/_count`);
  if (count !== docs) throw new Error(`${index} holds ${count} documents, not ${docs}.`);
}

/** Prints on stderr how much of the run this process spent on the CPU, to tell client cost from engine cost. */
function reportCpu(what, since, elapsedMs) {
  const used = process.cpuUsage(since);
  const cpuMs = (used.user + used.system) / 1000;
  console.error(
    `elasticsearch bench, ${what}: ${Math.round(cpuMs)} ms of Node CPU in ${Math.round(elapsedMs)} ms`,
  );
}

let engineWarm = false;

/**
 * Warms the engine up once (`ENGINE_WARMUP_DOCS` documents by the plain loop, in rounds of 100,000), then writes
 * `WARMUP_DOCS` documents the way `run` writes them; all into a throwaway index, untimed. A freshly started engine
 * kept getting faster over its first 400,000 or so documents: without this, whichever case ran first was 30-50%
 * slower than the other, in either order.
 */
async function warmUp(pool, run) {
  // Names with the pid: two benchmark runs on one engine must not delete each other's indices.
  const index = `tributary-bench-warmup-${process.pid}`;
  await freshIndex(pool, index);
  for (let done = 0; !engineWarm && done < ENGINE_WARMUP_DOCS; done += 100_000) {
    await plainBulk(pool, index, Math.min(100_000, ENGINE_WARMUP_DOCS - done));
  }
  engineWarm = true;
  await run(index, WARMUP_DOCS);
  await call(pool, "DELETE", `/${index}`);
}

export const cases = [
  {
    name: `elasticsearch: ceiling, plain _bulk loop (undici), ${DOCS} docs of ${DOC_BYTES} B, batch ${BATCH}, ${IN_FLIGHT} in flight, ${ENGINE}`,
    measure: () =>
      withPool(async (pool) => {
        await warmUp(pool, (index, docs) => plainBulk(pool, index, docs));
        const index = `tributary-bench-plain-bulk-${process.pid}`;
        await freshIndex(pool, index);
        const cpu = process.cpuUsage();
        const elapsedMs = await plainBulk(pool, index, DOCS);
        reportCpu("ceiling", cpu, elapsedMs);
        await checkCount(pool, index, DOCS);
        await call(pool, "DELETE", `/${index}`);
        return { records: DOCS, elapsedMs, bytes: DOC_BYTES };
      }),
  },
  {
    name: `elasticsearch: ElasticsearchSinkTask, ${DOCS} docs of ${DOC_BYTES} B, batch.size ${BATCH}, max.in.flight.requests ${IN_FLIGHT}, ${ENGINE}`,
    measure: () =>
      withPool(async (pool) => {
        await warmUp(pool, sinkRun);
        const index = `tributary-bench-sink-${process.pid}`;
        await freshIndex(pool, index);
        const cpu = process.cpuUsage();
        const elapsedMs = await sinkRun(index, DOCS);
        reportCpu("sink", cpu, elapsedMs);
        await checkCount(pool, index, DOCS);
        await call(pool, "DELETE", `/${index}`);
        return { records: DOCS, elapsedMs, bytes: DOC_BYTES };
      }),
  },
];
