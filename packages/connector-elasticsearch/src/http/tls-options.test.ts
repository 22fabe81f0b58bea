import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TLSSocket } from "node:tls";
import { ConfigError } from "@tributary/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ElasticsearchSinkConfig } from "../config/elasticsearch-sink-config.js";
import { SearchClient } from "./search-client.js";
import { tlsOptionsOf } from "./tls-options.js";

let dir: string;
let server: Server;
let url: string;
const file = (name: string): string => join(dir, name);

function openssl(...args: string[]): void {
  execFileSync("openssl", args, { stdio: "ignore" });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tributary-es-tls-"));
  // The node's certificate names search.example, not 127.0.0.1, so the host name check has something to refuse.
  openssl(
    ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=search.example"],
    ...[
      "-addext",
      "subjectAltName=DNS:search.example",
      "-keyout",
      file("node.key"),
      "-out",
      file("node.pem"),
    ],
  );
  openssl(
    ...["req", "-x509", "-newkey", "rsa:2048", "-days", "2", "-subj", "/CN=connect"],
    ...["-passout", "pass:keypass", "-keyout", file("client.key"), "-out", file("client.crt")],
  );
  const pem = `${readFileSync(file("client.crt"), "utf8")}${readFileSync(file("client.key"), "utf8")}`;
  writeFileSync(file("client.pem"), pem);
  openssl(
    ...["pkcs12", "-export", "-in", file("client.crt"), "-inkey", file("client.key")],
    ...["-passin", "pass:keypass", "-passout", "pass:storepass", "-out", file("client.p12")],
  );
  server = createServer(
    {
      key: readFileSync(file("node.key")),
      cert: readFileSync(file("node.pem")),
      ca: readFileSync(file("client.crt")),
      requestCert: true,
      rejectUnauthorized: false,
    },
    (request, response) => {
      const peer = (request.socket as TLSSocket).getPeerCertificate();
      response.end(JSON.stringify({ client: peer.subject?.CN ?? null }));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** GET / through a client configured with `props`; the body names the client certificate's CN, if any. */
async function get(props: Record<string, string>): Promise<string> {
  const config = ElasticsearchSinkConfig.parse({ "connection.url": url, ...props });
  const client = new SearchClient({
    urls: config["connection.url"],
    authorization: undefined,
    connectTimeoutMs: 2000,
    readTimeoutMs: 2000,
    compression: false,
    connections: 1,
    tls: tlsOptionsOf(config),
  });
  try {
    return (await client.request("GET", "/")).body;
  } finally {
    await client.close();
  }
}

const trusted = {
  "elastic.security.protocol": "SSL",
  "elastic.https.ssl.truststore.location": "",
  "elastic.https.ssl.endpoint.identification.algorithm": "",
};

describe("TLS options", () => {
  it("trusts a node whose certificate authority is in the PEM truststore", async () => {
    const props = { ...trusted, "elastic.https.ssl.truststore.location": file("node.pem") };
    expect(await get(props)).toBe('{"client":null}');
  });

  it("refuses a certificate no trusted authority signed with PLAINTEXT (system authorities)", async () => {
    await expect(get({})).rejects.toThrow(/self-signed|self signed/i);
  });

  it("checks that the certificate names the host unless the algorithm is empty", async () => {
    const props = { ...trusted, "elastic.https.ssl.truststore.location": file("node.pem") };
    await expect(
      get({ ...props, "elastic.https.ssl.endpoint.identification.algorithm": "https" }),
    ).rejects.toThrow(/ERR_TLS_CERT_ALTNAME_INVALID|does not match/);
  });

  it("presents a client certificate from a PEM keystore with an encrypted key, or from PKCS12", async () => {
    const props = { ...trusted, "elastic.https.ssl.truststore.location": file("node.pem") };
    const pem = await get({
      ...props,
      "elastic.https.ssl.keystore.type": "PEM",
      "elastic.https.ssl.keystore.location": file("client.pem"),
      "elastic.https.ssl.key.password": "keypass",
    });
    expect(pem).toBe('{"client":"connect"}');
    const p12 = await get({
      ...props,
      "elastic.https.ssl.keystore.location": file("client.p12"),
      "elastic.https.ssl.keystore.password": "storepass",
    });
    expect(p12).toBe('{"client":"connect"}');
  });

  it("names the key whose file cannot be read", () => {
    const config = ElasticsearchSinkConfig.parse({
      "connection.url": url,
      "elastic.security.protocol": "SSL",
      "elastic.https.ssl.truststore.location": file("absent.pem"),
    });
    expect(() => tlsOptionsOf(config)).toThrow(ConfigError);
    expect(() => tlsOptionsOf(config)).toThrow(/elastic\.https\.ssl\.truststore\.location ".*absent\.pem"/);
  });

  it("uses the defaults with PLAINTEXT", () => {
    expect(tlsOptionsOf(ElasticsearchSinkConfig.parse({ "connection.url": url }))).toBeUndefined();
  });
});
