import type { ConnectionOptions } from "node:tls";
import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import { RetriableError } from "@tributary/api";
import { Pool } from "undici";

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** How a {@link SearchClient} connects. */
export interface SearchClientOptions {
  /**
   * Node URLs, tried in order; a path after the host is kept as a prefix of every request path, and credentials in
   * a URL (`https://user:password@host`) are used for that node when `authorization` is not given.
   */
  readonly urls: readonly string[];
  /** The `Authorization` header value for every node, or `undefined`; never logged. */
  readonly authorization: string | undefined;
  /** Milliseconds to establish a connection. */
  readonly connectTimeoutMs: number;
  /** Milliseconds to wait for an answer to start, and between its parts. */
  readonly readTimeoutMs: number;
  /** Gzip request bodies and accept gzipped answers. */
  readonly compression: boolean;
  /** Connections kept to each node at most. */
  readonly connections: number;
  /** TLS options for https:// URLs, or `undefined` for the defaults. */
  readonly tls: ConnectionOptions | undefined;
}

/** An answer from a node: its status, headers and body text. */
export interface SearchResponse {
  /** The HTTP status. */
  readonly status: number;
  /** The response headers, lower-case names. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body as text. */
  readonly body: string;
}

/**
 * No node could be reached or none answered in time: retriable, since a node may come back. The message names the
 * URLs and causes, never credentials.
 */
export class NodesUnreachableError extends RetriableError {}

interface Node {
  /** The URL without credentials, for messages. */
  readonly url: string;
  readonly pathPrefix: string;
  readonly pool: Pool;
  /** The `Authorization` header for this node: the configured one, else from credentials in its URL. */
  readonly authorization: string | undefined;
}

/**
 * Plain HTTP/1.1 to Elasticsearch or OpenSearch nodes over undici pools: keep-alive connections, at most
 * `connections` per node, timeouts, optional gzip, and failover. Requests go to the current node; when it cannot be
 * reached (refused, reset, timed out), the next URL becomes current and the request is tried there, once per node.
 * HTTP error statuses are answers, returned as they are: the caller decides what they mean.
 * @internal
 */
export class SearchClient {
  readonly #nodes: Node[];
  readonly #options: SearchClientOptions;
  #current = 0;

  constructor(options: SearchClientOptions) {
    this.#options = options;
    this.#nodes = options.urls.map((url) => {
      const parsed = new URL(url);
      const pool = new Pool(parsed.origin, {
        connections: options.connections,
        connectTimeout: options.connectTimeoutMs,
        headersTimeout: options.readTimeoutMs,
        bodyTimeout: options.readTimeoutMs,
        keepAliveTimeout: 30_000,
        pipelining: 1,
        ...(options.tls === undefined ? {} : { connect: options.tls as Pool.Options["connect"] & object }),
      });
      const pathPrefix = parsed.pathname.replace(/\/+$/, "");
      const user = decodeURIComponent(parsed.username);
      const fromUrl =
        user === ""
          ? undefined
          : `Basic ${Buffer.from(`${user}:${decodeURIComponent(parsed.password)}`).toString("base64")}`;
      return {
        url: parsed.origin + pathPrefix,
        pathPrefix,
        pool,
        authorization: options.authorization ?? fromUrl,
      };
    });
  }

  /** The URL of the node requests go to now, for messages. */
  get currentUrl(): string {
    return this.#nodes[this.#current]?.url ?? "";
  }

  /**
   * Sends one request, failing over to the next nodes when the current one cannot be reached.
   * @throws NodesUnreachableError when no node answered.
   */
  async request(
    method: "GET" | "HEAD" | "PUT" | "POST" | "DELETE",
    path: string,
    body?: string,
    contentType = "application/json",
  ): Promise<SearchResponse> {
    const headers: Record<string, string> = {};
    let payload: string | Buffer | undefined = body;
    if (body !== undefined) {
      headers["content-type"] = contentType;
      if (this.#options.compression) {
        payload = await gzipAsync(body);
        headers["content-encoding"] = "gzip";
      }
    }
    if (this.#options.compression) headers["accept-encoding"] = "gzip";
    const failures: string[] = [];
    let timeouts = 0;
    for (let tried = 0; tried < this.#nodes.length; tried++) {
      const index = this.#current;
      const node = this.#nodes[index]!;
      try {
        const response = await node.pool.request({
          method,
          path: node.pathPrefix + path,
          headers:
            node.authorization === undefined ? headers : { ...headers, authorization: node.authorization },
          ...(payload === undefined ? {} : { body: payload }),
        });
        const encoding = response.headers["content-encoding"];
        const text =
          encoding === "gzip"
            ? (await gunzipAsync(Buffer.from(await response.body.arrayBuffer()))).toString("utf8")
            : await response.body.text();
        return { status: response.statusCode, headers: response.headers, body: text };
      } catch (error) {
        if (isReadTimeout(error)) {
          timeouts++;
          failures.push(`${node.url} did not answer within read.timeout.ms=${this.#options.readTimeoutMs}`);
        } else {
          failures.push(`${node.url}: ${describeFailure(error)}`);
        }
        if (this.#current === index) this.#current = (index + 1) % this.#nodes.length;
      }
    }
    if (timeouts === failures.length) {
      const nodes = this.#nodes.length === 1 ? `The node at ${this.#nodes[0]!.url}` : "No node";
      throw new NodesUnreachableError(
        `${nodes} did not answer ${method} ${path} within read.timeout.ms=${this.#options.readTimeoutMs}: the connection was made, but the answer did not come in time. Raise read.timeout.ms for large bulk requests or a busy cluster (or lower batch.size or bulk.size.bytes).`,
      );
    }
    throw new NodesUnreachableError(
      `No Elasticsearch/OpenSearch node answered ${method} ${path}: ${failures.join("; ")}. Check connection.url and that the nodes are up; connection.timeout.ms (now ${this.#options.connectTimeoutMs}) and read.timeout.ms (now ${this.#options.readTimeoutMs}) set how long to wait.`,
    );
  }

  /** Closes every connection; requests in flight fail. */
  async close(): Promise<void> {
    await Promise.allSettled(this.#nodes.map((node) => node.pool.destroy()));
  }
}

/** Whether undici gave up waiting for the answer's headers or body (`read.timeout.ms`), the connection being made. */
function isReadTimeout(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT";
}

/** The error's code and message, without a final period, so it can be followed by more text. */
function describeFailure(error: unknown): string {
  const err = error as { code?: string; message?: string };
  const code = err.code === undefined ? "" : `${err.code} `;
  return `${code}${err.message ?? String(error)}`.trim().replace(/\.+$/, "");
}
