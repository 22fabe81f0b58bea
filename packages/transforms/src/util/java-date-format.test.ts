import { ConfigError, DataError } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { compileSimpleDateFormat, simpleDateFormatProblem } from "./java-date-format.js";

/** [pattern, epoch millis, what Java 17's SimpleDateFormat in UTC (default locale en) writes]. */
const JAVA_FORMATS: readonly [string, number, string][] = [
  ["yyyyMMdd", 1483425001864, "20170103"],
  ["yyyyMMdd", 0, "19700101"],
  ["yyyyMMdd", -1, "19691231"],
  ["yyyy-MM-dd'T'HH:mm:ss.SSSXXX", 1483425001864, "2017-01-03T06:30:01.864Z"],
  ["yyyy-MM-dd'T'HH:mm:ss.SSSXXX", 86401234, "1970-01-02T00:00:01.234Z"],
  ["EEE, d MMM yyyy HH:mm:ss Z", 1483425001864, "Tue, 3 Jan 2017 06:30:01 +0000"],
  ["yyyy MM dd HH mm ss SSS z", 86401234, "1970 01 02 00 00 01 234 UTC"],
  [
    "EEEE, MMMM d, yyyy h:mm a zzzz",
    1483425001864,
    "Tuesday, January 3, 2017 6:30 AM Coordinated Universal Time",
  ],
  [
    "EEEE, MMMM d, yyyy h:mm a zzzz",
    1483468201864,
    "Tuesday, January 3, 2017 6:30 PM Coordinated Universal Time",
  ],
  ["G yyyy-MM-dd", -62198755200000, "BC 0002-01-03"],
  ["G yyyy-MM-dd", -12219292800000, "AD 1582-10-15"],
  ["G yyyy-MM-dd", -12219292800001, "AD 1582-10-04"],
  ["YYYY-'W'ww-u D F W", 1609459200000, "2021-W01-5 1 1 1"],
  ["YYYY-'W'ww-u D F W", 1609459199999, "2021-W01-4 366 5 5"],
  ["YYYY-'W'ww-u D F W", 1419984000000, "2015-W01-3 365 5 5"],
  ["kk KK hh HH", 0, "24 00 12 00"],
  ["kk KK hh HH", 43200000, "12 00 12 12"],
  ["yy y yyyyy", 1483425001864, "17 2017 02017"],
  ["yy y yyyyy", -62135769600000, "01 1 00001"],
  ["S SSSS", 7, "7 0007"],
  ["''h'' 'o''clock'", 3600000, "'1' o'clock"],
  ["MMMMM LLL L", 1483425001864, "January Jan 1"],
  ["X XX XXX Z ZZZZ", 0, "Z Z Z +0000 +0000"],
];

/** [pattern, text, what Java 17's lenient parse in UTC returns (null: ParseException)], two-digit years from 2026-11-25. */
const JAVA_PARSES: readonly [string, string, number | null][] = [
  ["yyyy MM dd HH mm ss SSS z", "1970 01 02 00 00 01 234 UTC", 86401234],
  ["yyyyMMdd", "20190101", 1546300800000],
  ["yyyyMMdd", "2019011", 1546300800000],
  ["yyyyMMdd", "20190230", 1551484800000],
  ["yyyyMMdd", "2019 01 01", 1543622400000],
  ["yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "2017-01-03T07:30:01.864+01:00", 1483425001864],
  ["yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "2017-01-03T06:30:01.864Z", 1483425001864],
  ["EEE, d MMM yyyy HH:mm:ss Z", "Tue, 3 Jan 2017 06:30:01 -0530", 1483444801000],
  ["EEE, d MMM yyyy HH:mm:ss Z", "tuesday, 3 JAN 2017 06:30:01 GMT+05:30", 1483405201000],
  ["dd/MM/yy", "01/01/46", 2398377600000],
  ["dd/MM/yy", "26/11/46", -728956800000],
  ["dd/MM/yy", "01/01/2019", 1546300800000],
  ["yyyy-MM-dd", "2019-13-01", 1577836800000],
  ["yyyy-MM-dd", "2019-01-01T10:00", 1546300800000],
  ["yyyy-MM-dd", " 2019-01-01", 1546300800000],
  ["hh:mm a", "12:00 AM", 0],
  ["hh:mm a", "12:30 pm", 45000000],
  ["YYYY-'W'ww-u", "2021-W01-1", 1609113600000],
  ["yyyy D", "2019 100", 1554854400000],
  ["G yyyy", "BC 44", -63524304000000],
  ["yyyy-MM-dd", "1582-10-10", -12218860800000],
  ["yyyy-MM-dd", "2019/01/01", null],
  ["yyyy-MM-dd", "", null],
];

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

describe("compileSimpleDateFormat", () => {
  it.each(JAVA_FORMATS)("formats with %j as Java does (%d)", (pattern, millis, expected) => {
    expect(compileSimpleDateFormat(pattern).format(new Date(millis))).toBe(expected);
  });

  it.each(JAVA_PARSES)("parses with %j as Java does: %j", (pattern, text, expected) => {
    const format = compileSimpleDateFormat(pattern, { now: NOW });
    if (expected === null) expect(() => format.parse(text)).toThrow(DataError);
    else expect(format.parse(text).getTime()).toBe(expected);
  });

  it("places two-digit years in the hundred years from 80 years before now", () => {
    const format = compileSimpleDateFormat("yy", { now: Date.UTC(2000, 0, 1) });
    expect(format.parse("19").getUTCFullYear()).toBe(2019);
    expect(format.parse("20").getUTCFullYear()).toBe(1920);
    // Year 19 is in the Julian calendar, as everything before 1582 is.
    expect(compileSimpleDateFormat("yyyy-MM-dd").format(format.parse("019"))).toBe("0019-01-01");
  });

  it.each([
    ["yyyy-qq", "Illegal pattern character 'q'"],
    ["yyyy-MM-dd'T", "Unterminated quote"],
    ["XXXX", "invalid ISO 8601 format: length=4"],
  ])("refuses %j as Java does", (pattern, reason) => {
    expect(() => compileSimpleDateFormat(pattern)).toThrow(ConfigError);
    expect(simpleDateFormatProblem(pattern)).toContain(reason);
    expect(simpleDateFormatProblem(pattern)).toContain(JSON.stringify(pattern));
  });

  it("reports no problem for a valid pattern", () => {
    expect(simpleDateFormatProblem("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")).toBeUndefined();
  });

  it("says which text did not match which pattern, and where", () => {
    const format = compileSimpleDateFormat("yyyy-MM-dd");
    expect(() => format.parse("2019/01/01")).toThrow(
      'Unparseable date: "2019/01/01" does not match the pattern "yyyy-MM-dd" (at index 4).',
    );
  });

  it("explains that named time zones other than UTC and GMT are not understood", () => {
    expect(() => compileSimpleDateFormat("HH:mm z").parse("10:00 PST")).toThrow(/names UTC and GMT/);
  });

  it("refuses an invalid Date and an instant beyond a JavaScript Date", () => {
    expect(() => compileSimpleDateFormat("yyyy").format(new Date(Number.NaN))).toThrow(DataError);
    expect(() => compileSimpleDateFormat("yyyy").parse("99999999")).toThrow(/beyond what a JavaScript Date/);
  });
});
