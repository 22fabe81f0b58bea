import { ConfigError, DataError } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { parseDateOnly, parseTimeOfDay, ReadTimeZone } from "./read-time-zone.js";

describe("ReadTimeZone", () => {
  const utc = new ReadTimeZone("UTC");
  const berlin = new ReadTimeZone("Europe/Berlin");

  it("reads wall-clock text in its zone, keeping every fraction digit", () => {
    expect(utc.parseDateTime("2024-01-01 10:00:00.123456789")).toBe(1_704_103_200_123_456_789n);
    expect(berlin.parseDateTime("2024-01-01 11:00:00.123456789")).toBe(1_704_103_200_123_456_789n);
    expect(new ReadTimeZone("Asia/Kolkata").parseDateTimeMillis("2024-01-01 10:00:00.1239")).toBe(
      Date.parse("2024-01-01T04:30:00.123Z"),
    );
  });

  it("follows daylight saving time, and honours a zone written in the text", () => {
    expect(berlin.parseDateTimeMillis("2024-07-01 12:00:00")).toBe(Date.parse("2024-07-01T10:00:00Z"));
    expect(berlin.parseDateTimeMillis("2024-07-01 12:00:00+00")).toBe(Date.parse("2024-07-01T12:00:00Z"));
    expect(utc.parseDateTimeMillis("2024-07-01T12:00:00-02:30")).toBe(Date.parse("2024-07-01T14:30:00Z"));
  });

  it("writes an instant back as wall-clock text in its zone", () => {
    expect(berlin.formatDateTime(1_704_103_200_123_456_789n)).toBe("2024-01-01 11:00:00.123456");
    expect(utc.formatDateTime(1_704_103_200_123_456_789n, 3)).toBe("2024-01-01 10:00:00.123");
    expect(utc.formatDateTime(-1n)).toBe("1969-12-31 23:59:59.999999");
  });

  it("refuses unknown zones and text that is not a date-time", () => {
    expect(() => new ReadTimeZone("Mars/Olympus")).toThrow(ConfigError);
    expect(() => utc.parseDateTime("infinity")).toThrow(DataError);
  });
});

describe("dates and times of day", () => {
  it("read a date as midnight UTC and a time as milliseconds on 1970-01-01", () => {
    expect(parseDateOnly("2024-02-29")).toEqual(new Date("2024-02-29T00:00:00Z"));
    expect(parseDateOnly("0099-01-01").getUTCFullYear()).toBe(99);
    expect(parseTimeOfDay("13:45:30.123456")).toEqual(new Date(49_530_123));
    expect(parseTimeOfDay("24:00:00")).toEqual(new Date(86_400_000));
    expect(() => parseTimeOfDay("-01:00:00")).toThrow(DataError);
    expect(() => parseTimeOfDay("30:00:00")).toThrow(/Connect Time/);
  });
});

describe("ReadTimeZone's minute cache", () => {
  it("reads each of many date-times in order exactly as one read alone", () => {
    const berlin = new ReadTimeZone("Europe/Berlin");
    // Across the DST change of 2024-03-31 02:00 in Berlin, second by second.
    const start = Date.parse("2024-03-31T00:58:00Z");
    for (let i = 0; i < 300; i++) {
      const wall = new Date(start + i * 1000 + 2 * 3_600_000).toISOString().replace("T", " ").slice(0, 23);
      expect(berlin.parseDateTimeMillis(wall)).toBe(
        new ReadTimeZone("Europe/Berlin").parseDateTimeMillis(wall),
      );
    }
    const utc = new ReadTimeZone("UTC");
    expect(utc.parseDateTimeMillis("2024-01-01 10:00:05.5")).toBe(Date.parse("2024-01-01T10:00:05.500Z"));
    expect(utc.parseDateTimeMillis("2024-01-01 10:00:07")).toBe(Date.parse("2024-01-01T10:00:07Z"));
    expect(utc.parseDateTimeMillis("2024-01-01 10:00:08+02")).toBe(Date.parse("2024-01-01T08:00:08Z"));
    expect(utc.parseDateTimeMillis("2024-01-01 10:01:00")).toBe(Date.parse("2024-01-01T10:01:00Z"));
  });
});
