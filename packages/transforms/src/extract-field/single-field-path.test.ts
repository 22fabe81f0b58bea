import { ConfigError } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { SingleFieldPath } from "./single-field-path.js";

const v2 = (text: string) => SingleFieldPath.parse(text, "V2").steps;

describe("SingleFieldPath", () => {
  it("reads V1 text as one field name, dots and backticks included", () => {
    for (const text of ["foo.bar.baz", "foo`bar`", "foo.`bar.baz`", "", "`"]) {
      expect(SingleFieldPath.parse(text, "V1").steps).toEqual([text]);
      expect(SingleFieldPath.problem(text, "V1")).toBeUndefined();
    }
  });

  it.each([
    ["foobarbaz", ["foobarbaz"]],
    ["foo.bar.baz", ["foo", "bar", "baz"]],
    ["..", ["", "", ""]],
    ["foo..", ["foo", "", ""]],
    [".bar.", ["", "bar", ""]],
    ["..baz", ["", "", "baz"]],
    ["foo`bar`baz", ["foo`bar`baz"]],
    ["`foo.bar.baz`", ["foo.bar.baz"]],
    ["foo.`bar.baz`", ["foo", "bar.baz"]],
    ["`foo.bar`.baz", ["foo.bar", "baz"]],
    ["foo.`bar`.baz", ["foo", "bar", "baz"]],
    ["foo.``bar.baz`", ["foo", "`bar.baz"]],
    ["foo.`bar.baz``", ["foo", "bar.baz`"]],
    ["foo.`ba`r.baz`", ["foo", "ba`r.baz"]],
    ["foo.ba`r.baz", ["foo", "ba`r", "baz"]],
    ["foo.``bar``.baz", ["foo", "`bar`", "baz"]],
    ["``foo.bar.baz``", ["`foo.bar.baz`"]],
    ["foo.`bar\\`.baz`", ["foo", "bar`.baz"]],
    ["foo.`bar.`baz`", ["foo", "bar.`baz"]],
    ["foo.`bar\\`.`baz`", ["foo", "bar`.`baz"]],
    ["foo.`bar\\\\`.\\`baz`", ["foo", "bar\\`.\\`baz"]],
    ["``", [""]],
    ["`a`.", ["a", ""]],
  ])("reads the V2 path %j as Kafka does", (text, steps) => {
    expect(v2(text)).toEqual(steps);
    expect(SingleFieldPath.problem(text, "V2")).toBeUndefined();
  });

  it.each([
    ["`foo.bar.baz", 0],
    ["foo.`bar.baz", 4],
    ["foo.bar.`baz", 8],
    ["foo.bar.`baz\\`", 8],
  ])("refuses the V2 path %j with an unclosed backtick at %d", (text, position) => {
    expect(() => SingleFieldPath.parse(text, "V2")).toThrow(ConfigError);
    expect(SingleFieldPath.problem(text, "V2")).toBe(
      `the backtick at position ${position} of ${JSON.stringify(text)} has no closing backtick; close it, or write \\\` to keep a backtick that is followed by a dot.`,
    );
  });

  it("refuses an empty V2 path, which names no field", () => {
    expect(SingleFieldPath.problem("", "V2")).toMatch(/the path is empty/);
  });

  it("gives the steps to walk through and the last one", () => {
    const path = SingleFieldPath.parse("a.b.c", "V2");
    expect(path.parents).toEqual(["a", "b"]);
    expect(path.last).toBe("c");
    expect(String(path)).toBe("a.b.c");
  });
});
