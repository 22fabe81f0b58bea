import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors/connect-error.js";
import type { ConfigKeyType } from "./config-key.js";
import { Password } from "./password.js";
import { parseConfigValue } from "./property-parsing.js";

function parse(type: ConfigKeyType, value: unknown): unknown {
  return parseConfigValue("k", value, type);
}

describe("parseConfigValue", () => {
  it("parses BOOLEAN from true/false in any case, trimmed, and from JSON booleans", () => {
    expect(parse("BOOLEAN", "true")).toBe(true);
    expect(parse("BOOLEAN", " FALSE ")).toBe(false);
    expect(parse("BOOLEAN", "True")).toBe(true);
    expect(parse("BOOLEAN", false)).toBe(false);
    expect(() => parse("BOOLEAN", "yes")).toThrow(
      'Invalid value "yes" for configuration k: Expected value to be either true or false',
    );
    expect(() => parse("BOOLEAN", 1)).toThrow(/Invalid value 1 for configuration k/);
  });

  it("parses STRING trimmed and refuses non-strings", () => {
    expect(parse("STRING", "  hello world ")).toBe("hello world");
    expect(parse("STRING", "")).toBe("");
    expect(() => parse("STRING", 5)).toThrow(
      "Invalid value 5 for configuration k: Expected value to be a string, but it was a number",
    );
  });

  it("parses INT within 32 bits from text and JSON numbers", () => {
    expect(parse("INT", "42")).toBe(42);
    expect(parse("INT", " -7 ")).toBe(-7);
    expect(parse("INT", "+3")).toBe(3);
    expect(parse("INT", 2147483647)).toBe(2147483647);
    expect(parse("INT", 12n)).toBe(12);
    for (const bad of ["2147483648", "1.5", "1e3", "0x10", "", "ten", 1.5]) {
      expect(() => parse("INT", bad)).toThrow(
        /Not a number of type INT: expected a whole number from -2147483648/,
      );
    }
  });

  it("parses SHORT within 16 bits", () => {
    expect(parse("SHORT", "-32768")).toBe(-32768);
    expect(parse("SHORT", 32767)).toBe(32767);
    expect(() => parse("SHORT", "32768")).toThrow(/type SHORT: expected a whole number from -32768 to 32767/);
  });

  it("parses LONG into a number and refuses values a number cannot hold exactly", () => {
    expect(parse("LONG", "9007199254740991")).toBe(Number.MAX_SAFE_INTEGER);
    expect(parse("LONG", -5)).toBe(-5);
    expect(parse("LONG", 10n)).toBe(10);
    expect(() => parse("LONG", "9007199254740992")).toThrow(/beyond ±\(2\^53 - 1\)/);
    expect(() => parse("LONG", 2n ** 60n)).toThrow(/Not a number of type LONG/);
  });

  it("parses DOUBLE from decimal text and JSON numbers, refusing non-finite values", () => {
    expect(parse("DOUBLE", "0.5")).toBe(0.5);
    expect(parse("DOUBLE", " 1e-3 ")).toBe(0.001);
    expect(parse("DOUBLE", ".25")).toBe(0.25);
    expect(parse("DOUBLE", 3)).toBe(3);
    for (const bad of ["NaN", "Infinity", "1,5", "abc", Number.POSITIVE_INFINITY]) {
      expect(() => parse("DOUBLE", bad)).toThrow(/Not a number of type DOUBLE/);
    }
  });

  it("parses LIST from comma-separated text as Kafka does", () => {
    expect(parse("LIST", "a, b ,c")).toEqual(["a", "b", "c"]);
    expect(parse("LIST", "  single  ")).toEqual(["single"]);
    expect(parse("LIST", "")).toEqual([]);
    expect(parse("LIST", "   ")).toEqual([]);
    expect(parse("LIST", "a,,b,")).toEqual(["a", "", "b", ""]);
  });

  it("parses LIST from JSON arrays, turning primitive items into text", () => {
    expect(parse("LIST", ["x", "y"])).toEqual(["x", "y"]);
    expect(parse("LIST", [1, true])).toEqual(["1", "true"]);
    expect(parse("LIST", [])).toEqual([]);
    expect(() => parse("LIST", [{}])).toThrow(/Expected a list of strings, but item 0 was an object/);
    expect(() => parse("LIST", 5)).toThrow(
      /Expected a comma-separated list or an array of strings, but it was a number/,
    );
  });

  it("parses CLASS as a non-empty trimmed name", () => {
    expect(parse("CLASS", " com.example.Sink ")).toBe("com.example.Sink");
    expect(() => parse("CLASS", " ")).toThrow(/Expected the name of a plugin class/);
  });

  it("parses PASSWORD into a Password and never shows the value in errors", () => {
    const password = parse("PASSWORD", " s3cret ");
    expect(Password.isPassword(password) && password.value()).toBe("s3cret");
    const given = new Password("x");
    expect(parse("PASSWORD", given)).toBe(given);
    expect(() => parse("PASSWORD", 123456)).toThrow(
      "Invalid value [hidden] for configuration k: Expected value to be a string, but it was a number",
    );
  });

  it("gives undefined for null and undefined, and throws ConfigError otherwise", () => {
    expect(parse("INT", null)).toBeUndefined();
    expect(parse("INT", undefined)).toBeUndefined();
    expect(() => parse("INT", "x")).toThrow(ConfigError);
  });
});
