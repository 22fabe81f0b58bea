import { describe, expect, it } from "vitest";
import { Config } from "./config-builders.js";
import { defineConfig } from "./define-config.js";
import { Password } from "./password.js";
import { isSecretKeyName, redactConfig, renderConfig } from "./redact-config.js";

describe("isSecretKeyName", () => {
  it("flags names with secret words or ending in key, but not key.converter and the like", () => {
    const secret = [
      "connection.password",
      "ssl.keystore.password",
      "PASSWD",
      "client.secret",
      "oauth.token.endpoint.auth",
      "aws.credentials.provider",
      "api.key",
      "aws.access_key",
      "producer.override.sasl.privatekey",
      "producer.override.sasl.jaas.config",
      "sasl.jaas.config",
    ];
    const plain = [
      "key.converter",
      "key.converter.schemas.enable",
      "key.ignore",
      "topics",
      "keystore.type",
      "name",
    ];
    expect(secret.filter((name) => !isSecretKeyName(name))).toEqual([]);
    expect(plain.filter((name) => isSecretKeyName(name))).toEqual([]);
  });
});

describe("redactConfig", () => {
  it("hides secret-looking keys of a raw props map when no definition is known", () => {
    expect(
      redactConfig({
        "connection.password": "pw",
        "api.key": "k",
        "key.converter": "JsonConverter",
        "tasks.max": "2",
        "unset.token": null,
      }),
    ).toEqual({
      "connection.password": "[hidden]",
      "api.key": "[hidden]",
      "key.converter": "JsonConverter",
      "tasks.max": "2",
      "unset.token": null,
    });
  });

  it("follows the definition for declared keys and the name rule for the others", () => {
    const def = defineConfig({
      credentials: Config.string({ default: "" }),
      "db.pass": Config.password({ optional: true }),
    });
    const redacted = redactConfig(
      { credentials: "public-id", "db.pass": "pw", "other.secret": "s", n: 1 },
      def,
    );
    expect(redacted).toEqual({
      credentials: "public-id",
      "db.pass": "[hidden]",
      "other.secret": "[hidden]",
      n: 1,
    });
  });

  it("hides Password values whatever their key", () => {
    expect(redactConfig({ anything: new Password("pw") })).toEqual({ anything: "[hidden]" });
  });
});

describe("renderConfig", () => {
  it("renders one sorted line per key, lists bracketed, absent values as null, secrets hidden", () => {
    const def = defineConfig({
      topics: Config.list({ default: [] }),
      "db.pass": Config.password({ optional: true }),
      file: Config.string({ optional: true }),
    });
    const config = def.parse({ topics: "a,b", "db.pass": "pw" });
    expect(renderConfig(config, def)).toBe("\tdb.pass = [hidden]\n\tfile = null\n\ttopics = [a, b]");
  });
});
