import { Buffer } from "node:buffer";
import { TopicPartition } from "@tributary/api";
import { afterEach, describe, expect, it } from "vitest";
import type { GroupConsumer, IncomingMessage, KafkaClients } from "../src/kafka/kafka-clients.js";
import { ProducerFencedError } from "../src/kafka/producer-fenced-error.js";
import {
  consume,
  createTestTopic,
  describeWithKafka,
  produce,
  testClients,
  text,
  uniqueName,
} from "./kafka-test-support.js";

const bytes = (s: string) => Buffer.from(s, "utf8");

/** Resolves when `predicate` holds, checking every 20 ms, or rejects after `ms`. */
async function until(predicate: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describeWithKafka("Kafka clients on kafkajs against a real broker", () => {
  const opened: KafkaClients[] = [];
  const clients = () => {
    const made = testClients();
    opened.push(made);
    return made;
  };
  afterEach(async () => {
    for (const c of opened.splice(0)) await c.close();
  });

  it("produces a batch with keys, headers and partitions, acks each message in order, and reads it back", async () => {
    const topic = await createTestTopic("clients-roundtrip", { partitions: 3 });
    const producer = clients().producer();
    const acks = await producer.send([
      {
        topic,
        partition: 2,
        key: bytes("k1"),
        value: bytes("one"),
        headers: [{ key: "h", value: bytes("a") }],
      },
      {
        topic,
        partition: 2,
        key: null,
        value: null,
        headers: [
          { key: "h", value: bytes("b") },
          { key: "h", value: null }, // kafkajs writes a null header value as empty bytes
          { key: "other", value: bytes("c") },
        ],
        timestamp: 1_700_000_000_000,
      },
      { topic, partition: 0, key: bytes("k3"), value: bytes("three"), headers: [] },
    ]);
    expect(acks.map((a) => [a.partition, a.offset])).toEqual([
      [2, 0n],
      [2, 1n],
      [0, 0n],
    ]);
    expect(acks[1]?.timestamp).toBe(1_700_000_000_000);

    const read = await consume(topic, { count: 3 });
    const byOffset = (p: number, o: bigint) =>
      read.find((m) => m.partition === p && m.offset === o) as IncomingMessage;
    expect(text(byOffset(2, 0n))).toBe("one");
    expect(Buffer.from(byOffset(2, 0n).key ?? []).toString()).toBe("k1");
    const second = byOffset(2, 1n);
    expect(second.value).toBeNull();
    expect(second.key).toBeNull();
    expect(second.timestamp).toBe(1_700_000_000_000);
    expect(
      second.headers.map((h) => [h.key, h.value === null ? null : Buffer.from(h.value).toString()]),
    ).toEqual([
      ["h", "b"],
      ["h", ""],
      ["other", "c"],
    ]);
    expect(text(byOffset(0, 0n))).toBe("three");
  });

  it("sends keyed records to the partition Java's producer picks and keyless batches to one partition", async () => {
    const topic = await createTestTopic("clients-partitioner", { partitions: 4 });
    const producer = clients().producer();
    // Java: Utils.toPositive(Utils.murmur2("key-1".getBytes())) % 4, and so on.
    const keyed = await producer.send(
      ["key-1", "key-2", "key-3", "key-4"].map((k) => ({
        topic,
        key: bytes(k),
        value: bytes(k),
        headers: [],
      })),
    );
    const again = await producer.send(
      ["key-1", "key-2", "key-3", "key-4"].map((k) => ({
        topic,
        key: bytes(k),
        value: bytes(k),
        headers: [],
      })),
    );
    expect(again.map((a) => a.partition)).toEqual(keyed.map((a) => a.partition));
    const keyless = await producer.send(
      Array.from({ length: 50 }, (_, i) => ({ topic, key: null, value: bytes(`v${i}`), headers: [] })),
    );
    expect(new Set(keyless.map((a) => a.partition)).size).toBe(1);
    const first = keyless[0]?.offset ?? -1n;
    expect(keyless.map((a) => a.offset)).toEqual(Array.from({ length: 50 }, (_, i) => first + BigInt(i)));
  });

  it("cuts a send larger than a request may be into several, keeping the order and every ack", async () => {
    const topic = await createTestTopic("clients-large");
    const value = Buffer.alloc(1000, 120);
    const acks = await clients()
      .producer()
      .send(Array.from({ length: 3000 }, () => ({ topic, key: null, value, headers: [] })));
    expect(acks.map((a) => a.offset)).toEqual(Array.from({ length: 3000 }, (_, i) => BigInt(i)));
  });

  it("shows committed transactions to read_committed consumers and never aborted ones", async () => {
    const topic = await createTestTopic("clients-txn");
    const producer = await clients().transactionalProducer(uniqueName("txn"));
    await producer.begin();
    await producer.send([{ topic, key: null, value: bytes("aborted"), headers: [] }]);
    await producer.abort();
    await producer.begin();
    await producer.send([
      { topic, key: null, value: bytes("c1"), headers: [] },
      { topic, key: null, value: bytes("c2"), headers: [] },
    ]);
    await producer.commit();
    await expect(producer.commit()).rejects.toThrow(/no transaction is open/);
    const committed = await consume(topic, { count: 2, lingerMs: 300 });
    expect(committed.map(text)).toEqual(["c1", "c2"]);
    const all = await consume(topic, { count: 3, isolationLevel: "read_uncommitted" });
    expect(all.map(text)).toEqual(["aborted", "c1", "c2"]);
  });

  it("fences the older producer when a new one with the same transactional.id is created", async () => {
    const topic = await createTestTopic("clients-fence");
    const id = uniqueName("fenced");
    const old = await clients().transactionalProducer(id);
    await old.begin();
    await old.send([{ topic, key: null, value: bytes("from the old producer"), headers: [] }]);
    const successor = await clients().transactionalProducer(id);
    const failure = await old.commit().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(ProducerFencedError.isProducerFenced(failure)).toBe(true);
    await successor.begin();
    await successor.send([{ topic, key: null, value: bytes("from the successor"), headers: [] }]);
    await successor.commit();
    const read = await consume(topic, { count: 1, lingerMs: 300 });
    expect(read.map(text)).toEqual(["from the successor"]);
  });

  it("tells group members which partitions they gained and lost, and resumes a group from its commits", async () => {
    const topic = await createTestTopic("clients-group", { partitions: 2 });
    await produce(topic, [
      { value: "p0-a", partition: 0 },
      { value: "p0-b", partition: 0 },
      { value: "p1-a", partition: 1 },
    ]);
    const group = uniqueName("group");
    const events: string[] = [];
    const seen: string[] = [];
    const member = (): GroupConsumer => clients().consumer(group, { autoOffsetReset: "earliest" });
    const handler = (name: string, consumer: () => GroupConsumer) => ({
      onAssigned: (tps: readonly TopicPartition[]) => {
        events.push(
          `${name}+${tps
            .map((t) => t.partition)
            .sort()
            .join(",")}`,
        );
      },
      onRevoked: (tps: readonly TopicPartition[]) => {
        events.push(
          `${name}-${tps
            .map((t) => t.partition)
            .sort()
            .join(",")}`,
        );
      },
      onBatch: async (messages: readonly IncomingMessage[], tp: TopicPartition) => {
        seen.push(...messages.map((m) => `${name}:${text(m)}`));
        const last = messages.at(-1);
        if (last !== undefined) await consumer().commit(new Map([[tp, last.offset + 1n]]));
      },
      onError: (error: Error) => events.push(`${name} error ${error.message}`),
    });
    const first = member();
    await first.subscribe([topic]);
    await first.run(handler("first", () => first));
    await until(() => seen.length === 3, "the first member to read all three messages");
    expect(events).toEqual(["first+0,1"]);

    const second = member();
    await second.subscribe([topic]);
    await second.run(handler("second", () => second));
    await until(() => events.some((e) => e.startsWith("second+")), "the second member to get a partition");
    await until(() => events.some((e) => e.startsWith("first-")), "the first member to lose one");
    expect(first.assignment().length + second.assignment().length).toBe(2);
    expect(first.assignment().length).toBe(1);

    await second.close();
    await first.close();
    expect(events.at(-1), events.join(" ")).toMatch(/^first-/);

    // Everything was committed: a new member of the group reads only what is produced now.
    await produce(topic, [{ value: "p1-b", partition: 1 }]);
    const third = member();
    await third.subscribe([topic]);
    await third.run(handler("third", () => third));
    await until(() => seen.some((s) => s.startsWith("third:")), "the third member to read");
    expect(seen.filter((s) => s.startsWith("third:"))).toEqual(["third:p1-b"]);
    const committed = await clients().admin().groupOffsets(group);
    expect(committed.get(TopicPartition.of(topic, 0))).toBe(2n);
    await third.close();
  });

  it("subscribes to a topic that does not exist yet, as Java's consumer does", async () => {
    const topic = uniqueName("clients-later");
    const consumer = clients().consumer(uniqueName("group"), { autoOffsetReset: "earliest" });
    const seen: string[] = [];
    await consumer.subscribe([topic]);
    await consumer.run({
      onAssigned: () => {},
      onRevoked: () => {},
      onBatch: async (messages) => {
        seen.push(...messages.map((m) => text(m) ?? ""));
      },
      onError: (error) => seen.push(`error ${error.message}`),
    });
    await produce(topic, ["first"]);
    await until(() => seen.length > 0, "the message on the new topic");
    expect(seen).toEqual(["first"]);
  });

  it("hands the same batch again after a seek back, and holds a paused partition until resumed", async () => {
    const topic = await createTestTopic("clients-seek");
    await produce(topic, ["a", "b", "c"]);
    const consumer = clients().consumer(uniqueName("group"), { autoOffsetReset: "earliest" });
    const batches: string[][] = [];
    let errors = 0;
    await consumer.subscribe([topic]);
    await consumer.run({
      onAssigned: () => {},
      onRevoked: () => {},
      onBatch: async (messages, tp) => {
        batches.push(messages.map((m) => text(m) ?? ""));
        if (batches.length === 1) consumer.seek(tp, messages[0]?.offset ?? 0n);
        if (batches.length === 2) consumer.pause([tp]);
      },
      onError: () => errors++,
    });
    await until(() => batches.length === 2, "the batch to come again");
    expect(batches).toEqual([
      ["a", "b", "c"],
      ["a", "b", "c"],
    ]);
    await produce(topic, ["d"]);
    await new Promise((r) => setTimeout(r, 500));
    expect(batches.length).toBe(2);
    consumer.resume([TopicPartition.of(topic, 0)]);
    await until(() => batches.length === 3, "the paused partition to go on after resume");
    expect(batches[2]).toEqual(["d"]);
    expect(errors).toBe(0);
  });

  it("cuts batches to max.poll.records and stops the consumer when the handler fails", async () => {
    const topic = await createTestTopic("clients-bound");
    await produce(topic, ["1", "2", "3", "4", "5"]);
    const consumer = testClients({ "consumer.max.poll.records": "2" }).consumer(uniqueName("group"), {
      autoOffsetReset: "earliest",
    });
    const sizes: number[] = [];
    let failure: Error | undefined;
    await consumer.subscribe(new RegExp(topic.replace(/[-]/g, "\\-")));
    await consumer.run({
      onAssigned: () => {},
      onRevoked: () => {},
      onBatch: async (messages) => {
        sizes.push(messages.length);
        if (sizes.length === 2) throw new Error("put failed");
      },
      onError: (error) => {
        failure = error;
      },
    });
    await until(() => failure !== undefined, "the consumer to report the failure");
    expect(failure?.message).toBe("put failed");
    expect(sizes).toEqual([2, 2]);
  });

  describe("a batch cut by max.poll.records", () => {
    /** Runs a consumer of six records in chunks of two; `onChunk` may seek or pause. Returns the chunks seen. */
    async function chunks(
      onChunk: (
        consumer: GroupConsumer,
        messages: readonly IncomingMessage[],
        tp: TopicPartition,
        seen: string[][],
      ) => void,
    ) {
      const topic = await createTestTopic("clients-split");
      await produce(topic, ["1", "2", "3", "4", "5", "6"]);
      const made = testClients({ "consumer.max.poll.records": "2" });
      opened.push(made);
      const consumer = made.consumer(uniqueName("group"), { autoOffsetReset: "earliest" });
      const seen: string[][] = [];
      const errors: Error[] = [];
      await consumer.subscribe([topic]);
      await consumer.run({
        onAssigned: () => {},
        onRevoked: () => {},
        onBatch: async (messages, tp) => {
          seen.push(messages.map((m) => text(m) ?? ""));
          onChunk(consumer, messages, tp, seen);
        },
        onError: (error) => errors.push(error),
      });
      return { consumer, seen, errors, tp: TopicPartition.of(topic, 0) };
    }
    const values = (seen: string[][]) => seen.flat().join(",");

    it("keeps the handler's seek back instead of going on with the next chunk", async () => {
      const { seen, errors } = await chunks((consumer, messages, tp, all) => {
        if (all.length === 2) consumer.seek(tp, messages[0]?.offset ?? 0n);
      });
      await until(() => values(seen) === "1,2,3,4,3,4,5,6", "the sought chunk again, then the rest");
      await new Promise((r) => setTimeout(r, 300));
      expect(seen).toEqual([
        ["1", "2"],
        ["3", "4"],
        ["3", "4"],
        ["5", "6"],
      ]);
      expect(errors).toEqual([]);
    });

    it("keeps the handler's seek back made while pausing, and goes on from it once resumed", async () => {
      // As a sink task does with a chunk it got after pausing: pause, seek back to redo it on resume.
      const { consumer, seen, errors, tp } = await chunks((consumer, messages, partition, all) => {
        if (all.length === 2) {
          consumer.pause([partition]);
          consumer.seek(partition, messages[0]?.offset ?? 0n);
        }
      });
      await until(() => seen.length === 2, "the chunk that pauses");
      await new Promise((r) => setTimeout(r, 500));
      expect(seen.length).toBe(2);
      consumer.resume([tp]);
      await until(() => values(seen) === "1,2,3,4,3,4,5,6", "the paused chunk again, then the rest");
      expect(errors).toEqual([]);
    });

    it("holds the rest of the batch while paused and hands it over once resumed, skipping nothing", async () => {
      const { consumer, seen, errors, tp } = await chunks((consumer, _messages, partition, all) => {
        if (all.length === 1) consumer.pause([partition]);
      });
      await until(() => seen.length === 1, "the chunk that pauses");
      await new Promise((r) => setTimeout(r, 500));
      expect(seen.length).toBe(1);
      consumer.resume([tp]);
      await until(() => values(seen) === "1,2,3,4,5,6", "the rest of the batch");
      await new Promise((r) => setTimeout(r, 300));
      expect(values(seen)).toBe("1,2,3,4,5,6");
      expect(errors).toEqual([]);
    });
  });

  it("creates only missing topics, and alters and deletes a group's committed offsets", async () => {
    const admin = clients().admin();
    const name = uniqueName("clients-admin");
    expect(
      await admin.createTopics([
        { name, partitions: 2, replicationFactor: 1, configs: { "cleanup.policy": "compact" } },
      ]),
    ).toEqual([name]);
    expect(await admin.createTopics([{ name, partitions: 2 }])).toEqual([]);
    expect((await admin.partitionCounts([name, uniqueName("missing")])).get(name)).toBe(2);
    expect(await admin.listTopics()).toContain(name);
    expect((await admin.describeCluster()).brokers.length).toBeGreaterThan(0);
    await produce(name, [{ key: "k", value: "v", partition: 1 }]);
    expect(await admin.topicOffsets(name)).toEqual([
      { partition: 0, low: 0n, high: 0n },
      { partition: 1, low: 0n, high: 1n },
    ]);
    const group = uniqueName("group");
    const p0 = TopicPartition.of(name, 0);
    const p1 = TopicPartition.of(name, 1);
    await admin.alterGroupOffsets(
      group,
      new Map([
        [p0, 0n],
        [p1, 1n],
      ]),
    );
    expect(await admin.groupOffsets(group)).toEqual(
      new Map([
        [p0, 0n],
        [p1, 1n],
      ]),
    );
    await admin.deleteGroupOffsets(group, [p0]);
    expect(await admin.groupOffsets(group)).toEqual(new Map([[p1, 1n]]));
    await admin.deleteGroups([group, uniqueName("never-existed")]);
    expect(await admin.groupOffsets(group)).toEqual(new Map());
    await admin.deleteTopics([name]);
  });
});
