import { Buffer } from "node:buffer";
import { serializeOffsetKey } from "@tributary/api";
import { afterAll, expect, it } from "vitest";
import { offsetBackingStoreContract } from "../../api/test/offset-backing-store-contract.js";
import { KafkaOffsetBackingStore, offsetMessages } from "../src/kafka/kafka-offset-backing-store.js";
import {
  consume,
  describeWithKafka,
  kafkaBrokers,
  produce,
  testClients,
  uniqueName,
} from "./kafka-test-support.js";

const clients = testClients();
afterAll(() => clients.close());

function store(topic: string): KafkaOffsetBackingStore {
  return new KafkaOffsetBackingStore({ clients, topic, partitions: 3, replicationFactor: 1 });
}

if (kafkaBrokers() !== "") {
  offsetBackingStoreContract("KafkaOffsetBackingStore", () => {
    const topic = uniqueName("offsets");
    return {
      create: () => store(topic),
      durable: true,
      cleanup: () => clients.admin().deleteTopics([topic]),
    };
  });
}

describeWithKafka("KafkaOffsetBackingStore on the offsets topic", () => {
  it("writes Kafka Connect's key and value JSON, and creates the topic with the partitions asked for", async () => {
    const topic = uniqueName("offsets");
    const s = store(topic);
    await s.start();
    const key = serializeOffsetKey("file-source", { filename: "/tmp/in.txt" });
    await s.set(new Map([[key, '{"position":42}']]));
    await s.stop();
    const [message] = await consume(topic, { count: 1 });
    expect(Buffer.from(message?.key ?? []).toString()).toBe('["file-source",{"filename":"/tmp/in.txt"}]');
    expect(Buffer.from(message?.value ?? []).toString()).toBe('{"position":42}');
    expect((await clients.admin().partitionCounts([topic])).get(topic)).toBe(3);
  });

  it("finds a key another writer wrote with its properties in another order under the sorted form", async () => {
    const topic = uniqueName("offsets");
    const s = store(topic);
    await s.start();
    await s.stop();
    await produce(topic, [
      { key: '["jdbc",{"table":"t","db":"d"}]', value: '{"id":1}' },
      { key: '["jdbc",{"table":"u","db":"d"}]', value: '{"id":2}' },
      { key: '["jdbc",{"table":"u","db":"d"}]', value: null },
    ]);
    await s.start();
    const sorted = serializeOffsetKey("jdbc", { table: "t", db: "d" });
    expect(sorted).toBe('["jdbc",{"db":"d","table":"t"}]');
    expect(await s.get([sorted, serializeOffsetKey("jdbc", { table: "u", db: "d" })])).toEqual(
      new Map([[sorted, '{"id":1}']]),
    );
    await s.stop();
  });

  it("lets the last write of a partition win whichever order its properties were written in, tombstones too", async () => {
    const topic = uniqueName("offsets");
    const s = store(topic);
    const sorted = serializeOffsetKey("jdbc", { table: "t", db: "d" });
    const javaKey = '["jdbc",{"table":"t","db":"d"}]';
    const gone = serializeOffsetKey("jdbc", { table: "g", db: "d" });
    const javaGone = '["jdbc",{"table":"g","db":"d"}]';
    // Java, then Tributary, then Java again, then Tributary again (restarting between each).
    await s.start();
    await s.stop();
    await produce(topic, [
      { key: javaKey, value: '{"id":1}' },
      { key: javaGone, value: '{"id":10}' },
    ]);
    await s.start();
    expect(await s.get([sorted])).toEqual(new Map([[sorted, '{"id":1}']]));
    await s.set(
      new Map([
        [sorted, '{"id":2}'],
        [gone, '{"id":20}'],
      ]),
    );
    expect(await s.get([sorted])).toEqual(new Map([[sorted, '{"id":2}']]));
    await s.stop();
    await produce(topic, [
      { key: javaKey, value: '{"id":3}' },
      { key: javaGone, value: null },
    ]);
    await s.start();
    expect(await s.get([sorted, gone])).toEqual(new Map([[sorted, '{"id":3}']]));
    expect(await s.keys()).toEqual([javaKey]);
    await s.set(new Map([[sorted, '{"id":4}']]));
    expect(await s.get([sorted])).toEqual(new Map([[sorted, '{"id":4}']]));
    await s.stop();
    await s.start();
    expect(await s.get([sorted, gone])).toEqual(new Map([[sorted, '{"id":4}']]));
    expect(await s.keys()).toEqual([sorted]);
    await s.stop();
  });

  it("reads offsets an exactly-once task committed in a transaction, and never aborted ones", async () => {
    const topic = uniqueName("offsets");
    const s = store(topic);
    await s.start();
    const key = serializeOffsetKey("src", { p: 1 });
    const producer = await clients.transactionalProducer(uniqueName("eos"));
    await producer.begin();
    await producer.send(offsetMessages(topic, new Map([[key, '{"n":1}']])));
    await producer.commit();
    s.recordCommitted(new Map([[key, '{"n":1}']]));
    expect(await s.get([key])).toEqual(new Map([[key, '{"n":1}']]));
    await producer.begin();
    await producer.send(offsetMessages(topic, new Map([[key, '{"n":2}']])));
    await producer.abort();
    await producer.close();
    await s.stop();
    const again = store(topic);
    await again.start();
    expect(await again.get([key])).toEqual(new Map([[key, '{"n":1}']]));
    await again.stop();
  });

  it("starts while a crashed task's transaction is still open, with the offsets committed before it", async () => {
    const topic = uniqueName("offsets");
    const first = store(topic);
    await first.start();
    const key = serializeOffsetKey("src", { p: 1 });
    await first.set(new Map([[key, '{"n":1}']]));
    await first.stop();
    // A task that began a transaction and then died: nothing ends it until the broker's transaction timeout.
    const crashed = await clients.transactionalProducer(uniqueName("eos"));
    await crashed.begin();
    await crashed.send(offsetMessages(topic, new Map([[key, '{"n":2}']])));
    const later = store(topic);
    await later.start();
    expect(await later.get([key])).toEqual(new Map([[key, '{"n":1}']]));
    await later.stop();
    await crashed.close();
  });
});
