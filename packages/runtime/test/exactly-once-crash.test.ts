/**
 * Exactly-once source delivery under SIGKILL: a `tributary standalone` process (the built command line, as a user
 * runs it) with `exactly.once.source.support=enabled` runs FileStreamSource while its input file grows, and is
 * killed with SIGKILL again and again mid-stream; a last run is allowed to catch up. A `read_committed` consumer
 * must then see every input line exactly once, in order, however many transactions the kills cut off.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";
import {
  consume,
  createTestTopic,
  describeWithKafka,
  kafkaBrokers,
  testClients,
  text,
  uniqueName,
} from "./kafka-test-support.js";

const BIN = fileURLToPath(new URL("../dist/tributary.js", import.meta.url));
const KILLS = 8;
const LINES_PER_ROUND = 4000;

const topics: string[] = [];
afterAll(async () => {
  const clients = testClients();
  await clients
    .admin()
    .deleteTopics(topics)
    .catch(() => {});
  await clients.close();
});

const admin = testClients();
afterAll(() => admin.close());

/** The end offset of the topic's one partition, counting records of open and aborted transactions too. */
async function highWatermark(topic: string): Promise<bigint> {
  const [partition] = await admin.admin().topicOffsets(topic);
  return partition?.high ?? 0n;
}

function lineText(index: number): string {
  return `line ${index} — ünïcödé ${"·".repeat(index % 13)}`;
}

function appendLines(file: string, from: number, count: number): number {
  let out = "";
  for (let i = from; i < from + count; i++) out += `${lineText(i)}\n`;
  appendFileSync(file, out);
  return from + count;
}

/** Starts the worker; resolves once it logged that it started (it then handles SIGTERM). */
function start(dir: string): { child: ChildProcess; started: Promise<void>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, "standalone", "worker.properties", "source.properties"], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const started = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"msg":"Standalone worker started"')) resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    void exited.then((code) =>
      reject(new Error(`The worker exited with ${code} before it started:\n${output}`)),
    );
  });
  started.catch(() => {});
  return { child, started, exited };
}

describeWithKafka("exactly-once source under SIGKILL", () => {
  it("delivers every line exactly once to read_committed consumers", { timeout: 300_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "tributary-eos-crash-"));
    const input = join(dir, "input.txt");
    const topic = await createTestTopic("eos-crash-lines", { partitions: 1 });
    const offsetsTopic = await createTestTopic("eos-crash-offsets", {
      partitions: 1,
      configs: { "cleanup.policy": "compact" },
    });
    topics.push(topic, offsetsTopic);
    writeFileSync(
      join(dir, "worker.properties"),
      [
        `bootstrap.servers=${kafkaBrokers()}`,
        "key.converter=org.apache.kafka.connect.storage.StringConverter",
        "value.converter=org.apache.kafka.connect.storage.StringConverter",
        `offset.storage.topic=${offsetsTopic}`,
        "offset.storage.replication.factor=1",
        "offset.storage.partitions=1",
        "exactly.once.source.support=enabled",
        `group.id=${uniqueName("eos-crash")}`,
        "listeners=http://127.0.0.1:0",
        "",
      ].join("\n"),
    );
    writeFileSync(
      join(dir, "source.properties"),
      [
        "name=eos-crash-source",
        "connector.class=FileStreamSource",
        `file=${input}`,
        `topic=${topic}`,
        "batch.size=250",
        "exactly.once.support=required",
        "transaction.boundary=poll",
        "",
      ].join("\n"),
    );
    writeFileSync(input, "");

    let written = 0;
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < KILLS; round++) {
      written = appendLines(input, written, LINES_PER_ROUND);
      const run = start(dir);
      await run.started;
      // Kill it while it is writing: once the topic grows (whatever the machine's load), after a short random delay.
      const before = await highWatermark(topic);
      const deadline = Date.now() + 60_000;
      while ((await highWatermark(topic)) === before && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 300)));
      run.child.kill("SIGKILL");
      await run.exited;
    }

    // A last run catches up; it is stopped with SIGTERM once every line is committed.
    const last = start(dir);
    await last.started;
    const received = await consume(topic, { count: written, lingerMs: 2000, timeoutMs: 120_000 });
    last.child.kill("SIGTERM");
    expect(await last.exited).toBe(0);

    const texts = received.map(text);
    expect(texts.length).toBe(written);
    for (let i = 0; i < written; i++) {
      if (texts[i] !== lineText(i)) expect(texts[i], `message ${i}`).toBe(lineText(i));
    }

    // The kills did cut transactions off: a read_uncommitted consumer sees records that never committed.
    const uncommitted = await consume(topic, {
      count: written,
      lingerMs: 2000,
      isolationLevel: "read_uncommitted",
    });
    expect(uncommitted.length).toBeGreaterThan(written);
  });
});
