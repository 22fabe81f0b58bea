// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${topic} and ${timestamp} are TimestampRouter's literal markers.
import { ConfigError, DataError, Headers, Schema, SinkRecord, SourceRecord } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { TimestampRouter } from "./timestamp-router.js";

const JAN_3_2017 = 1483425001864; // 2017-01-03T06:30:01.864Z

function source(topic: string, timestamp: number | null): SourceRecord {
  return new SourceRecord({
    sourcePartition: { file: "f" },
    sourceOffset: { position: 7 },
    topic,
    kafkaPartition: 3,
    keySchema: Schema.STRING_SCHEMA,
    key: "k",
    valueSchema: Schema.INT32_SCHEMA,
    value: 42,
    timestamp,
    headers: new Headers().addString("h", "v"),
  });
}

function router(props: Record<string, string> = {}): TimestampRouter {
  const transform = new TimestampRouter();
  transform.configure(props);
  return transform;
}

describe("TimestampRouter", () => {
  it("names the topic ${topic}-${timestamp} with yyyyMMdd in UTC by default, as Kafka's test expects", () => {
    expect(router().apply(source("test", 1483425001864)).topic).toBe("test-20170103");
  });

  it("keeps everything but the topic, for source and sink records", () => {
    const routed = router().apply(source("orders", JAN_3_2017));
    expect(routed).toBeInstanceOf(SourceRecord);
    expect(routed.equals(source("orders", JAN_3_2017).newRecord({ topic: "orders-20170103" }))).toBe(true);

    const sink = new SinkRecord({
      topic: "orders",
      kafkaPartition: 0,
      kafkaOffset: 5n,
      value: "v",
      timestamp: 0,
    });
    const sinkRouter = new TimestampRouter<SinkRecord>();
    sinkRouter.configure({});
    const routedSink = sinkRouter.apply(sink);
    expect(routedSink).toBeInstanceOf(SinkRecord);
    expect([routedSink.topic, routedSink.originalTopic, routedSink.kafkaOffset]).toEqual([
      "orders-19700101",
      "orders",
      5n,
    ]);
  });

  it("takes any SimpleDateFormat pattern and replaces every placeholder, ${topic} first", () => {
    const transform = router({
      "topic.format": "${timestamp}/${topic}/${timestamp}",
      "timestamp.format": "yyyy-MM-dd'T'HH'h'",
    });
    expect(transform.apply(source("orders", JAN_3_2017)).topic).toBe("2017-01-03T06h/orders/2017-01-03T06h");
    // A topic that contains the marker gets it replaced too, as Java's two successive replaceAll calls do.
    expect(router().apply(source("a${timestamp}", 0)).topic).toBe("a19700101-19700101");
  });

  it("writes replacement text literally, dollar signs included", () => {
    const transform = router({ "topic.format": "${topic}_${timestamp}", "timestamp.format": "'$1'yy" });
    expect(transform.apply(source("t$&", JAN_3_2017)).topic).toBe("t$&_$117");
  });

  it("routes each record by its own timestamp", () => {
    const transform = router({ "timestamp.format": "HH:mm:ss.SSS" });
    expect(transform.apply(source("t", 0)).topic).toBe("t-00:00:00.000");
    expect(transform.apply(source("t", 1)).topic).toBe("t-00:00:00.001");
    expect(transform.apply(source("u", 1)).topic).toBe("u-00:00:00.001");
  });

  it("refuses a record without a timestamp, naming the topic", () => {
    expect(() => router().apply(source("orders", null))).toThrow(DataError);
    expect(() => router().apply(source("orders", null))).toThrow(/TimestampRouter .* "orders" has none/);
  });

  it("refuses an empty topic name", () => {
    expect(() => router({ "topic.format": "" }).apply(source("orders", 0))).toThrow(/empty topic name/);
  });

  it("refuses an invalid pattern when configured and when validated", () => {
    expect(() => router({ "timestamp.format": "yyyy-qq" })).toThrow(ConfigError);
    expect(() => router({ "timestamp.format": "yyyy-qq" })).toThrow(
      /Invalid value "yyyy-qq" for configuration timestamp.format: Invalid SimpleDateFormat pattern "yyyy-qq": Illegal pattern character 'q'/,
    );
    const validation = new TimestampRouter().config().validate({ "timestamp.format": "'unterminated" });
    expect(validation.errorCount).toBe(1);
  });

  it("declares Kafka's keys and defaults", () => {
    const definitions = new TimestampRouter().config().definitions;
    expect(definitions.map((d) => [d.name, d.type, d.defaultValue, d.importance])).toEqual([
      ["topic.format", "STRING", "${topic}-${timestamp}", "HIGH"],
      ["timestamp.format", "STRING", "yyyyMMdd", "HIGH"],
    ]);
  });

  it("must be configured before use", () => {
    expect(() => new TimestampRouter().apply(source("t", 0))).toThrow(/has not been configured/);
  });
});
