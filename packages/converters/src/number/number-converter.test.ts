import { ConfigError, DataError, Headers, Schema } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { BooleanConverter } from "./boolean-converter.js";
import { DoubleConverter } from "./double-converter.js";
import { FloatConverter } from "./float-converter.js";
import { IntegerConverter } from "./integer-converter.js";
import { LongConverter } from "./long-converter.js";
import type { NumberConverter } from "./number-converter.js";
import { ShortConverter } from "./short-converter.js";

const headers = new Headers();
const hex = (bytes: Uint8Array | null): string | null =>
  bytes === null ? null : Buffer.from(bytes).toString("hex");

interface Case {
  readonly create: () => NumberConverter<unknown>;
  readonly schema: Schema;
  /** Values with their big-endian bytes, as Kafka's serializers write them. */
  readonly values: readonly [unknown, string][];
  readonly invalid: readonly unknown[];
}

const cases: Record<string, Case> = {
  IntegerConverter: {
    create: () => new IntegerConverter(),
    schema: Schema.OPTIONAL_INT32_SCHEMA,
    values: [
      [0, "00000000"],
      [1, "00000001"],
      [-1, "ffffffff"],
      [2147483647, "7fffffff"],
      [-2147483648, "80000000"],
    ],
    invalid: [2147483648, 1.5, 1n, "1"],
  },
  ShortConverter: {
    create: () => new ShortConverter(),
    schema: Schema.OPTIONAL_INT16_SCHEMA,
    values: [
      [0, "0000"],
      [-2, "fffe"],
      [32767, "7fff"],
      [-32768, "8000"],
    ],
    invalid: [32768, 0.5, "1"],
  },
  LongConverter: {
    create: () => new LongConverter(),
    schema: Schema.OPTIONAL_INT64_SCHEMA,
    values: [
      [0n, "0000000000000000"],
      [2n ** 63n - 1n, "7fffffffffffffff"],
      [-(2n ** 63n), "8000000000000000"],
      [9007199254740993n, "0020000000000001"],
    ],
    invalid: [1, 2n ** 63n, "1"],
  },
  FloatConverter: {
    create: () => new FloatConverter(),
    schema: Schema.OPTIONAL_FLOAT32_SCHEMA,
    values: [
      [1.5, "3fc00000"],
      [-0, "80000000"],
      [Number.POSITIVE_INFINITY, "7f800000"],
      [Math.fround(0.1), "3dcccccd"],
    ],
    invalid: [1e39, "1", 1n],
  },
  DoubleConverter: {
    create: () => new DoubleConverter(),
    schema: Schema.OPTIONAL_FLOAT64_SCHEMA,
    values: [
      [1.5, "3ff8000000000000"],
      [0.1, "3fb999999999999a"],
      [-0, "8000000000000000"],
    ],
    invalid: ["1", 1n, true],
  },
  BooleanConverter: {
    create: () => new BooleanConverter(),
    schema: Schema.OPTIONAL_BOOLEAN_SCHEMA,
    values: [
      [true, "01"],
      [false, "00"],
    ],
    invalid: [1, "true"],
  },
};

describe.each(Object.entries(cases))("%s", (_name, { create, schema, values, invalid }) => {
  it("writes Kafka's big-endian bytes and reads them back with its optional schema", () => {
    const converter = create();
    converter.configure({}, false);
    for (const [value, bytes] of values) {
      const written = converter.fromConnectData("t", headers, null, value);
      expect(hex(written)).toBe(bytes);
      const read = converter.toConnectData("t", headers, written);
      expect(read.schema).toBe(schema);
      expect(Object.is(read.value, value)).toBe(true);
    }
  });

  it("maps null to null both ways, for headers too", () => {
    const converter = create();
    expect(converter.fromConnectData("t", headers, null, null)).toBeNull();
    expect(converter.toConnectData("t", headers, null)).toEqual({ schema, value: null });
    expect(converter.fromConnectHeader("t", "h", null, null)).toBeNull();
    expect(converter.toConnectHeader("t", "h", null)).toEqual({ schema, value: null });
  });

  it("refuses values of another type with a DataError naming the topic", () => {
    for (const value of invalid) {
      expect(() => create().fromConnectData("orders", headers, null, value)).toThrow(DataError);
      expect(() => create().fromConnectData("orders", headers, null, value)).toThrow(
        /topic "orders": expected/,
      );
    }
  });

  it("refuses bytes of the wrong length", () => {
    const width = (values[0]?.[1].length ?? 0) / 2;
    expect(() => create().toConnectData("orders", headers, new Uint8Array(width + 1))).toThrow(
      `expected exactly ${width} byte${width === 1 ? "" : "s"}, got ${width + 1}`,
    );
  });

  it("checks converter.type as Kafka does", () => {
    expect(() => create().configure({})).toThrow(ConfigError);
    expect(() => create().configure({ "converter.type": "header" })).not.toThrow();
  });
});

describe("BooleanConverter", () => {
  it("refuses a byte other than 0 or 1, and a schema of another type", () => {
    expect(() => new BooleanConverter().toConnectData("t", headers, new Uint8Array([2]))).toThrow(
      "expected the byte 0 (false) or 1 (true), got 2",
    );
    expect(() => new BooleanConverter().fromConnectData("t", headers, Schema.INT8_SCHEMA, true)).toThrow(
      "its schema is INT8, not BOOLEAN",
    );
  });
});
