/**
 * Tributary's Java regular expressions (JavaRegex, used by RegexRouter and TopicNameMatches) against Java's own,
 * through Kafka's RegexRouter and TopicNameMatches (connect-transforms 4.1.1, Java harness): for each pattern and
 * topic, the same whole-string match and the same replaceFirst result; patterns Java rejects are rejected too, and
 * the constructs Tributary refuses are refused at compile time with the documented message.
 */
import { describe, expect, it } from "vitest";
import { JavaRegex } from "../src/util/java-regex.js";
import { KAFKA, KAFKA_PREDICATES, source, useHarness } from "./conformance.js";
import { describeRecord } from "./record-description.js";

const harness = useHarness();

/** What Kafka's RegexRouter makes of `topic`, or its error. */
async function kafkaRoute(regex: string, replacement: string, topic: string): Promise<string> {
  try {
    const out = await harness().request("transform.apply", {
      className: `${KAFKA}RegexRouter`,
      config: { regex, replacement },
      record: describeRecord(source({ topic })),
    });
    return out.record?.topic ?? "(dropped)";
  } catch (error) {
    return `error: ${(error as Error).message.split(":")[0]}`;
  }
}

/** Whether Kafka's TopicNameMatches matches `topic`, or its error. */
async function kafkaMatches(pattern: string, topic: string): Promise<boolean | string> {
  try {
    const out = await harness().request("predicate.test", {
      className: `${KAFKA_PREDICATES}TopicNameMatches`,
      config: { pattern },
      record: describeRecord(source({ topic })),
    });
    return out.result;
  } catch (error) {
    return `error: ${(error as Error).message.split(":")[0]}`;
  }
}

/** What Tributary's JavaRegex makes of `topic`, as RegexRouter uses it. */
function tributaryRoute(regex: JavaRegex, replacement: string, topic: string): string {
  return regex.matches(topic) ? regex.replaceFirst(topic, regex.replacement(replacement)) : topic;
}

const CASES: [pattern: string, replacement: string, topics: string[]][] = [
  ["(.*)-(\\d+)", "$1", ["orders-2024", "orders-", "orders-20x", "a-1-2"]],
  ["(.*?)-(.*)", "$2.$1", ["a-b-c", "-x", "none"]],
  ["orders", "sales", ["orders", "orders2", "xorders"]],
  [".*", "all", ["x", "line\nbreak"]],
  ["(?s).*", "all", ["line\nbreak"]],
  ["(?<base>[a-z]+)_(?<n>\\d+)", "${n}-${base}", ["topic_12", "Topic_12"]],
  ["(a)|(b)", "[$1][$2]", ["a", "b"]],
  ["(x)(y)?", "$1$2$0", ["x", "xy"]],
  ["(.*)", "\\$1 costs \\\\ $1", ["money"]],
  ["(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)", "$11-$10-$1", ["abcdefghijk"]],
  ["(a)", "$10", ["a"]],
  ["[a-z&&[^aeiou]]+", "consonants", ["xyz", "xaz"]],
  ["[\\w.-]+", "word", ["a.b-c_d", "a b"]],
  ["[^]a]+", "neg", ["bcd", "b]c"]],
  ["[]a]+", "pos", ["]a]", "b"]],
  ["\\p{Alpha}+\\p{Digit}*", "posix", ["abc123", "äbc"]],
  ["\\p{L}+", "letters", ["Åse", "abc1"]],
  ["\\p{Lu}\\p{Ll}*", "cap", ["Ørsted", "ørsted"]],
  ["(?i)orders", "ci", ["ORDERS", "Orders", "ÖRDERS"]],
  ["(?i:ab)c", "scoped", ["ABc", "ABC"]],
  ["(?x) a b  # spaced\n c", "extended", ["abc", "a b c"]],
  ["a{2,3}b{2}", "bounded", ["aabb", "aaaabb", "aab"]],
  ["(a)\\1", "backref", ["aa", "ab"]],
  ["(?<n>a)\\k<n>", "named backref", ["aa"]],
  ["a(?=b).", "lookahead", ["ab", "ac"]],
  ["(?<=a)b", "lookbehind", ["b"]],
  [".(?<!x)b", "neg lookbehind", ["ab", "xb"]],
  ["\\Q.*\\E", "quoted", [".*", "ab"]],
  ["^orders$", "anchored", ["orders"]],
  ["\\Aorders\\z", "anchored", ["orders"]],
  ["orders\\Z", "Z", ["orders", "orders\n"]],
  ["(?m)^a$\\n^b$", "multiline", ["a\nb"]],
  ["\\d\\D\\s\\S\\w\\W", "classes", ["1a b_!", "١a b_!"]],
  ["\\h\\v", "hv", [" \n", "\t\u000b"]],
  ["\\t\\x41\\u00e9\\0101\\cA", "escapes", ["\tAéA\u0001"]],
  ["\\x{1F600}+", "emoji", ["😀😀", "😀x"]],
  ["[😀-😂]", "astral range", ["😁", "a"]],
  ["a.c", "dot", ["a😀c", "a\nc", "a\rc", "a\u2028c", "a\u0085c"]],
  ["\\bword\\b.*", "boundary", ["word up", "words"]],
  ["(ab)*c", "star", ["ababc", "c"]],
  ["(a|ab)(c|bcd)(d*)", "alternation", ["abcd"]],
  ["\\R", "linebreak", ["\r\n", "\n", "\u2028"]],
];

describe("Java regular expressions, against Java's through Kafka's RegexRouter", () => {
  it.each(CASES)("matches and replaces /%s/ with %j as Java does", async (pattern, replacement, topics) => {
    const regex = JavaRegex.compile(pattern);
    for (const topic of topics) {
      const kafka = await kafkaRoute(pattern, replacement, topic);
      let ours: string;
      try {
        ours = tributaryRoute(regex, replacement, topic);
      } catch (error) {
        ours = `error: ${(error as Error).name}`;
      }
      expect(ours, `topic ${JSON.stringify(topic)}`).toBe(kafka);
    }
  });

  it.each(CASES)("matches /%s/ as TopicNameMatches does", async (pattern, _, topics) => {
    const regex = JavaRegex.compile(pattern);
    for (const topic of topics) {
      expect(regex.matches(topic), `topic ${JSON.stringify(topic)}`).toBe(await kafkaMatches(pattern, topic));
    }
  });

  it.each(["(", "[a-", "*a", "a{2,1}", "(?<1a>x)", "\\k<nope>", "a)", "\\p{Nope}", "[z-a]", "x**"])(
    "rejects /%s/, which Java rejects",
    async (pattern) => {
      expect(await kafkaRoute(pattern, "x", "t")).toBe("error: ConfigException");
      expect(await kafkaMatches(pattern, "t")).toBe("error: ConfigException");
      expect(JavaRegex.problem(pattern)).toMatch(/^Invalid regex: /);
    },
  );
});

describe("Java regular expressions Tributary refuses (documented differences)", () => {
  it.each([
    ["a++", "aaa"],
    ["(?>a|ab)c", "abc"],
    ["\\p{IsLatin}+", "abc"],
    ["\\p{InGreek}+", "αβ"],
    ["\\p{javaLowerCase}+", "abc"],
    ["(?U)\\w+", "abc"],
    ["\\X", "a"],
    ["(?i)(a)\\1", "aA"],
  ])("refuses /%s/ at compile time, where Java accepts it", async (pattern, topic) => {
    expect(await kafkaRoute(pattern, "x", topic)).not.toMatch(/^error/);
    expect(JavaRegex.problem(pattern)).toMatch(/^Unsupported regex construct near index \d+ of /);
  });
});

describe("Java replacement strings", () => {
  it.each([
    ["(a)", "$2"],
    ["(a)", "${nope}"],
    ["(a)", "x$"],
    ["(a)", "x\\"],
  ])(
    "refuses the replacement %j for /%s/ when configured, where Kafka fails on the first matching record",
    async (pattern, replacement) => {
      const regex = JavaRegex.compile(pattern);
      expect(() => regex.replacement(replacement)).toThrow(/^Invalid replacement /);
      expect(await kafkaRoute(pattern, replacement, "a")).toMatch(
        /^error: (IndexOutOfBoundsException|IllegalArgumentException)$/,
      );
      // A topic that does not match never reaches Java's replacement parser.
      expect(await kafkaRoute(pattern, replacement, "b")).toBe("b");
    },
  );
});
