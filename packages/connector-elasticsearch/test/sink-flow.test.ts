/**
 * The shared integration suite, part two: retries and offsets, against each real engine. 429 answers retried to
 * success (from the flood-stage block on every engine, and from a real overloaded write queue on an OpenSearch node
 * started with a queue of two), topics renamed by RegexRouter, and preCommit never committing past unwritten data.
 */
import { SinkRecord, TopicPartition } from "@tributary/api";
import { SinkTaskHarness } from "@tributary/testkit";
import { RegexRouter } from "@tributary/transforms";
import { afterEach, describe, expect, inject, it } from "vitest";
import { ElasticsearchSinkTask } from "../src/index.js";
import {
  commitUntil,
  doc,
  EngineClient,
  partition0,
  testEngines,
  uniqueTopic,
  waitFor,
} from "./search-engines.js";

const harnesses: SinkTaskHarness[] = [];

function harnessFor(topic: string): SinkTaskHarness {
  const harness = new SinkTaskHarness({ createTask: () => new ElasticsearchSinkTask(), topic });
  harnesses.push(harness);
  return harness;
}

afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.stop();
});

/** Records of `partition` from `offset` on, as a worker hands them before any SMT. */
function recordsOf(partition: TopicPartition, offset: bigint, values: unknown[]): SinkRecord[] {
  return values.map(
    (value, i) =>
      new SinkRecord({
        topic: partition.topic,
        kafkaPartition: partition.partition,
        kafkaOffset: offset + BigInt(i),
        key: null,
        keySchema: null,
        value,
        valueSchema: null,
        timestamp: null,
      }),
  );
}

for (const engine of testEngines()) {
  describe.skipIf(engine.url === "")(`Elasticsearch sink retries and offsets on ${engine.name}`, () => {
    const es = new EngineClient(engine.url);

    function props(topic: string, extra: Record<string, string> = {}): Record<string, string> {
      return {
        "connection.url": engine.url,
        topics: topic,
        "key.ignore": "true",
        "schema.ignore": "true",
        "linger.ms": "1",
        "batch.size": "50",
        "max.retries": "20",
        "retry.backoff.ms": "50",
        // preCommit waits this long for unwritten records before it answers with what is written; the tests
        // commit while writes are refused, and a worker's commit would not wait the default three minutes either.
        "flush.timeout.ms": "500",
        ...extra,
      };
    }

    it("retries bulk items answered 429 until they are written, committing nothing before", async () => {
      const topic = uniqueTopic("retry-429");
      await es.createIndex(topic);
      await es.block(topic);
      // The engine refuses writes to this index now, item by item, with 429.
      const probe = await es.call("POST", "/_bulk", `{"index":{"_index":"${topic}"}}\n{"probe":true}\n`);
      expect(probe.body.items[0].index.status).toBe(429);

      const harness = harnessFor(topic);
      await harness.start(props(topic));
      await harness.open();
      await harness.put(Array.from({ length: 30 }, (_, i) => ({ value: doc({ i }) })));
      // While blocked, commits stay at the first record.
      for (let i = 0; i < 5; i++) {
        const committed = (await harness.commit()).get(partition0(topic));
        expect(committed ?? 0n).toBe(0n);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await es.count(topic)).toBe(0);

      await es.unblock(topic);
      await commitUntil(harness, partition0(topic), 30n, 60_000);
      expect(await es.count(topic)).toBe(30);
      expect(harness.reported).toEqual([]);
    });

    it("blocks put() while max.buffered.records records are unwritten, and lets it go once they are", async () => {
      const topic = uniqueTopic("backpressure");
      await es.createIndex(topic);
      await es.block(topic);
      const harness = harnessFor(topic);
      // put() waits for room up to flush.timeout.ms and then throws a ConnectError with retriable=false
      // ("10 records (max.buffered.records) stayed buffered for 500 ms (flush.timeout.ms): ..."), which fails the
      // task, as the Elasticsearch connector's "flush timeout expired" does (its issues #103, #478). A RetriableError
      // there would let the worker pause and redeliver the batch instead; hence the long timeout here.
      await harness.start(
        props(topic, { "max.buffered.records": "10", "batch.size": "5", "flush.timeout.ms": "60000" }),
      );
      await harness.open();
      await harness.put(Array.from({ length: 10 }, (_, i) => ({ value: doc({ i }) })));
      let returned = false;
      const second = harness.put([{ value: doc({ i: 10 }) }]).then(() => {
        returned = true;
      });
      // Ten records are buffered and none can be written: the eleventh put must wait, however long it takes.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(returned).toBe(false);
      await es.unblock(topic);
      await second;
      await commitUntil(harness, partition0(topic), 11n, 60_000);
      expect(await es.count(topic)).toBe(11);
    });

    it("fails over to the next connection.url when the first does not answer", async () => {
      const topic = uniqueTopic("failover");
      const harness = harnessFor(topic);
      // Port 9 (discard) is closed on the test machines: connecting there is refused at once.
      await harness.start(props(topic, { "connection.url": `http://127.0.0.1:9,${engine.url}` }));
      await harness.open();
      await harness.put(Array.from({ length: 5 }, (_, i) => ({ value: doc({ i }) })));
      await commitUntil(harness, partition0(topic), 5n);
      expect(await es.count(topic)).toBe(5);
    });

    it("routes records by the topic a RegexRouter gives them and commits by the original topic", async () => {
      const base = uniqueTopic("routed");
      const day1 = TopicPartition.of(`${base}-20240117`, 0);
      const day2 = TopicPartition.of(`${base}-20240118`, 1);
      const router = new RegexRouter<SinkRecord>();
      router.configure({ regex: "(.*)-(\\d{8})", replacement: "$1" });
      const harness = harnessFor(day1.topic);
      await harness.start(props(`${day1.topic},${day2.topic}`));
      await harness.open([day1, day2]);
      const records = [
        ...recordsOf(day1, 0n, [doc({ day: 1, i: 0 }), doc({ day: 1, i: 1 })]),
        ...recordsOf(day2, 40n, [doc({ day: 2, i: 0 })]),
      ].map((record) => router.apply(record));
      expect(records.map((record) => record.topic)).toEqual([base, base, base]);
      await harness.put(records);

      await commitUntil(harness, day1, 2n);
      const committed = await commitUntil(harness, day2, 41n);
      expect(committed.at(-1)).toBe(41n);
      // Offsets are keyed by the topics the records came from, never by the index they went to.
      const answer = await harness.commit();
      expect([...answer.keys()].map(String).sort()).toEqual([String(day1), String(day2)].sort());

      const docs = await es.documents(base);
      expect([...docs.keys()].sort()).toEqual([`${base}+0+0`, `${base}+0+1`, `${base}+1+40`].sort());
      expect(await es.count(`${base}-20240117`)).toBe(0);
    });

    it("never commits past a record that is not written, whatever was written after it", async () => {
      const source = TopicPartition.of(uniqueTopic("ordered"), 0);
      const open = `${source.topic}-open`;
      const blocked = `${source.topic}-blocked`;
      await es.createIndex(open);
      await es.createIndex(blocked);
      await es.block(blocked);
      const harness = harnessFor(source.topic);
      await harness.start(props(source.topic));
      await harness.open([source]);
      // A content-based router: even offsets go to an open index, odd ones to a blocked one.
      const records = recordsOf(
        source,
        0n,
        Array.from({ length: 10 }, (_, i) => doc({ i })),
      ).map((record, i) => record.newRecord({ topic: i % 2 === 0 ? open : blocked }));
      await harness.put(records);

      await waitFor("the open index to hold the even offsets", async () => (await es.count(open)) === 5);
      for (let i = 0; i < 5; i++) {
        const committed = (await harness.commit()).get(source);
        // Offset 0 is written, offset 1 is not: nothing from 2 on may be committed, even though 2, 4, ... are.
        expect(committed ?? 0n).toBeLessThanOrEqual(1n);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await es.unblock(blocked);
      await commitUntil(harness, source, 10n, 60_000);
      expect(await es.count(blocked)).toBe(5);
    });
  });
}

const smallQueueUrl = inject("opensearchSmallQueueUrl");
describe.skipIf(smallQueueUrl === "")("Elasticsearch sink on an overloaded engine", () => {
  const es = new EngineClient(smallQueueUrl);

  it("retries the items a full write queue rejects with 429 until every document is written", async () => {
    const topic = uniqueTopic("overload");
    // Eight shards: every bulk request becomes eight shard requests on a write pool of one thread and two slots.
    await es.createIndex(topic, undefined, 8);
    const rejectedBefore = await es.writeRejections();
    const harness = harnessFor(topic);
    await harness.start({
      "connection.url": smallQueueUrl,
      topics: topic,
      "key.ignore": "true",
      "schema.ignore": "true",
      "batch.size": "100",
      "max.in.flight.requests": "5",
      "linger.ms": "5",
      "max.retries": "100",
      "retry.backoff.ms": "10",
    });
    await harness.open();
    const text = "x".repeat(300);
    for (let batch = 0; batch < 10; batch++) {
      await harness.put(Array.from({ length: 200 }, (_, i) => ({ value: doc({ batch, i, text }) })));
    }
    await commitUntil(harness, partition0(topic), 2000n, 120_000);

    expect(await es.count(topic)).toBe(2000);
    expect(harness.reported).toEqual([]);
    // The engine did reject work while the sink wrote: the retries above were real.
    expect(await es.writeRejections()).toBeGreaterThan(rejectedBefore);
  });
});
