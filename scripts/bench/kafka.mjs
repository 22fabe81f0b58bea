/**
 * Benchmark cases of the Kafka worker, all on the same broker and the same 1,000,000 lines of about 100 bytes:
 *
 * - (a) the ceiling: kafkajs alone producing the lines in batches of 2,000 (acks=all, idempotent; each batch as two
 *   requests of 1,000, which kafkajs handles faster than one of 2,000), then consuming
 *   them with a consumer group, whole fetched batches; the time is the two phases together;
 * - (b) Tributary: `tributary standalone` running FileStreamSource → topic → FileStreamSink;
 * - (c) Apache Kafka Connect 4.1.1 (Java, ConnectStandalone from scripts/connect) running its own FileStreamSource and
 *   FileStreamSink.
 *
 * (b) and (c) use the same settings: StringConverter, `batch.size=2000` for the source, `consumer.max.poll.records=2000`
 * for the sink, `offset.flush.interval.ms=1000`, a fresh one-partition topic. Each worker is started first and
 * answers on its REST port; the time runs from creating the two connectors through REST until the sink's file holds
 * every line, so neither the JVM's nor Node's start-up is counted. After the three cases a line with b/a and b/c goes
 * to stderr.
 *
 * Needs the broker (KAFKA_BROKERS, else scripts/kafka/start.sh is run), Java 17+ and Maven for (c), and the built
 * runtime (packages/runtime/dist) for (b). BENCH_KAFKA_LINES changes the number of lines.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Kafka, logLevel, Partitioners } from "kafkajs";

const LINES = Number(process.env.BENCH_KAFKA_LINES ?? 1_000_000);
const BATCH = 2000;
const REQUEST = 1000;
const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "tributary-bench-kafka-"));
const input = join(dir, "input.txt");
const results = {};

let brokers;
function ensureBroker() {
  brokers ??=
    process.env.KAFKA_BROKERS ??
    execFileSync(join(root, "scripts/kafka/start.sh"), { encoding: "utf8" }).match(/KAFKA_BROKERS=(\S+)/)[1];
  return brokers;
}

let lines;
/** The input lines (also written to the input file): a sequence number, some fields, padding to 100 bytes. */
function ensureInput() {
  if (lines === undefined) {
    lines = new Array(LINES);
    for (let i = 0; i < LINES; i++) {
      const text = `${String(i).padStart(8, "0")} sku=${(i * 31) % 9973} qty=${i % 17} region=r${i % 11}`;
      lines[i] = text.padEnd(99, ".");
    }
    writeFileSync(input, `${lines.join("\n")}\n`);
  }
  return statSync(input).size;
}

const kafka = () => new Kafka({ brokers: ensureBroker().split(","), logLevel: logLevel.NOTHING });
const unique = (name) => `bench-${name}-${Date.now().toString(36)}`;

async function createTopic(topic) {
  const admin = kafka().admin();
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
    waitForLeaders: true,
  });
  await admin.disconnect();
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitForSize(file, size, timeoutMs = 600_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (statSync(file).size >= size) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`${file} did not reach ${size} bytes within ${timeoutMs} ms`);
    await sleep(5);
  }
}

async function waitForRest(url, child, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child !== undefined && child.exitCode !== null)
      throw new Error(`the worker exited (${child.exitCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await sleep(100);
  }
}

async function post(url, body) {
  const response = await fetch(`${url}/connectors`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${url}/connectors: ${response.status} ${await response.text()}`);
}

const WORKER_SETTINGS = {
  "key.converter": "org.apache.kafka.connect.storage.StringConverter",
  "value.converter": "org.apache.kafka.connect.storage.StringConverter",
  "offset.flush.interval.ms": "1000",
  "consumer.max.poll.records": String(BATCH),
};
const properties = (settings) =>
  `${Object.entries(settings)
    .map(([k, v]) => `${k}=${v}`)
    .join("\n")}\n`;

/** Creates the source and the sink on a running worker, then waits for the sink's file to hold every line. */
async function fileToFile(url, name, size) {
  const topic = unique(name);
  await createTopic(topic);
  const output = join(dir, `${name}-output.txt`);
  const start = performance.now();
  await post(url, {
    name: `${topic}-source`,
    config: { "connector.class": "FileStreamSource", file: input, topic, "batch.size": String(BATCH) },
  });
  await post(url, {
    name: `${topic}-sink`,
    config: { "connector.class": "FileStreamSink", file: output, topics: topic },
  });
  await waitForSize(output, size);
  const elapsedMs = performance.now() - start;
  await rm(output, { force: true });
  return elapsedMs;
}

function record(key, elapsedMs, size) {
  results[key] = (LINES * 1000) / elapsedMs;
  if (key === "c" && results.a && results.b) {
    const ratio = (x) => (results.b / x).toFixed(2);
    console.error(`kafka: b/a = ${ratio(results.a)}, b/c = ${ratio(results.c)}`);
  }
  return { records: LINES, elapsedMs, bytes: size / LINES };
}

async function kafkajsAlone() {
  const size = ensureInput();
  const topic = unique("kafkajs");
  await createTopic(topic);
  const client = kafka();
  const producer = client.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const values = lines.map((line) => Buffer.from(line));
  const start = performance.now();
  // Each batch of 2,000 goes as two requests of 1,000: kafkajs groups a request's messages in quadratic time, so
  // this is its best (Tributary's producer cuts its sends the same way).
  for (let i = 0; i < LINES; i += BATCH) {
    const end = Math.min(i + BATCH, LINES);
    for (let j = i; j < end; j += REQUEST) {
      const messages = values.slice(j, Math.min(j + REQUEST, end)).map((value) => ({ value }));
      await producer.send({ topic, acks: -1, messages });
    }
  }
  const produced = performance.now();
  await producer.disconnect();

  const consumerStart = performance.now();
  const consumer = client.consumer({ groupId: topic, maxWaitTimeInMs: 500 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let received = 0;
  await new Promise((resolve, reject) => {
    consumer
      .run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          for (const message of batch.messages) received += message.value.length > 0 ? 1 : 0;
          if (received >= LINES) resolve();
        },
      })
      .catch(reject);
  });
  const consumed = performance.now();
  await consumer.disconnect();
  console.error(
    `kafka (a): produce ${Math.round((LINES * 1000) / (produced - start))} records/s, consume ${Math.round((LINES * 1000) / (consumed - consumerStart))} records/s`,
  );
  return record("a", produced - start + (consumed - consumerStart), size);
}

async function tributaryStandalone() {
  const size = ensureInput();
  const bin = join(root, "packages/runtime/dist/tributary.js");
  try {
    statSync(bin);
  } catch {
    throw new Error(`${bin} is missing: build the runtime (npm run build -w packages/runtime) for case (b)`);
  }
  const port = Number(process.env.BENCH_TRIBUTARY_PORT ?? 18093);
  const workDir = mkdtempSync(join(dir, "tributary-"));
  writeFileSync(
    join(workDir, "worker.properties"),
    properties({
      ...WORKER_SETTINGS,
      "bootstrap.servers": ensureBroker(),
      listeners: `http://127.0.0.1:${port}`,
      "offset.storage.file.filename": join(workDir, "offsets"),
    }),
  );
  const child = spawn(process.execPath, [bin, "standalone", join(workDir, "worker.properties")], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, TRIBUTARY_LOG_LEVEL: "WARN" },
  });
  try {
    const url = `http://127.0.0.1:${port}`;
    await waitForRest(url, child);
    return record("b", await fileToFile(url, "tributary", size), size);
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", resolve)));
  }
}

async function javaConnect() {
  const size = ensureInput();
  const port = Number(process.env.BENCH_CONNECT_PORT ?? 18094);
  const workDir = mkdtempSync(join(dir, "java-"));
  const extra = join(workDir, "extra.properties");
  writeFileSync(extra, properties({ "consumer.max.poll.records": String(BATCH) }));
  const env = {
    ...process.env,
    KAFKA_BROKERS: ensureBroker(),
    CONNECT_PORT: String(port),
    CONNECT_DATA_DIR: workDir,
    CONNECT_OFFSET_FLUSH_MS: WORKER_SETTINGS["offset.flush.interval.ms"],
    CONNECT_EXTRA_PROPERTIES: extra,
  };
  execFileSync(join(root, "scripts/connect/start.sh"), ["standalone"], {
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    return record("c", await fileToFile(`http://127.0.0.1:${port}`, "java", size), size);
  } finally {
    execFileSync(join(root, "scripts/connect/stop.sh"), { env, stdio: "inherit" });
  }
}

export const cases = [
  { name: "kafka (a) ceiling: kafkajs alone, produce then consume, batches of 2000", measure: kafkajsAlone },
  {
    name: "kafka (b) Tributary standalone: FileStreamSource → Kafka → FileStreamSink",
    measure: tributaryStandalone,
  },
  {
    name: "kafka (c) Apache Kafka Connect 4.1.1 standalone: FileStreamSource → Kafka → FileStreamSink",
    measure: javaConnect,
  },
];
