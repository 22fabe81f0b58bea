import { ConfigValidationError, toConfigInfos } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { tributaryPlugins } from "../plugins.js";
import { JdbcSourceConnector } from "./jdbc-source-connector.js";
import { JdbcSourceTask } from "./jdbc-source-task.js";

const base = { "connection.url": "jdbc:sqlite::memory:", "topic.prefix": "db-" };

describe("JdbcSourceConnector", () => {
  it("declares Confluent's keys with their defaults", () => {
    const definitions = new JdbcSourceConnector().config().definitions;
    const defaults = Object.fromEntries(definitions.map((d) => [d.name, d.defaultValue]));
    expect(defaults).toMatchObject({
      "connection.attempts": 3,
      "connection.backoff.ms": 10_000,
      "numeric.mapping": "none",
      "db.timezone": "UTC",
      "timestamp.delay.interval.ms": 0,
      "validate.non.null": true,
      "poll.interval.ms": 5000,
      "batch.max.rows": 1000,
      "table.poll.interval.ms": 60_000,
      "table.types": ["TABLE"],
      "quote.sql.identifiers": "always",
    });
    expect(definitions.find((d) => d.name === "mode")?.required).toBe(true);
    expect(definitions.find((d) => d.name === "topic.prefix")?.required).toBe(true);
  });

  it("reports keys that only make sense together", async () => {
    const validation = await new JdbcSourceConnector().validate({
      ...base,
      mode: "timestamp",
      "table.whitelist": "a",
      "table.blacklist": "b",
    });
    const infos = toConfigInfos("JdbcSourceConnector", validation);
    const errors = Object.fromEntries(infos.configs.map((c) => [c.value.name, c.value.errors]));
    expect(errors["timestamp.column.name"]).toEqual([
      "Mode timestamp needs the timestamp column(s) to compare.",
    ]);
    expect(errors["table.blacklist"]).toEqual(["Set table.whitelist or table.blacklist, not both."]);
  });

  it("runs one task with its own configuration in query mode, and refuses an invalid one", async () => {
    const connector = new JdbcSourceConnector();
    const props = { ...base, mode: "bulk", query: "SELECT 1 AS one" };
    await connector.start(props);
    expect(connector.taskClass()).toBe(JdbcSourceTask);
    expect(connector.taskConfigs(3)).toEqual([props]);
    await connector.stop();
    await expect(connector.start({ ...base, mode: "sometimes" })).rejects.toThrow(ConfigValidationError);
  });

  it("accepts offsets in Confluent's shape and resets, and refuses others", () => {
    const connector = new JdbcSourceConnector();
    const ok = new Map<Record<string, string | number>, Record<string, number> | null>([
      [
        { protocol: "1", table: "shop.public.orders" },
        { incrementing: 5, timestamp: 1000, timestamp_nanos: 5 },
      ],
      [{ table: "orders" }, null],
      [{ query: "query" }, { incrementing: 9 }],
    ]);
    expect(connector.alterOffsets(base, ok)).toBe(true);
    expect(() => connector.alterOffsets(base, new Map([[{ file: "x" }, null]]))).toThrow(
      /not a JDBC source partition/,
    );
    expect(() => connector.alterOffsets(base, new Map([[{ table: "t" }, { position: 1 }]]))).toThrow(
      /has key/,
    );
    expect(() => connector.alterOffsets(base, new Map([[{ table: "t" }, { incrementing: 1.5 }]]))).toThrow(
      /not a whole number/,
    );
  });

  it("is a plugin under Confluent's class name", () => {
    const plugin = tributaryPlugins.find(
      (p) => p.className === "@tributary/connector-jdbc/JdbcSourceConnector",
    );
    expect(plugin?.type).toBe("source");
    expect(plugin?.aliases).toContain("io.confluent.connect.jdbc.JdbcSourceConnector");
    expect(plugin?.create()).toBeInstanceOf(JdbcSourceConnector);
  });
});
