import { describe, expect, it } from "vitest";
import { decodeBase64, encodeBase64 } from "./base64.js";

describe("base64", () => {
  it("encodes with padding and decodes what it encodes", () => {
    for (let length = 0; length < 40; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 0xff);
      const text = encodeBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString("base64"));
      expect(decodeBase64(text)).toEqual(bytes);
    }
  });

  it("decodes a view into a larger buffer by its own bytes only", () => {
    const bytes = new Uint8Array([9, 1, 2, 3, 9]).subarray(1, 4);
    expect(encodeBase64(bytes)).toBe("AQID");
  });

  it("allows whitespace between characters, as Jackson does", () => {
    expect(decodeBase64(" AQ\nID ")).toEqual(new Uint8Array([1, 2, 3]));
  });

  it.each(["AJw", "AJw==", "A===", "AJ=w", "AJw=AJw=", "AJ-w", "AJ_w", "é===", "!!!!"])(
    "refuses %j, where Node's decoder would guess",
    (text) => {
      expect(decodeBase64(text)).toBeUndefined();
    },
  );
});
