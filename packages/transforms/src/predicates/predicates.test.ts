import { ConfigError, Schema, SinkRecord, SourceRecord } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { HasHeaderKey, HasHeaderKeyConfig } from "./has-header-key.js";
import { RecordIsTombstone } from "./record-is-tombstone.js";
import { TopicNameMatches, TopicNameMatchesConfig } from "./topic-name-matches.js";

function sourceRecord(topic: string, value: unknown = "v", valueSchema: Schema | null = null) {
  return new SourceRecord({ sourcePartition: {}, sourceOffset: {}, topic, valueSchema, value });
}

function sinkRecord(topic: string, value: unknown = "v") {
  return new SinkRecord({ topic, kafkaPartition: 0, kafkaOffset: 1n, value });
}

function matcher(pattern: string): TopicNameMatches {
  const predicate = new TopicNameMatches();
  predicate.configure({ pattern });
  return predicate;
}

describe("TopicNameMatches", () => {
  it("matches the whole topic name, not a part of it", () => {
    const predicate = matcher("orders-.*");
    expect(predicate.test(sourceRecord("orders-eu"))).toBe(true);
    expect(predicate.test(sinkRecord("orders-"))).toBe(true);
    expect(predicate.test(sourceRecord("my-orders-eu"))).toBe(false);
    expect(matcher("orders").test(sinkRecord("orders2"))).toBe(false);
  });

  it("reads Java syntax: flags, POSIX classes and quoting", () => {
    expect(matcher("(?i)orders").test(sourceRecord("ORDERS"))).toBe(true);
    expect(matcher("\\p{Alpha}+\\d").test(sourceRecord("abc1"))).toBe(true);
    expect(matcher("\\Q.*\\E").test(sourceRecord("ab"))).toBe(false);
    expect(matcher("\\Q.*\\E").test(sourceRecord(".*"))).toBe(true);
  });

  it("does not look at the value, so tombstones are matched by topic", () => {
    expect(matcher("t.*").test(sourceRecord("topic", null, Schema.OPTIONAL_STRING_SCHEMA))).toBe(true);
  });

  it.each([
    [{}, /Missing required configuration "pattern"/],
    [{ pattern: "" }, /pattern/],
    [{ pattern: "(" }, /Invalid regex/],
    [{ pattern: "a++" }, /Unsupported regex construct/],
  ])("refuses %j when validating and configuring", (props, message) => {
    const validation = TopicNameMatchesConfig.validate(props);
    const entry = validation.configs.find((config) => config.value.name === "pattern");
    expect(entry?.value.errors.join(" ")).toMatch(message);
    expect(() => new TopicNameMatches().configure(props)).toThrow(ConfigError);
    expect(() => new TopicNameMatches().configure(props)).toThrow(message);
  });

  it("names the pattern and value in a validation error", () => {
    const validation = TopicNameMatchesConfig.validate({ pattern: "[a" });
    const entry = validation.configs.find((config) => config.value.name === "pattern");
    expect(entry?.value.errors[0]).toMatch(/^Invalid value "\[a" for configuration pattern: /);
  });

  it("refuses to test before it is configured", () => {
    expect(() => new TopicNameMatches().test(sourceRecord("t"))).toThrow(/has not been configured/);
  });
});

describe("HasHeaderKey", () => {
  function hasHeader(name: string): HasHeaderKey {
    const predicate = new HasHeaderKey();
    predicate.configure({ name });
    return predicate;
  }

  it("is true when at least one header has the key, whatever its value", () => {
    const record = sourceRecord("t").newRecord({
      headers: sourceRecord("t").headers.duplicate().addString("trace", null).addInt("n", 1).addInt("n", 2),
    });
    expect(hasHeader("trace").test(record)).toBe(true);
    expect(hasHeader("n").test(record)).toBe(true);
    expect(hasHeader("Trace").test(record)).toBe(false);
    expect(hasHeader("x").test(sinkRecord("t"))).toBe(false);
  });

  it("requires a non-empty name", () => {
    expect(() => new HasHeaderKey().configure({})).toThrow(/Missing required configuration "name"/);
    expect(() => new HasHeaderKey().configure({ name: "" })).toThrow(ConfigError);
    expect(HasHeaderKeyConfig.validate({ name: "" }).errorCount).toBe(1);
    expect(HasHeaderKeyConfig.validate({ name: "a" }).errorCount).toBe(0);
  });

  it("refuses to test before it is configured", () => {
    expect(() => new HasHeaderKey().test(sinkRecord("t"))).toThrow(/has not been configured/);
  });
});

describe("RecordIsTombstone", () => {
  it("is true for null values, with or without a schema, and false otherwise", () => {
    const predicate = new RecordIsTombstone();
    predicate.configure({});
    expect(predicate.test(sinkRecord("t", null))).toBe(true);
    expect(predicate.test(sourceRecord("t", null, Schema.OPTIONAL_STRING_SCHEMA))).toBe(true);
    expect(predicate.test(sourceRecord("t", ""))).toBe(false);
    expect(predicate.test(sinkRecord("t", 0))).toBe(false);
    expect(predicate.config().keys).toEqual([]);
    expect(predicate.toString()).toBe("RecordIsTombstone{}");
  });
});
