import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Socket } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Kafka, logLevel } from "kafkajs";
import type { TestProject } from "vitest/node";

/**
 * Makes sure a Kafka broker is there for the runtime's integration tests and tells them its address through
 * `inject("kafkaBrokers")` (empty: no broker, skip).
 *
 * - `KAFKA_BROKERS` set: that cluster is used as it is; nothing is started or stopped.
 * - Otherwise a broker already answering on 127.0.0.1:`KAFKA_PORT` (9092) is used, else `scripts/kafka/start.sh`
 *   starts one (data in `.tributary/kafka`, or `KAFKA_DATA_DIR`; under `flock` when there is one, so that runs
 *   starting together share one broker). Each test run holds a lease file there while it runs; a run that started
 *   the broker stops it at the end when no other run holds a lease, unless `TRIBUTARY_KEEP_KAFKA=1` asks to keep it
 *   for the next run.
 * - A broker that cannot be had fails the run under `CI=true`, and skips the Kafka tests with one line otherwise.
 *
 * Tests use unique topic and group names (see kafka-test-support.ts), so a broker kept between runs does no harm.
 */
declare module "vitest" {
  export interface ProvidedContext {
    kafkaBrokers: string;
  }
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const port = process.env.KAFKA_PORT ?? "9092";
const dataDir = process.env.KAFKA_DATA_DIR ?? join(root, ".tributary", "kafka");
const leaseDir = join(dataDir, "leases");
const START = join(root, "scripts", "kafka", "start.sh");
const STOP = join(root, "scripts", "kafka", "stop.sh");

function portOpen(host: string, portNumber: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("error", () => done(false));
    socket.connect(portNumber, host, () => done(true));
  });
}

/** True when the cluster answers a metadata request within a few seconds. */
async function answers(brokers: string): Promise<boolean> {
  const [host = "127.0.0.1", portText = "9092"] = (brokers.split(",")[0] ?? "").split(":");
  if (!(await portOpen(host, Number(portText)))) return false;
  const admin = new Kafka({
    brokers: brokers.split(","),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    requestTimeout: 3000,
    retry: { retries: 1 },
  }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs still holding a lease on the broker, other than this one; stale leases of dead processes are removed. */
function otherLeases(): number {
  if (!existsSync(leaseDir)) return 0;
  let count = 0;
  for (const name of readdirSync(leaseDir)) {
    const pid = Number(name);
    if (pid === process.pid) continue;
    if (Number.isInteger(pid) && alive(pid)) count++;
    else rmSync(join(leaseDir, name), { force: true });
  }
  return count;
}

function fail(message: string): string {
  if (process.env.CI === "true") throw new Error(message);
  console.warn(`Skipping the Kafka integration tests: ${message}`);
  return "";
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.KAFKA_BROKERS?.trim();
  if (given) {
    project.provide(
      "kafkaBrokers",
      (await answers(given)) ? given : fail(`KAFKA_BROKERS=${given} does not answer.`),
    );
    return undefined;
  }
  const brokers = `127.0.0.1:${port}`;
  mkdirSync(leaseDir, { recursive: true });
  const lease = join(leaseDir, String(process.pid));
  writeFileSync(lease, "");
  let started = false;
  if (!(await answers(brokers))) {
    const pidFile = join(dataDir, "kafka.pid");
    const runningBefore = existsSync(pidFile) && alive(Number(readFileSync(pidFile, "utf8").trim()));
    try {
      // Two test runs starting at once would both launch a broker; under flock the second finds the first's.
      // --close: the broker start.sh leaves running must not inherit the lock and hold it for its whole life.
      const locked = existsSync("/usr/bin/flock") || existsSync("/bin/flock");
      await promisify(execFile)(
        locked ? "flock" : START,
        locked ? ["--close", join(dataDir, "start.lock"), START] : [],
        { env: { ...process.env, KAFKA_PORT: port, KAFKA_DATA_DIR: dataDir }, timeout: 180_000 },
      );
      started = !runningBefore;
    } catch (error) {
      rmSync(lease, { force: true });
      const stderr = (error as { stderr?: string }).stderr?.trim();
      const detail = stderr ? stderr.split("\n").slice(-3).join(" ") : (error as Error).message;
      project.provide(
        "kafkaBrokers",
        fail(`${START} failed (${detail}). Needs Java 17+ and Maven; or set KAFKA_BROKERS.`),
      );
      return undefined;
    }
  }
  project.provide("kafkaBrokers", brokers);
  return async () => {
    rmSync(lease, { force: true });
    if (!started || process.env.TRIBUTARY_KEEP_KAFKA === "1" || otherLeases() > 0) return;
    await promisify(execFile)(STOP, { env: { ...process.env, KAFKA_DATA_DIR: dataDir }, timeout: 90_000 });
  };
}
