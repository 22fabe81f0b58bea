/**
 * JsonConverter against Apache Kafka's own JsonConverter (4.1.1, run by the Java conformance harness): for the same
 * data both must write the same bytes, and each must read those bytes back to the same data. Fails, never skips,
 * when Java is missing.
 */
import {
  BigDecimal,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  Decimal,
  Headers,
  Schema,
  SchemaBuilder,
  Struct,
} from "@tributary/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type JavaHarness,
  JavaHarnessError,
  startJavaHarness,
  type ValueDescription,
} from "../../../scripts/conformance/harness.js";
import { JsonConverter } from "../src/index.js";
import { describe as describeData, normalized } from "./data-description.js";

let harness: JavaHarness;
let javaMajor = 0;
beforeAll(async () => {
  harness = await startJavaHarness();
  javaMajor = Number.parseInt(harness.versions.java, 10);
});
afterAll(async () => {
  await harness?.close();
});

type Config = Record<string, string>;
const TOPIC = "orders";
const headers = new Headers();
const ENVELOPE: Config = {};
const PLAIN: Config = { "schemas.enable": "false" };
const NUMERIC: Config = { "decimal.format": "NUMERIC" };
const KEEP_NULL: Config = { "replace.null.with.default": "false" };

const converters = new Map<string, JsonConverter>();
function converter(config: Config): JsonConverter {
  const key = JSON.stringify(config);
  let found = converters.get(key);
  if (found === undefined) {
    found = new JsonConverter();
    found.configure(config, false);
    converters.set(key, found);
  }
  return found;
}

const base64 = (bytes: Uint8Array | null): string | null =>
  bytes === null ? null : Buffer.from(bytes).toString("base64");
const text = (b64: string | null): string | null =>
  b64 === null ? null : Buffer.from(b64, "base64").toString("utf8");

/** Writes with both converters and expects the same bytes; returns them. */
async function sameBytes(schema: Schema | null, value: unknown, config: Config): Promise<string | null> {
  const kafka = await harness.request("json.fromConnect", {
    config,
    isKey: false,
    topic: TOPIC,
    data: describeData(schema, value),
  });
  const ours = base64(converter(config).fromConnectData(TOPIC, headers, schema, value));
  expect(text(ours)).toBe(text(kafka.bytes));
  expect(ours).toBe(kafka.bytes);
  return ours;
}

/** Reads the bytes with both converters and expects the same data, down to each value's Java class. */
async function sameReading(bytes: string | null, config: Config) {
  const kafka = await harness.request("json.toConnect", { config, isKey: false, topic: TOPIC, bytes });
  const ours = converter(config).toConnectData(
    TOPIC,
    headers,
    bytes === null ? null : Buffer.from(bytes, "base64"),
  );
  expect(normalized(describeData(ours.schema, ours.value))).toEqual(normalized(kafka.data));
  return ours;
}

/** Same bytes, same reading of them, and (with the envelope) the original data back. */
async function conforms(schema: Schema | null, value: unknown, config: Config = ENVELOPE, roundTrips = true) {
  const bytes = await sameBytes(schema, value, config);
  const read = await sameReading(bytes, config);
  if (roundTrips && config["schemas.enable"] !== "false") {
    expect(normalized(describeData(read.schema, read.value))).toEqual(
      normalized(describeData(schema, value)),
    );
    // Read and written again, by Kafka and by Tributary, the bytes come out the same; Kafka reads maps into
    // HashMaps, so it may write their entries in another order, and then only the data compares.
    const kafka = await harness.request("json.roundTrip", { config, isKey: false, topic: TOPIC, bytes });
    const description = describeData(schema, value);
    if (hasLargerMap(description.value)) {
      expect(normalized(kafka.data)).toEqual(normalized(description));
    } else {
      expect(kafka.bytes).toBe(bytes);
    }
    expect(base64(converter(config).fromConnectData(TOPIC, headers, read.schema, read.value))).toBe(bytes);
  }
}

/** True when the value holds a map of more than one entry, whose order a Java HashMap does not keep. */
function hasLargerMap(value: ValueDescription): boolean {
  if (value === null) return false;
  switch (value[0]) {
    case "map":
      return value[1].length > 1 || value[1].some(([key, item]) => hasLargerMap(key) || hasLargerMap(item));
    case "array":
      return value[1].some(hasLargerMap);
    case "struct":
      return value[2].some(([, item]) => hasLargerMap(item));
    default:
      return false;
  }
}

/** A small deterministic generator of 32-bit unsigned integers (mulberry32). */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const jsonBytes = (json: string): string => Buffer.from(json, "utf8").toString("base64");

describe("JsonConverter conformance with Kafka 4.1.1", () => {
  it("talks to the pinned Kafka release", () => {
    expect(harness.versions.kafka).toBe("4.1.1");
  });

  describe("every schema type", () => {
    const cases: [string, Schema, unknown[]][] = [
      ["INT8", Schema.INT8_SCHEMA, [0, -128, 127]],
      ["INT16", Schema.INT16_SCHEMA, [-32768, 32767, 5]],
      ["INT32", Schema.INT32_SCHEMA, [-2147483648, 2147483647, 42]],
      ["INT64", Schema.INT64_SCHEMA, [0n, -(2n ** 63n), 2n ** 63n - 1n, 2n ** 53n + 1n, -(2n ** 53n) - 3n]],
      ["FLOAT32", Schema.FLOAT32_SCHEMA, [0, 1.5, -2.25, 3.4028234663852886e38, 1.401298464324817e-45]],
      ["FLOAT64", Schema.FLOAT64_SCHEMA, [0, 1, 0.1, -1.5e-7, 1e20, 12345.678]],
      ["BOOLEAN", Schema.BOOLEAN_SCHEMA, [true, false]],
      ["STRING", Schema.STRING_SCHEMA, ["", "plain", 'quote " and \\ backslash']],
      ["BYTES", Schema.BYTES_SCHEMA, [new Uint8Array(), new Uint8Array([0, 255, 1, 2, 3])]],
      ["ARRAY", SchemaBuilder.array(Schema.INT32_SCHEMA).build(), [[], [1, 2, 3]]],
      [
        "MAP (string keys)",
        SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA).build(),
        [
          new Map([
            ["a", 1n],
            ["b", 2n],
          ]),
        ],
      ],
      [
        "MAP (int keys)",
        SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build(),
        [
          new Map([
            [1, "a"],
            [2, "b"],
          ]),
        ],
      ],
    ];
    for (const [name, schema, values] of cases) {
      it(`${name}: same bytes, read back the same, with and without the envelope`, async () => {
        for (const value of values) {
          await conforms(schema, value);
          await conforms(schema, value, PLAIN);
        }
      });
    }

    it("STRUCT, with a name, version, doc and parameters in Kafka's key order", async () => {
      const schema = SchemaBuilder.struct()
        .name("com.example.Order")
        .version(3)
        .doc("an order")
        .parameter("zeta", "1")
        .parameter("alpha", "2")
        .field("id", Schema.INT64_SCHEMA)
        .field("note", SchemaBuilder.string().optional().doc("free text").build())
        .build();
      const value = new Struct(schema).put("id", 7n).put("note", "fragile");
      await conforms(schema, value);
      await conforms(schema, value, PLAIN);
    });

    it("optional schemas of every type with a null value", async () => {
      for (const schema of [
        Schema.OPTIONAL_INT8_SCHEMA,
        Schema.OPTIONAL_INT64_SCHEMA,
        Schema.OPTIONAL_FLOAT32_SCHEMA,
        Schema.OPTIONAL_STRING_SCHEMA,
        Schema.OPTIONAL_BYTES_SCHEMA,
        SchemaBuilder.array(Schema.INT8_SCHEMA).optional().build(),
        SchemaBuilder.struct().field("a", Schema.INT8_SCHEMA).optional().build(),
      ]) {
        await conforms(schema, null);
        await conforms(schema, null, PLAIN);
      }
    });
  });

  describe("logical types", () => {
    it("Decimal as base64 and as a JSON number, at several scales", async () => {
      const cases: [number, string[]][] = [
        [2, ["12.34", "1.56", "-0.01", "0.00", "-128.00", "99999999999999999999999999999999.99"]],
        [0, ["0", "1", "-1", "123456789012345678901234567890"]],
        [-3, ["1E+3", "-7E+3"]],
        [10, ["0.0000000001", "-3.1415926535"]],
      ];
      for (const [scale, values] of cases) {
        const schema = Decimal.schema(scale);
        for (const literal of values) {
          const value = BigDecimal.parse(literal);
          await conforms(schema, value);
          await conforms(schema, value, NUMERIC);
          // Read without a schema, a number is an INT64 or FLOAT64 (see "schemaless data"), so only bytes compare.
          await sameBytes(schema, value, { ...NUMERIC, ...PLAIN });
        }
      }
    });

    it("Date, Time and Timestamp as integers", async () => {
      await conforms(ConnectDate.schema(), new Date(Date.UTC(2024, 1, 29)));
      await conforms(ConnectDate.schema(), new Date(Date.UTC(1900, 0, 1)));
      await conforms(ConnectTime.schema(), new Date(0));
      await conforms(ConnectTime.schema(), new Date(86_399_999));
      for (const millis of [0, -1, 1_700_000_000_123, 253_402_300_799_999, -62_135_596_800_000]) {
        await conforms(ConnectTimestamp.schema(), new Date(millis));
        await conforms(ConnectTimestamp.schema(), new Date(millis), PLAIN);
      }
    });
  });

  describe("nesting", () => {
    const item = SchemaBuilder.struct()
      .name("com.example.Item")
      .field("sku", Schema.STRING_SCHEMA)
      .field("qty", Schema.INT32_SCHEMA)
      .field("price", Decimal.builder(2).optional().build())
      .build();
    const point = SchemaBuilder.struct()
      .field("x", Schema.INT32_SCHEMA)
      .field("y", Schema.INT32_SCHEMA)
      .build();
    const itemOf = (sku: string, qty: number) => new Struct(item).put("sku", sku).put("qty", qty);

    it("arrays of structs, structs in maps and maps with struct and array keys", async () => {
      const schema = SchemaBuilder.struct()
        .name("com.example.Basket")
        .field("items", SchemaBuilder.array(item).build())
        .field("bySku", SchemaBuilder.map(Schema.STRING_SCHEMA, item).build())
        .field("byPoint", SchemaBuilder.map(point, Schema.STRING_SCHEMA).build())
        .field(
          "byPath",
          SchemaBuilder.map(SchemaBuilder.array(Schema.INT16_SCHEMA).build(), Schema.BOOLEAN_SCHEMA).build(),
        )
        .field("matrix", SchemaBuilder.array(SchemaBuilder.array(Schema.FLOAT64_SCHEMA).build()).build())
        .field(
          "tags",
          SchemaBuilder.map(Schema.STRING_SCHEMA, SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .optional()
            .build(),
        )
        .build();
      const value = new Struct(schema)
        .put("items", [itemOf("a", 1).put("price", BigDecimal.parse("9.99")), itemOf("b", 2)])
        .put("bySku", new Map([["a", itemOf("a", 1)]]))
        .put("byPoint", new Map([[new Struct(point).put("x", 1).put("y", -1), "south-east"]]))
        .put(
          "byPath",
          new Map([
            [[1, 2, 3], true],
            [[], false],
          ]),
        )
        .put("matrix", [[1.5, -2.5], [], [1e-300]])
        .put("tags", null);
      await conforms(schema, value);
      await conforms(schema, value, NUMERIC);
      await conforms(schema, value, PLAIN);
    });

    it("a top-level array of optional structs and a map of maps", async () => {
      const array = SchemaBuilder.array(
        SchemaBuilder.struct().field("n", Schema.INT8_SCHEMA).optional().build(),
      ).build();
      const element = new Struct(array.valueSchema()).put("n", 1);
      await conforms(array, [element, null, element]);
      const nested = SchemaBuilder.map(
        Schema.INT64_SCHEMA,
        SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT8_SCHEMA).build(),
      ).build();
      await conforms(
        nested,
        new Map([
          [1n, new Map([["x", 1]])],
          [-1n, new Map()],
        ]),
      );
    });
  });

  describe("nulls and defaults", () => {
    const schema = SchemaBuilder.struct()
      .name("com.example.Defaults")
      .field("qty", SchemaBuilder.int32().defaultValue(1).build())
      .field("label", SchemaBuilder.string().optional().defaultValue("none").build())
      .field("price", Decimal.builder(2).optional().defaultValue(BigDecimal.parse("0.50")).build())
      .field("sizes", SchemaBuilder.array(Schema.INT8_SCHEMA).optional().defaultValue([1, 2]).build())
      .field(
        "attrs",
        SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA)
          .optional()
          .defaultValue(new Map([["k", "v"]]))
          .build(),
      )
      .field("at", ConnectTimestamp.builder().optional().defaultValue(new Date(0)).build())
      .field("note", Schema.OPTIONAL_STRING_SCHEMA)
      .build();
    const optionalOnly = SchemaBuilder.struct()
      .field("label", SchemaBuilder.string().optional().defaultValue("none").build())
      .field("n", SchemaBuilder.int64().optional().defaultValue(5n).build())
      .build();

    it("writes the defaults in the schema and in place of nulls (replace.null.with.default=true)", async () => {
      await conforms(schema, new Struct(schema), ENVELOPE, false);
      await conforms(schema, new Struct(schema), NUMERIC, false);
      await conforms(schema, new Struct(schema).put("qty", 3).put("label", "x"), PLAIN);
    });

    it("keeps nulls with replace.null.with.default=false", async () => {
      await conforms(optionalOnly, new Struct(optionalOnly), KEEP_NULL);
      await conforms(optionalOnly, new Struct(optionalOnly), { ...KEEP_NULL, ...PLAIN });
    });

    it("both refuse a null for a required field when nulls are kept", async () => {
      const data = describeData(schema, new Struct(schema));
      await expect(
        harness.request("json.fromConnect", { config: KEEP_NULL, isKey: false, topic: TOPIC, data }),
      ).rejects.toThrow(/DataException/);
      expect(() => converter(KEEP_NULL).fromConnectData(TOPIC, headers, schema, new Struct(schema))).toThrow(
        /qty/,
      );
    });

    it("reads nulls and missing fields as the defaults, or as null when asked", async () => {
      const withNulls = converter(ENVELOPE).fromConnectData(
        TOPIC,
        headers,
        optionalOnly,
        new Struct(optionalOnly).put("label", "x"),
      );
      const json = Buffer.from(withNulls ?? []).toString("utf8");
      for (const payload of ['{"label":null,"n":null}', "{}", '{"n":7}']) {
        const bytes = jsonBytes(json.replace(/"payload":.*\}$/, `"payload":${payload}}`));
        await sameReading(bytes, ENVELOPE);
        await sameReading(bytes, KEEP_NULL);
      }
    });

    it("a top-level null with a schema is an envelope with a null (or default) payload, not a tombstone", async () => {
      await conforms(Schema.OPTIONAL_STRING_SCHEMA, null);
      await conforms(SchemaBuilder.int16().optional().defaultValue(9).build(), null, ENVELOPE, false);
      await conforms(SchemaBuilder.int16().optional().defaultValue(9).build(), null, KEEP_NULL);
    });
  });

  describe("tombstones", () => {
    it("a null schema and value are null bytes, and null bytes read as null", async () => {
      for (const config of [ENVELOPE, PLAIN]) {
        expect(await sameBytes(null, null, config)).toBeNull();
        const read = await sameReading(null, config);
        expect(read).toEqual({ schema: null, value: null });
      }
    });
  });

  describe("floating point", () => {
    const doubles = [
      0.1, 0.3, 1, 100, 1e7, 9999999, 0.001, 0.0009, 1e20, 1e-7, 123456789, 4.35, 5e-324, 1.5e-323,
      2.2250738585072014e-308, 1.7976931348623157e308, 1e22, -2.5,
    ];
    const floats = [
      0.1, 0.3, 1, 1e10, 3.3, 16777216, 1.401298464324817e-45, 9.8e-45, -410269.125, 264082.625,
      3.4028234663852886e38,
    ];

    it("doubles and floats: Java's shortest text, read back exactly", async () => {
      for (const value of doubles) {
        await conforms(Schema.FLOAT64_SCHEMA, value);
        await conforms(null, value, PLAIN);
      }
      for (const value of floats) await conforms(Schema.FLOAT32_SCHEMA, Math.fround(value));
    });

    it("random bit patterns: equal bytes on Java 19+, and on any Java the same values read back", async () => {
      const random = seeded(20_251_125);
      const view = new DataView(new ArrayBuffer(8));
      const pick = (single: boolean): number => {
        for (;;) {
          view.setUint32(0, random());
          view.setUint32(4, random());
          const value = single ? view.getFloat32(0) : view.getFloat64(0);
          if (Number.isFinite(value)) return value;
        }
      };
      for (const single of [false, true]) {
        const schema = SchemaBuilder.array(single ? Schema.FLOAT32_SCHEMA : Schema.FLOAT64_SCHEMA).build();
        const values = Array.from({ length: 2000 }, () => pick(single));
        if (javaMajor >= 19) {
          await conforms(schema, values);
          continue;
        }
        const kafka = await harness.request("json.fromConnect", {
          config: ENVELOPE,
          isKey: false,
          topic: TOPIC,
          data: describeData(schema, values),
        });
        const ours = base64(converter(ENVELOPE).fromConnectData(TOPIC, headers, schema, values));
        for (const bytes of [ours, kafka.bytes])
          expect((await sameReading(bytes, ENVELOPE)).value).toEqual(values);
      }
    });

    it("negative zero is written -0.0; Kafka reads it as 0.0, Tributary keeps the sign", async () => {
      for (const schema of [Schema.FLOAT64_SCHEMA, Schema.FLOAT32_SCHEMA]) {
        const bytes = await sameBytes(schema, -0, ENVELOPE);
        const kafka = await harness.request("json.toConnect", {
          config: ENVELOPE,
          isKey: false,
          topic: TOPIC,
          bytes,
        });
        expect(kafka.data.value).toEqual([
          schema === Schema.FLOAT64_SCHEMA ? "float64" : "float32",
          schema === Schema.FLOAT64_SCHEMA ? "0000000000000000" : "00000000",
        ]);
        const ours = converter(ENVELOPE).toConnectData(TOPIC, headers, Buffer.from(bytes ?? "", "base64"));
        expect(Object.is(ours.value, -0)).toBe(true);
      }
    });

    it('NaN and the infinities are written as strings ("NaN"); Kafka reads them as 0.0, Tributary as the numbers', async () => {
      for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
        for (const schema of [Schema.FLOAT64_SCHEMA, Schema.FLOAT32_SCHEMA]) {
          const bytes = await sameBytes(schema, value, ENVELOPE);
          expect(text(bytes)).toContain(`"payload":"${String(value)}"`);
          const kafka = await harness.request("json.toConnect", {
            config: ENVELOPE,
            isKey: false,
            topic: TOPIC,
            bytes,
          });
          expect((kafka.data.value as [string, string])[1]).toMatch(/^0+$/);
          const ours = converter(ENVELOPE).toConnectData(TOPIC, headers, Buffer.from(bytes ?? "", "base64"));
          expect(ours.value).toBe(value);
        }
      }
    });

    it("values Java 17 prints with a superfluous digit: equal bytes on Java 19+, the same value read back on any", async () => {
      const cases: [Schema, number][] = [
        [Schema.FLOAT64_SCHEMA, 1e23],
        [Schema.FLOAT64_SCHEMA, 1e-323],
        [Schema.FLOAT64_SCHEMA, Number("2.82879384806159E17")],
        [Schema.FLOAT64_SCHEMA, Number("5.684341886080802E-14")],
        [Schema.FLOAT32_SCHEMA, Math.fround(-1.5257099e8)],
        [Schema.FLOAT32_SCHEMA, Math.fround(1.17549435e-38)],
        [Schema.FLOAT32_SCHEMA, Math.fround(4.18937487e18)],
      ];
      for (const [schema, value] of cases) {
        if (javaMajor >= 19) {
          await conforms(schema, value);
          continue;
        }
        const kafka = await harness.request("json.fromConnect", {
          config: ENVELOPE,
          isKey: false,
          topic: TOPIC,
          data: describeData(schema, value),
        });
        const ours = base64(converter(ENVELOPE).fromConnectData(TOPIC, headers, schema, value));
        // Java 17 adds a digit; both texts denote the same number, so each side reads either back to the value.
        for (const bytes of [ours, kafka.bytes]) {
          const read = await sameReading(bytes, ENVELOPE);
          expect(read.value).toBe(value);
        }
      }
    });
  });

  describe("strings", () => {
    it("escapes exactly what Jackson escapes: quotes, backslashes, C0 controls and surrogates", async () => {
      const strings = [
        "\u0000\u0001\u0008\u0009\u000a\u000b\u000c\u000d\u001f\u007f",
        "é ü ß 中文 \u2028\u2029 / <tag>",
        "emoji 😀 and 𝄞 clef",
        '\\"\\u0041',
      ];
      for (const value of strings) {
        await conforms(Schema.STRING_SCHEMA, value);
        await conforms(
          SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build(),
          new Map([[value, value]]),
        );
        await conforms(null, value, PLAIN);
      }
      // Lone surrogates: the harness cannot carry them back to describe Kafka's reading, so only bytes compare.
      const lone = "lone \ud800 and \udfff surrogates";
      const bytes = await sameBytes(Schema.STRING_SCHEMA, lone, ENVELOPE);
      expect(text(bytes)).toContain("lone \\uD800 and \\uDFFF surrogates");
      expect(
        converter(ENVELOPE).toConnectData(TOPIC, headers, Buffer.from(bytes ?? "", "base64")).value,
      ).toBe(lone);
      const named = SchemaBuilder.struct()
        .name('we"ird\nname')
        .doc("é\u0001")
        .field('fïeld "x"', Schema.STRING_SCHEMA)
        .build();
      await conforms(named, new Struct(named).put('fïeld "x"', "v"));
    });
  });

  describe("schemaless data", () => {
    const value = new Map<unknown, unknown>([
      ["int", 7n],
      ["big", 2n ** 62n],
      ["double", 2.5],
      ["whole double", 3],
      ["text", "héllo"],
      ["flag", true],
      ["nothing", null],
      ["bytes", new Uint8Array([1, 2, 3])],
      ["list", [1n, "two", [3.5], new Map([["deep", false]])]],
      [
        "pairs",
        new Map<unknown, unknown>([
          [1n, "one"],
          [2n, "two"],
        ]),
      ],
    ]);

    it("writes maps, arrays and primitives by their kind, with and without the envelope", async () => {
      // Read back without a schema, bytes are a base64 string and a map with other keys an array of pairs.
      await conforms(null, value, PLAIN);
      await conforms(null, value, ENVELOPE, false);
      await conforms(null, [1n, 2.5, "x", null, new Uint8Array([255])], PLAIN);
      await conforms(null, -(2n ** 63n), PLAIN);
    });

    it("reads any JSON: integers as INT64, fractions as FLOAT64, objects as maps", async () => {
      for (const json of [
        '{"a":1,"b":-2.5,"c":"x","d":[true,false,null],"e":{"f":{}},"g":[]}',
        "[9223372036854775807,-9223372036854775808,1.0,1e2,0.1,12345678901234567890.5]",
        '"just a string"',
        "42",
        '  \n\t{ "spaced" : [ 1 , 2 ] }  ',
        '{"esc\\u00e9\\/":"\\ud83d\\ude00"}',
        "00012",
      ]) {
        await sameReading(jsonBytes(json), PLAIN);
        await sameReading(jsonBytes(`{"schema":null,"payload":${json}}`), ENVELOPE);
      }
      await sameReading(jsonBytes(""), PLAIN);
    });

    it("both refuse Structs, Decimals and Dates without a schema", async () => {
      const struct = new Struct(SchemaBuilder.struct().field("a", Schema.INT8_SCHEMA).build()).put("a", 1);
      for (const item of [struct, BigDecimal.parse("1.5"), new Date(0)]) {
        await expect(
          harness.request("json.fromConnect", {
            config: PLAIN,
            isKey: false,
            topic: TOPIC,
            data: describeData(null, item),
          }),
        ).rejects.toThrow(/DataException/);
        expect(() => converter(PLAIN).fromConnectData(TOPIC, headers, null, item)).toThrow(/need a schema/);
      }
    });
  });

  describe("reading JSON that Kafka did not write", () => {
    it("accepts what Kafka accepts: whitespace, payload before schema, leading zeros, escapes, a byte order mark", async () => {
      const schema =
        '{"type":"struct","fields":[{"type":"int32","optional":false,"field":"n"},{"type":"string","optional":true,"field":"s"}],"optional":false}';
      for (const json of [
        `{"payload":{"s":"x","n":5},"schema":${schema}}`,
        `{ "schema" : ${schema} , "payload" : { "n" : 007 , "s" : "\\u0041\\n" , "extra" : [1, {"deep": null}] } }`,
        `\ufeff{"schema":${schema},"payload":{"n":-1}}`,
        '{"schema":{"type":"int64","optional":false},"payload":9223372036854775807}',
        '{"schema":{"type":"double","optional":false},"payload":1}',
        '{"schema":{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":"2"}},"payload":1.50}',
      ]) {
        await sameReading(jsonBytes(json), ENVELOPE);
      }
    });

    it("both refuse what is not JSON or not an envelope", async () => {
      for (const json of [
        "nope",
        "{",
        '{"schema":null}',
        '{"payload":1}',
        '{"schema":null,"payload":1,"x":2}',
        "[1,2]",
        '{"a":1}',
      ]) {
        await expect(
          harness.request("json.toConnect", {
            config: ENVELOPE,
            isKey: false,
            topic: TOPIC,
            bytes: jsonBytes(json),
          }),
        ).rejects.toThrow(JavaHarnessError);
        expect(() => converter(ENVELOPE).toConnectData(TOPIC, headers, Buffer.from(json))).toThrow(
          /Cannot read JSON from topic "orders"/,
        );
      }
    });

    it("refuses, with a DataError, payloads that Kafka reads into silently wrong values", async () => {
      const cases: [string, string][] = [
        ['{"type":"int32","optional":false}', '"abc"'],
        ['{"type":"int32","optional":false}', "3000000000"],
        ['{"type":"int8","optional":false}', "300"],
        ['{"type":"int32","optional":false}', "1.5"],
        ['{"type":"boolean","optional":false}', '"true"'],
        ['{"type":"string","optional":true}', "12"],
        ['{"type":"bytes","optional":true}', "12"],
        [
          '{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":"2"}}',
          "12.345",
        ],
      ];
      for (const [schema, payload] of cases) {
        const bytes = jsonBytes(`{"schema":${schema},"payload":${payload}}`);
        await expect(
          harness.request("json.toConnect", { config: ENVELOPE, isKey: false, topic: TOPIC, bytes }),
        ).resolves.toBeDefined();
        expect(() => converter(ENVELOPE).toConnectData(TOPIC, headers, Buffer.from(bytes, "base64"))).toThrow(
          /Cannot read JSON from topic "orders": at payload, expected/,
        );
      }
      const huge = jsonBytes("123456789012345678901234567890");
      await expect(
        harness.request("json.toConnect", { config: PLAIN, isKey: false, topic: TOPIC, bytes: huge }),
      ).resolves.toBeDefined();
      expect(() => converter(PLAIN).toConnectData(TOPIC, headers, Buffer.from(huge, "base64"))).toThrow(
        /INT64/,
      );
    });
  });
});
