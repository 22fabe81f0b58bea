import { describe, expect, it } from "vitest";
import { BigDecimal } from "../big-decimal.js";
import { decimalToFloat32, formatJavaDouble, formatJavaFloat } from "../java-number-format.js";

describe("formatJavaDouble", () => {
  it.each([
    [1, "1.0"],
    [-1, "-1.0"],
    [0, "0.0"],
    [-0, "-0.0"],
    [100, "100.0"],
    [1.5, "1.5"],
    [0.001, "0.001"],
    [0.002, "0.002"],
    [0.0001, "1.0E-4"],
    [1e-5, "1.0E-5"],
    [1.25e-5, "1.25E-5"],
    [1234567, "1234567.0"],
    [9999999, "9999999.0"],
    [1e7, "1.0E7"],
    [12345678.9, "1.23456789E7"],
    [1e20, "1.0E20"],
    [-1e20, "-1.0E20"],
    [1e23, "1.0E23"],
    [0.1 + 0.2, "0.30000000000000004"],
    [123456789012, "1.23456789012E11"],
    [2 ** 53 + 2, "9.007199254740994E15"],
    [Number.MAX_VALUE, "1.7976931348623157E308"],
    [Number.MIN_VALUE, "4.9E-324"],
    [2.2250738585072014e-308, "2.2250738585072014E-308"],
    [Math.fround(1.1), "1.100000023841858"],
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "Infinity"],
    [Number.NEGATIVE_INFINITY, "-Infinity"],
  ])("prints %s as Java's Double.toString does: %s", (value, text) => {
    expect(formatJavaDouble(value)).toBe(text);
  });

  it("prints two digits for the smallest subnormals, where JavaScript prints one", () => {
    expect(String(Number.MIN_VALUE)).toBe("5e-324");
    expect(String(2 * Number.MIN_VALUE)).toBe("1e-323");
    expect(formatJavaDouble(2 * Number.MIN_VALUE)).toBe("9.9E-324");
    expect(formatJavaDouble(3 * Number.MIN_VALUE)).toBe("1.5E-323");
    expect(formatJavaFloat(2 * 2 ** -149)).toBe("2.8E-45");
  });
});

describe("formatJavaFloat", () => {
  it.each([
    [1.1, "1.1"],
    [Math.fround(1.1), "1.1"],
    [1, "1.0"],
    [-0, "-0.0"],
    [0.1, "0.1"],
    [300.01, "300.01"],
    [66000.0008, "66000.0"],
    [1e10, "1.0E10"],
    [16777216, "1.6777216E7"],
    [3.4028235e38, "3.4028235E38"],
    [2 ** -126, "1.1754944E-38"],
    [2 ** -149, "1.4E-45"],
    [1e-50, "0.0"],
    [1e39, "Infinity"],
    [Number.NaN, "NaN"],
  ])("prints %s as Java's Float.toString does: %s", (value, text) => {
    expect(formatJavaFloat(value)).toBe(text);
  });

  it("breaks a tie between two shortest decimals toward the even digit, as Java does", () => {
    // -313048.625f lies exactly between -313048.62 and -313048.63; toExponential would round away from zero.
    expect(formatJavaFloat(-313048.625)).toBe("-313048.62");
    expect((-313048.625).toExponential(7)).toBe("-3.1304863e+5");
  });

  it("prints decimals that read back as the same float", () => {
    for (const bits of [0x3f8ccccd, 0x4b800001, 0x00000001, 0x7f7fffff, 0x0a3c1f7b, 0xc89cdb14]) {
      const view = new DataView(new ArrayBuffer(4));
      view.setUint32(0, bits);
      const float = view.getFloat32(0);
      expect(decimalToFloat32(BigDecimal.parse(formatJavaFloat(float)))).toBe(float);
    }
  });
});

describe("decimalToFloat32", () => {
  it("rounds an exact decimal once, where rounding through a double can be off by one unit", () => {
    // 21625525 is halfway between the floats 21625524 and 21625526; the tail tips it up.
    const text = "21625525.00000000000000000000000000001";
    expect(Math.fround(Number(text))).toBe(21625524);
    expect(decimalToFloat32(BigDecimal.parse(text))).toBe(21625526);
    expect(decimalToFloat32(BigDecimal.parse("-21625525.00000000000000000000000000001"))).toBe(-21625526);
    expect(decimalToFloat32(BigDecimal.parse("21625524.99999999999999999999999999999"))).toBe(21625524);
  });

  it("breaks exact ties toward the even float and handles the ends of the range", () => {
    expect(decimalToFloat32(BigDecimal.parse("21625525"))).toBe(21625524);
    expect(decimalToFloat32(BigDecimal.parse("21625527"))).toBe(21625528);
    expect(decimalToFloat32(BigDecimal.parse("3.4028235E38"))).toBe(3.4028234663852886e38);
    expect(decimalToFloat32(BigDecimal.parse("1E39"))).toBe(Number.POSITIVE_INFINITY);
    expect(decimalToFloat32(BigDecimal.parse("1E-46"))).toBe(0);
    expect(decimalToFloat32(BigDecimal.parse("1E-45"))).toBe(2 ** -149);
    expect(decimalToFloat32(BigDecimal.parse("1E-999999"))).toBe(0);
  });
});
