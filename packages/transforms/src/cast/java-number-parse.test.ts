import { describe, expect, it } from "vitest";
import { bigintToFloat32, rationalToFloat32 } from "./binary-float.js";
import { decimalToBinary, parseJavaDouble, parseJavaFloat, parseJavaInteger } from "./java-number-parse.js";

/** The IEEE bits of a number as float32 (`single`) or float64, in hex as Java's floatToRawIntBits prints them. */
function bits(value: number | undefined, single: boolean): string {
  if (value === undefined) return "NFE";
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "Infinity";
  if (value === Number.NEGATIVE_INFINITY) return "-Infinity";
  const view = new DataView(new ArrayBuffer(8));
  if (single) {
    expect(Math.fround(value)).toBe(value); // a float32 result must be exactly a float
    view.setFloat32(0, value);
    return `0x${view.getUint32(0).toString(16)}`;
  }
  view.setFloat64(0, value);
  return `0x${view.getBigUint64(0).toString(16)}`;
}

// Expected values printed by Java 17: Float.parseFloat and Double.parseDouble of each text.
const FLOATS: [string, string, string][] = [
  ["1.5", "0x3fc00000", "0x3ff8000000000000"],
  [" 1.5 ", "0x3fc00000", "0x3ff8000000000000"],
  ["\t-0\n", "0x80000000", "0x8000000000000000"],
  ["1e", "NFE", "NFE"],
  ["1e5", "0x47c35000", "0x40f86a0000000000"],
  [".5", "0x3f000000", "0x3fe0000000000000"],
  ["5.", "0x40a00000", "0x4014000000000000"],
  [".", "NFE", "NFE"],
  ["", "NFE", "NFE"],
  ["+", "NFE", "NFE"],
  ["1.5f", "0x3fc00000", "0x3ff8000000000000"],
  ["1.5D", "0x3fc00000", "0x3ff8000000000000"],
  ["1.5x", "NFE", "NFE"],
  ["NaN", "NaN", "NaN"],
  ["-Infinity", "-Infinity", "-Infinity"],
  ["+NaN", "NaN", "NaN"],
  ["infinity", "NFE", "NFE"],
  ["0x1.8p1", "0x40400000", "0x4008000000000000"],
  ["0X.8P-1", "0x3e800000", "0x3fd0000000000000"],
  ["0x1p", "NFE", "NFE"],
  ["0x10", "NFE", "NFE"],
  ["1_000", "NFE", "NFE"],
  ["3.4028235e38", "0x7f7fffff", "0x47efffffe54daff8"],
  ["3.4028236e38", "Infinity", "0x47effffff514a7bc"],
  ["1e39", "Infinity", "0x48078287f49c4a1d"],
  ["1.4e-45", "0x1", "0x369ff868bf4d956a"],
  ["7e-46", "0x0", "0x368ff868bf4d956a"],
  ["1e-50", "0x0", "0x358dee7a4ad4b81f"],
  ["1.000000059604644775390625000001", "0x3f800001", "0x3ff0000010000000"],
  ["1.00000005960464477539062499", "0x3f800000", "0x3ff0000010000000"],
  ["1.00000005960464477539062500", "0x3f800000", "0x3ff0000010000000"],
  ["16777217", "0x4b800000", "0x4170000010000000"],
  ["1e400", "Infinity", "Infinity"],
  ["-1e-400", "0x80000000", "0x8000000000000000"],
  ["4.9e-324", "0x0", "0x1"],
  ["2.4703282292062328e-324", "0x0", "0x1"],
  ["2.4703282292062327e-324", "0x0", "0x0"],
  ["123456789012345678901234567890", "0x6fc77488", "0x45f8ee90ff6c373e"],
  ["0.1", "0x3dcccccd", "0x3fb999999999999a"],
  ["\u0661\u0662", "NFE", "NFE"],
];

describe("parseJavaFloat and parseJavaDouble", () => {
  it.each(FLOATS)("read %j as Java does", (text, float, double) => {
    expect(bits(parseJavaFloat(text), true)).toBe(float);
    expect(bits(parseJavaDouble(text), false)).toBe(double);
  });
});

// Expected values printed by Java 17: Byte/Short/Integer/Long.parseXxx of each text.
const INTEGERS: [string, string, string, string, string][] = [
  ["42", "42", "42", "42", "42"],
  ["+42", "42", "42", "42", "42"],
  ["-128", "-128", "-128", "-128", "-128"],
  ["128", "NFE", "128", "128", "128"],
  ["-129", "NFE", "-129", "-129", "-129"],
  ["32768", "NFE", "NFE", "32768", "32768"],
  ["2147483648", "NFE", "NFE", "NFE", "2147483648"],
  ["-2147483648", "NFE", "NFE", "-2147483648", "-2147483648"],
  ["9223372036854775807", "NFE", "NFE", "NFE", "9223372036854775807"],
  ["9223372036854775808", "NFE", "NFE", "NFE", "NFE"],
  ["-9223372036854775808", "NFE", "NFE", "NFE", "-9223372036854775808"],
  [" 1", "NFE", "NFE", "NFE", "NFE"],
  ["1 ", "NFE", "NFE", "NFE", "NFE"],
  ["", "NFE", "NFE", "NFE", "NFE"],
  ["-", "NFE", "NFE", "NFE", "NFE"],
  ["+", "NFE", "NFE", "NFE", "NFE"],
  ["1.0", "NFE", "NFE", "NFE", "NFE"],
  ["0x10", "NFE", "NFE", "NFE", "NFE"],
  ["\u0661\u0662", "12", "12", "12", "12"],
  ["\uff11\uff12", "12", "12", "12", "12"],
  ["\u{1d7cf}\u{1d7d0}", "NFE", "NFE", "NFE", "NFE"],
];

describe("parseJavaInteger", () => {
  it.each(INTEGERS)("reads %j as Java does", (text, int8, int16, int32, int64) => {
    const show = (value: bigint | undefined) => (value === undefined ? "NFE" : String(value));
    expect([8, 16, 32, 64].map((width) => show(parseJavaInteger(text, width as 8 | 16 | 32 | 64)))).toEqual([
      int8,
      int16,
      int32,
      int64,
    ]);
  });
});

describe("rounding to float32", () => {
  it.each([
    // Expected values printed by Java 17: (float) of each long.
    [16777217n, "0x4b800000"],
    [9007199254740993n, "0x5a000000"],
    [9223372036854775807n, "0x5f000000"],
    [-9223372036854775807n, "0xdf000000"],
    [36028797018963967n, "0x5b000000"],
    [36028801313931264n, "0x5b000001"],
    [36028801313931265n, "0x5b000001"],
  ])("rounds the long %s once, as Java's (float) cast", (value, expected) => {
    expect(bits(bigintToFloat32(value), true)).toBe(expected);
  });

  it.each([
    // Expected values printed by Java 17: BigDecimal.floatValue() and doubleValue().
    ["1", -1, "0x3dcccccd", "0x3fb999999999999a"],
    ["1000000059604644775390625000001", -30, "0x3f800001", "0x3ff0000010000000"],
    ["123456789", -20, "0x2badbfff", "0x3d75b7ffde890274"],
    ["1", 50, "Infinity", "0x4a511b0ec57e649a"],
    ["75", -1, "0xc0f00000", "0xc01e000000000000"],
    ["1", -46, "0x0", "0x366244ce242c5561"],
    ["34028235677973366", 22, "0x7f7fffff", "0x47effffff0000000"],
  ])("rounds the decimal %se%d once, as Java's BigDecimal", (digits, exponent, float, double) => {
    const negative = digits === "75";
    expect(bits(decimalToBinary(negative, digits, BigInt(exponent), true), true)).toBe(float);
    expect(bits(decimalToBinary(negative, digits, BigInt(exponent), false), false)).toBe(double);
  });

  it("rounds exact ties to even and handles signs", () => {
    expect(rationalToFloat32(16777217n, 1n)).toBe(16777216);
    expect(rationalToFloat32(16777219n, 1n)).toBe(16777220);
    expect(rationalToFloat32(-3n, 2n)).toBe(-1.5);
    expect(rationalToFloat32(1n, -4n)).toBe(-0.25);
    expect(rationalToFloat32(0n, 7n)).toBe(0);
  });
});
