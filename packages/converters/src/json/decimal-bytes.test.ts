import { BigDecimal, Decimal } from "@tributary/api";
import { describe, expect, it } from "vitest";
import {
  smallUnscaledFromBase64,
  smallUnscaledFromBytes,
  smallUnscaledToBase64,
  smallUnscaledToBytes,
} from "./decimal-bytes.js";

describe("small Decimal bytes", () => {
  const schema = Decimal.schema(0);
  const values = [
    0n,
    1n,
    -1n,
    127n,
    128n,
    -128n,
    -129n,
    255n,
    256n,
    1234n,
    -32768n,
    2n ** 47n - 1n,
    -(2n ** 47n),
  ];

  it("give the bytes Decimal.fromLogical gives (Java's BigInteger.toByteArray), and read them back", () => {
    for (const unscaled of values) {
      const expected = Decimal.fromLogical(schema, BigDecimal.of(unscaled, 0));
      expect(smallUnscaledToBytes(unscaled)).toEqual(expected);
      expect(smallUnscaledToBase64(unscaled)).toBe(Buffer.from(expected).toString("base64"));
      expect(smallUnscaledFromBytes(expected)).toBe(unscaled);
      expect(smallUnscaledFromBase64(Buffer.from(expected).toString("base64"))).toBe(unscaled);
    }
  });

  it("leave values beyond ±2^47 and byte arrays beyond six bytes to Decimal", () => {
    expect(smallUnscaledToBytes(2n ** 47n)).toBeUndefined();
    expect(smallUnscaledToBytes(-(2n ** 47n) - 1n)).toBeUndefined();
    expect(smallUnscaledToBase64(2n ** 47n)).toBeUndefined();
    expect(smallUnscaledFromBytes(new Uint8Array(7))).toBeUndefined();
    expect(smallUnscaledFromBytes(new Uint8Array(0))).toBeUndefined();
    for (const text of ["", "AAAAAAAAAAA=", "AJw", "A===", "AJ-w", " AJw="])
      expect(smallUnscaledFromBase64(text)).toBeUndefined();
  });
});
