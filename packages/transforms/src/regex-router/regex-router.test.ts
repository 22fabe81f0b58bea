import { ConfigError, Schema, SinkRecord, SourceRecord } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { RegexRouter, RegexRouterConfig } from "./regex-router.js";

function router(regex: string, replacement: string): RegexRouter {
  const transform = new RegexRouter();
  transform.configure({ regex, replacement });
  return transform;
}

function route(regex: string, replacement: string, topic: string): string {
  const record = new SourceRecord({ sourcePartition: {}, sourceOffset: {}, topic, value: "v" });
  return router(regex, replacement).apply(record).topic;
}

describe("RegexRouter", () => {
  it.each([
    ["(.*)-(\\d{8})", "$1", "index-20160117", "index"],
    ["(.*)-(\\d{8})", "$1", "index-2016011", "index-2016011"],
    ["orders", "sales", "orders", "sales"],
    ["orders", "sales", "orders2", "orders2"],
    ["(?<base>[a-z]+)_(?<n>\\d+)", "$2.${base}", "topic_12", "12.topic"],
    ["(.*)", "\\$$1", "money", "$money"],
    ["(.*?)x", "[$1]", "abx", "[ab]"],
    // The whole topic must match, then the first match is replaced: a lazy pattern's first match is empty here.
    ["a*?", "b", "aa", "baa"],
  ])("routes with regex %j and replacement %j: %j becomes %j", (regex, replacement, topic, expected) => {
    expect(route(regex, replacement, topic)).toBe(expected);
  });

  it("changes only the topic, keeping everything else of a sink record", () => {
    const record = new SinkRecord({
      topic: "orders-20240101",
      kafkaPartition: 2,
      kafkaOffset: 9n,
      keySchema: Schema.STRING_SCHEMA,
      key: "k",
      value: null,
      timestamp: 5,
    }).newRecord({ headers: [] });
    const out = router("(.*)-\\d+", "$1").apply(record);
    expect(out).toBeInstanceOf(SinkRecord);
    expect(out.topic).toBe("orders");
    expect(out.newRecord({ topic: "orders-20240101" }).equals(record)).toBe(true);
    expect((out as SinkRecord).kafkaOffset).toBe(9n);
  });

  it("returns the record itself when the topic does not match", () => {
    const record = new SinkRecord({ topic: "other", kafkaPartition: 0, kafkaOffset: 0n, value: null });
    expect(router("orders", "x").apply(record)).toBe(record);
  });

  it.each([
    [{ replacement: "x" }, "regex", /Missing required configuration "regex"/],
    [{ regex: "a" }, "replacement", /Missing required configuration "replacement"/],
    [{ regex: "(a", replacement: "x" }, "regex", /Invalid regex/],
    [{ regex: "(?>a)", replacement: "x" }, "regex", /Unsupported regex construct/],
    [{ regex: "(a)", replacement: "$2" }, "replacement", /group/],
    [{ regex: "(a)", replacement: "x$" }, "replacement", /\$/],
    [{ regex: "(a)", replacement: "${missing}" }, "replacement", /missing/],
  ])("refuses %j on %s when validating and configuring", (props, key, message) => {
    const validation = RegexRouterConfig.validate(props);
    const entry = validation.configs.find((config) => config.value.name === key);
    expect(entry?.value.errors).toHaveLength(1);
    expect(entry?.value.errors[0]).toMatch(message);
    expect(() => new RegexRouter().configure(props)).toThrow(ConfigError);
  });

  it("reports the replacement's value in its validation error", () => {
    const validation = RegexRouterConfig.validate({ regex: "(a)", replacement: "$2" });
    const entry = validation.configs.find((config) => config.value.name === "replacement");
    expect(entry?.value.errors[0]).toMatch(/^Invalid value "\$2" for configuration replacement: /);
  });

  it("refuses to apply before it is configured", () => {
    const record = new SinkRecord({ topic: "t", kafkaPartition: 0, kafkaOffset: 0n, value: null });
    expect(() => new RegexRouter().apply(record)).toThrow(/RegexRouter has not been configured/);
  });
});
