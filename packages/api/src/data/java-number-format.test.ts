import { describe, expect, it } from "vitest";
import { formatJavaDouble, formatJavaFloat, parseFloat32 } from "./java-number-format.js";

const floatOfBits = (bits: number): number =>
  new Float32Array(new Int32Array([bits]).buffer)[0] ?? Number.NaN;

describe("formatJavaDouble", () => {
  // Expected texts are what Java 25's Double.toString prints.
  it.each<[number, string]>([
    [1, "1.0"],
    [0.1, "0.1"],
    [100, "100.0"],
    [1e20, "1.0E20"],
    [1e7, "1.0E7"],
    [9999999, "9999999.0"],
    [0.001, "0.001"],
    [0.0009, "9.0E-4"],
    [0.000999, "9.99E-4"],
    [-1.5e-7, "-1.5E-7"],
    [123456789, "1.23456789E8"],
    [1e23, "1.0E23"],
    [Number("2.82879384806159E17"), "2.82879384806159E17"],
    [5e-324, "4.9E-324"],
    [1e-323, "9.9E-324"],
    [Number.MAX_VALUE, "1.7976931348623157E308"],
    [0, "0.0"],
    [-0, "-0.0"],
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "Infinity"],
    [Number.NEGATIVE_INFINITY, "-Infinity"],
  ])("prints %s as Java does: %s", (value, text) => {
    expect(formatJavaDouble(value)).toBe(text);
  });

  it("prints text that reads back as the same double", () => {
    for (let i = 0; i < 2000; i++) {
      const value = (Math.random() - 0.5) * 10 ** Math.floor(Math.random() * 600 - 300);
      expect(Number(formatJavaDouble(value))).toBe(value);
    }
  });
});

describe("formatJavaFloat", () => {
  it.each<[number, string]>([
    [0.1, "0.1"],
    [1, "1.0"],
    [1e10, "1.0E10"],
    [3.3, "3.3"],
    [16777216, "1.6777216E7"],
    [1.401298464324817e-45, "1.4E-45"],
    [3.4028234663852886e38, "3.4028235E38"],
    // An exact tie at eight digits goes to the even digit, as in Java: not -410269.13.
    [-410269.125, "-410269.12"],
    // Powers of two have a narrower rounding interval below them.
    [2 ** -96, "1.2621775E-29"],
    [2 ** -126, "1.1754944E-38"],
  ])("prints the float nearest %s as Java does: %s", (value, text) => {
    expect(formatJavaFloat(value)).toBe(text);
  });

  it("rounds a double to single precision first", () => {
    expect(formatJavaFloat(0.1 + 0.2)).toBe("0.3");
    expect(formatJavaFloat(-0)).toBe("-0.0");
    expect(formatJavaFloat(1e39)).toBe("Infinity");
  });
});

describe("parseFloat32", () => {
  it("rounds the exact decimal once, where Math.fround(Number(text)) would round twice", () => {
    // 1.00000017881393432617187499 lies just below the midpoint between two floats, but as a double it
    // rounds up onto that midpoint, and ties-to-even then picks the upper float.
    const text = "1.00000017881393432617187499";
    expect(parseFloat32(text)).toBe(floatOfBits(0x3f800001));
    expect(Math.fround(Number(text))).toBe(floatOfBits(0x3f800002));
  });

  it("reads ordinary text as Math.fround would", () => {
    for (const text of ["0.1", "3.4028235E38", "1.4E-45", "-0.0", "1e39", "123456.789"]) {
      expect(Object.is(parseFloat32(text), Math.fround(Number(text)))).toBe(true);
    }
  });
});
