import { describe, expect, it } from "vitest";
import { BigDecimal } from "./big-decimal.js";
import { bigintToBytes, bytesToBigint, Decimal } from "./logical/decimal.js";

describe("BigDecimal", () => {
  it("parses and prints like Java's BigDecimal", () => {
    expect(BigDecimal.parse("12.34")).toMatchObject({ unscaled: 1234n, scale: 2 });
    expect(BigDecimal.parse("1E+3")).toMatchObject({ unscaled: 1n, scale: -3 });
    expect(BigDecimal.parse("1E+3").toString()).toBe("1E+3");
    expect(BigDecimal.parse("1E+3").toPlainString()).toBe("1000");
    expect(BigDecimal.parse("0.00000012").toString()).toBe("1.2E-7");
    expect(BigDecimal.parse("-0.001").toString()).toBe("-0.001");
    expect(BigDecimal.parse("123456789012345678901234567890.12").toString()).toBe(
      "123456789012345678901234567890.12",
    );
    expect(() => BigDecimal.parse("1.2.3")).toThrow(/Cannot parse "1.2.3"/);
  });

  it("changes scale only without rounding", () => {
    expect(BigDecimal.parse("1.5").withScale(3).toString()).toBe("1.500");
    expect(() => BigDecimal.parse("1.55").withScale(1)).toThrow(/without rounding/);
  });
});

describe("Decimal bytes", () => {
  it("encodes unscaled values as minimal two's complement, as Java's BigInteger does", () => {
    const cases: Array<[bigint, number[]]> = [
      [0n, [0]],
      [1234n, [0x04, 0xd2]],
      [156n, [0x00, 0x9c]],
      [-1n, [0xff]],
      [-128n, [0x80]],
      [-129n, [0xff, 0x7f]],
      [127n, [0x7f]],
      [128n, [0x00, 0x80]],
    ];
    for (const [value, bytes] of cases) {
      expect([...bigintToBytes(value)]).toEqual(bytes);
      expect(bytesToBigint(Uint8Array.from(bytes))).toBe(value);
    }
  });

  it("round-trips through a Decimal schema", () => {
    const schema = Decimal.schema(2);
    const value = BigDecimal.parse("-98765432109876543210.55");
    expect(Decimal.toLogical(schema, Decimal.fromLogical(schema, value)).equals(value)).toBe(true);
  });
});
