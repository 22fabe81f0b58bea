import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * A real `tributary standalone` process (the built bin) for integration tests, here and in the connector packages,
 * and the worker configuration of Kafka's quickstart.
 */

/** The built CLI; `npm run build -w packages/runtime` makes it. */
export const STANDALONE_BIN = fileURLToPath(new URL("../dist/tributary.js", import.meta.url));

/** A started worker: its process, the REST URL it logged, its exit, and everything it wrote so far. */
export interface RunningWorker {
  readonly process: ChildProcess;
  readonly url: string;
  readonly exited: Promise<number | null>;
  readonly log: () => string;
}

/**
 * Starts `tributary standalone dir/worker.properties [connectorFiles…]` in `dir` and resolves once its REST API
 * answers, with the URL it logged; rejects with the worker's output when it exits first or takes over 60 s.
 */
export async function startStandaloneWorker(
  dir: string,
  connectorFiles: readonly string[] = [],
): Promise<RunningWorker> {
  const child = spawn(
    process.execPath,
    [STANDALONE_BIN, "standalone", join(dir, "worker.properties"), ...connectorFiles],
    { cwd: dir, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The worker did not start within 60 s:\n${output}`)),
      60_000,
    );
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const started = output.split("\n").find((line) => line.includes('"msg":"Standalone worker started"'));
      if (started !== undefined) {
        clearTimeout(timer);
        resolve((JSON.parse(started) as { rest: string }).rest);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`The worker exited with code ${code} before it started:\n${output}`));
    });
  });
  return { process: child, url, exited, log: () => output };
}

/** Kills a worker still running (SIGKILL) and waits for it to exit. */
export async function killWorker(worker: RunningWorker): Promise<void> {
  if (worker.process.exitCode === null && worker.process.signalCode === null) {
    worker.process.kill("SIGKILL");
    await worker.exited;
  }
}

/**
 * Writes `dir/worker.properties` as Kafka's quickstart has it: JsonConverter with schemas for keys and values,
 * offsets in `dir/connect.offsets` flushed every second, REST on a free port.
 */
export function writeQuickstartWorkerProperties(dir: string, brokers: string): void {
  writeFileSync(
    join(dir, "worker.properties"),
    [
      `bootstrap.servers=${brokers}`,
      "key.converter=org.apache.kafka.connect.json.JsonConverter",
      "value.converter=org.apache.kafka.connect.json.JsonConverter",
      "key.converter.schemas.enable=true",
      "value.converter.schemas.enable=true",
      `offset.storage.file.filename=${join(dir, "connect.offsets")}`,
      "offset.flush.interval.ms=1000",
      "listeners=http://127.0.0.1:0",
      "",
    ].join("\n"),
  );
}

/** Polls `check` until it stops throwing and returns its result; rethrows its last failure after `timeoutMs`. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
