import { describe, expect, it } from "vitest";
import { jsonDouble, jsonFloat, quoteJson } from "./jackson-text.js";

describe("quoteJson", () => {
  it("leaves text without special characters as it is", () => {
    expect(quoteJson("plain text / é ü 中文 \u007f")).toBe('"plain text / é ü 中文 \u007f"');
    expect(quoteJson("")).toBe('""');
  });

  it("escapes quotes, backslashes and control characters as Jackson does, with upper-case hex", () => {
    expect(quoteJson('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quoteJson("\b\t\n\f\r")).toBe('"\\b\\t\\n\\f\\r"');
    expect(quoteJson("\u0000\u0001\u000b\u001f")).toBe('"\\u0000\\u0001\\u000B\\u001F"');
  });

  it("writes U+2028 and U+2029 as they are, unlike some JavaScript encoders", () => {
    expect(quoteJson("\u2028\u2029")).toBe('"\u2028\u2029"');
  });

  it("escapes each half of a surrogate pair, and lone surrogates, as Jackson's UTF-8 writer does", () => {
    expect(quoteJson("😀")).toBe('"\\uD83D\\uDE00"');
    expect(quoteJson("a\ud800b\udfffc")).toBe('"a\\uD800b\\uDFFFc"');
  });

  it("differs from JSON.stringify exactly where Jackson does", () => {
    expect(JSON.stringify("\u001f😀")).toBe('"\\u001f😀"');
    expect(quoteJson("\u001f😀")).toBe('"\\u001F\\uD83D\\uDE00"');
  });
});

describe("jsonDouble and jsonFloat", () => {
  it("write numbers in Java's text and non-finite values as quoted strings", () => {
    expect(jsonDouble(1)).toBe("1.0");
    expect(jsonDouble(1e20)).toBe("1.0E20");
    expect(jsonDouble(Number.NaN)).toBe('"NaN"');
    expect(jsonDouble(Number.NEGATIVE_INFINITY)).toBe('"-Infinity"');
    expect(jsonFloat(0.1)).toBe("0.1");
    expect(jsonFloat(Number.POSITIVE_INFINITY)).toBe('"Infinity"');
  });
});
