/**
 * Cast$Key and Cast$Value against Kafka's (connect-transforms 4.1.1, through the Java harness): the same spec and
 * records on both sides must give the same records, schemas and errors.
 */
import {
  BigDecimal,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  Decimal,
  type Schema,
  SchemaBuilder,
  Schema as Schemas,
  Struct,
} from "@tributary/api";
import { describe, expect, it } from "vitest";
import type { RecordDescription } from "../../../scripts/conformance/harness.js";
import { CastKey, CastValue } from "../src/index.js";
import { KAFKA, sink, source, TransformPair, useHarness } from "./conformance.js";
import { describeRecord } from "./record-description.js";

const harness = useHarness();
const javaMajor = () => Number.parseInt(harness().versions.java, 10);
const DAY = 86_400_000;

function castValue(config: Record<string, string>): TransformPair {
  return new TransformPair(harness, `${KAFKA}Cast$Value`, () => new CastValue(), config);
}

function castKey(config: Record<string, string>): TransformPair {
  return new TransformPair(harness, `${KAFKA}Cast$Key`, () => new CastKey(), config);
}

/** A struct of `schema` with the given fields set (others left null). */
function struct(schema: Schema, values: Record<string, unknown>): Struct {
  const out = new Struct(schema);
  for (const [name, value] of Object.entries(values)) out.put(name, value);
  return out;
}

const primitives = SchemaBuilder.struct()
  .name("com.example.Primitives")
  .version(3)
  .doc("one field of each primitive type")
  .parameter("origin", "test")
  .field("i8", Schemas.INT8_SCHEMA)
  .field("i16", Schemas.INT16_SCHEMA)
  .field("i32", Schemas.INT32_SCHEMA)
  .field("i64", Schemas.INT64_SCHEMA)
  .field("f32", Schemas.FLOAT32_SCHEMA)
  .field("f64", Schemas.FLOAT64_SCHEMA)
  .field("bool", Schemas.BOOLEAN_SCHEMA)
  .field("str", Schemas.STRING_SCHEMA)
  .field("bytes", Schemas.BYTES_SCHEMA)
  .field("opt", Schemas.OPTIONAL_INT32_SCHEMA)
  .field("dflt", SchemaBuilder.int32().optional().defaultValue(7).build())
  .field("kept", Schemas.STRING_SCHEMA)
  .build();

const sample = struct(primitives, {
  i8: -128,
  i16: 300,
  i32: 2_147_483_647,
  i64: -(2n ** 63n),
  f32: Math.fround(3.4028234663852886e38),
  f64: -2.9,
  bool: true,
  str: "-17",
  bytes: new Uint8Array([0, 1, 254, 255]),
  kept: "unchanged",
});

const ALL_TYPES = ["int8", "int16", "int32", "int64", "float32", "float64", "boolean", "string"] as const;

describe("Cast$Value with a schema, against Kafka", () => {
  it.each(ALL_TYPES)("casts every numeric and boolean field to %s, narrowing as Java does", async (type) => {
    const spec = ["i8", "i16", "i32", "i64", "f32", "f64", "bool", "opt", "dflt"].map((f) => `${f}:${type}`);
    await castValue({ spec: spec.join(",") }).expectSame(source({ valueSchema: primitives, value: sample }));
  });

  it("casts text fields to numbers and booleans, and bytes to base64 text", async () => {
    const pair = castValue({ spec: "str:int64,bytes:string" });
    const out = await pair.expectSame(sink({ valueSchema: primitives, value: sample }));
    expect(out?.value).toMatchObject([
      "struct",
      expect.anything(),
      expect.arrayContaining([["bytes", ["string", "AAH+/w=="]]]),
    ]);
  });

  it.each([
    ["int8", "127"],
    ["int8", "-129"],
    ["int16", "+32767"],
    ["int32", "2147483648"],
    ["int32", " 12"],
    ["int32", "12.5"],
    ["int32", "0x10"],
    ["int64", "-9223372036854775808"],
    ["int64", "١٢"],
    ["float32", "3.4028236e38"],
    ["float32", "1e-46"],
    ["float64", " 1e3 "],
    ["float64", "0x1.8p1"],
    ["float64", "Infinity"],
    ["float64", "-NaN"],
    ["float64", "1d"],
    ["float64", "1_000"],
    ["boolean", "TRUE"],
    ["boolean", "yes"],
    ["boolean", " true"],
  ])("casts the text field to %s as Java parses %j", async (type, text) => {
    const schema = SchemaBuilder.struct().field("s", Schemas.STRING_SCHEMA).build();
    const pair = castValue({ spec: `s:${type}` });
    const record = source({ valueSchema: schema, value: struct(schema, { s: text }) });
    const { kafka } = await pair.outcomes(record);
    if (kafka.ok) await pair.expectSame(record);
    else await pair.expectBothFail(record);
  });

  it.each([
    [1e10],
    [0.1],
    [100],
    [-0],
    [1e-5],
    [123456789.125],
    [Number.NaN],
    [Number.NEGATIVE_INFINITY],
    [Number.MIN_VALUE],
  ])("prints the double %d as Java's Double.toString", async (value) => {
    const schema = SchemaBuilder.struct()
      .field("d", Schemas.FLOAT64_SCHEMA)
      .field("f", Schemas.FLOAT32_SCHEMA)
      .build();
    const pair = castValue({ spec: "d:string,f:string" });
    const record = source({
      valueSchema: schema,
      value: struct(schema, { d: value, f: Math.fround(value) }),
    });
    if (javaMajor() >= 19) {
      await pair.expectSame(record);
      return;
    }
    // Java 17's Float/Double.toString sometimes write more digits than needed (1.23456792E8 for the float
    // 1.2345679E8); Java 19 and later, and Tributary, write the shortest text that reads back as the same number.
    const { kafka, tributary } = await pair.outcomes(record);
    const text = (outcome: typeof kafka, field: string) =>
      (
        (outcome as { record: RecordDescription }).record.value as [
          string,
          unknown,
          [string, [string, string]][],
        ]
      )[2].find(([name]) => name === field)?.[1][1] ?? "";
    for (const field of ["d", "f"]) {
      const ours = text(tributary, field);
      const java = text(kafka, field);
      if (ours !== java) {
        const read = field === "f" ? (text: string) => Math.fround(Number(text)) : Number;
        expect(read(ours)).toBe(read(java));
        expect(ours.length).toBeLessThan(java.length);
      }
    }
  });

  it.each([
    ["12.34", 2],
    ["-0.005", 3],
    ["1.2E+3", -2],
    ["98765432109876543210.9", 1],
    ["0", 0],
  ])("casts the Decimal %s (scale %d) to every type", async (text, scale) => {
    const unscaled = BigInt(
      text
        .replace(/E\+\d+$/, "")
        .replace(".", "")
        .replace("-0", "-"),
    );
    const decimal = BigDecimal.of(unscaled, scale);
    const schema = SchemaBuilder.struct().field("d", Decimal.schema(scale)).build();
    for (const type of ALL_TYPES) {
      await castValue({ spec: `d:${type}` }).expectSame(
        source({ valueSchema: schema, value: struct(schema, { d: decimal }) }),
      );
    }
  });

  it.each([
    ["at midnight", 19_675 * DAY],
    ["with a time of day", 19_675 * DAY + 3_723_004],
    ["before the epoch", -DAY - 1],
    ["on the epoch day", 1234],
  ])("casts Date, Time and Timestamp values %s to numbers and text", async (_, millis) => {
    const schema = SchemaBuilder.struct()
      .field("ts", ConnectTimestamp.schema())
      .field("day", ConnectDate.builder().optional().build())
      .field("time", ConnectTime.builder().optional().build())
      .build();
    const value = struct(schema, {
      ts: new Date(millis),
      day: new Date(Math.floor(millis / DAY) * DAY),
      time: new Date(((millis % DAY) + DAY) % DAY),
    });
    for (const type of ["int32", "int64", "float64", "string", "boolean"]) {
      await castValue({ spec: `ts:${type},day:${type},time:${type}` }).expectSame(
        source({ valueSchema: schema, value }),
      );
    }
  });

  it("casts fields' defaults into the new schema and keeps optionality", async () => {
    const schema = SchemaBuilder.struct()
      .optional()
      .field("n", SchemaBuilder.int64().defaultValue(42n).build())
      .field("b", SchemaBuilder.bool().optional().defaultValue(false).build())
      .field("d", SchemaBuilder.float64().defaultValue(0.25).build())
      .build();
    const pair = castValue({ spec: "n:string,b:int8,d:float32" });
    await pair.expectSame(source({ valueSchema: schema, value: struct(schema, { n: 1n, d: 2.5 }) }));
    await pair.expectSame(source({ valueSchema: schema, value: null }));
  });

  it.each(["true", "false"])(
    "reads null fields with defaults per replace.null.with.default=%s",
    async (flag) => {
      const schema = SchemaBuilder.struct()
        .field("n", SchemaBuilder.int32().optional().defaultValue(5).build())
        .field("m", SchemaBuilder.string().optional().defaultValue("x").build())
        .build();
      const pair = castValue({ spec: "n:string", "replace.null.with.default": flag });
      await pair.expectSame(source({ valueSchema: schema, value: new Struct(schema) }));
    },
  );

  it("copies nested structs, arrays and maps it is not asked to cast", async () => {
    const inner = SchemaBuilder.struct().name("Inner").field("x", Schemas.INT32_SCHEMA).build();
    const schema = SchemaBuilder.struct()
      .field("inner", inner)
      .field("list", SchemaBuilder.array(Schemas.STRING_SCHEMA).build())
      .field("map", SchemaBuilder.map(Schemas.STRING_SCHEMA, Schemas.INT64_SCHEMA).optional().build())
      .field("n", Schemas.INT16_SCHEMA)
      .build();
    const value = struct(schema, {
      inner: struct(inner, { x: 1 }),
      list: ["a", "b"],
      map: new Map([["k", 1n]]),
      n: 5,
    });
    await castValue({ spec: "n:float64,missing:int8" }).expectSame(sink({ valueSchema: schema, value }));
  });

  it.each([
    ["inner:string", "a struct field"],
    ["list:string", "an array field"],
    ["map:int32", "a map field"],
    ["bytes:int32", "bytes to a number"],
  ])("fails as Kafka does on %s (%s)", async (spec) => {
    const inner = SchemaBuilder.struct().field("x", Schemas.INT32_SCHEMA).build();
    const schema = SchemaBuilder.struct()
      .field("inner", inner)
      .field("list", SchemaBuilder.array(Schemas.STRING_SCHEMA).build())
      .field("map", SchemaBuilder.map(Schemas.STRING_SCHEMA, Schemas.INT64_SCHEMA).build())
      .field("bytes", Schemas.BYTES_SCHEMA)
      .build();
    const value = struct(schema, {
      inner: struct(inner, { x: 1 }),
      list: ["a"],
      map: new Map([["k", 1n]]),
      bytes: new Uint8Array([1]),
    });
    await castValue({ spec }).expectBothFail(source({ valueSchema: schema, value }));
  });

  it("fails as Kafka does when a field spec meets a value that is not a struct", async () => {
    await castValue({ spec: "a:int32" }).expectBothFail(
      source({ valueSchema: Schemas.INT32_SCHEMA, value: 5 }),
      "DataException",
    );
  });

  it("passes tombstones through unchanged", async () => {
    await castValue({ spec: "a:int32" }).expectSame(sink({ valueSchema: null, value: null }));
    await castValue({ spec: "int32" }).expectSame(
      sink({ valueSchema: Schemas.OPTIONAL_INT64_SCHEMA, value: null }),
    );
  });
});

describe("Cast of whole values, against Kafka", () => {
  it.each(ALL_TYPES)("casts a named, versioned, optional INT64 value with a default to %s", async (type) => {
    const schema = SchemaBuilder.int64()
      .name("com.example.Id")
      .version(2)
      .doc("id")
      .optional()
      .defaultValue(9n)
      .build();
    await castValue({ spec: type }).expectSame(source({ valueSchema: schema, value: 2n ** 40n + 3n }));
  });

  it("casts the key and leaves the value alone", async () => {
    const pair = castKey({ spec: "string" });
    await pair.expectSame(
      sink({
        keySchema: Schemas.FLOAT32_SCHEMA,
        key: Math.fround(1.1),
        valueSchema: primitives,
        value: sample,
      }),
    );
    await pair.expectSame(sink({ keySchema: null, key: null, value: "v" }));
  });

  it("casts key fields with Cast$Key", async () => {
    await castKey({ spec: "i64:int32, str : int8 ,bool:string" }).expectSame(
      source({ keySchema: primitives, key: sample, valueSchema: Schemas.STRING_SCHEMA, value: "v" }),
    );
  });

  it("drops the logical name when casting a whole Timestamp, where Kafka keeps it (a documented difference)", async () => {
    const pair = castValue({ spec: "int64" });
    const record = source({ valueSchema: ConnectTimestamp.schema(), value: new Date(1_700_000_000_123) });
    const { kafka, tributary } = await pair.outcomes(record);
    // Kafka keeps the name on a schema whose value is now a Long, which its own converters then refuse.
    expect(kafka).toMatchObject({
      ok: true,
      record: {
        valueSchema: { type: "INT64", name: ConnectTimestamp.LOGICAL_NAME },
        value: ["int64", "1700000000123"],
      },
    });
    expect(tributary).toMatchObject({
      ok: true,
      record: { valueSchema: { type: "INT64" }, value: ["int64", "1700000000123"] },
    });
    expect((tributary as { record: RecordDescription }).record.valueSchema).not.toHaveProperty("name");
  });

  it("casts a whole Timestamp to text as Kafka prints it, without the logical name Kafka keeps", async () => {
    const pair = castValue({ spec: "string" });
    const { kafka, tributary } = await pair.outcomes(
      source({ valueSchema: ConnectTimestamp.schema(), value: new Date(1_700_000_000_123) }),
    );
    const text = ["string", "2023-11-14T22:13:20.123Z"];
    expect(kafka).toMatchObject({
      ok: true,
      record: {
        valueSchema: { type: "STRING", name: ConnectTimestamp.LOGICAL_NAME, version: 1 },
        value: text,
      },
    });
    expect(tributary).toMatchObject({
      ok: true,
      record: { valueSchema: { type: "STRING", optional: false }, value: text },
    });
    expect((tributary as { record: RecordDescription }).record.valueSchema).toEqual({
      type: "STRING",
      optional: false,
    });
  });
});

describe("Cast without a schema, against Kafka", () => {
  it("casts named fields of a map and adds the missing ones as null", async () => {
    const value = new Map<string, unknown>([
      ["big", 2n ** 40n],
      ["text", "12"],
      ["flag", true],
      ["raw", new Uint8Array([104, 105])],
      ["other", "kept"],
    ]);
    await castValue({ spec: "big:int32,text:int64,flag:float64,raw:string,absent:int8" }).expectSame(
      source({ value }),
    );
  });

  it("casts Java Integers, Shorts and Floats in a map as the numbers Tributary holds them as", async () => {
    const record: RecordDescription = {
      ...describeRecord(source()),
      value: [
        "map",
        [
          [
            ["string", "i"],
            ["int32", "300"],
          ],
          [
            ["string", "s"],
            ["int16", "-2"],
          ],
          [
            ["string", "f"],
            ["float32", "3fc00000"],
          ],
        ],
      ],
    };
    await castValue({ spec: "i:int8,s:int64,f:int32" }).expectSame(record);
  });

  it("casts a schemaless whole value", async () => {
    await castValue({ spec: "int16" }).expectSame(source({ value: "-300" }));
    await castValue({ spec: "boolean" }).expectSame(source({ value: 2n }));
    await castKey({ spec: "float32" }).expectSame(source({ key: 7n, value: null }));
  });

  it("fails as Kafka does on a schemaless value that is not a map, and on a nested map", async () => {
    await castValue({ spec: "a:int32" }).expectBothFail(source({ value: "text" }));
    await castValue({ spec: "a:int32" }).expectBothFail(
      source({ value: new Map([["a", new Map([["b", 1n]])]]) }),
    );
  });
});

describe("Cast configuration, against Kafka", () => {
  it.each(["", "a:faketype", "a:bytes", "a:array", "struct", "a:int8:extra", "a:int8,int32"])(
    "both refuse the spec %j",
    async (spec) => {
      await castValue({ spec }).expectConfigRejected();
    },
  );

  it("both refuse a config without spec", async () => {
    await castValue({}).expectConfigRejected();
  });

  it("both refuse a replace.null.with.default that is not a boolean", async () => {
    await castValue({ spec: "int32", "replace.null.with.default": "maybe" }).expectConfigRejected();
  });
});
