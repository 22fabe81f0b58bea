import { ConnectError } from "@tributary/api";
import type { SearchResponse } from "./search-client.js";

/** Which engine a cluster runs, read from `GET /`. */
export interface EngineInfo {
  /** `elasticsearch` or `opensearch`. */
  readonly distribution: "elasticsearch" | "opensearch";
  /** The version as the engine reports it, such as `8.14.1`. */
  readonly version: string;
  /** The major version. */
  readonly major: number;
  /** The minor version. */
  readonly minor: number;
}

/**
 * Reads the engine from the answer to `GET /`: OpenSearch says `version.distribution: "opensearch"`; anything else
 * with a version is Elasticsearch (7.14 and later also send `x-elastic-product: Elasticsearch`). Elasticsearch 7 and
 * later and OpenSearch 1 and later are served: what differs among them is decided from this.
 * @throws ConnectError when the answer is not from a served engine, with what it was.
 * @internal
 */
export function engineInfoOf(response: SearchResponse, url: string): EngineInfo {
  if (response.status === 401 || response.status === 403) {
    throw new ConnectError(
      `${url} refused the credentials (HTTP ${response.status}): check connection.username and connection.password, or connection.api.key, and the user's privileges.`,
    );
  }
  let root: { version?: { number?: unknown; distribution?: unknown } } | undefined;
  try {
    root = JSON.parse(response.body) as typeof root;
  } catch {
    root = undefined;
  }
  const number = root?.version?.number;
  const match = typeof number === "string" ? /^(\d+)\.(\d+)/.exec(number) : null;
  if (response.status !== 200 || match === null || typeof number !== "string") {
    throw new ConnectError(
      `${url} did not answer GET / as Elasticsearch or OpenSearch does (HTTP ${response.status}: ${response.body.slice(0, 200)}); check connection.url.`,
    );
  }
  const distribution = root?.version?.distribution === "opensearch" ? "opensearch" : "elasticsearch";
  const major = Number(match[1]);
  const minor = Number(match[2]);
  const minimum = distribution === "opensearch" ? 1 : 7;
  if (major < minimum) {
    throw new ConnectError(
      `${url} runs ${distribution === "opensearch" ? "OpenSearch" : "Elasticsearch"} ${number}, but this connector serves Elasticsearch 7 and later and OpenSearch 1 and later.`,
    );
  }
  return { distribution, version: number, major, minor };
}

/**
 * Whether the engine has data streams: Elasticsearch from 7.9, every OpenSearch.
 * @internal
 */
export function supportsDataStreams(engine: EngineInfo): boolean {
  return (
    engine.distribution === "opensearch" || engine.major > 7 || (engine.major === 7 && engine.minor >= 9)
  );
}

/**
 * A name for the engine in messages, such as `OpenSearch 2.19.1`.
 * @internal
 */
export function engineName(engine: EngineInfo): string {
  return `${engine.distribution === "opensearch" ? "OpenSearch" : "Elasticsearch"} ${engine.version}`;
}
