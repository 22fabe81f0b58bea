import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { NodesUnreachableError, SearchClient, type SearchClientOptions } from "./search-client.js";

interface Seen {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly headers: IncomingMessage["headers"];
  readonly body: Buffer;
}

const servers: Server[] = [];
const clients: SearchClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** A local HTTP server that records requests and answers `{"ok":true}`, gzipped when asked. */
async function server(seen: Seen[]): Promise<string> {
  const srv = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      seen.push({
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: Buffer.concat(chunks),
      });
      const body = Buffer.from('{"ok":true}');
      if (request.headers["accept-encoding"] === "gzip") {
        response.writeHead(200, { "content-encoding": "gzip" }).end(gzipSync(body));
      } else {
        response.writeHead(200).end(body);
      }
    });
  });
  servers.push(srv);
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
}

/** A URL where nothing listens. */
async function closedUrl(): Promise<string> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  await new Promise((resolve) => srv.close(resolve));
  return url;
}

function client(options: Partial<SearchClientOptions> & Pick<SearchClientOptions, "urls">): SearchClient {
  const created = new SearchClient({
    authorization: undefined,
    connectTimeoutMs: 1000,
    readTimeoutMs: 3000,
    compression: false,
    connections: 2,
    tls: undefined,
    ...options,
  });
  clients.push(created);
  return created;
}

describe("SearchClient", () => {
  it("fails over to the next URL when a node cannot be reached, and stays there", async () => {
    const seen: Seen[] = [];
    const down = await closedUrl();
    const up = await server(seen);
    const search = client({ urls: [down, up] });
    const response = await search.request("GET", "/");
    expect(response).toMatchObject({ status: 200, body: '{"ok":true}' });
    expect(search.currentUrl).toBe(up);
    await search.request("GET", "/again");
    expect(seen.map((s) => s.url)).toEqual(["/", "/again"]);
  });

  it("says which nodes failed when none answers, as a retriable error", async () => {
    const down = await closedUrl();
    const search = client({ urls: [down] });
    const failure = search.request("GET", "/");
    await expect(failure).rejects.toBeInstanceOf(NodesUnreachableError);
    await expect(search.request("GET", "/")).rejects.toThrow(`${down}: ECONNREFUSED`);
  });

  it("says that a node did not answer within read.timeout.ms, and to raise it", async () => {
    const silent = createServer(() => {});
    servers.push(silent);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const search = client({ urls: [url], readTimeoutMs: 100 });
    const error = await search.request("POST", "/_bulk", "{}\n").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodesUnreachableError);
    const message = (error as Error).message;
    expect(message).toContain(`The node at ${url} did not answer POST /_bulk within read.timeout.ms=100`);
    expect(message).toMatch(/Raise read\.timeout\.ms/);
    expect(message).not.toMatch(/\.\./);
  });

  it("sends the configured authorization, or credentials from the URL, and keeps a path prefix", async () => {
    const seen: Seen[] = [];
    const url = new URL(await server(seen));
    await client({ urls: [url.href], authorization: "ApiKey abc" }).request("GET", "/");
    url.username = "user";
    url.password = "p@ss";
    url.pathname = "/search/";
    await client({ urls: [url.href] }).request("POST", "/_bulk", "{}\n", "application/x-ndjson");
    expect(seen[0]?.headers.authorization).toBe("ApiKey abc");
    expect(seen[1]?.headers.authorization).toBe(`Basic ${Buffer.from("user:p@ss").toString("base64")}`);
    expect(seen[1]?.url).toBe("/search/_bulk");
    expect(seen[1]?.headers["content-type"]).toBe("application/x-ndjson");
  });

  it("never shows credentials from a URL in its messages", async () => {
    const down = new URL(await closedUrl());
    down.username = "user";
    down.password = "secret";
    const search = client({ urls: [down.href] });
    await expect(search.request("GET", "/")).rejects.not.toThrow(/secret/);
    expect(search.currentUrl).not.toMatch(/secret/);
  });

  it("gzips bodies and reads gzipped answers with connection.compression", async () => {
    const seen: Seen[] = [];
    const search = client({ urls: [await server(seen)], compression: true });
    const response = await search.request("PUT", "/index", '{"mappings":{}}');
    expect(response.body).toBe('{"ok":true}');
    expect(seen[0]?.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(seen[0]!.body).toString()).toBe('{"mappings":{}}');
  });
});
