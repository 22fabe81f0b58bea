/**
 * TimestampConverter$Key and TimestampConverter$Value against Kafka's (connect-transforms 4.1.1, through the Java
 * harness): every source and target type, Unix precisions, fields and whole values, with and without schemas.
 * The date patterns themselves are compared letter by letter in java-date-format.conformance.test.ts.
 */
import {
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  type Schema,
  SchemaBuilder,
  Schema as Schemas,
  Struct,
} from "@tributary/api";
import { describe, it } from "vitest";
import type { RecordDescription } from "../../../scripts/conformance/harness.js";
import { TimestampConverterKey, TimestampConverterValue } from "../src/index.js";
import { KAFKA, sink, source, TransformPair, useHarness } from "./conformance.js";
import { describeRecord } from "./record-description.js";

const harness = useHarness();

function convertValue(config: Record<string, string>): TransformPair {
  return new TransformPair(
    harness,
    `${KAFKA}TimestampConverter$Value`,
    () => new TimestampConverterValue(),
    config,
  );
}

function convertKey(config: Record<string, string>): TransformPair {
  return new TransformPair(
    harness,
    `${KAFKA}TimestampConverter$Key`,
    () => new TimestampConverterKey(),
    config,
  );
}

function struct(schema: Schema, values: Record<string, unknown>): Struct {
  const out = new Struct(schema);
  for (const [name, value] of Object.entries(values)) out.put(name, value);
  return out;
}

const DAY = 86_400_000;
const FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";
const TARGETS: Record<string, string>[] = [
  { "target.type": "string", format: FORMAT },
  { "target.type": "unix" },
  { "target.type": "unix", "unix.precision": "seconds" },
  { "target.type": "unix", "unix.precision": "microseconds" },
  { "target.type": "unix", "unix.precision": "nanoseconds" },
  { "target.type": "Date" },
  { "target.type": "Time" },
  { "target.type": "Timestamp" },
];
const INSTANTS = [1_700_000_000_123, 0, 19_675 * DAY, -1_500, -DAY - 1];

/** A whole value of each kind TimestampConverter reads, with its schema. */
function wholeValues(millis: number): [string, Schema, unknown][] {
  const day = Math.floor(millis / DAY) * DAY;
  return [
    ["a Timestamp", ConnectTimestamp.schema(), new Date(millis)],
    ["a Date", ConnectDate.schema(), new Date(day)],
    ["a Time", ConnectTime.schema(), new Date(millis - day)],
    ["a Unix INT64", Schemas.INT64_SCHEMA, BigInt(millis)],
    ["a string", Schemas.STRING_SCHEMA, new Date(millis).toISOString()],
  ];
}

describe("TimestampConverter of whole values with a schema, against Kafka", () => {
  it.each(TARGETS)("converts every kind of timestamp with %j", async (target) => {
    const pair = convertValue({ ...target, format: target.format ?? "yyyy-MM-dd'T'HH:mm:ss.SSSX" });
    for (const millis of INSTANTS) {
      for (const [, schema, value] of wholeValues(millis)) {
        await pair.expectSame(source({ valueSchema: schema, value }));
      }
    }
  });

  it("writes text with any pattern, reading text with the same pattern", async () => {
    const pair = convertValue({ "target.type": "string", format: "EEE d MMM yyyy HH:mm" });
    for (const millis of INSTANTS) {
      await pair.expectSame(source({ valueSchema: ConnectTimestamp.schema(), value: new Date(millis) }));
    }
    await pair.expectSame(source({ valueSchema: Schemas.STRING_SCHEMA, value: "Tue 14 Nov 2023 22:13" }));
  });

  it.each(["seconds", "microseconds", "nanoseconds"])(
    "reads INT64 Unix timestamps in %s",
    async (precision) => {
      const pair = convertValue({ "target.type": "Timestamp", "unix.precision": precision });
      for (const value of [1_700_000_000_123n, -1_500n, 999n, 2n ** 40n]) {
        await pair.expectSame(source({ valueSchema: Schemas.INT64_SCHEMA, value }));
      }
    },
  );

  it("converts optional timestamps, null values and tombstones", async () => {
    const pair = convertValue({ "target.type": "unix" });
    const optional = ConnectTimestamp.builder().optional().build();
    await pair.expectSame(source({ valueSchema: optional, value: new Date(5) }));
    await pair.expectSame(source({ valueSchema: optional, value: null }));
    await pair.expectSame(sink({ valueSchema: null, value: null }));
  });

  it("converts the key with TimestampConverter$Key", async () => {
    await convertKey({ "target.type": "string", format: FORMAT }).expectSame(
      sink({ keySchema: ConnectTimestamp.schema(), key: new Date(1_700_000_000_123), value: "v" }),
    );
  });

  it("fails as Kafka does on text that does not match the pattern", async () => {
    await convertValue({ "target.type": "unix", format: FORMAT }).expectBothFail(
      source({ valueSchema: Schemas.STRING_SCHEMA, value: "17/11/2023" }),
    );
  });

  it.each([
    ["an INT32", Schemas.INT32_SCHEMA, 5],
    ["a plain struct", SchemaBuilder.struct().field("a", Schemas.INT8_SCHEMA).build(), null],
  ])("fails as Kafka does on %s, which is no timestamp", async (_, schema, value) => {
    const data = schema.type === "STRUCT" ? struct(schema, { a: 1 }) : value;
    await convertValue({ "target.type": "unix", format: FORMAT }).expectBothFail(
      source({ valueSchema: schema, value: data }),
      "ConnectException",
    );
  });
});

describe("TimestampConverter of a field, against Kafka", () => {
  const event = SchemaBuilder.struct()
    .name("com.example.Event")
    .version(3)
    .field("id", Schemas.INT64_SCHEMA)
    .field("at", ConnectTimestamp.builder().optional().build())
    .field("seen", SchemaBuilder.string().optional().defaultValue("2020-01-01T00:00:00.000Z").build())
    .field("n", Schemas.INT32_SCHEMA)
    .build();
  const full = struct(event, {
    id: 1n,
    at: new Date(1_700_000_000_123),
    seen: "2023-11-14T22:13:20.123Z",
    n: 3,
  });
  const bare = struct(event, { id: 2n, n: 4 });

  it.each(TARGETS)(
    "converts a struct field with %j, keeping the other fields and the struct's name",
    async (target) => {
      for (const field of ["at", "seen"]) {
        const pair = convertValue({ ...target, field, format: target.format ?? FORMAT });
        await pair.expectSame(source({ valueSchema: event, value: full }));
        await pair.expectSame(source({ valueSchema: event, value: bare }));
      }
    },
  );

  it.each(["true", "false"])(
    "reads a null field with a default per replace.null.with.default=%s",
    async (flag) => {
      await convertValue({
        field: "seen",
        "target.type": "unix",
        format: FORMAT,
        "replace.null.with.default": flag,
      }).expectSame(source({ valueSchema: event, value: bare }));
    },
  );

  it.each(TARGETS)("converts a map entry with %j", async (target) => {
    const pair = convertValue({ ...target, field: "at", format: target.format ?? FORMAT });
    for (const at of [new Date(1_700_000_000_123), 1_700_000_000_123n, "2023-11-14T22:13:20.123Z", null]) {
      await pair.expectSame(
        source({
          value: new Map<string, unknown>([
            ["id", 1n],
            ["at", at],
          ]),
        }),
      );
    }
  });

  it("leaves a struct that lacks the field as it is, as Kafka does", async () => {
    await convertValue({ field: "absent", "target.type": "unix" }).expectSame(
      source({ valueSchema: event, value: full }),
    );
  });

  it("fails as Kafka does on a field that is not a timestamp", async () => {
    await convertValue({ field: "n", "target.type": "unix" }).expectBothFail(
      source({ valueSchema: event, value: full }),
      "ConnectException",
    );
  });

  it("fails as Kafka does on a schemaless Java Double, which is not a timestamp kind", async () => {
    const record: RecordDescription = {
      ...describeRecord(source()),
      value: [
        "map",
        [
          [
            ["string", "at"],
            ["float64", "4278bcfe56800000"],
          ],
        ],
      ],
    };
    const pair = convertValue({ field: "at", "target.type": "unix" });
    const { kafka } = await pair.outcomes(record);
    await pair.expectBothFail(record, kafka.ok ? "none" : kafka.error.split(":")[0]);
  });
});

describe("TimestampConverter configuration, against Kafka", () => {
  it.each([
    {},
    { "target.type": "date" },
    { "target.type": "string" },
    { "target.type": "string", format: "yyyy-MM-dd q" },
    { "target.type": "unix", "unix.precision": "minutes" },
  ])("both refuse %j", async (config) => {
    await convertValue(config).expectConfigRejected(
      source({ valueSchema: ConnectTimestamp.schema(), value: new Date(0) }),
    );
  });
});
