import { describe, expect, it } from "vitest";
import { JsonProblem } from "./json-problem.js";
import { JsonReader } from "./json-reader.js";

function number(text: string) {
  const reader = new JsonReader(text);
  reader.readNumber();
  return {
    text: reader.numberText(),
    integer: reader.numberIsInteger,
    small: reader.numberSmall,
    rest: text.slice(reader.pos),
  };
}

describe("JsonReader", () => {
  it("reads numbers as text, noting integers and the exact value of short ones", () => {
    expect(number("42,")).toEqual({ text: "42", integer: true, small: 42, rest: "," });
    expect(number("-7]")).toEqual({ text: "-7", integer: true, small: -7, rest: "]" });
    expect(number("9007199254740993}")).toMatchObject({
      text: "9007199254740993",
      integer: true,
      small: Number.NaN,
    });
    expect(number("1.50e+3 ")).toMatchObject({ text: "1.50e+3", integer: false, small: Number.NaN });
    expect(number("007")).toMatchObject({ text: "007", integer: true, small: 7 });
  });

  it.each(["-", "1.", "1e", "1e+", "-.5"])("refuses the malformed number %j", (text) => {
    expect(() => number(text)).toThrow(JsonProblem);
  });

  it("reads strings with every escape", () => {
    const reader = new JsonReader('"a\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00z" tail');
    expect(reader.readString()).toBe('a"\\/\b\f\n\r\té😀z');
    expect(reader.text.slice(reader.pos)).toBe(" tail");
  });

  it.each([
    ['"unterminated', "the closing quote of a string"],
    ['"bad \\x escape"', "a valid escape"],
    ['"bad \\u12G4"', "four hex digits"],
    ['"raw \n newline"', "a control character escaped"],
  ])("refuses the string %j", (text, expected) => {
    expect(() => new JsonReader(text).readString()).toThrow(expected);
  });

  it("skips values of any kind and checks their syntax", () => {
    const reader = new JsonReader('{"a":[1,{"b":null},"x",true,false,-2.5e3],"c":{}} next');
    reader.skipValue();
    expect(reader.text.slice(reader.pos)).toBe(" next");
    expect(() => new JsonReader('{"a" 1}').skipValue()).toThrow("':' after an object member's name");
    expect(() => new JsonReader("[1 2]").skipValue()).toThrow("',' or ']'");
    expect(() => new JsonReader("[tru]").skipValue()).toThrow("the literal true");
  });

  it("refuses nesting deeper than 1000 levels", () => {
    expect(() => new JsonReader(`${"[".repeat(1001)}${"]".repeat(1001)}`).skipValue()).toThrow("1000 levels");
    expect(() => new JsonReader(`${"[".repeat(1000)}${"]".repeat(1000)}`).skipValue()).not.toThrow();
  });

  it("refuses numbers longer than 1000 characters", () => {
    expect(() => number("1".repeat(1001))).toThrow("at most 1000 characters");
  });

  it("describes the value where a problem is, cut short when it is long", () => {
    const reader = new JsonReader(`{"a": "${"x".repeat(100)}"}`);
    const problem = reader.mismatch("a number", 6);
    expect(problem.found).toBe(`\`"${"x".repeat(39)}…\` (at character 6)`);
    expect(new JsonReader("[1,").problem("a value").found).toBe("`[1,` (at character 0)");
  });

  it("checks that nothing but whitespace follows", () => {
    const reader = new JsonReader("1 \n\t ");
    reader.readNumber();
    expect(() => reader.finish()).not.toThrow();
    const trailing = new JsonReader("1 x");
    trailing.readNumber();
    expect(() => trailing.finish()).toThrow("the end of the input");
  });
});
