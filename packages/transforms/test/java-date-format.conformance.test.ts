/**
 * Tributary's Java SimpleDateFormat patterns (compileSimpleDateFormat, used by TimestampConverter and
 * TimestampRouter) against the JVM's own, through Kafka's TimestampRouter (formatting a record's timestamp into its
 * topic) and TimestampConverter (parsing text to a Unix timestamp), connect-transforms 4.1.1 in the Java harness.
 */
import { ConfigError, DataError } from "@tributary/api";
import { describe, expect, it } from "vitest";
import type { RecordDescription } from "../../../scripts/conformance/harness.js";
import { compileSimpleDateFormat, simpleDateFormatProblem } from "../src/util/java-date-format.js";
import { KAFKA, source, useHarness } from "./conformance.js";
import { describeRecord } from "./record-description.js";

const harness = useHarness();
const base = describeRecord(source({ topic: "t" }));

/** What Kafka's TimestampRouter writes for `millis` with the pattern, or its error. */
async function kafkaFormat(pattern: string, millis: number): Promise<string> {
  const record: RecordDescription = { ...base, timestamp: millis };
  try {
    const out = await harness().request("transform.apply", {
      className: `${KAFKA}TimestampRouter`,
      config: { "topic.format": "${timestamp}", "timestamp.format": pattern },
      record,
    });
    return out.record?.topic ?? "(dropped)";
  } catch (error) {
    return `error: ${(error as Error).message.split(":")[0]}`;
  }
}

/** The milliseconds Kafka's TimestampConverter reads from `text` with the pattern, or its error. */
async function kafkaParse(pattern: string, text: string): Promise<string> {
  const record: RecordDescription = { ...base, value: ["string", text] };
  try {
    const out = await harness().request("transform.apply", {
      className: `${KAFKA}TimestampConverter$Value`,
      config: { "target.type": "unix", format: pattern },
      record,
    });
    const value = out.record?.value;
    return Array.isArray(value) ? String(value[1]) : String(value);
  } catch (error) {
    return `error: ${(error as Error).message.split(":")[0]}`;
  }
}

function ourFormat(pattern: string, millis: number): string {
  try {
    return compileSimpleDateFormat(pattern).format(new Date(millis));
  } catch (error) {
    return `error: ${(error as Error).name}`;
  }
}

function ourParse(pattern: string, text: string): string {
  try {
    return String(compileSimpleDateFormat(pattern).parse(text).getTime());
  } catch (error) {
    return `error: ${(error as Error).name}`;
  }
}

const DAY = 86_400_000;
const INSTANTS = [
  0,
  1_700_000_000_123,
  951_782_400_000, // 2000-02-29
  1_704_067_199_999, // 2023-12-31T23:59:59.999
  1_703_980_800_000, // 2023-12-31, a Sunday in week 1 of 2024
  1_609_459_200_000, // 2021-01-01, a Friday in week 53 of 2020
  -1,
  -12_219_292_800_001, // the day before the Gregorian calendar (1582-10-14 Julian)
  -12_219_292_800_000, // 1582-10-15
  -62_135_596_800_001, // the last millisecond before year 1
  -62_198_755_200_000, // 2 BC
  253_402_300_800_000, // year 10000
  43_200_000, // noon
  0.5 * DAY - 1, // 11:59:59.999
];

const PATTERNS = [
  "yyyyMMdd",
  "yyyy-MM-dd'T'HH:mm:ss.SSSZ",
  "yyyy-MM-dd HH:mm:ss.SSSXXX",
  "yyyy-MM-dd'T'HH:mm:ssX",
  "EEE, d MMM yyyy HH:mm:ss Z",
  "EEEE MMMM dd yy G",
  "hh 'o''clock' a, zzzz",
  "K:mm a, z",
  "k:mm",
  "YYYY-'W'ww-u",
  "D F W E",
  "y yy yyy yyyyy",
  "M MM MMM MMMM MMMMM L LLL",
  "S SS SSS SSSS",
  "''yyyy''",
  "yyyy.MM.dd G 'at' HH:mm:ss z",
];

describe("SimpleDateFormat formatting, against the JVM's through Kafka's TimestampRouter", () => {
  it.each(PATTERNS)("formats instants with %j as Java does in UTC", async (pattern) => {
    for (const millis of INSTANTS) {
      expect(ourFormat(pattern, millis), `at ${millis}`).toBe(await kafkaFormat(pattern, millis));
    }
  });
});

const PARSES: [pattern: string, texts: string[]][] = [
  [
    "yyyy-MM-dd",
    ["2024-02-29", "2023-02-29", "2024-13-01", "2024-1-5", "2024-02-30 trailing", "24-02-03", "x2024-01-01"],
  ],
  ["yyyy-MM-dd HH:mm:ss", ["2024-01-01 24:00:00", "2024-01-01 23:61:00", "2024-01-01  10:00:00"]],
  [
    "yyyy-MM-dd'T'HH:mm:ss.SSSZ",
    ["2017-01-03T07:30:01.864+0100", "2017-01-03T07:30:01.864-0000", "2017-01-03T07:30:01.5+0000"],
  ],
  ["yyyy-MM-dd'T'HH:mm:ss.SSSXXX", ["2017-01-03T07:30:01.864+01:00", "2017-01-03T07:30:01.864Z"]],
  ["yyyy-MM-dd HH:mm z", ["2024-01-01 10:00 UTC", "2024-01-01 10:00 GMT", "2024-01-01 10:00 GMT+05:30"]],
  ["dd MMM yyyy", ["03 Jan 2017", "03 january 2017", "03 JAN 2017", "3 Sept 2017"]],
  ["EEE, d MMM yyyy", ["Tue, 3 Jan 2017", "Mon, 3 Jan 2017"]],
  ["yy-MM-dd", ["17-01-03", "99-01-01", "1999-01-01", "-5-01-01"]],
  ["yyyyMMdd", ["20170103", "2017013", "201701031"]],
  ["hh:mm a", ["12:30 AM", "12:30 PM", "01:00 pm"]],
  ["G yyyy", ["BC 0001", "AD 2024"]],
  ["D yyyy", ["60 2024", "366 2023"]],
];

describe("SimpleDateFormat parsing, against the JVM's through Kafka's TimestampConverter", () => {
  it.each(PARSES)("parses with %j as Java's lenient parse(String) does", async (pattern, texts) => {
    for (const text of texts) {
      const kafka = await kafkaParse(pattern, text);
      const ours = ourParse(pattern, text);
      if (kafka.startsWith("error")) expect(ours, JSON.stringify(text)).toMatch(/^error: /);
      else expect(ours, JSON.stringify(text)).toBe(kafka);
    }
  });
});

describe("SimpleDateFormat text Tributary refuses (a documented difference)", () => {
  it.each(["2024-01-01 10:00 PST", "2024-01-01 10:00 CET", "2024-01-01 10:00 Pacific Standard Time"])(
    "refuses the named time zone in %j, which Java reads with its time-zone database",
    async (text) => {
      const kafka = await kafkaParse("yyyy-MM-dd HH:mm z", text);
      expect(kafka).toMatch(/^-?\d+$/);
      expect(() => compileSimpleDateFormat("yyyy-MM-dd HH:mm z").parse(text)).toThrow(DataError);
    },
  );
});

describe("SimpleDateFormat patterns both refuse", () => {
  it.each(["yyyy-MM-dd q", "yyyy 'unterminated", "XXXX", "b"])("refuses %j", async (pattern) => {
    // TimestampRouter lets SimpleDateFormat's own exception through; TimestampConverter wraps it.
    expect(await kafkaFormat(pattern, 0)).toBe("error: IllegalArgumentException");
    expect(await kafkaParse(pattern, "2024")).toBe("error: ConfigException");
    expect(simpleDateFormatProblem(pattern)).toBeDefined();
    expect(() => compileSimpleDateFormat(pattern)).toThrow(ConfigError);
  });
});
