import { describe, expect, it } from "vitest";
import { type BusEntry, type BusEntryOwner, TopicBus } from "./topic-bus.js";

/** Records which entries were acknowledged, in order. */
function owner(): BusEntryOwner & { acked: number[] } {
  const acked: number[] = [];
  return { acked, acknowledge: (entry) => acked.push(entry.value as number) };
}

function entries(from: number, count: number, ack: BusEntryOwner, topic = "t"): BusEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    topic,
    partition: 0,
    offset: -1,
    keySchema: null,
    key: null,
    valueSchema: null,
    value: from + i,
    timestamp: null,
    headers: [],
    pendingConsumers: 0,
    owner: ack,
    origin: undefined,
  }));
}

describe("TopicBus", () => {
  it("gives each consumer every entry of its topics in order, and acknowledges once all have committed", async () => {
    const bus = new TopicBus(100);
    const a = bus.subscribe("a", (topic) => topic === "t");
    const b = bus.subscribe("b", () => true);
    const acks = owner();
    await bus.append(entries(0, 5, acks));
    expect(a.fetch(10).map((e) => e.value)).toEqual([0, 1, 2, 3, 4]);
    expect(b.fetch(3).map((e) => e.offset)).toEqual([0, 1, 2]);
    a.commit("t", 0, 5);
    expect(acks.acked).toEqual([]);
    b.commit("t", 0, 2);
    expect(acks.acked).toEqual([0, 1]);
  });

  it("acknowledges at once what no consumer reads", async () => {
    const bus = new TopicBus(10);
    bus.subscribe("a", (topic) => topic === "other");
    const acks = owner();
    await bus.append(entries(0, 3, acks));
    expect(acks.acked).toEqual([0, 1, 2]);
    expect(bus.buffered).toBe(0);
  });

  it("makes append wait while the bus is full, until a consumer fetches", async () => {
    const bus = new TopicBus(2);
    const consumer = bus.subscribe("a", () => true);
    let appended = false;
    const append = bus.append(entries(0, 3, owner())).then(() => {
      appended = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(appended).toBe(false);
    expect(bus.buffered).toBe(2);
    consumer.fetch(1);
    await append;
    expect(appended).toBe(true);
  });

  it("serves uncommitted entries again after a seek back, and refuses one past what it holds", async () => {
    const bus = new TopicBus(100);
    const consumer = bus.subscribe("a", () => true);
    const acks = owner();
    await bus.append(entries(0, 6, acks));
    consumer.fetch(4);
    consumer.commit("t", 0, 2);
    expect(consumer.seek("t", 0, 1)).toBe(false);
    expect(consumer.seek("t", 0, 2)).toBe(true);
    expect(consumer.fetch(10).map((e) => e.offset)).toEqual([2, 3, 4, 5]);
    expect(consumer.seek("t", 0, 7)).toBe(false);
    consumer.commit("t", 0, 6);
    expect(acks.acked).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("skips paused partitions until they are resumed", async () => {
    const bus = new TopicBus(100);
    const consumer = bus.subscribe("a", () => true);
    await bus.append([...entries(0, 2, owner(), "x"), ...entries(10, 2, owner(), "y")]);
    consumer.setPaused("x", 0, true);
    expect(consumer.fetch(10).map((e) => e.value)).toEqual([10, 11]);
    expect(consumer.isCaughtUp()).toBe(false);
    consumer.setPaused("x", 0, false);
    expect(consumer.fetch(10).map((e) => e.value)).toEqual([0, 1]);
    expect(consumer.isCaughtUp()).toBe(true);
  });
});
