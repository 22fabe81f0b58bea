import {
  ConfigError,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  DataError,
  Schema,
  SchemaBuilder,
  SinkRecord,
  SourceRecord,
  Struct,
} from "@tributary/api";
import { describe, expect, it } from "vitest";
import {
  type TimestampConverter,
  TimestampConverterKey,
  TimestampConverterValue,
} from "./timestamp-converter.js";

// The instants of Kafka's own TimestampConverterTest.
const DATE = new Date(86_400_000); // 1970-01-02
const TIME = new Date(1234); // 00:00:01.234
const DATE_PLUS_TIME = new Date(86_401_234);
const DATE_PLUS_TIME_UNIX = 86_401_234n;
const DATE_PLUS_TIME_UNIX_MICROS = 86_401_234_123n;
const DATE_PLUS_TIME_UNIX_NANOS = 86_401_234_123_456n;
const DATE_PLUS_TIME_UNIX_SECONDS = 86_401n;
const STRING_DATE_FMT = "yyyy MM dd HH mm ss SSS z";
const DATE_PLUS_TIME_STRING = "1970 01 02 00 00 01 234 UTC";

const OPTIONAL_DATE = ConnectDate.builder().optional().build();
const OPTIONAL_TIME = ConnectTime.builder().optional().build();
const OPTIONAL_TIMESTAMP = ConnectTimestamp.builder().optional().build();

function value(props: Record<string, unknown>): TimestampConverter<SourceRecord> {
  const transform = new TimestampConverterValue<SourceRecord>();
  transform.configure(props);
  return transform;
}

function record(schema: Schema | null, data: unknown): SourceRecord {
  return new SourceRecord({
    sourcePartition: {},
    sourceOffset: {},
    topic: "topic",
    kafkaPartition: 0,
    valueSchema: schema,
    value: data,
  });
}

function convert(props: Record<string, unknown>, schema: Schema | null, data: unknown): SourceRecord {
  return value(props).apply(record(schema, data));
}

describe("TimestampConverter configuration", () => {
  it.each([
    [{}, /Missing required configuration "target.type"/],
    [{ "target.type": "invalid" }, /String must be one of: string, unix, Date, Time, Timestamp/],
    [
      { "target.type": "unix", "unix.precision": "invalid" },
      /unix.precision: String must be one of: nanoseconds, microseconds, milliseconds, seconds/,
    ],
    [
      { "target.type": "string" },
      /format: TimestampConverter requires format option to be specified when using string timestamps/,
    ],
    [
      { "target.type": "string", format: "bad-format" },
      /format: Invalid SimpleDateFormat pattern "bad-format": Illegal pattern character 'b'/,
    ],
  ])("refuses %o", (props, message) => {
    expect(() => value(props)).toThrow(ConfigError);
    expect(() => value(props)).toThrow(message);
  });

  it("accepts a valid precision and reports the missing format when validating", () => {
    expect(() => value({ "target.type": "unix", "unix.precision": "seconds" })).not.toThrow();
    const validation = new TimestampConverterValue().config().validate({ "target.type": "string" });
    expect(validation.errorCount).toBe(1);
  });

  it("declares Kafka's keys and defaults", () => {
    const definitions = new TimestampConverterValue().config().definitions;
    expect(definitions.map((d) => [d.name, d.type, d.required ? "required" : d.defaultValue])).toEqual([
      ["field", "STRING", ""],
      ["target.type", "STRING", "required"],
      ["format", "STRING", ""],
      ["unix.precision", "STRING", "milliseconds"],
      ["replace.null.with.default", "BOOLEAN", true],
    ]);
  });
});

describe("TimestampConverter without schemas", () => {
  it.each([
    ["Timestamp", DATE_PLUS_TIME, DATE_PLUS_TIME],
    ["Date", DATE_PLUS_TIME, DATE],
    ["Time", DATE_PLUS_TIME, TIME],
    ["unix", DATE_PLUS_TIME, DATE_PLUS_TIME_UNIX],
    ["Timestamp", DATE, DATE],
    ["Timestamp", TIME, TIME],
    ["Timestamp", DATE_PLUS_TIME_UNIX, DATE_PLUS_TIME],
    ["Timestamp", DATE_PLUS_TIME_STRING, DATE_PLUS_TIME],
    ["string", DATE_PLUS_TIME, DATE_PLUS_TIME_STRING],
  ] as const)("converts to %s: %s", (target, input, expected) => {
    const transformed = convert({ "target.type": target, format: STRING_DATE_FMT }, null, input);
    expect(transformed.valueSchema).toBeNull();
    expect(transformed.value).toEqual(expected);
  });

  it.each(["string", "Date", "Timestamp", "unix", "Time"])(
    "keeps a null value or field null (%s)",
    (target) => {
      const props = { "target.type": target, format: STRING_DATE_FMT };
      expect(convert(props, null, null).value).toBeNull();
      expect(convert({ ...props, field: "ts" }, null, null).value).toBeNull();
      expect(convert({ ...props, field: "ts" }, null, new Map([["ts", null]])).value).toEqual(
        new Map([["ts", null]]),
      );
    },
  );

  it("converts a field of a Map, leaving the others and the original Map alone", () => {
    const input = new Map<string, unknown>([
      ["ts", DATE_PLUS_TIME],
      ["other", "x"],
    ]);
    const transformed = convert({ "target.type": "Date", field: "ts" }, null, input);
    expect(transformed.value).toEqual(
      new Map<string, unknown>([
        ["ts", DATE],
        ["other", "x"],
      ]),
    );
    expect(input.get("ts")).toBe(DATE_PLUS_TIME);
  });

  it("adds a field the Map lacks as null, as Kafka does", () => {
    const transformed = convert({ "target.type": "Date", field: "ts" }, null, new Map([["other", 1]]));
    expect(transformed.value).toEqual(
      new Map<string, unknown>([
        ["other", 1],
        ["ts", null],
      ]),
    );
  });

  it.each([
    ["seconds", DATE_PLUS_TIME_UNIX_SECONDS],
    ["microseconds", 86_401_234_000n],
    ["nanoseconds", 86_401_234_000_000n],
  ])("writes Unix time in %s, losing what is below a millisecond", (precision, expected) => {
    const props = { "target.type": "unix", "unix.precision": precision, format: STRING_DATE_FMT };
    expect(convert(props, null, DATE_PLUS_TIME_STRING).value).toBe(expected);
  });

  it("refuses values that are not timestamps, naming the topic", () => {
    expect(() => convert({ "target.type": "Date" }, null, 42)).toThrow(DataError);
    expect(() => convert({ "target.type": "Date" }, null, 42)).toThrow(
      /TimestampConverter\$Value cannot convert the value of the record on topic "topic" to Date: a timestamp must be a Date, a bigint or a string, not the number 42 \(Unix timestamps are INT64 values, which are bigints/,
    );
    expect(() => convert({ "target.type": "Date", field: "ts" }, null, "not a map")).toThrow(
      /works on Map values/,
    );
  });

  it("refuses text that does not match the format, and text when no format is set", () => {
    expect(() =>
      convert(
        { "target.type": "unix", format: "yyyy-MM-dd", field: "ts" },
        null,
        new Map([["ts", "03/01/2017"]]),
      ),
    ).toThrow(
      /cannot convert field "ts" of the record on topic "topic" to unix: Unparseable date: "03\/01\/2017" does not match the pattern "yyyy-MM-dd"/,
    );
    expect(() => convert({ "target.type": "unix" }, null, "2017-01-03")).toThrow(
      /set format to the SimpleDateFormat pattern/,
    );
  });
});

describe("TimestampConverter with schemas", () => {
  it.each([
    ["Timestamp", ConnectTimestamp.schema(), DATE_PLUS_TIME, ConnectTimestamp.schema(), DATE_PLUS_TIME],
    ["Date", ConnectTimestamp.schema(), DATE_PLUS_TIME, ConnectDate.schema(), DATE],
    ["Time", ConnectTimestamp.schema(), DATE_PLUS_TIME, ConnectTime.schema(), TIME],
    ["unix", ConnectTimestamp.schema(), DATE_PLUS_TIME, Schema.INT64_SCHEMA, DATE_PLUS_TIME_UNIX],
    ["string", ConnectTimestamp.schema(), DATE_PLUS_TIME, Schema.STRING_SCHEMA, DATE_PLUS_TIME_STRING],
    ["Timestamp", ConnectDate.schema(), DATE, ConnectTimestamp.schema(), DATE],
    ["Timestamp", ConnectTime.schema(), TIME, ConnectTimestamp.schema(), TIME],
    ["Timestamp", Schema.INT64_SCHEMA, DATE_PLUS_TIME_UNIX, ConnectTimestamp.schema(), DATE_PLUS_TIME],
    ["Timestamp", Schema.STRING_SCHEMA, DATE_PLUS_TIME_STRING, ConnectTimestamp.schema(), DATE_PLUS_TIME],
  ] as const)("converts to %s from %s", (target, schema, input, expectedSchema, expected) => {
    const transformed = convert({ "target.type": target, format: STRING_DATE_FMT }, schema, input);
    expect(transformed.valueSchema?.equals(expectedSchema)).toBe(true);
    expect(transformed.value).toEqual(expected);
  });

  const optionalSources = [
    Schema.OPTIONAL_INT64_SCHEMA,
    OPTIONAL_TIME,
    OPTIONAL_DATE,
    Schema.OPTIONAL_STRING_SCHEMA,
    OPTIONAL_TIMESTAMP,
  ];
  const optionalTargets = [
    ["Timestamp", OPTIONAL_TIMESTAMP],
    ["Time", OPTIONAL_TIME],
    ["Date", OPTIONAL_DATE],
    ["string", Schema.OPTIONAL_STRING_SCHEMA],
    ["unix", Schema.OPTIONAL_INT64_SCHEMA],
  ] as const;

  it.each(optionalTargets)("keeps a null value null, with the optional %s schema", (target, expected) => {
    for (const source of optionalSources) {
      const transformed = convert({ "target.type": target, format: STRING_DATE_FMT }, source, null);
      expect(transformed.valueSchema?.equals(expected)).toBe(true);
      expect(transformed.value).toBeNull();
    }
  });

  it.each(optionalTargets)("keeps a null field null, and a null struct null (%s)", (target, expected) => {
    for (const source of optionalSources) {
      const props = { "target.type": target, format: STRING_DATE_FMT, field: "ts" };
      const struct = SchemaBuilder.struct().field("ts", source).field("other", Schema.STRING_SCHEMA);
      const expectedStruct = SchemaBuilder.struct()
        .field("ts", expected)
        .field("other", Schema.STRING_SCHEMA);
      const original = new Struct(struct.build()).put("ts", null).put("other", "test");
      const transformed = convert(props, struct.build(), original);
      expect(transformed.valueSchema?.equals(expectedStruct.build())).toBe(true);
      expect((transformed.value as Struct).get("ts")).toBeNull();

      const nullStruct = convert(props, struct.optional().build(), null);
      expect(nullStruct.valueSchema?.equals(expectedStruct.optional().build())).toBe(true);
      expect(nullStruct.value).toBeNull();
    }
  });

  it("converts a field, keeping the struct's other fields and its name, and builds the schema once", () => {
    const schema = SchemaBuilder.struct()
      .name("com.example.Event")
      .version(2)
      .field("ts", Schema.INT64_SCHEMA)
      .field("other", Schema.STRING_SCHEMA)
      .build();
    const transform = value({ "target.type": "Timestamp", field: "ts" });
    const first = transform.apply(
      record(schema, new Struct(schema).put("ts", DATE_PLUS_TIME_UNIX).put("other", "test")),
    );
    const expected = SchemaBuilder.struct()
      .name("com.example.Event")
      .version(2)
      .field("ts", ConnectTimestamp.schema())
      .field("other", Schema.STRING_SCHEMA)
      .build();
    expect(first.valueSchema?.equals(expected)).toBe(true);
    expect((first.value as Struct).get("ts")).toEqual(DATE_PLUS_TIME);
    expect((first.value as Struct).get("other")).toBe("test");
    const second = transform.apply(record(schema, new Struct(schema).put("ts", 0n).put("other", "x")));
    expect(second.valueSchema).toBe(first.valueSchema);
  });

  it.each([
    ["microseconds", DATE_PLUS_TIME_UNIX_MICROS, DATE_PLUS_TIME],
    ["nanoseconds", DATE_PLUS_TIME_UNIX_NANOS, DATE_PLUS_TIME],
    ["seconds", DATE_PLUS_TIME_UNIX_SECONDS, new Date(86_401_000)],
    ["microseconds", -1500n, new Date(-1)],
  ] as const)("reads Unix time in %s, truncating toward zero as Java does", (precision, input, expected) => {
    const schema = SchemaBuilder.struct().field("ts", Schema.INT64_SCHEMA).build();
    const transformed = convert(
      { "target.type": "Timestamp", field: "ts", "unix.precision": precision },
      schema,
      new Struct(schema).put("ts", input),
    );
    expect((transformed.value as Struct).get("ts")).toEqual(expected);
  });

  it.each([
    [true, new Date(0)],
    [false, null],
  ])(
    "reads a null field with a default as the default only when replace.null.with.default is %s",
    (replace, expected) => {
      const schema = SchemaBuilder.struct()
        .field("ts", SchemaBuilder.int64().optional().defaultValue(0n).build())
        .field("other", Schema.STRING_SCHEMA)
        .build();
      const props = { "target.type": "Timestamp", field: "ts", "replace.null.with.default": replace };
      const transformed = convert(props, schema, new Struct(schema).put("ts", null).put("other", "test"));
      const expectedSchema = SchemaBuilder.struct()
        .field("ts", OPTIONAL_TIMESTAMP)
        .field("other", Schema.STRING_SCHEMA)
        .build();
      expect(transformed.valueSchema?.equals(expectedSchema)).toBe(true);
      expect((transformed.value as Struct).getWithoutDefault("ts")).toEqual(expected);
    },
  );

  it("converts the struct schema's default value too", () => {
    // A struct default must carry the schema it defaults, as it stands when the default is set.
    const plain = SchemaBuilder.struct().field("ts", Schema.INT64_SCHEMA).optional().build();
    const schema = SchemaBuilder.from(plain).defaultValue(new Struct(plain).put("ts", 86_400_000n)).build();
    const transformed = convert({ "target.type": "Date", field: "ts" }, schema, null);
    const defaultValue = transformed.valueSchema?.defaultValue as Struct;
    expect(defaultValue.get("ts")).toEqual(DATE);
    expect(transformed.valueSchema?.field("ts")?.schema.equals(ConnectDate.schema())).toBe(true);
  });

  it("passes a struct that lacks the field unchanged, as Kafka does", () => {
    const schema = SchemaBuilder.struct().field("other", Schema.STRING_SCHEMA).build();
    const transformed = convert(
      { "target.type": "Date", field: "ts" },
      schema,
      new Struct(schema).put("other", "x"),
    );
    expect(transformed.valueSchema?.equals(schema)).toBe(true);
    expect((transformed.value as Struct).get("other")).toBe("x");
  });

  it("refuses a schema that is not a timestamp, and a value that is not a Struct", () => {
    expect(() => convert({ "target.type": "Date" }, Schema.INT32_SCHEMA, 5)).toThrow(
      /cannot convert the value of the record on topic "topic" to Date: the schema Schema\{INT32\} is not a timestamp/,
    );
    const schema = SchemaBuilder.struct().field("ts", Schema.INT32_SCHEMA).build();
    expect(() =>
      convert({ "target.type": "Date", field: "ts" }, schema, new Struct(schema).put("ts", 1)),
    ).toThrow(/cannot convert field "ts"/);
    expect(() => convert({ "target.type": "Date", field: "ts" }, Schema.STRING_SCHEMA, "x")).toThrow(
      /works on Struct values/,
    );
  });
});

describe("TimestampConverter$Key", () => {
  it("converts the key and keeps the value, on sink records too", () => {
    const transform = new TimestampConverterKey<SinkRecord>();
    transform.configure({ "target.type": "Timestamp" });
    const sink = new SinkRecord({
      topic: "topic",
      kafkaPartition: 0,
      kafkaOffset: 9n,
      key: DATE_PLUS_TIME_UNIX,
      value: "v",
    });
    const transformed = transform.apply(sink);
    expect(transformed).toBeInstanceOf(SinkRecord);
    expect(transformed.keySchema).toBeNull();
    expect(transformed.key).toEqual(DATE_PLUS_TIME);
    expect(transformed.value).toBe("v");
    expect(transformed.kafkaOffset).toBe(9n);
  });
});
