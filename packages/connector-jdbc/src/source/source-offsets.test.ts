import { DataError } from "@tributary/api";
import { describe, expect, it } from "vitest";
import {
  legacyTablePartition,
  offsetOf,
  positionOf,
  QUERY_PARTITION,
  START,
  tablePartition,
} from "./source-offsets.js";

describe("source offsets", () => {
  it("name partitions as Confluent's protocol 1 does", () => {
    expect(tablePartition({ catalog: "shop", schema: "public", name: "orders" })).toEqual({
      protocol: "1",
      table: "shop.public.orders",
    });
    expect(tablePartition({ catalog: "shop", schema: undefined, name: "orders" })).toEqual({
      protocol: "1",
      table: "shop.orders",
    });
    expect(legacyTablePartition({ catalog: "shop", schema: "public", name: "orders" })).toEqual({
      table: "orders",
    });
    expect(QUERY_PARTITION).toEqual({ query: "query" });
  });

  it("write only the keys a position has: incrementing, timestamp millis and the nanos of its second", () => {
    expect(offsetOf(START)).toEqual({});
    expect(offsetOf({ timestamp: undefined, incrementing: 42n })).toEqual({ incrementing: 42 });
    // 2024-01-01T04:30:00.123456789Z
    const nanos = 1_704_083_400_123_456_789n;
    expect(offsetOf({ timestamp: nanos, incrementing: 9n })).toEqual({
      incrementing: 9,
      timestamp: 1_704_083_400_123,
      timestamp_nanos: 123_456_789,
    });
    expect(offsetOf({ timestamp: undefined, incrementing: 2n ** 62n })).toEqual({ incrementing: 2n ** 62n });
  });

  it("read back exactly what they wrote, before and after the epoch", () => {
    for (const timestamp of [1_704_083_400_123_456_789n, -1_500_000_001n, 0n]) {
      const position = { timestamp, incrementing: 5n };
      expect(positionOf(offsetOf(position))).toEqual(position);
    }
  });

  it("read Confluent offsets without timestamp_nanos as whole milliseconds, and reject what is not a number", () => {
    expect(positionOf({ timestamp: 1_000 })).toEqual({ timestamp: 1_000_000_000n, incrementing: undefined });
    expect(positionOf({ incrementing: "12" })).toEqual({ timestamp: undefined, incrementing: 12n });
    expect(positionOf(null)).toBe(START);
    expect(() => positionOf({ incrementing: 1.5 })).toThrow(DataError);
    expect(() => positionOf({ timestamp: "yesterday" })).toThrow(/not a whole number/);
  });
});
