import { TopicPartition } from "@tributary/api";
import type { SinkTaskHarness } from "@tributary/testkit";
import { inject } from "vitest";

/** An engine the shared integration suite runs against; `url` is empty when it is not available (a local skip). */
export interface TestEngine {
  readonly name: "opensearch" | "opensearch3" | "elasticsearch";
  readonly url: string;
  /** Why a test that needs a feature this engine lacks is skipped, per feature; absent when it has the feature. */
  readonly lacks: { readonly dataStreams?: string };
}

/** OpenSearch 2.19, OpenSearch 3.8 and Elasticsearch 7.10, as global-setup started or found them. */
export function testEngines(): TestEngine[] {
  return [
    { name: "opensearch", url: inject("opensearchUrl"), lacks: {} },
    { name: "opensearch3", url: inject("opensearch3Url"), lacks: {} },
    {
      name: "elasticsearch",
      url: inject("elasticsearchUrl"),
      lacks: {
        dataStreams:
          "Elasticsearch 7.10.2 without X-Pack (the last Apache-2.0 build, the newest on Maven Central) has no data streams",
      },
    },
  ];
}

let counter = 0;
/** A topic (and so an index) no other test uses, lower case as index names must be. */
export function uniqueTopic(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

/** A response of the engine: status and parsed JSON body. */
export interface EngineResponse {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the engines' JSON is read field by field in assertions.
  readonly body: any;
  /** The body as the engine sent it, for exact digits that JSON.parse would round. */
  readonly text: string;
}

/**
 * Plain HTTP to the engine, apart from the connector's own client, so tests check what the engine holds rather than
 * what the connector believes it wrote.
 */
export class EngineClient {
  readonly #url: string;

  constructor(url: string) {
    this.#url = url;
  }

  async call(method: string, path: string, body?: unknown): Promise<EngineResponse> {
    const init: RequestInit = { method, signal: AbortSignal.timeout(30_000) };
    if (body !== undefined) {
      init.headers = {
        "content-type": typeof body === "string" ? "application/x-ndjson" : "application/json",
      };
      init.body = typeof body === "string" ? body : JSON.stringify(body);
    }
    const response = await fetch(new URL(path, this.#url), init);
    const text = await response.text();
    return { status: response.status, body: text === "" ? undefined : JSON.parse(text), text };
  }

  /** Like {@link EngineClient.call}, but throws unless the status is 2xx. */
  async ok(method: string, path: string, body?: unknown): Promise<EngineResponse> {
    const response = await this.call(method, path, body);
    if (response.status < 200 || response.status > 299) {
      throw new Error(`${method} ${path} answered ${response.status}: ${response.text}`);
    }
    return response;
  }

  /** Creates an index of `shards` primaries and no replicas, so one node holds all of it and health is green. */
  async createIndex(index: string, mappings?: unknown, shards = 1): Promise<void> {
    await this.ok("PUT", `/${index}`, {
      settings: { number_of_shards: shards, number_of_replicas: 0 },
      ...(mappings === undefined ? {} : { mappings }),
    });
  }

  /** Sets the flood-stage block: every write to the index is answered 429 until {@link EngineClient.unblock}. */
  async block(index: string): Promise<void> {
    await this.ok("PUT", `/${index}/_settings`, { "index.blocks.read_only_allow_delete": true });
  }

  async unblock(index: string): Promise<void> {
    await this.ok("PUT", `/${index}/_settings`, { "index.blocks.read_only_allow_delete": null });
  }

  /** Every document of the index (up to 10,000), by id, after a refresh so recent writes are visible. */
  async documents(index: string): Promise<Map<string, { source: unknown; version: number }>> {
    await this.ok("POST", `/${index}/_refresh`);
    const response = await this.ok("POST", `/${index}/_search`, {
      size: 10_000,
      version: true,
      query: { match_all: {} },
    });
    const docs = new Map<string, { source: unknown; version: number }>();
    for (const hit of response.body.hits.hits)
      docs.set(hit._id, { source: hit._source, version: hit._version });
    return docs;
  }

  /** The number of documents in the index, after a refresh; 0 when it does not exist. */
  async count(index: string): Promise<number> {
    const refreshed = await this.call("POST", `/${index}/_refresh`);
    if (refreshed.status === 404) return 0;
    const response = await this.ok("GET", `/${index}/_count`);
    return response.body.count;
  }

  /** Write-pool rejections on every node so far: each is a bulk shard request answered 429. */
  async writeRejections(): Promise<number> {
    const response = await this.ok("GET", "/_nodes/stats/thread_pool");
    let rejected = 0;
    for (const node of Object.values(response.body.nodes) as {
      thread_pool: Record<string, { rejected: number }>;
    }[]) {
      rejected += node.thread_pool.write?.rejected ?? 0;
    }
    return rejected;
  }

  async deleteIndex(index: string): Promise<void> {
    await this.call("DELETE", `/${index}`);
  }
}

/** Polls `check` every 100 ms until it returns true, for at most `timeoutMs`; throws with `what` otherwise. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Commits through the harness (the task's `preCommit`) until `partition` reaches `offset`, as a worker's periodic
 * commits would; returns every offset committed on the way, so a test can check that none ran ahead of the data.
 */
export async function commitUntil(
  harness: SinkTaskHarness,
  partition: TopicPartition,
  offset: bigint,
  timeoutMs = 30_000,
): Promise<bigint[]> {
  const seen: bigint[] = [];
  await waitFor(
    `${String(partition)} to commit offset ${offset} (committed so far: ${seen.join(", ") || "nothing"})`,
    async () => {
      const committed = (await harness.commit()).get(partition);
      if (committed !== undefined) seen.push(committed);
      return committed === offset;
    },
    timeoutMs,
  );
  return seen;
}

/** Partition 0 of `topic`. */
export function partition0(topic: string): TopicPartition {
  return TopicPartition.of(topic, 0);
}

/** A schemaless document as JsonConverter with `schemas.enable=false` hands it over: a Map. */
export function doc(fields: Record<string, unknown>): Map<string, unknown> {
  return new Map(Object.entries(fields));
}
