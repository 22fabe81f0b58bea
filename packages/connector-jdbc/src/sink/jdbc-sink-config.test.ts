import { Password } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { tributaryPlugins } from "../plugins.js";
import { parseJdbcSinkConfig } from "./jdbc-sink-config.js";

const URL = { "connection.url": "jdbc:sqlite::memory:" };

describe("parseJdbcSinkConfig", () => {
  it("takes Confluent's defaults", () => {
    const config = parseJdbcSinkConfig(URL);
    expect(config["insert.mode"]).toBe("insert");
    expect(config["pk.mode"]).toBe("none");
    expect(config["batch.size"]).toBe(3000);
    expect(config["table.name.format"]).toBe("${topic}");
    expect(config["max.retries"]).toBe(10);
    expect(config["retry.backoff.ms"]).toBe(3000);
    expect(config["db.timezone"]).toBe("UTC");
    expect(config["quote.sql.identifiers"]).toBe("always");
  });

  it("keeps the password a secret", () => {
    const config = parseJdbcSinkConfig({ ...URL, "connection.password": "pw" });
    expect(Password.isPassword(config["connection.password"])).toBe(true);
    expect(JSON.stringify(config)).not.toContain('"pw"');
  });

  it("refuses keys that contradict each other, saying what to set", () => {
    expect(() =>
      parseJdbcSinkConfig({ ...URL, "delete.enabled": "true", "pk.mode": "record_value" }),
    ).toThrow(/delete.enabled=true needs pk.mode=record_key/);
    expect(() => parseJdbcSinkConfig({ ...URL, "insert.mode": "upsert" })).toThrow(/needs a primary key/);
    expect(() => parseJdbcSinkConfig({ ...URL, "pk.mode": "kafka", "pk.fields": "a,b" })).toThrow(
      /three pk.fields/,
    );
    expect(() => parseJdbcSinkConfig({ ...URL, "pk.fields": "id" })).toThrow(/pk.mode=none/);
    expect(() => parseJdbcSinkConfig({ ...URL, "insert.mode": "merge" })).toThrow();
  });
});

describe("tributaryPlugins", () => {
  it("offers the sink under Confluent's class name", () => {
    const sink = tributaryPlugins.find((p) =>
      p.aliases?.includes("io.confluent.connect.jdbc.JdbcSinkConnector"),
    );
    expect(sink?.type).toBe("sink");
    expect(sink?.className).toBe("@tributary/connector-jdbc/JdbcSinkConnector");
  });
});
