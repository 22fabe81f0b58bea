/**
 * The shared integration suite, part one: what the sink writes, run against each real engine (OpenSearch 2.19 and
 * Elasticsearch 7.10 from scripts/search) through SinkTaskHarness, configured with the Elasticsearch connector's keys.
 * Insert, upsert, delete on tombstone, redelivery after a crash, external version conflicts and malformed documents.
 */
import { Header, Schema } from "@tributary/api";
import { SinkTaskHarness } from "@tributary/testkit";
import { afterEach, describe, expect, it } from "vitest";
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

for (const engine of testEngines()) {
  describe.skipIf(engine.url === "")(`Elasticsearch sink writes on ${engine.name}`, () => {
    const es = new EngineClient(engine.url);
    const harnesses: SinkTaskHarness[] = [];

    function harnessFor(topic: string, errantRecordReporter = true): SinkTaskHarness {
      const harness = new SinkTaskHarness({
        createTask: () => new ElasticsearchSinkTask(),
        topic,
        errantRecordReporter,
      });
      harnesses.push(harness);
      return harness;
    }

    function props(topic: string, extra: Record<string, string> = {}): Record<string, string> {
      return {
        "connection.url": engine.url,
        topics: topic,
        "schema.ignore": "true",
        "linger.ms": "1",
        "batch.size": "50",
        "max.retries": "5",
        "retry.backoff.ms": "50",
        ...extra,
      };
    }

    afterEach(async () => {
      for (const harness of harnesses.splice(0)) await harness.stop();
    });

    it("indexes each record as a document with a topic+partition+offset id (key.ignore=true)", async () => {
      const topic = uniqueTopic("insert");
      const harness = harnessFor(topic);
      await harness.start(props(topic, { "key.ignore": "true" }));
      await harness.open();
      await harness.put([
        { value: doc({ name: "ada", n: 1 }) },
        { value: doc({ name: "grace", n: 2 }) },
        { value: doc({ name: "edsger", tags: ["a", "b"], nested: doc({ ok: true }) }) },
      ]);
      await commitUntil(harness, partition0(topic), 3n);

      const docs = await es.documents(topic);
      expect(new Map([...docs].map(([id, d]) => [id, d.source]))).toEqual(
        new Map<string, unknown>([
          [`${topic}+0+0`, { name: "ada", n: 1 }],
          [`${topic}+0+1`, { name: "grace", n: 2 }],
          [`${topic}+0+2`, { name: "edsger", tags: ["a", "b"], nested: { ok: true } }],
        ]),
      );
      expect(harness.reported).toEqual([]);
    });

    it("names the index after the topic, lower-cased", async () => {
      const topic = uniqueTopic("MixedCase");
      const harness = harnessFor(topic);
      await harness.start(props(topic, { "key.ignore": "true" }));
      await harness.open();
      await harness.put([{ value: doc({ a: 1 }) }]);
      await commitUntil(harness, partition0(topic), 1n);
      expect(await es.count(topic.toLowerCase())).toBe(1);
    });

    it("merges records into documents with write.method=upsert, creating those that are missing", async () => {
      const topic = uniqueTopic("upsert");
      const harness = harnessFor(topic);
      await harness.start(props(topic, { "write.method": "upsert" }));
      await harness.open();
      await harness.put([
        { key: "a", value: doc({ name: "ada", n: 1 }) },
        { key: "b", value: doc({ name: "bob" }) },
      ]);
      await commitUntil(harness, partition0(topic), 2n);
      await harness.put([
        { key: "a", value: doc({ n: 2 }) },
        { key: "c", value: doc({ name: "cy" }) },
      ]);
      await commitUntil(harness, partition0(topic), 4n);

      const docs = await es.documents(topic);
      expect(docs.get("a")?.source).toEqual({ name: "ada", n: 2 });
      expect(docs.get("b")?.source).toEqual({ name: "bob" });
      expect(docs.get("c")?.source).toEqual({ name: "cy" });
      expect(docs.size).toBe(3);
    });

    it("deletes the document of a tombstone's key with behavior.on.null.values=delete", async () => {
      const topic = uniqueTopic("tombstone");
      const harness = harnessFor(topic);
      await harness.start(props(topic, { "behavior.on.null.values": "delete" }));
      await harness.open();
      await harness.put([
        { key: "a", value: doc({ v: 1 }) },
        { key: "b", value: doc({ v: 2 }) },
        { key: "a", value: null },
        // A tombstone for a document that never existed is not an error.
        { key: "never", value: null },
      ]);
      await commitUntil(harness, partition0(topic), 4n);

      const docs = await es.documents(topic);
      expect([...docs.keys()]).toEqual(["b"]);
      expect(harness.reported).toEqual([]);
    });

    it("skips tombstones with behavior.on.null.values=ignore", async () => {
      const topic = uniqueTopic("tombstone-ignore");
      const harness = harnessFor(topic);
      await harness.start(props(topic, { "behavior.on.null.values": "ignore" }));
      await harness.open();
      await harness.put([
        { key: "a", value: doc({ v: 1 }) },
        { key: "a", value: null },
      ]);
      await commitUntil(harness, partition0(topic), 2n);
      expect((await es.documents(topic)).get("a")?.source).toEqual({ v: 1 });
    });

    it("leaves the index as if each record were written once after a crash and redelivery (ids from keys)", async () => {
      const topic = uniqueTopic("redelivery");
      const config = props(topic, { "behavior.on.null.values": "delete" });
      const inputs = [
        { key: "k1", value: doc({ step: 0 }) },
        { key: "k2", value: doc({ step: 1 }) },
        { key: "k1", value: doc({ step: 2 }) },
        { key: "k3", value: doc({ step: 3 }) },
        { key: "k2", value: null },
        { key: "k1", value: doc({ step: 5 }) },
        { key: "k4", value: doc({ step: 6 }) },
      ];
      const harness = harnessFor(topic);
      await harness.start(config);
      await harness.open();
      await harness.put(inputs.slice(0, 2));
      await commitUntil(harness, partition0(topic), 2n);
      await harness.put(inputs.slice(2));
      // Everything reaches the engine, but the crash comes before the next commit: offsets 2..6 come again.
      await waitFor("every record to be written", async () => {
        const docs = await es.documents(topic);
        return docs.get("k4") !== undefined && !docs.has("k2") && docs.get("k1")?.version === 5;
      });
      await harness.restart();
      const again = await harness.put(inputs.slice(2));
      expect(again.map((record) => record.kafkaOffset)).toEqual([2n, 3n, 4n, 5n, 6n]);
      await commitUntil(harness, partition0(topic), 7n);

      // External versioning with the offsets: each document holds its last record, at that record's offset.
      const docs = await es.documents(topic);
      expect(new Map([...docs].map(([id, d]) => [id, d]))).toEqual(
        new Map([
          ["k1", { source: { step: 5 }, version: 5 }],
          ["k3", { source: { step: 3 }, version: 3 }],
          ["k4", { source: { step: 6 }, version: 6 }],
        ]),
      );
      expect(harness.reported).toEqual([]);
    });

    it("keeps one document per record after redelivery with key.ignore=true", async () => {
      const topic = uniqueTopic("redelivery-noid");
      const harness = harnessFor(topic);
      await harness.start(props(topic, { "key.ignore": "true" }));
      await harness.open();
      const inputs = Array.from({ length: 20 }, (_, i) => ({ value: doc({ i }) }));
      await harness.put(inputs);
      await waitFor("20 documents", async () => (await es.count(topic)) === 20);
      await harness.restart();
      await harness.put(inputs);
      await harness.redeliver();
      await commitUntil(harness, partition0(topic), 20n);
      expect(await es.count(topic)).toBe(20);
    });

    it("keeps a document with a newer external version than a record's offset, and moves on", async () => {
      const topic = uniqueTopic("conflict");
      await es.createIndex(topic);
      // Written by someone else (or by a newer run of this topic) at version 100.
      await es.ok("PUT", `/${topic}/_doc/a?version=100&version_type=external`, { owner: "newer" });
      const harness = harnessFor(topic);
      await harness.start(props(topic));
      await harness.open();
      await harness.put([
        { key: "a", value: doc({ owner: "older" }) },
        { key: "b", value: doc({ owner: "connector" }) },
      ]);
      await commitUntil(harness, partition0(topic), 2n);

      const docs = await es.documents(topic);
      expect(docs.get("a")).toEqual({ source: { owner: "newer" }, version: 100 });
      expect(docs.get("b")).toEqual({ source: { owner: "connector" }, version: 1 });
      // A version conflict is the versioning doing its job, not a bad record.
      expect(harness.reported).toEqual([]);
    });

    it("takes the external version from a header with external.version.header", async () => {
      const topic = uniqueTopic("version-header");
      await es.createIndex(topic);
      await es.ok("PUT", `/${topic}/_doc/a?version=100&version_type=external`, { owner: "v100" });
      const harness = harnessFor(topic);
      await harness.start(props(topic, { "external.version.header": "v" }));
      await harness.open();
      await harness.put([
        { key: "a", value: doc({ owner: "v200" }), headers: [new Header("v", Schema.INT64_SCHEMA, 200n)] },
        { key: "b", value: doc({ owner: "v7" }), headers: [new Header("v", Schema.STRING_SCHEMA, "7")] },
        // Older than what the index holds: skipped.
        { key: "a", value: doc({ owner: "v150" }), headers: [new Header("v", Schema.INT64_SCHEMA, 150n)] },
      ]);
      await commitUntil(harness, partition0(topic), 3n);

      const docs = await es.documents(topic);
      expect(docs.get("a")).toEqual({ source: { owner: "v200" }, version: 200 });
      expect(docs.get("b")).toEqual({ source: { owner: "v7" }, version: 7 });
    });

    it("overwrites whatever the index holds with external.version.source=none", async () => {
      const topic = uniqueTopic("version-none");
      await es.createIndex(topic);
      await es.ok("PUT", `/${topic}/_doc/a?version=100&version_type=external`, { owner: "old" });
      const harness = harnessFor(topic);
      await harness.start(props(topic, { "external.version.source": "none" }));
      await harness.open();
      await harness.put([{ key: "a", value: doc({ owner: "last write wins" }) }]);
      await commitUntil(harness, partition0(topic), 1n);
      expect((await es.documents(topic)).get("a")?.source).toEqual({ owner: "last write wins" });
    });

    it("reports a malformed document to the errant record reporter and indexes the rest", async () => {
      const topic = uniqueTopic("malformed");
      await es.createIndex(topic, { properties: { n: { type: "integer" } } });
      const harness = harnessFor(topic);
      await harness.start(props(topic, { "key.ignore": "true", "behavior.on.malformed.documents": "warn" }));
      await harness.open();
      await harness.put([
        { value: doc({ n: 1 }) },
        { value: doc({ n: "not a number" }) },
        { value: doc({ n: 3 }) },
      ]);
      await commitUntil(harness, partition0(topic), 3n);

      const docs = await es.documents(topic);
      expect([...docs.keys()].sort()).toEqual([`${topic}+0+0`, `${topic}+0+2`]);
      expect(harness.reported.map((r) => r.record.kafkaOffset)).toEqual([1n]);
      expect(String(harness.reported[0]?.error)).toMatch(/mapper_parsing_exception|failed to parse/);
    });

    it("fails the task on a malformed document with behavior.on.malformed.documents=fail and no reporter", async () => {
      const topic = uniqueTopic("malformed-fail");
      await es.createIndex(topic, { properties: { n: { type: "integer" } } });
      const harness = harnessFor(topic, false);
      await harness.start(props(topic, { "key.ignore": "true", "behavior.on.malformed.documents": "fail" }));
      await harness.open();
      // The failure surfaces in a later put() or in preCommit(), whichever runs after the bulk response.
      const failure = (async () => {
        await harness.put([{ value: doc({ n: 1 }) }, { value: doc({ n: "not a number" }) }]);
        for (let i = 0; i < 300; i++) {
          const committed = (await harness.commit()).get(partition0(topic));
          // Offset 1 must never be committed: the record there is not written.
          expect(committed ?? 0n).toBeLessThanOrEqual(1n);
          await harness.put([]);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      await expect(failure).rejects.toThrow(/mapper_parsing_exception|failed to parse/);
    });
  });
}
