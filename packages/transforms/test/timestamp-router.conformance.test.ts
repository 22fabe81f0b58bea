/**
 * TimestampRouter against Kafka's (connect-transforms 4.1.1, through the Java harness): topic.format placeholders,
 * timestamp.format patterns (formatted in UTC), and what both refuse.
 */
/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${topic} and ${timestamp} are TimestampRouter's placeholders */
import { Header, SchemaBuilder, Schema as Schemas, Struct } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { TimestampRouter } from "../src/index.js";
import { KAFKA, sink, source, TransformPair, useHarness } from "./conformance.js";

const harness = useHarness();

function router(config: Record<string, string>): TransformPair {
  return new TransformPair(harness, `${KAFKA}TimestampRouter`, () => new TimestampRouter(), config);
}

const schema = SchemaBuilder.struct().name("V").field("a", Schemas.INT8_SCHEMA).build();

describe("TimestampRouter, against Kafka", () => {
  it.each([
    {},
    { "topic.format": "${topic}_${timestamp}", "timestamp.format": "yyyy-MM" },
    { "topic.format": "${timestamp}/${topic}/${timestamp}", "timestamp.format": "yyyy.MM.dd'T'HH" },
    { "topic.format": "archive", "timestamp.format": "yyyy" },
    { "topic.format": "${Topic}-${timestamp}-$", "timestamp.format": "EEE" },
    { "topic.format": "${topic}-${timestamp}", "timestamp.format": "" },
  ])("routes records by their timestamp with %j, keeping everything else", async (config) => {
    const pair = router(config);
    for (const timestamp of [1_700_000_000_123, 0, 951_782_400_000]) {
      await pair.expectSame(
        source({
          timestamp,
          kafkaPartition: 1,
          key: "k",
          valueSchema: schema,
          value: new Struct(schema).put("a", 1),
          headers: [new Header("h", null, "v")],
        }),
      );
      await pair.expectSame(sink({ topic: "clicks", timestamp, value: null }));
    }
  });

  it("replaces placeholders in the topic name it inserts, as Java's successive replace calls do", async () => {
    await router({}).expectSame(source({ topic: "a-${timestamp}" }));
  });

  it("fails as Kafka does on a record without a timestamp", async () => {
    await router({}).expectBothFail(source({ timestamp: null }));
  });

  it.each([{ "timestamp.format": "yyyy q" }, { "timestamp.format": "'open" }])(
    "both refuse %j",
    async (config) => {
      const { kafka, tributary } = await router(config).outcomes(source());
      // Kafka lets SimpleDateFormat's IllegalArgumentException out of configure; Tributary reports a ConfigError.
      expect(kafka).toMatchObject({ ok: false, error: expect.stringMatching(/^IllegalArgumentException: /) });
      expect(tributary).toMatchObject({ ok: false, code: "CONFIG" });
    },
  );
});
