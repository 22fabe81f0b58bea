import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ConfigError, ConnectError } from "@tributary/api";
import { type Logger, silentLogger } from "../logging/logger.js";
import { ConnectRestError } from "./connect-rest-error.js";
import type { RestResponse, RestRouter } from "./rest-router.js";

/** What a {@link RestServer} listens on and logs to. */
export interface RestServerOptions {
  /** The worker's `listeners`, such as `http://127.0.0.1:8083`; an empty host listens on every interface. */
  readonly listeners: readonly string[];
  readonly logger?: Logger;
  /** The most bytes a request body may have. Default 16 MiB. */
  readonly maxBodyBytes?: number;
}

/** One parsed `listeners` entry. */
interface Listener {
  readonly host: string;
  readonly port: number;
}

/** A port and host a listener bound, for the worker id and the URL. */
export interface BoundListener {
  readonly host: string;
  readonly port: number;
  readonly url: string;
}

const MARKER = "\u0000bigint:";

/**
 * The worker's HTTP server (node:http): answers every request through a {@link RestRouter} (set once the herder
 * exists; until then every path but `/health` answers 503), with JSON bodies, and turns errors into Kafka Connect's
 * `{"error_code", "message"}` with the status Kafka gives them: 404 not found, 409 conflict, 400 bad request or
 * config, 500 anything else (logged, with its stack trace, which is not sent).
 *
 * Only `http://` listeners are supported; put a TLS-terminating proxy in front for `https`.
 */
export class RestServer {
  readonly #listeners: readonly Listener[];
  readonly #logger: Logger;
  readonly #maxBodyBytes: number;
  readonly #servers: Server[] = [];
  #router: RestRouter | undefined;
  #bound: BoundListener[] = [];

  /** @throws ConfigError when a listener is not `http://host:port`. */
  constructor(options: RestServerOptions) {
    if (options.listeners.length === 0) {
      throw new ConfigError("listeners is empty: give at least one address, such as http://127.0.0.1:8083.");
    }
    this.#listeners = options.listeners.map(parseListener);
    this.#logger = options.logger ?? silentLogger;
    this.#maxBodyBytes = options.maxBodyBytes ?? 16 * 1024 * 1024;
  }

  /** The addresses bound by {@link RestServer.start}, in `listeners` order. */
  get bound(): readonly BoundListener[] {
    return this.#bound;
  }

  /** The routes to serve; until set, requests other than `/health` answer 503. */
  setRouter(router: RestRouter): void {
    this.#router = router;
  }

  /**
   * Binds every listener.
   * @throws ConnectError naming the address when one cannot be bound (such as a port in use); none stays bound.
   */
  async start(): Promise<void> {
    try {
      for (const listener of this.#listeners) {
        const server = createServer((request, response) => void this.#handle(request, response));
        // Connections kept alive must not hold a stop up.
        server.keepAliveTimeout = 5_000;
        this.#servers.push(server);
        await new Promise<void>((resolve, reject) => {
          server.once("error", reject);
          server.listen(listener.port, listener.host === "" ? undefined : listener.host, () => {
            server.off("error", reject);
            resolve();
          });
        });
        const address = server.address() as AddressInfo;
        const host = listener.host === "" ? "localhost" : listener.host;
        this.#bound.push({ host, port: address.port, url: `http://${hostForUrl(host)}:${address.port}` });
        this.#logger.info({ url: `http://${hostForUrl(host)}:${address.port}` }, "REST API listening");
      }
    } catch (error) {
      await this.stop();
      throw new ConnectError(
        `The REST API cannot listen on ${this.#listeners.map(describeListener).join(", ")}: ${(error as Error).message}. Change listeners in the worker config.`,
        { cause: error },
      );
    }
  }

  /** Stops listening and closes idle connections; requests in progress finish. */
  async stop(): Promise<void> {
    const servers = this.#servers.splice(0);
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeIdleConnections();
          }),
      ),
    );
    this.#bound = [];
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? "GET";
    const url = new URL(request.url ?? "/", "http://localhost");
    let reply: RestResponse;
    try {
      reply = await this.#dispatch(method, url, request);
    } catch (error) {
      reply = this.#errorResponse(error, method, url.pathname);
    }
    this.#logger.debug({ method, path: url.pathname, status: reply.status }, "REST request");
    send(response, reply);
  }

  async #dispatch(method: string, url: URL, request: IncomingMessage): Promise<RestResponse> {
    const router = this.#router;
    if (router === undefined) {
      await drain(request);
      const body = { status: "starting", message: "Worker is still starting up." };
      return url.pathname === "/health"
        ? { status: 503, body }
        : { status: 503, body: { error_code: 503, message: body.message } };
    }
    const match = router.match(method, url.pathname);
    if (match.kind !== "found") {
      await drain(request);
      return match.kind === "not-found"
        ? { status: 404, body: { error_code: 404, message: "HTTP 404 Not Found" } }
        : { status: 405, body: { error_code: 405, message: "HTTP 405 Method Not Allowed" } };
    }
    const body = await this.#readBody(request);
    return match.handler({ method, params: match.params, query: url.searchParams, body });
  }

  async #readBody(request: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > this.#maxBodyBytes) {
        throw new ConnectRestError(413, `The request body is larger than ${this.#maxBodyBytes} bytes.`);
      }
      chunks.push(chunk);
    }
    const text = Buffer.concat(chunks).toString("utf8");
    if (text.trim() === "") return undefined;
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new ConnectRestError(400, `The request body is not valid JSON: ${(error as Error).message}`);
    }
  }

  #errorResponse(error: unknown, method: string, path: string): RestResponse {
    const status = statusOf(error);
    const message = error instanceof Error ? error.message : String(error);
    if (status >= 500) this.#logger.error({ err: error, method, path }, "REST request failed");
    return { status, body: { error_code: status, message } };
  }
}

/** Kafka's mapping of errors to statuses (its `ConnectExceptionMapper`). */
function statusOf(error: unknown): number {
  if (ConnectRestError.isConnectRestError(error)) return error.status;
  if (!ConnectError.isConnectError(error)) return 500;
  switch (error.code) {
    case "NOT_FOUND":
      return 404;
    case "ALREADY_EXISTS":
      return 409;
    case "CONFIG":
      return 400;
    default:
      return 500;
  }
}

function send(response: ServerResponse, reply: RestResponse): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload: string | undefined;
  if (reply.text !== undefined) {
    payload = reply.text;
    headers["content-type"] = reply.contentType ?? "text/plain; charset=utf-8";
  } else if (reply.body !== undefined) {
    payload = toJson(reply.body);
    headers["content-type"] = "application/json";
  }
  if (payload !== undefined) headers["content-length"] = String(Buffer.byteLength(payload));
  response.writeHead(reply.status, headers);
  response.end(payload);
}

/** JSON with bigints written as plain integers with every digit (offsets may exceed 2^53). */
export function toJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, item: unknown) =>
    typeof item === "bigint" ? `${MARKER}${item.toString()}` : item,
  );
  return text.replace(/"\\u0000bigint:(-?\d+)"/g, "$1");
}

async function drain(request: IncomingMessage): Promise<void> {
  for await (const _ of request) {
    // The body of a request that is refused is read and dropped, so the connection can be reused.
  }
}

function parseListener(listener: string): Listener {
  const match = /^(\w+):\/\/(\[[^\]]*\]|[^:/]*):(\d+)\/?$/.exec(listener.trim());
  if (match === null) {
    throw new ConfigError(
      `The listener "${listener}" is not of the form http://host:port; use, for example, http://127.0.0.1:8083.`,
    );
  }
  const [, protocol = "", host = "", port = ""] = match;
  if (protocol.toLowerCase() !== "http") {
    throw new ConfigError(
      `The listener "${listener}" uses ${protocol}; only http is supported. Put a TLS-terminating proxy in front for https.`,
    );
  }
  const number = Number(port);
  if (number > 65535) throw new ConfigError(`The listener "${listener}" has port ${port}, above 65535.`);
  return { host: host.startsWith("[") ? host.slice(1, -1) : host, port: number };
}

function describeListener(listener: Listener): string {
  return `${hostForUrl(listener.host)}:${listener.port}`;
}

function hostForUrl(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}
