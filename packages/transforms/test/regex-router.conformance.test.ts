/**
 * RegexRouter against Kafka's (connect-transforms 4.1.1, through the Java harness): whole-topic matching, the
 * first match replaced, groups, and what both refuse. The regular-expression engine itself is compared pattern by
 * pattern in java-regex.conformance.test.ts.
 */
import { Header, SchemaBuilder, Schema as Schemas, Struct } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { RegexRouter } from "../src/index.js";
import { KAFKA, sink, source, TransformPair, useHarness } from "./conformance.js";

const harness = useHarness();

function router(config: Record<string, string>): TransformPair {
  return new TransformPair(harness, `${KAFKA}RegexRouter`, () => new RegexRouter(), config);
}

const schema = SchemaBuilder.struct().name("V").field("a", Schemas.INT8_SCHEMA).build();
const TOPICS = ["orders-20240117", "orders", "eu.orders-1", "orders-2024-01", "ORDERS-1"];

describe("RegexRouter, against Kafka", () => {
  it.each([
    ["(.*)-(\\d+)", "$1"],
    ["(.*)-(\\d+)", "$2_$1"],
    ["(?<name>[a-z.]+)-(?<n>\\d+)", "${n}.${name}"],
    ["orders(.*)", "sales$1"],
    ["(?i)orders-(\\d)", "o$1"],
    ["(o)(r)", "$2$1"],
    ["(.*)", "\\$$1\\\\"],
    ["[a-z]+", "x"],
  ])("routes topics matching /%s/ to %j, keeping everything else", async (regex, replacement) => {
    const pair = router({ regex, replacement });
    for (const topic of TOPICS) {
      await pair.expectSame(
        source({
          topic,
          kafkaPartition: 2,
          key: "k",
          valueSchema: schema,
          value: new Struct(schema).put("a", 1),
          headers: [new Header("h", Schemas.STRING_SCHEMA, "v")],
        }),
      );
      await pair.expectSame(sink({ topic, kafkaOffset: 9n, value: null }));
    }
  });

  it("replaces only the first match, as Java's replaceFirst, after matching the whole topic", async () => {
    const out = await router({ regex: "(a)(.*)", replacement: "b$2" }).expectSame(source({ topic: "aaa" }));
    expect(out?.topic).toBe("baa");
  });

  it.each([
    [{ regex: "(", replacement: "x" }],
    [{ regex: "a++", replacement: "x" }],
    [{ replacement: "x" }],
    [{ regex: "a" }],
  ] as Record<string, string>[][])(
    "rejects %j when configured, as Kafka does, except for the possessive quantifier only Tributary refuses",
    async (config) => {
      const pair = router(config);
      const { kafka, tributary } = await pair.outcomes(source({ topic: "aaa" }));
      expect(tributary).toMatchObject({ ok: false, code: "CONFIG" });
      if (config?.regex === "a++") {
        // Java can match a possessive quantifier; JavaScript cannot, so Tributary refuses it (a documented difference).
        expect(kafka).toMatchObject({ ok: true, record: { topic: "x" } });
      } else {
        expect(kafka).toMatchObject({ ok: false, error: expect.stringMatching(/^ConfigException: /) });
      }
    },
  );

  it.each([
    ["(a)", "$2"],
    ["(a)", "x$"],
  ])(
    "refuses the replacement %j for /%s/ when configured, where Kafka fails on every matching record",
    async (regex, replacement) => {
      const pair = router({ regex, replacement });
      const { kafka, tributary } = await pair.outcomes(source({ topic: "a" }));
      expect(tributary).toMatchObject({ ok: false, code: "CONFIG" });
      expect(kafka).toMatchObject({
        ok: false,
        error: expect.stringMatching(/^(IndexOutOfBounds|IllegalArgument)Exception: /),
      });
    },
  );
});
