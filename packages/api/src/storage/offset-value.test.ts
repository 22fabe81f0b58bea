import { describe, expect, it } from "vitest";
import { DataError } from "../errors/connect-error.js";
import { parseOffsetValue, serializeOffsetValue } from "./offset-value.js";

describe("serializeOffsetValue and parseOffsetValue", () => {
  it("write compact JSON with sorted keys and read it back", () => {
    const text = serializeOffsetValue({ position: 30, file: "a.txt" });
    expect(text).toBe('{"file":"a.txt","position":30}');
    expect(parseOffsetValue(text)).toEqual({ file: "a.txt", position: 30 });
  });

  it("turn a null offset into a tombstone and read null and the text null as no offset", () => {
    expect(serializeOffsetValue(null)).toBeNull();
    expect(parseOffsetValue(null)).toBeNull();
    expect(parseOffsetValue("null")).toBeNull();
  });

  it("keep integers beyond 2^53 exact as bigints and read safe integers as numbers", () => {
    const lsn = 2n ** 64n - 1n;
    expect(parseOffsetValue(serializeOffsetValue({ lsn, small: 30n, negative: -(2n ** 53n) }))).toEqual({
      lsn,
      small: 30,
      negative: -(2n ** 53n),
    });
    expect(parseOffsetValue('{"max":9007199254740991,"over":9007199254740992}')).toEqual({
      max: Number.MAX_SAFE_INTEGER,
      over: 2n ** 53n,
    });
  });

  it("read floating-point values, escapes and surrogate pairs exactly", () => {
    expect(parseOffsetValue('{"a":1.0,"b":-2.5e-3,"c":"\\u00e9\\ud83d\\ude80\\t\\/"}')).toEqual({
      a: 1,
      b: -0.0025,
      c: "é🚀\t/",
    });
    const ratio = 0.1 + 0.2;
    expect(parseOffsetValue(serializeOffsetValue({ ratio }))).toEqual({ ratio });
  });

  it.each([
    ["{position: 30}", /Offset value string .* is not valid JSON: expected a string, found "position: 30}"/],
    ['{"position":30', /expected "}", found the end of the text/],
    ['{"p":"a\nb"}', /control character in a string/],
    ['{"p":"\\x"}', /invalid escape in a string/],
    ['{"p":tru}', /expected a JSON value/],
    ["[30]", /Stored source offset \[30\] is not a JSON object of primitives/],
    ['{"p":[1]}', /is not a JSON object of primitives/],
  ])("reject %s with a DataError", (text, message) => {
    expect(() => parseOffsetValue(text)).toThrow(DataError);
    expect(() => parseOffsetValue(text)).toThrow(message);
  });

  it("reject an offset that is not a plain object of primitives", () => {
    expect(() => serializeOffsetValue({ at: new Date(0) } as never)).toThrow(/Field "at" of a source offset/);
    expect(() => serializeOffsetValue([1] as never)).toThrow(/A source offset must be a plain object/);
  });
});
