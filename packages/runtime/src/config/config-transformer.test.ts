import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigTransformer } from "./config-transformer.js";

const dir = mkdtempSync(join(tmpdir(), "tributary-providers-"));
const secrets = join(dir, "secrets.properties");
writeFileSync(secrets, "db.password=s3cret\ndb.user = app\n");
writeFileSync(join(dir, "token"), "abc123");

describe("ConfigTransformer", () => {
  it("resolves env and file references by default", async () => {
    process.env.TRIBUTARY_TEST_HOST = "db.internal";
    const transformer = ConfigTransformer.fromWorkerConfig({});
    const resolved = await transformer.transform({
      "connection.url": "jdbc:postgresql://${env:TRIBUTARY_TEST_HOST}:5432/app",
      "connection.user": `\${file:${secrets}:db.user}`,
      "connection.password": `\${file:${secrets}:db.password}`,
      plain: "no references",
    });
    expect(resolved).toEqual({
      "connection.url": "jdbc:postgresql://db.internal:5432/app",
      "connection.user": "app",
      "connection.password": "s3cret",
      plain: "no references",
    });
  });

  it("uses exactly the providers a worker declares, with Kafka's class names and params", async () => {
    const transformer = ConfigTransformer.fromWorkerConfig({
      "config.providers": "secrets,dir",
      "config.providers.secrets.class": "org.apache.kafka.common.config.provider.FileConfigProvider",
      "config.providers.secrets.param.allowed.paths": dir,
      "config.providers.dir.class": "org.apache.kafka.common.config.provider.DirectoryConfigProvider",
    });
    const resolved = await transformer.transform({
      a: `\${secrets:${secrets}:db.password}`,
      b: `\${dir:${dir}:token}`,
      c: "${env:HOME}",
    });
    expect(resolved).toEqual({ a: "s3cret", b: "abc123", c: "${env:HOME}" });
    await expect(transformer.transform({ a: "${secrets:/etc/passwd:root}" })).rejects.toThrow(
      /path "\/etc\/passwd" is not under any of allowed.paths/,
    );
  });

  it("fails clearly on a missing value without printing any secret", async () => {
    const transformer = ConfigTransformer.fromWorkerConfig({});
    const attempt = transformer.transform({
      "connection.password": `\${file:${secrets}:db.pasword}`,
      other: `\${file:${secrets}:db.password}`,
    });
    await expect(attempt).rejects.toThrow(
      /Config "connection.password" refers to .*db.pasword}.*no value for "db.pasword"/,
    );
    await expect(attempt).rejects.not.toThrow(/s3cret/);
  });

  it("rejects an unknown provider class", () => {
    expect(() =>
      ConfigTransformer.fromWorkerConfig({
        "config.providers": "vault",
        "config.providers.vault.class": "com.x.Vault",
      }),
    ).toThrow(/config.providers.vault.class is "com.x.Vault", which is not a known config provider/);
  });
});
