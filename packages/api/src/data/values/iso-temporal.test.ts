import { describe, expect, it } from "vitest";
import { ConnectDate } from "../logical/date.js";
import { ConnectTime } from "../logical/time.js";
import { ConnectTimestamp } from "../logical/timestamp.js";
import { formatIsoTemporal, parseIsoTemporal } from "./iso-temporal.js";

describe("formatIsoTemporal", () => {
  it.each([
    [0, "00:00:00.000Z"],
    [52_494_346, "14:34:54.346Z"],
    [86_399_999, "23:59:59.999Z"],
    [86_400_000, "1970-01-02"],
    [86_400_001, "1970-01-02T00:00:00.001Z"],
    [1_566_518_400_000, "2019-08-23"],
    [1_566_570_894_346, "2019-08-23T14:34:54.346Z"],
    [253_402_300_799_999, "9999-12-31T23:59:59.999Z"],
    [253_402_300_800_000, "10000-01-01"],
    // Kafka picks the time format for every instant before 1970-01-02, however long ago.
    [-1, "23:59:59.999Z"],
    [-86_400_000, "00:00:00.000Z"],
    [-1_000_000_000_000, "22:13:20.000Z"],
  ])("prints the instant %d as %s", (millis, text) => {
    expect(formatIsoTemporal(new Date(millis))).toBe(text);
  });

  it("rejects an invalid Date", () => {
    expect(() => formatIsoTemporal(new Date(Number.NaN))).toThrow(/invalid Date/);
  });
});

describe("parseIsoTemporal", () => {
  it.each([
    ["2019-08-23", ConnectDate.LOGICAL_NAME, "2019-08-23T00:00:00.000Z"],
    ["14:34:54.346Z", ConnectTime.LOGICAL_NAME, "1970-01-01T14:34:54.346Z"],
    ["2019-08-23T14:34:54.346Z", ConnectTimestamp.LOGICAL_NAME, "2019-08-23T14:34:54.346Z"],
    ["2019-08-23T14\\:34\\:54.346Z", ConnectTimestamp.LOGICAL_NAME, "2019-08-23T14:34:54.346Z"],
    ["14\\:34\\:54.346Z", ConnectTime.LOGICAL_NAME, "1970-01-01T14:34:54.346Z"],
    // As lenient as SimpleDateFormat: fields roll over, may be short, signed or spaced; trailing text is ignored.
    ["2019-02-30", ConnectDate.LOGICAL_NAME, "2019-03-02T00:00:00.000Z"],
    ["2019-13-45", ConnectDate.LOGICAL_NAME, "2020-02-14T00:00:00.000Z"],
    ["2019-8-23x", ConnectDate.LOGICAL_NAME, "2019-08-23T00:00:00.000Z"],
    ["2019- 8-23", ConnectDate.LOGICAL_NAME, "2019-08-23T00:00:00.000Z"],
    ["2019--8-23", ConnectDate.LOGICAL_NAME, "2018-04-23T00:00:00.000Z"],
    ["25:61:61.999Z", ConnectTime.LOGICAL_NAME, "1970-01-02T02:02:01.999Z"],
    ["1:2:3.456789Z", ConnectTime.LOGICAL_NAME, "1970-01-01T01:09:39.789Z"],
    // Years below 100 are taken literally; unlike Java, days before 1582-10-15 are Gregorian, not Julian.
    ["0099-01-01", ConnectDate.LOGICAL_NAME, "0099-01-01T00:00:00.000Z"],
  ])("reads %j as a %s", (text, name, iso) => {
    const parsed = parseIsoTemporal(text);
    expect(parsed?.schema?.name).toBe(name);
    expect(parsed?.value).toEqual(new Date(iso));
  });

  it.each([
    "1234567890",
    "12345.6789",
    "2019/08/23",
    "2019-08-2",
    "14:34:54.3467",
    "1234567890123",
    "2019-08-23T14:34:54.346",
  ])("reads %j as no date", (text) => {
    expect(parseIsoTemporal(text)).toBeUndefined();
  });
});
