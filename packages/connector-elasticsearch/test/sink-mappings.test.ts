/**
 * The shared integration suite, part three: index mappings from Connect schemas and data streams, against each real
 * engine. The mapping follows the Elasticsearch connector's type table; values are written exactly.
 */
import {
  BigDecimal,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  Decimal,
  Schema,
  SchemaBuilder,
  Struct,
} from "@tributary/api";
import { SinkTaskHarness } from "@tributary/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { ElasticsearchSinkTask } from "../src/index.js";
import { commitUntil, doc, EngineClient, partition0, testEngines, uniqueTopic } from "./search-engines.js";

const address = SchemaBuilder.struct()
  .name("address")
  .field("street", Schema.STRING_SCHEMA)
  .field("zip", Schema.INT32_SCHEMA)
  .build();

/** A value schema with a field of every Connect type and logical type. */
const everyType = SchemaBuilder.struct()
  .name("everything")
  .field("i8", Schema.INT8_SCHEMA)
  .field("i16", Schema.INT16_SCHEMA)
  .field("i32", Schema.INT32_SCHEMA)
  .field("i64", Schema.INT64_SCHEMA)
  .field("f32", Schema.FLOAT32_SCHEMA)
  .field("f64", Schema.FLOAT64_SCHEMA)
  .field("flag", Schema.BOOLEAN_SCHEMA)
  .field("name", Schema.STRING_SCHEMA)
  .field("raw", Schema.BYTES_SCHEMA)
  .field("day", ConnectDate.schema())
  .field("clock", ConnectTime.schema())
  .field("at", ConnectTimestamp.schema())
  .field("price", Decimal.schema(3))
  .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA))
  .field("counts", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA))
  .field("byId", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA))
  .field("home", address)
  .field("rank", SchemaBuilder.int32().optional().defaultValue(7))
  .build();

const text = { type: "text", fields: { keyword: { type: "keyword", ignore_above: 256 } } };

function everyTypeValue(): Struct {
  return new Struct(everyType)
    .put("i8", -8)
    .put("i16", 1600)
    .put("i32", 320_000)
    .put("i64", 9_007_199_254_740_993n)
    .put("f32", 1.5)
    .put("f64", 2.25)
    .put("flag", true)
    .put("name", "ada lovelace")
    .put("raw", new Uint8Array([1, 2, 3]))
    .put("day", new Date(Date.UTC(2024, 0, 17)))
    .put("clock", new Date(Date.UTC(1970, 0, 1, 10, 30)))
    .put("at", new Date(Date.UTC(2024, 0, 17, 10, 30, 15, 123)))
    .put("price", BigDecimal.parse("12345678901234567890.123"))
    .put("tags", ["a", "b"])
    .put("counts", new Map([["x", 1]]))
    .put("byId", new Map([[1, "one"]]))
    .put("home", new Struct(address).put("street", "Main St").put("zip", 12345))
    .put("rank", null);
}

for (const engine of testEngines()) {
  describe.skipIf(engine.url === "")(`Elasticsearch sink mappings on ${engine.name}`, () => {
    const es = new EngineClient(engine.url);
    const harnesses: SinkTaskHarness[] = [];

    async function started(topic: string, extra: Record<string, string>): Promise<SinkTaskHarness> {
      const harness = new SinkTaskHarness({ createTask: () => new ElasticsearchSinkTask(), topic });
      harnesses.push(harness);
      await harness.start({ "connection.url": engine.url, topics: topic, "linger.ms": "1", ...extra });
      await harness.open();
      return harness;
    }

    afterEach(async () => {
      for (const harness of harnesses.splice(0)) await harness.stop();
    });

    it("creates the index mapping from a schema with every type and writes the values exactly", async () => {
      const topic = uniqueTopic("mapping");
      const harness = await started(topic, { "key.ignore": "true", "schema.ignore": "false" });
      await harness.put([{ value: everyTypeValue(), valueSchema: everyType }]);
      await commitUntil(harness, partition0(topic), 1n);

      const mapping = (await es.ok("GET", `/${topic}/_mapping`)).body[topic].mappings.properties;
      expect(mapping.i8).toEqual({ type: "byte" });
      expect(mapping.i16).toEqual({ type: "short" });
      expect(mapping.i32).toEqual({ type: "integer" });
      expect(mapping.i64).toEqual({ type: "long" });
      expect(mapping.f32).toEqual({ type: "float" });
      expect(mapping.f64).toEqual({ type: "double" });
      expect(mapping.flag).toEqual({ type: "boolean" });
      expect(mapping.name).toEqual(text);
      expect(mapping.raw).toEqual({ type: "binary" });
      expect(mapping.day).toEqual({ type: "date" });
      expect(mapping.clock).toEqual({ type: "date" });
      expect(mapping.at).toEqual({ type: "date" });
      // decimal.mapping=keyword (the default): the exact digits, as a string.
      expect(mapping.price).toEqual({ type: "keyword" });
      expect(mapping.tags).toEqual(text);
      // Maps with string keys are objects whose fields the engine maps as they come.
      expect(mapping.counts.type ?? "object").toBe("object");
      expect(mapping.byId).toEqual({ properties: { key: { type: "integer" }, value: text } });
      expect(mapping.home).toEqual({ properties: { street: text, zip: { type: "integer" } } });
      expect(mapping.rank).toEqual({ type: "integer", null_value: 7 });

      const hit = await es.ok("GET", `/${topic}/_doc/${encodeURIComponent(`${topic}+0+0`)}`);
      // JSON.parse would round these; the engine keeps the text it was sent.
      expect(hit.text).toContain('"i64":9007199254740993');
      expect(hit.text).toContain('"price":"12345678901234567890.123"');
      expect(hit.body._source).toMatchObject({
        i8: -8,
        i16: 1600,
        i32: 320_000,
        f32: 1.5,
        f64: 2.25,
        flag: true,
        name: "ada lovelace",
        raw: "AQID",
        day: Date.UTC(2024, 0, 17),
        clock: Date.UTC(1970, 0, 1, 10, 30),
        at: Date.UTC(2024, 0, 17, 10, 30, 15, 123),
        tags: ["a", "b"],
        counts: { x: 1 },
        byId: [{ key: 1, value: "one" }],
        home: { street: "Main St", zip: 12345 },
      });
      // A null with a default is written as the default.
      expect([7, null]).toContain(hit.body._source.rank);

      // The values are searchable as their types: a range on the date, a term on the keyword.
      await es.ok("POST", `/${topic}/_refresh`);
      const found = await es.ok("POST", `/${topic}/_search`, {
        query: {
          bool: {
            filter: [
              { range: { at: { gte: "2024-01-17T10:30:15.123Z", lte: "2024-01-17T10:30:15.123Z" } } },
              { term: { price: "12345678901234567890.123" } },
              { term: { "name.keyword": "ada lovelace" } },
            ],
          },
        },
      });
      expect(found.body.hits.hits).toHaveLength(1);
    });

    it("maps Decimals as scaled_float with decimal.mapping=scaled_float", async () => {
      const topic = uniqueTopic("decimal");
      const schema = SchemaBuilder.struct().field("price", Decimal.schema(2)).build();
      const harness = await started(topic, {
        "key.ignore": "true",
        "schema.ignore": "false",
        "decimal.mapping": "scaled_float",
      });
      await harness.put([
        { value: new Struct(schema).put("price", BigDecimal.parse("19.99")), valueSchema: schema },
      ]);
      await commitUntil(harness, partition0(topic), 1n);
      const mapping = (await es.ok("GET", `/${topic}/_mapping`)).body[topic].mappings.properties;
      expect(mapping.price).toEqual({ type: "scaled_float", scaling_factor: 100 });
      const hit = await es.ok("GET", `/${topic}/_doc/${encodeURIComponent(`${topic}+0+0`)}`);
      expect(hit.text).toContain('"price":19.99');
    });

    it("writes maps as key/value arrays with compact.map.entries=false", async () => {
      const topic = uniqueTopic("map-entries");
      const schema = SchemaBuilder.struct()
        .field("counts", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA))
        .build();
      const harness = await started(topic, {
        "key.ignore": "true",
        "schema.ignore": "false",
        "compact.map.entries": "false",
      });
      await harness.put([
        { value: new Struct(schema).put("counts", new Map([["x", 1]])), valueSchema: schema },
      ]);
      await commitUntil(harness, partition0(topic), 1n);
      const mapping = (await es.ok("GET", `/${topic}/_mapping`)).body[topic].mappings.properties;
      expect(mapping.counts).toEqual({ properties: { key: text, value: { type: "integer" } } });
      const hit = await es.ok("GET", `/${topic}/_doc/${encodeURIComponent(`${topic}+0+0`)}`);
      expect(hit.body._source).toEqual({ counts: [{ key: "x", value: 1 }] });
    });

    // One of the two data-stream tests is defined per engine, as it has data streams or not.
    if (engine.lacks.dataStreams !== undefined)
      it(`refuses data streams on an engine without them, naming the keys to unset (${engine.lacks.dataStreams})`, async () => {
        const harness = await started(uniqueTopic("events"), {
          "key.ignore": "true",
          "schema.ignore": "true",
          "data.stream.type": "logs",
          "data.stream.dataset": `ds${Date.now().toString(36)}${process.pid}`,
          "data.stream.timestamp.field": "ts",
        });
        // The failure comes from a background bulk write; the task reports it at its next put or commit.
        let failure: unknown;
        try {
          await harness.put([{ value: doc({ ts: "2024-01-17T10:00:00.000Z", msg: "a" }) }]);
          for (let i = 0; i < 100; i++) {
            await harness.commit();
            await harness.put([]);
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        } catch (error) {
          failure = error;
        }
        expect(String(failure)).toMatch(/unset data\.stream\.type and data\.stream\.dataset/);
      });

    if (engine.lacks.dataStreams === undefined)
      it("writes to the data stream <type>-<dataset>-<topic> with @timestamp from data.stream.timestamp.field", async () => {
        const topic = uniqueTopic("events");
        const dataset = `ds${Date.now().toString(36)}${process.pid}`;
        const stream = `logs-${dataset}-${topic}`;
        // Elasticsearch ships a logs-*-* data stream template; OpenSearch ships none, so users (and this test) add one.
        await es.ok("PUT", `/_index_template/tributary-test-${dataset}`, {
          index_patterns: [`logs-${dataset}-*`],
          data_stream: {},
          priority: 300,
          template: { settings: { number_of_replicas: 0 } },
        });
        try {
          const harness = await started(topic, {
            "key.ignore": "true",
            "schema.ignore": "true",
            "data.stream.type": "logs",
            "data.stream.dataset": dataset,
            "data.stream.timestamp.field": "ts",
          });
          await harness.put([
            { value: doc({ ts: "2024-01-17T10:00:00.000Z", msg: "a" }) },
            { value: doc({ ts: "2024-01-17T10:00:01.000Z", msg: "b" }) },
            { value: doc({ ts: "2024-01-17T10:00:02.000Z", msg: "c" }) },
          ]);
          await commitUntil(harness, partition0(topic), 3n);

          const streams = await es.ok("GET", `/_data_stream/${stream}`);
          expect(streams.body.data_streams.map((s: { name: string }) => s.name)).toEqual([stream]);
          const docs = await es.documents(stream);
          expect(
            [...docs.values()].map((d) => (d.source as Record<string, unknown>)["@timestamp"]).sort(),
          ).toEqual(["2024-01-17T10:00:00.000Z", "2024-01-17T10:00:01.000Z", "2024-01-17T10:00:02.000Z"]);
          expect(await es.count(topic)).toBe(0);
        } finally {
          await es.call("DELETE", `/_data_stream/${stream}`);
          await es.call("DELETE", `/_index_template/tributary-test-${dataset}`);
        }
      });
  });
}
