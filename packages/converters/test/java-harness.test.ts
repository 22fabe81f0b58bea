import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DataDescription,
  type JavaHarness,
  JavaHarnessError,
  type SchemaDescription,
  startJavaHarness,
} from "../../../scripts/conformance/harness.js";

// Fails (never skips) when Java or Maven is missing: the conformance tests are only worth something if they run.
let harness: JavaHarness;
beforeAll(async () => {
  harness = await startJavaHarness();
});
afterAll(async () => {
  await harness?.close();
});

const json = { config: {}, isKey: false, topic: "orders" };

const decimal2: SchemaDescription = {
  type: "BYTES",
  optional: false,
  name: "org.apache.kafka.connect.data.Decimal",
  version: 1,
  parameters: { scale: "2" },
};

const order: SchemaDescription = {
  type: "STRUCT",
  optional: false,
  name: "com.example.Order",
  version: 1,
  fields: [
    { name: "id", schema: { type: "INT32", optional: false } },
    { name: "note", schema: { type: "STRING", optional: true } },
    { name: "price", schema: decimal2 },
  ],
};

const orderData: DataDescription = {
  schema: order,
  value: [
    "struct",
    order,
    [
      ["id", ["int32", "42"]],
      ["note", null],
      ["price", ["decimal", "1234", 2]],
    ],
  ],
};

const referenceJson =
  '{"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"},' +
  '{"type":"string","optional":true,"field":"note"},{"type":"bytes","optional":false,' +
  '"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"field":"price"}],' +
  '"optional":false,"name":"com.example.Order","version":1},"payload":{"id":42,"note":null,"price":"BNI="}}';

/** A schema using every schema property, with defaults of several kinds. */
const everything: SchemaDescription = {
  type: "STRUCT",
  optional: true,
  name: "com.example.Everything",
  version: 7,
  doc: "every kind of value",
  parameters: { b: "2", a: "1" },
  fields: [
    { name: "i8", schema: { type: "INT8", optional: false, default: ["int8", "-128"] } },
    { name: "i16", schema: { type: "INT16", optional: false, default: ["int16", "32767"] } },
    { name: "i32", schema: { type: "INT32", optional: true, doc: "an int" } },
    { name: "i64", schema: { type: "INT64", optional: false, default: ["int64", "-9223372036854775808"] } },
    { name: "f32", schema: { type: "FLOAT32", optional: false } },
    { name: "f64", schema: { type: "FLOAT64", optional: false, default: ["float64", "7ff8000000000000"] } },
    { name: "flag", schema: { type: "BOOLEAN", optional: false, default: ["boolean", true] } },
    { name: "text", schema: { type: "STRING", optional: false, default: ["string", "é\u0000𝄞\n"] } },
    { name: "raw", schema: { type: "BYTES", optional: true, default: ["bytes", "AP8="] } },
    { name: "price", schema: { ...decimal2, default: ["decimal", "-1", 2] } },
    {
      name: "big",
      schema: {
        ...decimal2,
        parameters: { scale: "-3" },
        default: ["decimal", "123456789012345678901234567890", -3],
      },
    },
    {
      name: "day",
      schema: { type: "INT32", optional: false, name: "org.apache.kafka.connect.data.Date", version: 1 },
    },
    {
      name: "at",
      schema: {
        type: "INT64",
        optional: false,
        name: "org.apache.kafka.connect.data.Timestamp",
        version: 1,
        default: ["date", "-1"],
      },
    },
    {
      name: "list",
      schema: {
        type: "ARRAY",
        optional: false,
        valueSchema: { type: "FLOAT32", optional: true },
        default: ["array", [["float32", "7fc00000"], null]],
      },
    },
    {
      name: "byId",
      schema: {
        type: "MAP",
        optional: false,
        keySchema: { type: "INT64", optional: false },
        valueSchema: order,
      },
    },
  ],
};

const everythingValue: DataDescription["value"] = [
  "struct",
  everything,
  [
    ["i8", ["int8", "127"]],
    ["i16", null],
    ["i32", ["int32", "-2147483648"]],
    ["i64", ["int64", "9223372036854775807"]],
    ["f32", ["float32", "80000000"]],
    ["f64", ["float64", "3fb999999999999a"]],
    ["flag", ["boolean", false]],
    ["text", ["string", ""]],
    ["raw", ["bytes", ""]],
    ["price", ["decimal", "0", 2]],
    ["big", ["decimal", "-7", -3]],
    ["day", ["date", "86400000"]],
    ["at", ["date", "1700000000123"]],
    ["list", ["array", [["float32", "7f800000"], null, ["float32", "00000001"]]]],
    [
      "byId",
      [
        "map",
        [
          [["int64", "3"], orderData.value],
          [["int64", "1"], orderData.value],
          [["int64", "2"], orderData.value],
        ],
      ],
    ],
  ],
];

describe("the Java conformance harness", () => {
  it("runs the pinned Kafka release", () => {
    expect(harness.versions.kafka).toBe("4.1.1");
  });

  it.each<[string, DataDescription]>([
    ["a null schema and value", { schema: null, value: null }],
    ["a struct using every kind of schema and value", { schema: everything, value: everythingValue }],
    ["a null value of an optional struct", { schema: everything, value: null }],
    [
      "schemaless values of every kind, with map keys kept in the given order",
      {
        schema: null,
        value: [
          "map",
          [
            [
              ["string", "z"],
              ["int16", "-5"],
            ],
            [
              ["int8", "1"],
              ["float64", "8000000000000000"],
            ],
            [
              null,
              [
                "array",
                [
                  ["bytes", "AQID"],
                  ["date", "0"],
                  ["decimal", "1", 0],
                ],
              ],
            ],
            [
              ["boolean", true],
              ["map", []],
            ],
            [["string", "a"], orderData.value],
          ],
        ],
      },
    ],
  ])("describes %s exactly as it was built", async (_name, data) => {
    await expect(harness.request("describe.roundTrip", { data })).resolves.toEqual({ data });
  });

  it("writes the reference Order exactly as Kafka's JsonConverter does", async () => {
    const { bytes } = await harness.request("json.fromConnect", { ...json, data: orderData });
    expect(Buffer.from(bytes ?? "", "base64").toString("utf8")).toBe(referenceJson);
  });

  it("reads the reference Order back into the same data", async () => {
    const bytes = Buffer.from(referenceJson, "utf8").toString("base64");
    await expect(harness.request("json.toConnect", { ...json, bytes })).resolves.toEqual({ data: orderData });
    await expect(harness.request("json.roundTrip", { ...json, bytes })).resolves.toEqual({
      data: orderData,
      bytes,
    });
  });

  it("matches concurrent requests to their own responses", async () => {
    const values = Array.from(
      { length: 20 },
      (_, i) => ["int64", String(i * 1_000_000_007)] as ["int64", string],
    );
    const results = await Promise.all(
      values.map((value) =>
        harness.request("describe.roundTrip", {
          data: { schema: { type: "INT64", optional: false }, value },
        }),
      ),
    );
    expect(results.map((result) => result.data.value)).toEqual(values);
  });

  it("rejects a bad request with Java's error and keeps answering", async () => {
    const bad = harness.request("json.fromConnect", {
      ...json,
      data: { schema: { type: "INT32", optional: false }, value: ["int64", "1"] },
    });
    await expect(bad).rejects.toThrow(JavaHarnessError);
    await expect(bad).rejects.toThrow(/^DataException: Invalid type for INT32: class java.lang.Long$/);
    await expect(
      harness.request("json.toConnect", { ...json, bytes: Buffer.from("{}").toString("base64") }),
    ).rejects.toThrow(
      'DataException: JsonConverter with schemas.enable requires "schema" and "payload" fields',
    );
    await expect(
      harness.request("json.fromConnect", { ...json, data: { schema: null, value: null } }),
    ).resolves.toEqual({ bytes: null });
  });
});
