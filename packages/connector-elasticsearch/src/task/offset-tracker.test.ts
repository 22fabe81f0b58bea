import { SinkRecord, TopicPartition } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { OffsetTracker } from "./offset-tracker.js";

function record(offset: bigint, topic = "t", partition = 0): SinkRecord {
  return new SinkRecord({ topic, kafkaPartition: partition, kafkaOffset: offset });
}

const t0 = TopicPartition.of("t", 0);
const t1 = TopicPartition.of("t", 1);

describe("OffsetTracker", () => {
  it("commits nothing past the first record not yet written", () => {
    const tracker = new OffsetTracker();
    const slots = [0n, 1n, 2n, 3n].map((offset) => tracker.track(record(offset)));
    expect(tracker.committable()).toEqual(new Map([[t0, 0n]]));
    slots[1]!.done = true;
    slots[2]!.done = true;
    expect(tracker.committable()).toEqual(new Map([[t0, 0n]]));
    slots[0]!.done = true;
    expect(tracker.committable()).toEqual(new Map([[t0, 3n]]));
    slots[3]!.done = true;
    expect(tracker.committable()).toEqual(new Map([[t0, 4n]]));
  });

  it("tracks partitions apart, by the original topic and partition", () => {
    const tracker = new OffsetTracker();
    const routed = record(5n, "t", 1).newRecord({ topic: "renamed", kafkaPartition: 0 });
    const a = tracker.track(record(0n));
    const b = tracker.track(routed);
    b.done = true;
    expect(tracker.committable()).toEqual(
      new Map([
        [t0, 0n],
        [t1, 6n],
      ]),
    );
    a.done = true;
    expect(tracker.committable([t0])).toEqual(new Map([[t0, 1n]]));
  });

  it("keeps the lowest unwritten offset when records come again after a rewind", () => {
    const tracker = new OffsetTracker();
    for (const offset of [10n, 11n, 12n]) tracker.track(record(offset)).done = true;
    expect(tracker.committable()).toEqual(new Map([[t0, 13n]]));
    const again = [11n, 12n, 13n].map((offset) => tracker.track(record(offset)));
    again[1]!.done = true;
    again[2]!.done = true;
    expect(tracker.committable()).toEqual(new Map([[t0, 11n]]));
    again[0]!.done = true;
    expect(tracker.committable()).toEqual(new Map([[t0, 14n]]));
  });

  it("leaves out partitions with nothing put, and forgets closed ones", () => {
    const tracker = new OffsetTracker();
    tracker.track(record(0n)).done = true;
    expect(tracker.committable([t0, t1])).toEqual(new Map([[t0, 1n]]));
    tracker.forget([t0]);
    expect(tracker.committable()).toEqual(new Map());
  });

  it("stays correct across many records, dropping the written prefix", () => {
    const tracker = new OffsetTracker();
    const slots = Array.from({ length: 5000 }, (_, i) => tracker.track(record(BigInt(i))));
    for (const slot of slots.slice(0, 3000)) slot.done = true;
    expect(tracker.committable()).toEqual(new Map([[t0, 3000n]]));
    for (const slot of slots.slice(3000)) slot.done = true;
    expect(tracker.committable()).toEqual(new Map([[t0, 5000n]]));
  });
});
