import { describe, expect, it } from "vitest";
import { ConnectError } from "../errors/connect-error.js";
import { TopicPartition } from "./topic-partition.js";

describe("TopicPartition", () => {
  it("returns the same frozen instance for the same topic and partition", () => {
    const a = TopicPartition.of("orders", 0);
    expect(TopicPartition.of("orders", 0)).toBe(a);
    expect(TopicPartition.of("orders", 1)).not.toBe(a);
    expect(TopicPartition.of("orders-0", 0)).not.toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });

  it("works as a Map key when looked up with a fresh of()", () => {
    const offsets = new Map<TopicPartition, bigint>([
      [TopicPartition.of("orders", 0), 10n],
      [TopicPartition.of("orders", 1), 20n],
    ]);
    expect(offsets.get(TopicPartition.of("orders", 1))).toBe(20n);
    expect(offsets.has(TopicPartition.of("payments", 0))).toBe(false);
    offsets.set(TopicPartition.of("orders", 0), 11n);
    expect(offsets.size).toBe(2);
    expect(new Set([TopicPartition.of("a", 0), TopicPartition.of("a", 0)]).size).toBe(1);
  });

  it("keeps topics whose names contain separators apart and prints Kafka's notation", () => {
    expect(TopicPartition.of("a:1", 2)).not.toBe(TopicPartition.of("a", 12));
    expect(TopicPartition.of("a-1", 0)).not.toBe(TopicPartition.of("a", 10));
    expect(TopicPartition.of("a-1", 0).toString()).toBe("a-1-0");
  });

  it("hands out the same instances to another copy of the module", async () => {
    // A query string makes the module loader evaluate the file again, as a second installed copy would be.
    const secondCopy = "./topic-partition.js?second-copy";
    const copy = (await import(secondCopy)) as typeof import("./topic-partition.js");
    expect(copy.TopicPartition).not.toBe(TopicPartition);
    expect(copy.TopicPartition.of("orders", 0)).toBe(TopicPartition.of("orders", 0));
    expect(TopicPartition.isTopicPartition(copy.TopicPartition.of("x", 3))).toBe(true);
  });

  it("rejects an empty topic or a partition that is not a non-negative integer", () => {
    expect(() => TopicPartition.of("", 0)).toThrow(/Invalid topic "" for a TopicPartition/);
    expect(() => TopicPartition.of("t", -1)).toThrow(/Invalid partition -1 of topic "t"/);
    expect(() => TopicPartition.of("t", 0.5)).toThrow(ConnectError);
  });

  it("compares by topic and partition", () => {
    const tp = TopicPartition.of("t", 1);
    expect(tp.equals(TopicPartition.of("t", 1))).toBe(true);
    expect(tp.equals({ topic: "t", partition: 1 })).toBe(false);
    expect(TopicPartition.isTopicPartition({ topic: "t", partition: 1 })).toBe(false);
  });
});
