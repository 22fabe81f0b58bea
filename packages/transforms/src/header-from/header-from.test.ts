import {
  ConfigError,
  DataError,
  Headers,
  Schema,
  SchemaBuilder,
  SinkRecord,
  SourceRecord,
  Struct,
} from "@tributary/api";
import { describe, expect, it } from "vitest";
import { HeaderFromConfig, HeaderFromKey, HeaderFromValue } from "./header-from.js";

const schema = SchemaBuilder.struct()
  .name("com.example.Order")
  .version(2)
  .doc("an order")
  .field("id", Schema.INT64_SCHEMA)
  .field("trace", Schema.OPTIONAL_STRING_SCHEMA)
  .field("region", SchemaBuilder.string().optional().defaultValue("eu").build())
  .build();

function order(trace: string | null = "t-1", region: string | null = "us"): Struct {
  return new Struct(schema).put("id", 7n).put("trace", trace).put("region", region);
}

function value(props: Record<string, string>): HeaderFromValue {
  const transform = new HeaderFromValue();
  transform.configure(props);
  return transform;
}

function sink(valueSchema: Schema | null, data: unknown, headers = new Headers()) {
  return new SinkRecord({
    topic: "orders",
    kafkaPartition: 0,
    kafkaOffset: 4n,
    valueSchema,
    value: data,
    headers,
  });
}

function headerList(headers: Headers) {
  return [...headers].map((header) => [header.key, header.value, header.schema?.type ?? null]);
}

describe("HeaderFrom with a schema", () => {
  it("copies fields into headers with their schemas, after the existing headers, leaving the value as it is", () => {
    const record = sink(schema, order(), new Headers().addString("old", "x"));
    const out = value({ fields: "trace,id", headers: "trace-id,order-id", operation: "copy" }).apply(record);
    expect(headerList(out.headers)).toEqual([
      ["old", "x", "STRING"],
      ["trace-id", "t-1", "STRING"],
      ["order-id", 7n, "INT64"],
    ]);
    expect(out.headers.lastWithName("trace-id")?.schema).toBe(Schema.OPTIONAL_STRING_SCHEMA);
    expect(out.valueSchema).toBe(schema);
    expect(out.value).toBe(record.value);
    expect(record.headers.size).toBe(1);
  });

  it("moves fields: the new schema keeps name, version and doc, and is built once per source schema", () => {
    const transform = value({ fields: "trace", headers: "trace-id", operation: "move" });
    const out = transform.apply(sink(schema, order()));
    const expected = SchemaBuilder.struct()
      .name("com.example.Order")
      .version(2)
      .doc("an order")
      .field("id", Schema.INT64_SCHEMA)
      .field("region", SchemaBuilder.string().optional().defaultValue("eu").build())
      .build();
    expect(out.valueSchema?.equals(expected)).toBe(true);
    expect((out.value as Struct).equals(new Struct(expected).put("id", 7n).put("region", "us"))).toBe(true);
    expect(headerList(out.headers)).toEqual([["trace-id", "t-1", "STRING"]]);
    expect(transform.apply(sink(schema, order("t-2"))).valueSchema).toBe(out.valueSchema);
  });

  it("reads a null field with a default as the default unless replace.null.with.default is false", () => {
    const props = { fields: "region", headers: "r", operation: "copy" };
    expect(
      value(props)
        .apply(sink(schema, order("t", null)))
        .headers.lastWithName("r")?.value,
    ).toBe("eu");
    const raw = value({ ...props, "replace.null.with.default": "false" });
    expect(raw.apply(sink(schema, order("t", null))).headers.lastWithName("r")?.value).toBeNull();
    const moved = value({
      fields: "trace",
      headers: "t",
      operation: "move",
      "replace.null.with.default": "false",
    });
    expect(
      (moved.apply(sink(schema, order("t", null))).value as Struct).getWithoutDefault("region"),
    ).toBeNull();
  });

  it("works on the key of a source record with HeaderFrom$Key", () => {
    const transform = new HeaderFromKey();
    transform.configure({ fields: "id", headers: "id", operation: "move" });
    const record = new SourceRecord({
      sourcePartition: {},
      sourceOffset: {},
      topic: "orders",
      keySchema: schema,
      key: order(),
      valueSchema: Schema.STRING_SCHEMA,
      value: "v",
    });
    const out = transform.apply(record);
    expect(out).toBeInstanceOf(SourceRecord);
    expect(out.keySchema?.field("id")).toBeUndefined();
    expect(out.headers.lastWithName("id")?.value).toBe(7n);
    expect(out.value).toBe("v");
  });

  it("reports a field the schema lacks, naming transform, field and topic", () => {
    const transform = value({ fields: "nope", headers: "h", operation: "copy" });
    expect(() => transform.apply(sink(schema, order()))).toThrow(DataError);
    expect(() => transform.apply(sink(schema, order()))).toThrow(
      /HeaderFrom\$Value needs field "nope", but the record on topic "orders"/,
    );
  });

  it("fails on a tombstone or a value that is not a Struct, as Kafka does", () => {
    const transform = value({ fields: "id", headers: "h", operation: "copy" });
    expect(() => transform.apply(sink(SchemaBuilder.struct().optional().build(), null))).toThrow(
      /HeaderFrom\$Value works on Struct values .* topic "orders"/,
    );
    expect(() => transform.apply(sink(Schema.STRING_SCHEMA, "x"))).toThrow(DataError);
  });
});

describe("HeaderFrom without a schema", () => {
  const map = () =>
    new Map<string, unknown>([
      ["id", 7n],
      ["trace", "t-1"],
      ["region", null],
    ]);

  it("copies entries into schemaless headers; a missing entry gives a null header", () => {
    const data = map();
    const out = value({ fields: "trace,missing", headers: "t,m", operation: "copy" }).apply(sink(null, data));
    expect(headerList(out.headers)).toEqual([
      ["t", "t-1", null],
      ["m", null, null],
    ]);
    expect(out.value).toEqual(map());
    expect(out.valueSchema).toBeNull();
  });

  it("moves entries out of a copy of the map, leaving the original as it was", () => {
    const data = map();
    const out = value({ fields: "trace,id", headers: "t,i", operation: "move" }).apply(sink(null, data));
    expect(out.value).toEqual(new Map([["region", null]]));
    expect(data).toEqual(map());
    expect(headerList(out.headers)).toEqual([
      ["t", "t-1", null],
      ["i", 7n, null],
    ]);
  });

  it("fails on a schemaless tombstone or a value that is not a Map", () => {
    const transform = value({ fields: "id", headers: "h", operation: "move" });
    expect(() => transform.apply(sink(null, null))).toThrow(/works on Map values/);
    expect(() => transform.apply(sink(null, "text"))).toThrow(DataError);
  });
});

describe("HeaderFrom configuration", () => {
  it.each([
    [{ headers: "h", operation: "copy" }, "fields", /Missing required configuration "fields"/],
    [{ fields: "", headers: "h", operation: "copy" }, "fields", /give at least one field/],
    [{ fields: "a", headers: "", operation: "copy" }, "headers", /give at least one header/],
    [{ fields: "a", headers: "h" }, "operation", /Missing required configuration "operation"/],
    [{ fields: "a", headers: "h", operation: "Move" }, "operation", /Move/],
    [{ fields: "a,b", headers: "h", operation: "copy" }, "headers", /names 1 header\(s\) but fields names 2/],
  ])("refuses %j on %s when validating and configuring", (props, key, message) => {
    const validation = HeaderFromConfig.validate(props);
    const entry = validation.configs.find((config) => config.value.name === key);
    expect(entry?.value.errors).toHaveLength(1);
    expect(entry?.value.errors[0]).toMatch(message);
    expect(() => new HeaderFromValue().configure(props)).toThrow(ConfigError);
  });

  it("defaults replace.null.with.default to true", () => {
    expect(
      HeaderFromConfig.parse({ fields: "a", headers: "h", operation: "move" })["replace.null.with.default"],
    ).toBe(true);
  });

  it("refuses to apply before it is configured", () => {
    expect(() => new HeaderFromKey().apply(sink(null, null))).toThrow(
      /HeaderFrom\$Key has not been configured/,
    );
  });
});
