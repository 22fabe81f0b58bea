import { ConfigError } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { compileJavaRegex, JavaRegex, translateJavaReplacement } from "./java-regex.js";

/**
 * [pattern, replacement, input, Java's matcher.matches(), Java's matcher.replaceFirst(replacement)], as printed by
 * java.util.regex on Java 17.
 */
const JAVA_RESULTS: readonly [string, string, string, boolean, string][] = [
  ["(.*)", "$1", "orig", true, "orig"],
  ["(.*)", "prefix-$1", "orig", true, "prefix-orig"],
  ["(.*)-(\\d\\d\\d\\d\\d\\d\\d\\d)", "$1", "index-20160117", true, "index"],
  ["(.*)-(\\d\\d\\d\\d\\d\\d\\d\\d)", "$1", "index-2016", false, "index-2016"],
  ["a|ab", "X", "ab", true, "Xb"],
  ["a|ab", "X", "a", true, "X"],
  ["(?<name>[a-z]+)\\.(\\d+)", "$\u007bname}_$2", "orders.42", true, "orders_42"],
  ["(?<name>[a-z]+)\\.(\\d+)", "$\u007bname}_$2", "Orders.42", false, "Orders_42"],
  ["(a)", "\\$1", "a", true, "$1"],
  ["(a)", "$10", "a", true, "a0"],
  ["(?i)orders-(.*)", "$1", "ORDERS-x", true, "x"],
  ["(?i)orders-(.*)", "$1", "Ordérs-z", false, "Ordérs-z"],
  ["(?i)é", "x", "É", false, "É"],
  ["[a-z&&[^aeiou]]+", "x", "bcd", true, "x"],
  ["[a-z&&[^aeiou]]+", "x", "abc", false, "ax"],
  ["\\p{Punct}+", "x", "!?", true, "x"],
  ["\\p{Punct}+", "x", "¿", false, "¿"],
  ["(?x) a b # comment\n c", "x", "abc", true, "x"],
  ["(?x) a b # comment\n c", "x", "a b c", false, "a b c"],
  ["(?s)a.b", "x", "a\nb", true, "x"],
  ["a.b", "x", "a\nb", false, "a\nb"],
  ["a.b", "x", "a\u0085b", false, "a\u0085b"],
  ["a$", "x", "a", true, "x"],
  ["a$", "x", "a\n", false, "x\n"],
  ["a$\\n", "x", "a\n", true, "x"],
  ["\\Qa.b\\E", "x", "axb", false, "axb"],
  ["a{2,3}?", "x", "aaa", true, "xa"],
  ["a{2,3}?", "x", "aaaa", false, "xaa"],
  ["(?<=a)b", "x", "ab", false, "ax"],
  ["(a)\\1", "x", "aa", true, "x"],
  ["(a)\\1", "x", "ab", false, "ab"],
  ["\\x{1F600}+", "x", "😀😀", true, "x"],
  ["\\w+", "x", "é", false, "é"],
  ["\\s", "x", "\u00a0", false, "\u00a0"],
  ["[^a]", "x", "😀", true, "x"],
  ["\\d", "x", "٣", false, "٣"],
  ["\\R", "x", "\r\n", true, "x"],
  ["\\R", "x", "\u2028", true, "x"],
];

describe("JavaRegex", () => {
  it.each(JAVA_RESULTS)(
    "%j with %j on %j matches and replaces as Java does",
    (pattern, replacement, input, matches, replaced) => {
      const regex = JavaRegex.compile(pattern);
      expect(regex.matches(input)).toBe(matches);
      expect(regex.replaceFirst(input, regex.replacement(replacement))).toBe(replaced);
    },
  );

  it("counts groups and names them", () => {
    const regex = JavaRegex.compile("(?<topic>[a-z]+)-(\\d+)(?:-x)?");
    expect(regex.groupCount).toBe(2);
    expect([...regex.groupNames]).toEqual([["topic", 1]]);
  });

  it("scopes inline flags to their group and lets them be turned off", () => {
    expect(JavaRegex.compile("(a(?i)b)c").matches("aBc")).toBe(true);
    expect(JavaRegex.compile("(a(?i)b)c").matches("aBC")).toBe(false);
    expect(JavaRegex.compile("(?i)a(?-i)b").matches("Ab")).toBe(true);
    expect(JavaRegex.compile("(?i)a(?-i)b").matches("AB")).toBe(false);
    expect(JavaRegex.compile("(?i:a)b").matches("AB")).toBe(false);
  });

  it("folds only ASCII letters when ignoring case, as Java does without (?u)", () => {
    expect(JavaRegex.compile("(?i)[Z-a]").matches("z")).toBe(true);
    expect(JavaRegex.compile("(?i)[^a]").matches("A")).toBe(false);
    expect(JavaRegex.compile("(?i)k").matches("\u212a")).toBe(false);
    expect(JavaRegex.compile("(?i)\\p{Lower}").matches("Q")).toBe(true);
  });

  it("reads Java's class syntax: ']' first is literal, '&&' intersects, nested classes unite", () => {
    expect(JavaRegex.compile("[]a]+").matches("]a")).toBe(true);
    expect(JavaRegex.compile("[^]a]").matches("]")).toBe(false);
    expect(JavaRegex.compile("[a&&[b]&c]+").matches("a&c")).toBe(true);
    expect(JavaRegex.compile("[\\d-z]+").matches("5-z")).toBe(true);
    expect(JavaRegex.compile("(?x)[a b]").matches(" ")).toBe(false);
  });

  it("accepts what only Java accepts, such as a quantified empty run", () => {
    expect(JavaRegex.compile("x{2}{3}").matches("xx")).toBe(true);
  });

  it.each([
    ["(", "Unclosed group"],
    ["[a", "Unclosed character class"],
    ["*a", "Dangling meta character '*'"],
    ["a{x}", "Illegal repetition"],
    ["\\y", "Illegal/unsupported escape sequence"],
    ["(?<a>x)(?<a>y)", "Named capturing group <a> is already defined"],
    ["\\k<x>", "named capturing group <x> does not exist"],
    ["[z-a]", "Illegal character range"],
    ["\\p{Foo}", "Unknown character property name {Foo}"],
    ["(?<=a|bc+?d)x", "Look-behind group does not have an obvious maximum length"],
  ])("refuses %j, which Java refuses, saying why", (pattern, reason) => {
    expect(() => JavaRegex.compile(pattern)).toThrow(ConfigError);
    expect(JavaRegex.problem(pattern)).toMatch(/^Invalid regex: /);
    expect(JavaRegex.problem(pattern)).toContain(reason);
    expect(JavaRegex.problem(pattern)).toContain(JSON.stringify(pattern));
  });

  it.each([
    ["a*+", "possessive quantifiers"],
    ["(?>a)", "atomic groups"],
    ["\\X", "grapheme clusters"],
    ["\\b{g}", "grapheme cluster boundaries"],
    ["\\N{LATIN SMALL LETTER A}", "named characters"],
    ["\\p{IsLatin}", "Unicode scripts"],
    ["\\p{InGreek}", "Unicode blocks"],
    ["\\p{javaLowerCase}", "Java character properties"],
    ["(?U)\\w", "(?U)"],
    ["(?iu)a", "(?u)"],
    ["(?i)(a)\\1", "backreference \\1 under (?i)"],
    ["(a)?\\1", "may not have matched"],
    ["(a?)*", "can match the empty string"],
    ["(?:a*?)?b", "can match the empty string"],
    ["(?:(a)|b)+", "nested inside a repeated group"],
    ["(?=(a))a", "inside a lookahead or lookbehind"],
    ["(?<=a*b*)x", "lookbehind"],
    ["(?<=a.)x", "Basic Multilingual Plane"],
    ["\\R+", "\\R inside a repetition"],
  ])("refuses %j, which JavaScript cannot match as Java does, naming the construct", (pattern, construct) => {
    const problem = JavaRegex.problem(pattern);
    expect(problem).toMatch(/^Unsupported regex construct near index \d+ of /);
    expect(problem).toContain(construct);
    expect(() => JavaRegex.compile(pattern)).toThrow(ConfigError);
  });

  it("reports no problem for a pattern it can match", () => {
    expect(JavaRegex.problem("my-prefix-.*")).toBeUndefined();
  });
});

describe("JavaRegex.replacement", () => {
  const regex = JavaRegex.compile("(?<word>a)(b)?");

  it("inserts nothing for a group that did not match", () => {
    expect(regex.replaceFirst("a", regex.replacement("[$2]"))).toBe("[]");
  });

  it.each([
    ["$", "'$' at the end"],
    ["x\\", "the character to be escaped is missing"],
    ["$\u007bnope}", "no group named {nope}"],
    ["$\u007b}", "empty name"],
    ["$\u007bword", "missing its closing '}'"],
    ["$\u007b1a}", "starts with a digit"],
    ["$3", "has no group 3 (it has 2)"],
    ["$x", "'$' must be followed by a group number or {name}"],
  ])("refuses %j as Java's appendReplacement does", (replacement, reason) => {
    expect(() => regex.replacement(replacement)).toThrow(ConfigError);
    expect(() => regex.replacement(replacement)).toThrow(reason);
  });
});

describe("compileJavaRegex and translateJavaReplacement", () => {
  it("give a whole-string RegExp and a JavaScript replacement string", () => {
    const whole = compileJavaRegex("(.*)-(\\d{8})");
    expect(whole.test("index-20160117")).toBe(true);
    expect(whole.test("x index-20160117 y")).toBe(false);

    const regex = JavaRegex.compile("(.*)-(\\d{8})");
    const js = translateJavaReplacement("$2\\$$1$0", regex);
    expect(js).toBe("$02$$$01$&");
    expect("index-20160117".replace(new RegExp(regex.source, "v"), js)).toBe("20160117$indexindex-20160117");
  });
});
