/**
 * MaskField$Key and MaskField$Value against Kafka's (connect-transforms 4.1.1, through the Java harness): the
 * empty value of every type, replacements, defaults, maps and what both refuse.
 */
import {
  BigDecimal,
  ConnectDate,
  ConnectTimestamp,
  Decimal,
  type Schema,
  SchemaBuilder,
  Schema as Schemas,
  Struct,
} from "@tributary/api";
import { describe, expect, it } from "vitest";
import type { RecordDescription } from "../../../scripts/conformance/harness.js";
import { MaskFieldKey, MaskFieldValue } from "../src/index.js";
import { KAFKA, sink, source, TransformPair, useHarness } from "./conformance.js";
import { describeRecord } from "./record-description.js";

const harness = useHarness();

function maskValue(config: Record<string, string>): TransformPair {
  return new TransformPair(harness, `${KAFKA}MaskField$Value`, () => new MaskFieldValue(), config);
}

function maskKey(config: Record<string, string>): TransformPair {
  return new TransformPair(harness, `${KAFKA}MaskField$Key`, () => new MaskFieldKey(), config);
}

function struct(schema: Schema, values: Record<string, unknown>): Struct {
  const out = new Struct(schema);
  for (const [name, value] of Object.entries(values)) out.put(name, value);
  return out;
}

const person = SchemaBuilder.struct()
  .name("com.example.Person")
  .version(1)
  .field("i8", Schemas.INT8_SCHEMA)
  .field("i16", Schemas.INT16_SCHEMA)
  .field("i32", Schemas.INT32_SCHEMA)
  .field("i64", Schemas.INT64_SCHEMA)
  .field("f32", Schemas.FLOAT32_SCHEMA)
  .field("f64", Schemas.FLOAT64_SCHEMA)
  .field("flag", Schemas.BOOLEAN_SCHEMA)
  .field("name", Schemas.STRING_SCHEMA)
  .field("born", ConnectDate.schema())
  .field("seen", ConnectTimestamp.builder().optional().build())
  .field("tags", SchemaBuilder.array(Schemas.STRING_SCHEMA).build())
  .field("attrs", SchemaBuilder.map(Schemas.STRING_SCHEMA, Schemas.INT32_SCHEMA).build())
  .field("nick", SchemaBuilder.string().optional().defaultValue("anon").build())
  .field("note", Schemas.OPTIONAL_STRING_SCHEMA)
  .field("raw", Schemas.OPTIONAL_BYTES_SCHEMA)
  .build();

const alice = struct(person, {
  i8: 8,
  i16: 16,
  i32: 32,
  i64: 64n,
  f32: Math.fround(3.2),
  f64: 6.4,
  flag: true,
  name: "Alice",
  born: new Date(86_400_000 * 7000),
  seen: new Date(1_700_000_000_000),
  tags: ["a"],
  attrs: new Map([["k", 1]]),
  raw: new Uint8Array([1]),
});

const MASKABLE = "i8,i16,i32,i64,f32,f64,flag,name,born,seen,tags,attrs,nick,note";

describe("MaskField with a schema, against Kafka", () => {
  it("masks every maskable type with its empty value and keeps the schema", async () => {
    const pair = maskValue({ fields: MASKABLE });
    await pair.expectSame(source({ valueSchema: person, value: alice }));
    await pair.expectSame(sink({ valueSchema: person, value: alice }));
  });

  it.each(["123", "-1", "0"])("masks numbers and text with the replacement %j", async (replacement) => {
    await maskValue({ fields: "i8,i16,i32,i64,f32,f64,name,nick,note", replacement }).expectSame(
      source({ valueSchema: person, value: alice }),
    );
  });

  it.each(["1.5", "1e3", "9999999999"])("masks floats with the replacement %j", async (replacement) => {
    await maskValue({ fields: "f32,f64,name", replacement }).expectSame(
      source({ valueSchema: person, value: alice }),
    );
  });

  it.each(["300", "-129", "70000", "2147483648", "1.9"])(
    "reads the replacement %j for narrow integers as Kafka's Values does",
    async (replacement) => {
      const pair = maskValue({ fields: "i8,i16,i32", replacement });
      const record = source({ valueSchema: person, value: alice });
      const { kafka } = await pair.outcomes(record);
      if (kafka.ok) await pair.expectSame(record);
      else await pair.expectBothFail(record);
    },
  );

  it.each(["true", "false"])(
    "masks a null field with a default per replace.null.with.default=%s",
    async (flag) => {
      await maskValue({ fields: "nick,note", "replace.null.with.default": flag }).expectSame(
        source({ valueSchema: person, value: alice }),
      );
    },
  );

  it("ignores named fields the struct lacks", async () => {
    await maskValue({ fields: "name,absent" }).expectSame(source({ valueSchema: person, value: alice }));
  });

  it.each([
    ["raw", undefined],
    ["flag", "x"],
    ["born", "0"],
    ["tags", "x"],
    ["i32", "abc"],
  ])("fails as Kafka does when masking %s with the replacement %j", async (fields, replacement) => {
    const config = replacement === undefined ? { fields } : { fields, replacement };
    await maskValue(config).expectBothFail(source({ valueSchema: person, value: alice }));
  });

  it("masks the key with MaskField$Key", async () => {
    await maskKey({ fields: "name,i64" }).expectSame(
      source({ keySchema: person, key: alice, valueSchema: Schemas.STRING_SCHEMA, value: "v" }),
    );
  });

  it("fails as Kafka does on a tombstone, which has no fields to mask", async () => {
    await maskValue({ fields: "name" }).expectBothFail(sink({ valueSchema: person, value: null }));
    await maskValue({ fields: "name" }).expectBothFail(sink({ valueSchema: null, value: null }));
  });

  it("masks a Decimal with zero at the schema's scale, where Kafka writes an unscaled zero (a documented difference)", async () => {
    const schema = SchemaBuilder.struct().field("price", Decimal.schema(2)).build();
    const record = source({ valueSchema: schema, value: struct(schema, { price: BigDecimal.of(1999n, 2) }) });
    for (const [replacement, kafkaValue, ours] of [
      [undefined, ["decimal", "0", 0], ["decimal", "0", 2]],
      ["12.5", ["decimal", "125", 1], ["decimal", "1250", 2]],
    ] as const) {
      const config = replacement === undefined ? { fields: "price" } : { fields: "price", replacement };
      const { kafka, tributary } = await maskValue(config).outcomes(record);
      // Kafka's value does not have its schema's scale, so its own converters refuse to write the record.
      const priceOf = (outcome: typeof kafka) =>
        (
          (outcome as { record: RecordDescription }).record.value as [string, unknown, [string, unknown][]]
        )[2][0]?.[1];
      expect(priceOf(kafka)).toEqual(kafkaValue);
      expect(priceOf(tributary)).toEqual(ours);
    }
  });
});

describe("MaskField without a schema, against Kafka", () => {
  const map = new Map<string, unknown>([
    ["long", 5n],
    ["double", 2.5],
    ["text", "secret"],
    ["flag", true],
    ["list", [1n]],
    ["nested", new Map([["a", "b"]])],
    ["none", null],
    ["raw", new Uint8Array([1])],
  ]);

  it("masks each entry by its kind and adds missing ones as null", async () => {
    await maskValue({ fields: "long,double,text,flag,list,nested,none,absent" }).expectSame(
      source({ value: map }),
    );
  });

  it.each(["42", "-7"])("masks numbers and text with the replacement %j", async (replacement) => {
    await maskValue({ fields: "long,double,text", replacement }).expectSame(source({ value: map }));
  });

  it("masks Java Integers as the integers Tributary holds them as", async () => {
    const record: RecordDescription = {
      ...describeRecord(source()),
      value: [
        "map",
        [
          [
            ["string", "n"],
            ["int32", "12"],
          ],
        ],
      ],
    };
    await maskValue({ fields: "n" }).expectSame(record);
    await maskValue({ fields: "n", replacement: "99" }).expectSame(record);
  });

  it("fails as Kafka does on bytes, and on a value that is not a map", async () => {
    await maskValue({ fields: "raw" }).expectBothFail(source({ value: map }));
    await maskValue({ fields: "flag", replacement: "x" }).expectBothFail(source({ value: map }));
    await maskValue({ fields: "text" }).expectBothFail(source({ value: "text" }));
  });
});

describe("MaskField configuration, against Kafka", () => {
  it("both refuse a config without fields, and with an empty list of fields", async () => {
    await maskValue({}).expectConfigRejected(source({ value: new Map() }));
    await maskValue({ fields: "" }).expectConfigRejected(source({ value: new Map() }));
  });

  it("both refuse an empty replacement", async () => {
    await maskValue({ fields: "a", replacement: "" }).expectConfigRejected(source({ value: new Map() }));
  });
});
