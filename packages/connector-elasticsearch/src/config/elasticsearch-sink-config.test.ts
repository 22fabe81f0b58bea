import { ConfigValidationError, Password } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { ElasticsearchSinkConfig } from "./elasticsearch-sink-config.js";
import { crossKeyProblems, requireConsistent, versionSourceOf } from "./sink-settings.js";

const base = { "connection.url": "http://127.0.0.1:9200" };

describe("ElasticsearchSinkConfig", () => {
  it("has the Elasticsearch connector's defaults", () => {
    const config = ElasticsearchSinkConfig.parse(base);
    expect(config).toMatchObject({
      "connection.url": ["http://127.0.0.1:9200"],
      "connection.timeout.ms": 1000,
      "read.timeout.ms": 3000,
      "batch.size": 2000,
      "bulk.size.bytes": 5 * 1024 * 1024,
      "max.in.flight.requests": 5,
      "max.buffered.records": 20000,
      "linger.ms": 1,
      "flush.timeout.ms": 180000,
      "max.retries": 5,
      "retry.backoff.ms": 100,
      "key.ignore": false,
      "schema.ignore": false,
      "compact.map.entries": true,
      "write.method": "insert",
      "behavior.on.null.values": "fail",
      "behavior.on.malformed.documents": "fail",
      "drop.invalid.message": false,
      "data.stream.type": "none",
      "external.version.source": "offset",
      "decimal.mapping": "keyword",
    });
  });

  it("reads enums in any case, as Confluent's upper-case values", () => {
    const config = ElasticsearchSinkConfig.parse({
      ...base,
      "write.method": "UPSERT",
      "behavior.on.null.values": "DELETE",
      "behavior.on.malformed.documents": "Warn",
      "data.stream.type": "LOGS",
      "data.stream.dataset": "app",
    });
    expect(config["write.method"]).toBe("upsert");
    expect(config["behavior.on.null.values"]).toBe("delete");
    expect(config["behavior.on.malformed.documents"]).toBe("warn");
    expect(config["data.stream.type"]).toBe("logs");
  });

  it("keeps passwords and API keys hidden", () => {
    const config = ElasticsearchSinkConfig.parse({
      ...base,
      "connection.username": "elastic",
      "connection.password": "s3cret",
    });
    expect(Password.isPassword(config["connection.password"])).toBe(true);
    expect(String(config["connection.password"])).toBe("[hidden]");
  });

  it("refuses a missing or non-HTTP connection.url, naming the key", () => {
    expect(() => ElasticsearchSinkConfig.parse({})).toThrow(/connection\.url/);
    expect(() => ElasticsearchSinkConfig.parse({ "connection.url": "es1:9200" })).toThrow(
      /"es1:9200" is not an http:\/\/ or https:\/\/ URL/,
    );
  });

  it("refuses a dataset with characters data stream names cannot hold", () => {
    expect(() =>
      ElasticsearchSinkConfig.parse({ ...base, "data.stream.type": "logs", "data.stream.dataset": "My-Set" }),
    ).toThrow(/data\.stream\.dataset/);
  });
});

describe("crossKeyProblems", () => {
  const problemsOf = (props: Record<string, string>): string[] =>
    crossKeyProblems(ElasticsearchSinkConfig.parse({ ...base, ...props })).map((problem) => problem.key);

  it("finds nothing in a plain configuration", () => {
    expect(problemsOf({})).toEqual([]);
  });

  it("wants a user name and password together, and not beside an API key", () => {
    expect(problemsOf({ "connection.username": "elastic" })).toEqual(["connection.password"]);
    expect(problemsOf({ "connection.password": "x" })).toEqual(["connection.username"]);
    expect(
      problemsOf({ "connection.username": "u", "connection.password": "p", "connection.api.key": "k" }),
    ).toEqual(["connection.api.key"]);
  });

  it("wants a data stream type and dataset together, with inserts and no deletes", () => {
    expect(problemsOf({ "data.stream.type": "logs" })).toEqual(["data.stream.dataset"]);
    expect(problemsOf({ "data.stream.dataset": "app" })).toEqual(["data.stream.type"]);
    expect(
      problemsOf({
        "data.stream.type": "logs",
        "data.stream.dataset": "app",
        "write.method": "upsert",
        "behavior.on.null.values": "delete",
      }),
    ).toEqual(["write.method", "behavior.on.null.values"]);
  });

  it("refuses keystores Node.js cannot read", () => {
    expect(
      problemsOf({
        "elastic.security.protocol": "SSL",
        "elastic.https.ssl.keystore.location": "/etc/ks.jks",
        "elastic.https.ssl.keystore.type": "JKS",
        "elastic.https.ssl.truststore.location": "/etc/ts.p12",
        "elastic.https.ssl.truststore.type": "PKCS12",
      }),
    ).toEqual(["elastic.https.ssl.keystore.type", "elastic.https.ssl.truststore.type"]);
  });

  it("wants a header name for header versions", () => {
    expect(problemsOf({ "external.version.source": "header" })).toEqual(["external.version.header"]);
  });

  it("is thrown as one ConfigValidationError by requireConsistent, without secrets", () => {
    const config = ElasticsearchSinkConfig.parse({
      ...base,
      "connection.username": "u",
      "connection.password": "topsecret",
      "connection.api.key": "apikeysecret",
    });
    expect(() => requireConsistent(config)).toThrow(ConfigValidationError);
    expect(() => requireConsistent(config)).not.toThrow(/topsecret|apikeysecret/);
  });
});

describe("versionSourceOf", () => {
  const sourceOf = (props: Record<string, string>) =>
    versionSourceOf(ElasticsearchSinkConfig.parse({ ...base, ...props }));

  it("uses offsets by default, the header once one is named, and nothing with none", () => {
    expect(sourceOf({})).toBe("offset");
    expect(sourceOf({ "external.version.header": "version" })).toBe("header");
    expect(sourceOf({ "external.version.source": "header", "external.version.header": "v" })).toBe("header");
    expect(sourceOf({ "external.version.source": "none", "external.version.header": "v" })).toBe("none");
  });
});
