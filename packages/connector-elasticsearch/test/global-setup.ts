import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";

/**
 * Makes sure the search engines the integration tests use are up: OpenSearch 2.19, OpenSearch 3.8 and
 * Elasticsearch 7.10, plus a second OpenSearch 2.19 whose write queue holds two tasks, so that bulk requests really
 * are rejected with 429.
 *
 * An engine whose URL is given (`TRIBUTARY_TEST_OPENSEARCH_URL`, `TRIBUTARY_TEST_OPENSEARCH3_URL`,
 * `TRIBUTARY_TEST_ELASTICSEARCH_URL`, `TRIBUTARY_TEST_OPENSEARCH_SMALL_QUEUE_URL`) is used as it is. Otherwise this starts it with
 * `scripts/search/start.sh` (all at once), and stops at teardown each engine it started (set
 * `TRIBUTARY_TEST_KEEP_ENGINES=true` to leave them running for the next run). An engine that cannot be had fails the
 * run under `CI=true` and is skipped otherwise, with one line saying what is missing and the command that starts it.
 * The one exception is OpenSearch 3 on a machine without Java 21 or newer (start.sh exits 3): it is skipped, with
 * that reason printed, under `CI=true` too. Tests read the URLs with `inject("opensearchUrl")`,
 * `inject("opensearch3Url")`, `inject("elasticsearchUrl")` and `inject("opensearchSmallQueueUrl")`: empty means
 * skip.
 */

declare module "vitest" {
  export interface ProvidedContext {
    opensearchUrl: string;
    opensearch3Url: string;
    elasticsearchUrl: string;
    opensearchSmallQueueUrl: string;
  }
}

const run = promisify(execFile);
const scripts = fileURLToPath(new URL("../../../scripts/search/", import.meta.url));

/** An engine the suite needs, and how start.sh runs it. */
interface EngineSpec {
  readonly name: string;
  readonly urlVariable: string;
  readonly engine: "opensearch" | "opensearch3" | "elasticsearch";
  /** Variables for start.sh and stop.sh: port, data directory, heap, node settings. */
  readonly env: Readonly<Record<string, string>>;
}

const SPECS: readonly EngineSpec[] = [
  {
    name: "OpenSearch",
    urlVariable: "TRIBUTARY_TEST_OPENSEARCH_URL",
    engine: "opensearch",
    env: {},
  },
  {
    name: "OpenSearch 3",
    urlVariable: "TRIBUTARY_TEST_OPENSEARCH3_URL",
    engine: "opensearch3",
    env: {},
  },
  {
    name: "Elasticsearch",
    urlVariable: "TRIBUTARY_TEST_ELASTICSEARCH_URL",
    engine: "elasticsearch",
    env: {},
  },
  {
    // One write thread and a queue of two: a few concurrent bulk requests to a many-shard index overflow it.
    name: "OpenSearch with a small write queue",
    urlVariable: "TRIBUTARY_TEST_OPENSEARCH_SMALL_QUEUE_URL",
    engine: "opensearch",
    env: {
      OPENSEARCH_PORT: process.env.TRIBUTARY_TEST_OPENSEARCH_SMALL_QUEUE_PORT ?? "9220",
      OPENSEARCH_DATA_DIR: fileURLToPath(
        new URL("../../../.tributary/opensearch-small-queue", import.meta.url),
      ),
      OPENSEARCH_HEAP: "256m:512m",
      OPENSEARCH_SETTINGS: "thread_pool.write.size: 1\nthread_pool.write.queue_size: 2",
    },
  },
];

/** Whether `GET /` answers 200 at `url` within a few seconds. */
async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(new URL("/", url), { signal: AbortSignal.timeout(5000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

function startCommand(spec: EngineSpec): string {
  const env = Object.entries(spec.env).map(([key, value]) => `${key}=${JSON.stringify(value)} `);
  return `${env.join("")}scripts/search/start.sh ${spec.engine}`;
}

function unavailable(spec: EngineSpec, why: string): string {
  const message = `${spec.name} is not available: ${why}`;
  if (process.env.CI === "true") throw new Error(message);
  console.warn(`Skipping the ${spec.name} integration tests: ${message}`);
  return "";
}

/** The engine's URL, after starting it when no URL was given; pushed onto `started` when this call started it. */
async function ensure(spec: EngineSpec, started: EngineSpec[]): Promise<string> {
  const given = process.env[spec.urlVariable];
  if (given !== undefined && given !== "") {
    if (await answers(given)) return given;
    return unavailable(spec, `${spec.urlVariable}=${given} does not answer GET /.`);
  }
  const env = { ...process.env, ...spec.env };
  const prefix = spec.engine.toUpperCase();
  const port =
    env[`${prefix}_PORT`] ?? { opensearch: "9200", opensearch3: "9270", elasticsearch: "9210" }[spec.engine];
  // An engine that already runs (a previous run kept it, or a person started it) is used and left running.
  const running = await answers(`http://127.0.0.1:${port}`);
  try {
    const { stdout } = await run(`${scripts}start.sh`, [spec.engine], { env, timeout: 300_000 });
    const url = /^[A-Z0-9]+_URL=(\S+)$/m.exec(stdout)?.[1];
    if (url === undefined) return unavailable(spec, `start.sh printed no URL: ${stdout.trim()}`);
    if (!running) started.push(spec);
    return url;
  } catch (error) {
    const { stderr, code } = error as { stderr?: string; code?: number };
    if (spec.engine === "opensearch3" && code === 3) {
      // A machine without Java 21+ cannot run OpenSearch 3 at all: a documented gap, not a broken engine.
      console.warn(`Skipping the OpenSearch 3 integration tests: ${stderr?.trim()}`);
      return "";
    }
    return unavailable(spec, `${stderr?.trim() || String(error)}\nStart it with: ${startCommand(spec)}`);
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started: EngineSpec[] = [];
  const stopStarted = async (): Promise<void> => {
    await Promise.all(
      started.map((spec) =>
        run(`${scripts}stop.sh`, [spec.engine], { env: { ...process.env, ...spec.env } }).catch(
          (error: unknown) => console.warn(`Stopping ${spec.name} failed: ${String(error)}`),
        ),
      ),
    );
  };
  const outcomes = await Promise.allSettled(SPECS.map((spec) => ensure(spec, started)));
  const failure = outcomes.find((outcome) => outcome.status === "rejected");
  if (failure !== undefined) {
    // Under CI=true a missing engine fails the run: leave no JVM behind from the ones that did start.
    await stopStarted();
    throw failure.reason;
  }
  const [opensearch, opensearch3, elasticsearch, smallQueue] = outcomes.map((outcome) =>
    outcome.status === "fulfilled" ? outcome.value : "",
  );
  project.provide("opensearchUrl", opensearch ?? "");
  project.provide("opensearch3Url", opensearch3 ?? "");
  project.provide("elasticsearchUrl", elasticsearch ?? "");
  project.provide("opensearchSmallQueueUrl", smallQueue ?? "");
  return async () => {
    if (process.env.TRIBUTARY_TEST_KEEP_ENGINES !== "true") await stopStarted();
  };
}
