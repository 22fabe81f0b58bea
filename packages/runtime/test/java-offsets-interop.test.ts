import { execFile } from "node:child_process";
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { FileStreamSourceTask } from "@tributary/connector-file";
import { SourceTaskHarness } from "@tributary/testkit";
import { afterAll, beforeAll, expect, it } from "vitest";
import { KafkaOffsetBackingStore } from "../src/kafka/kafka-offset-backing-store.js";
import {
  consume,
  createTestTopic,
  describeWithKafka,
  kafkaBrokers,
  testClients,
  text,
  uniqueName,
} from "./kafka-test-support.js";

/**
 * Offsets written by Apache Kafka Connect's own FileStreamSource (the Java worker from scripts/connect, in
 * distributed mode) into its offsets topic are read by Tributary's KafkaOffsetBackingStore for the same connector
 * and file, and the other way round. Needs Java 17+ and Maven, like the broker.
 */
const scripts = resolve(import.meta.dirname, "..", "..", "..", "scripts", "connect");
const connector = "interop-file-source";
const port = Number(process.env.TRIBUTARY_TEST_CONNECT_PORT ?? (await freePort()));
const url = `http://127.0.0.1:${port}`;
const prefix = uniqueName("java-connect");
const dataDir = mkdtempSync(join(tmpdir(), "tributary-java-connect-"));
const env = {
  ...process.env,
  KAFKA_BROKERS: kafkaBrokers(),
  CONNECT_PORT: String(port),
  CONNECT_DATA_DIR: dataDir,
  CONNECT_GROUP_ID: prefix,
  CONNECT_TOPIC_PREFIX: prefix,
  CONNECT_OFFSET_PARTITIONS: "5",
  CONNECT_OFFSET_FLUSH_MS: "500",
};

/** A port nothing listens on now, so two test runs at once do not collide on the Java worker's REST port. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (address === null || typeof address === "string") throw new Error("No TCP port was given");
  return address.port;
}

async function rest(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const textBody = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${textBody}`);
  return textBody === "" ? undefined : JSON.parse(textBody);
}

/** Polls `read` every 200 ms until `done` holds for its result, for up to 60 s. */
async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 60_000;
  let last: T | undefined;
  while (Date.now() < deadline) {
    try {
      last = await read();
      if (done(last)) return last;
    } catch {
      // Not there yet (the connector is starting); try again.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Timed out waiting for ${what}; last seen ${JSON.stringify(last)}`);
}

type Offsets = { offsets: { partition: Record<string, unknown>; offset: { position: number } }[] };
const javaPosition = async () =>
  ((await rest("GET", `/connectors/${connector}/offsets`)) as Offsets).offsets[0]?.offset.position;
const lines = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `line-${from + i}`);

describeWithKafka("offsets shared with Apache Kafka Connect's FileStreamSource (Java)", () => {
  const clients = testClients();
  const dir = mkdtempSync(join(tmpdir(), "tributary-interop-"));
  const file = join(dir, "input.txt");
  let topic = "";

  beforeAll(async () => {
    topic = await createTestTopic("interop-lines");
    await promisify(execFile)(join(scripts, "start.sh"), ["distributed"], { env, timeout: 170_000 });
  }, 180_000);

  afterAll(async () => {
    await promisify(execFile)(join(scripts, "stop.sh"), [], { env, timeout: 90_000 }).catch(() => {});
    // A broker kept between runs would otherwise collect three internal topics per run.
    await clients
      .admin()
      .deleteTopics([topic, ...["offsets", "configs", "status"].map((t) => `${prefix}-${t}`)])
      .catch(() => {});
    await clients.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }, 100_000);

  it("Tributary resumes where Java stopped, and Java resumes where Tributary stopped", async () => {
    writeFileSync(file, `${lines(1, 5).join("\n")}\n`);
    await rest("POST", "/connectors", {
      name: connector,
      config: {
        "connector.class": "FileStreamSource",
        "tasks.max": "1",
        file,
        topic,
      },
    });
    const size = lines(1, 5).join("\n").length + 1;
    await until("Java's offset of the first five lines", javaPosition, (position) => position === size);
    await rest("PUT", `/connectors/${connector}/stop`);
    await until(
      "Java's connector to stop",
      async () =>
        ((await rest("GET", `/connectors/${connector}/status`)) as { connector: { state: string } }).connector
          .state,
      (state) => state === "STOPPED",
    );

    // Tributary's FileStreamSource, under the same connector name and on Java's offsets topic, picks up after line 5.
    appendFileSync(file, `${lines(6, 8).join("\n")}\n`);
    const store = new KafkaOffsetBackingStore({ clients, topic: `${prefix}-offsets`, replicationFactor: 1 });
    await store.start();
    const harness = new SourceTaskHarness({
      createTask: () => new FileStreamSourceTask(),
      connector,
      offsetStore: store,
    });
    await harness.start({ file, topic });
    const records = await harness.pollUntil(3);
    expect(records.map((r) => r.value)).toEqual(lines(6, 8));
    await harness.commit();
    await harness.stop();
    await store.stop();

    // Java, resumed, reads Tributary's offset from the topic and goes on after line 8.
    appendFileSync(file, `${lines(9, 10).join("\n")}\n`);
    await rest("PUT", `/connectors/${connector}/resume`);
    const read = await consume(topic, { count: 7, lingerMs: 1500 });
    expect(read.map(text)).toEqual([...lines(1, 5), ...lines(9, 10)]);
    const total = lines(1, 10).join("\n").length + 1;
    await until("Java's offset after line 10", javaPosition, (position) => position === total);
  });
});
