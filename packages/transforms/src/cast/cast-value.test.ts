import { BigDecimal, ConnectDate, ConnectTime, Decimal, Schema } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { castValue } from "./cast-value.js";

describe("castValue", () => {
  it.each([
    // Expected values printed by Java 17: (byte)(int) d, (short)(int) d, (int) d, (long) d, (long) d != 0.
    [300.7, 44, 300, 300, 300n, true],
    [-300.7, -44, -300, -300, -300n, true],
    [1e10, -1, -1, 2147483647, 10000000000n, true],
    [-1e10, 0, 0, -2147483648, -10000000000n, true],
    [Number.NaN, 0, 0, 0, 0n, false],
    [2147483648, -1, -1, 2147483647, 2147483648n, true],
    [Number.POSITIVE_INFINITY, -1, -1, 2147483647, 9223372036854775807n, true],
    [8589934597, -1, -1, 2147483647, 8589934597n, true],
    [0.5, 0, 0, 0, 0n, false],
  ])("narrows the double %d as Java's casts do", (value, int8, int16, int32, int64, bool) => {
    expect(castValue(Schema.FLOAT64_SCHEMA, value, "INT8")).toBe(int8);
    expect(castValue(Schema.FLOAT64_SCHEMA, value, "INT16")).toBe(int16);
    expect(castValue(Schema.FLOAT64_SCHEMA, value, "INT32")).toBe(int32);
    expect(castValue(Schema.FLOAT64_SCHEMA, value, "INT64")).toBe(int64);
    expect(castValue(Schema.FLOAT64_SCHEMA, value, "BOOLEAN")).toBe(bool);
  });

  it("narrows longs and decimals to their low bits, as Java's intValue and byteValue", () => {
    expect(castValue(Schema.INT64_SCHEMA, 2n ** 40n + 300n, "INT8")).toBe(44);
    expect(castValue(Schema.INT64_SCHEMA, 2n ** 40n + 300n, "INT32")).toBe(300);
    expect(castValue(Schema.INT64_SCHEMA, 2n ** 64n, "BOOLEAN")).toBe(false);
    // Expected values printed by Java 17: new BigDecimal("3.4028235677973366e38").intValue(), longValue(), byteValue().
    const decimal = BigDecimal.parse("3.4028235677973366e38");
    expect(castValue(decimalSchema(decimal), decimal, "INT32")).toBe(-377487360);
    expect(castValue(decimalSchema(decimal), decimal, "INT64")).toBe(4220827102007525376n);
    expect(castValue(decimalSchema(decimal), decimal, "INT8")).toBe(0);
    expect(castValue(decimalSchema(decimal), decimal, "FLOAT32")).toBe(3.4028234663852886e38);
    expect(castValue(decimalSchema(BigDecimal.parse("-7.5")), BigDecimal.parse("-7.5"), "INT8")).toBe(-7);
    expect(castValue(decimalSchema(BigDecimal.parse("0.5")), BigDecimal.parse("0.5"), "BOOLEAN")).toBe(false);
  });

  it("casts booleans to 1 and 0 and text to booleans as Boolean.parseBoolean", () => {
    expect(castValue(null, true, "INT64")).toBe(1n);
    expect(castValue(null, false, "FLOAT32")).toBe(0);
    expect(castValue(null, "TrUe", "BOOLEAN")).toBe(true);
    expect(castValue(null, "yes", "BOOLEAN")).toBe(false);
    expect(castValue(null, " true", "BOOLEAN")).toBe(false);
  });

  it("parses text strictly and refuses text out of range", () => {
    expect(castValue(Schema.STRING_SCHEMA, "-128", "INT8")).toBe(-128);
    expect(() => castValue(Schema.STRING_SCHEMA, "128", "INT8")).toThrow(
      'the text "128" is not a INT8 value (it does not parse as one, or is out of its range).',
    );
    expect(castValue(Schema.STRING_SCHEMA, "9223372036854775807", "INT64")).toBe(9223372036854775807n);
    expect(castValue(Schema.STRING_SCHEMA, "1.1", "FLOAT32")).toBe(Math.fround(1.1));
    expect(castValue(Schema.STRING_SCHEMA, " 2.5d ", "FLOAT64")).toBe(2.5);
    expect(() => castValue(Schema.STRING_SCHEMA, "two", "FLOAT64")).toThrow(/"two" is not a FLOAT64 value/);
  });

  it("rounds a long to float32 once", () => {
    expect(castValue(Schema.INT64_SCHEMA, 36028801313931265n, "FLOAT32")).toBe(36028801313931264);
    expect(castValue(Schema.INT64_SCHEMA, 9007199254740993n, "FLOAT64")).toBe(9007199254740992);
  });

  it("turns Date and Time values into their numbers before a numeric cast", () => {
    expect(castValue(ConnectDate.schema(), new Date(3 * 86_400_000), "INT64")).toBe(3n);
    expect(castValue(ConnectTime.schema(), new Date(1500), "FLOAT64")).toBe(1500);
    expect(() => castValue(ConnectDate.schema(), new Date(1), "INT32")).toThrow(/midnight/);
    expect(() => castValue(ConnectDate.schema(), 5, "INT32")).toThrow(/must be a Date, got the number 5/);
  });

  it("prints values as Kafka does when casting to text", () => {
    expect(castValue(Schema.FLOAT32_SCHEMA, Math.fround(1.1), "STRING")).toBe("1.1");
    expect(castValue(Schema.FLOAT64_SCHEMA, 1, "STRING")).toBe("1.0");
    expect(castValue(Schema.INT64_SCHEMA, 2n ** 62n, "STRING")).toBe("4611686018427387904");
    expect(castValue(decimalSchema(BigDecimal.parse("1E+3")), BigDecimal.parse("1E+3"), "STRING")).toBe(
      "1E+3",
    );
  });

  it("passes null through and refuses containers", () => {
    expect(castValue(Schema.OPTIONAL_INT32_SCHEMA, null, "STRING")).toBeNull();
    expect(() => castValue(null, new Map(), "STRING")).toThrow("casting from MAP is not supported");
  });
});

function decimalSchema(value: BigDecimal): Schema {
  return Decimal.schema(value.scale);
}
