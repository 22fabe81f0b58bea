import { describe, expect, it } from "vitest";
import { isBlank, javaTrim, Tokenizer } from "./tokenizer.js";

function tokens(text: string): string[] {
  const tokenizer = new Tokenizer(text);
  const read: string[] = [];
  while (tokenizer.hasNext()) read.push(tokenizer.next());
  return read;
}

describe("Tokenizer", () => {
  it.each([
    ["plain", ["plain"]],
    ["two words", ["two words"]],
    ["a{b", ["a", "{", "b"]],
    ["a}b", ["a", "}", "b"]],
    ["a[b", ["a", "[", "b"]],
    ["a]b", ["a", "]", "b"]],
    ["a:b", ["a", ":", "b"]],
    ["a,b", ["a", ",", "b"]],
    ['a"b', ["a", '"', "b"]],
    ["{", ["{"]],
    [":b", [":", "b"]],
    ['"quoted" text', ['"', "quoted", '"', " text"]],
    ["a { b c } d", ["a ", "{", " b c ", "}", " d"]],
    ["[1,2]", ["[", "1", ",", "2", "]"]],
  ])("splits %j into delimiters and the runs between them", (text, expected) => {
    expect(tokens(text)).toEqual(expected);
  });

  it.each([
    'si\\"mple',
    "si\\{mple",
    "si\\}mple",
    "si\\]mple",
    "si\\[mple",
    "si\\:mple",
    "si\\,mple",
    "si\\mple",
    "si\\\\mple",
  ])("keeps an escaped delimiter, and the backslash, inside its token: %j", (text) => {
    expect(tokens(text)).toEqual([text]);
  });

  it("ends an escape after one character, so a double backslash does not escape", () => {
    expect(tokens("a\\\\:b")).toEqual(["a\\\\", ":", "b"]);
  });

  it("reads several tokens as the text they span, or nothing when too few remain", () => {
    const tokenizer = new Tokenizer("a:b:c:d:e:f:g:h");
    expect(tokenizer.nextSpan(5)).toBe("a:b:c");
    expect(tokenizer.next()).toBe(":");
    expect(tokenizer.next()).toBe("d");
    expect(tokenizer.next()).toBe(":");
    expect(tokenizer.nextSpan(8)).toBeUndefined();
    expect(tokenizer.next()).toBe("e");
  });

  it("peeks with canConsume, ignoring surrounding whitespace, and rewinds to a mark", () => {
    const tokenizer = new Tokenizer("  [ 1 , 2 ]");
    expect(tokenizer.canConsume("[")).toBe(true);
    const mark = tokenizer.mark();
    expect(tokenizer.canConsume("]")).toBe(false);
    expect(tokenizer.canConsume(" 1 ", false)).toBe(true);
    expect(tokenizer.previous()).toBeUndefined();
    tokenizer.rewindTo(mark);
    expect(tokenizer.next()).toBe(" 1 ");
    expect(tokenizer.previous()).toBe(" 1 ");
    expect(tokenizer.canConsume(",")).toBe(true);
    expect(tokenizer.position()).toBe(7);
  });

  it("reads a character that Java's text iterator uses as its end marker like any other", () => {
    expect(tokens("\uffff")).toEqual(["\uffff"]);
  });
});

describe("javaTrim", () => {
  it("strips control characters and spaces up to U+0020, but not Unicode spaces", () => {
    expect(javaTrim("\b\t x \n\u0001")).toBe("x");
    expect(javaTrim("\u00a0x\u00a0")).toBe("\u00a0x\u00a0");
    expect(isBlank(" \n\t\b")).toBe(true);
    expect(isBlank("\u00a0")).toBe(false);
  });
});
