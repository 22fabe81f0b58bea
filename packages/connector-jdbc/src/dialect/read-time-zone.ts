import { ConfigError, DataError } from "@tributary/api";

const NANOS_PER_MILLI = 1_000_000n;
const MILLIS_PER_HOUR = 3_600_000;
/** `YYYY-MM-DD[ T]HH:MM[:SS[.fraction]][zone]`, the shape every supported driver gives date-times in as text. */
const DATE_TIME =
  /^(\d{4,})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const TIME = /^(-)?(\d{2,3}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * A time zone by IANA name, for the wall-clock values of date-time columns without a zone (`db.timezone`): it turns
 * database text into exact instants and back. UTC costs nothing; other zones ask `Intl` once per hour of time seen.
 * @internal
 */
export class ReadTimeZone {
  /** The zone's name as configured. */
  readonly name: string;
  readonly #utc: boolean;
  readonly #format: Intl.DateTimeFormat | undefined;
  readonly #offsets = new Map<number, number>();
  /** `YYYY-MM-DD HH:MM:` of the last date-time read in the common shape, and that minute's epoch milliseconds. */
  #minutePrefix = "";
  #minuteMillis = 0;

  /** @throws ConfigError when `name` is not a time zone this Node.js knows. */
  constructor(name: string) {
    this.name = name;
    this.#utc = name === "UTC" || name === "Etc/UTC" || name === "GMT" || name === "Z";
    if (this.#utc) return;
    try {
      this.#format = new Intl.DateTimeFormat("en-US", {
        timeZone: name,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      throw new ConfigError(
        `Invalid db.timezone "${name}": not a time zone name. Use an IANA name such as UTC, Europe/Berlin or ` +
          "America/New_York.",
      );
    }
  }

  /** The zone's offset from UTC at `epochMillis`, in milliseconds. */
  offsetAt(epochMillis: number): number {
    if (this.#utc || this.#format === undefined) return 0;
    const hour = Math.floor(epochMillis / MILLIS_PER_HOUR);
    const cached = this.#offsets.get(hour);
    if (cached !== undefined) return cached;
    const parts = this.#format.formatToParts(new Date(hour * MILLIS_PER_HOUR));
    const field = (type: string): number => Number(parts.find((part) => part.type === type)?.value ?? 0);
    const wall = Date.UTC(
      field("year"),
      field("month") - 1,
      field("day"),
      field("hour"),
      field("minute"),
      field("second"),
    );
    const offset = wall - hour * MILLIS_PER_HOUR;
    if (this.#offsets.size > 10_000) this.#offsets.clear();
    this.#offsets.set(hour, offset);
    return offset;
  }

  /** The instant, in milliseconds since the epoch, at which this zone's clocks show the wall-clock `wallMillis`. */
  fromWallClock(wallMillis: number): number {
    if (this.#utc) return wallMillis;
    // Try the offset at the wall time read as UTC, then the one at the result: that settles DST changes.
    const first = wallMillis - this.offsetAt(wallMillis);
    const second = wallMillis - this.offsetAt(first);
    return second;
  }

  /**
   * Parses database date-time text (`2024-05-01 12:30:00.123456`, with `T`, with or without a zone such as `+02`
   * or `Z`) into nanoseconds since the epoch; text without a zone is a wall-clock time in this zone.
   * @throws DataError when the text is not a date-time (such as PostgreSQL's `infinity`).
   */
  parseDateTime(text: string): bigint {
    const { millis, fraction } = this.#parse(text);
    return BigInt(millis) * NANOS_PER_MILLI + fractionNanos(fraction);
  }

  /**
   * Like {@link ReadTimeZone.parseDateTime}, in whole milliseconds (finer digits dropped): the value of a Connect
   * Timestamp.
   * @throws DataError when the text is not a date-time.
   */
  parseDateTimeMillis(text: string): number {
    // The common shape straight to a number: this runs once per timestamp value read.
    if (text.length >= 19 && text.length <= 29) {
      const seconds = this.#cachedMinute(text) ?? this.#commonSeconds(text);
      if (seconds !== undefined) {
        let millis = 0;
        for (let i = 20, scale = 100; i < text.length && i < 23; i++, scale /= 10) {
          millis += (text.charCodeAt(i) - 0x30) * scale;
        }
        return seconds + millis;
      }
    }
    const { millis, fraction } = this.#parse(text);
    return fraction === undefined ? millis : millis + Math.floor(Number(fraction.padEnd(9, "0")) / 1_000_000);
  }

  /** Epoch milliseconds of the whole seconds, and the fraction digits as written. */
  #parse(text: string): { millis: number; fraction: string | undefined } {
    const fast = this.#parseCommon(text);
    if (fast !== undefined) return fast;
    const match = DATE_TIME.exec(text);
    if (match === null) {
      throw new DataError(
        `Cannot read the database value ${JSON.stringify(text)} as a timestamp: expected YYYY-MM-DD HH:MM:SS.`,
      );
    }
    const [, year, month, day, hour, minute, second, fraction, zone] = match;
    const wall = Date.UTC(
      Number(year),
      Number(month) - 1,
      Number(day),
      Number(hour ?? 0),
      Number(minute ?? 0),
      Number(second ?? 0),
    );
    // Date.UTC maps years 0-99 to 1900-1999.
    const wallMillis = Number(year) < 100 ? new Date(wall).setUTCFullYear(Number(year)) : wall;
    const millis = zone === undefined ? this.fromWallClock(wallMillis) : wallMillis - zoneOffset(zone);
    return { millis, fraction };
  }

  /**
   * The common shape, `YYYY-MM-DD HH:MM:SS[.fraction]` without a zone, read without a regular expression: drivers
   * return every date-time in it, so this is the path of nearly every value. `undefined` for anything else.
   */
  #parseCommon(text: string): { millis: number; fraction: string | undefined } | undefined {
    const seconds = this.#commonSeconds(text);
    return seconds === undefined
      ? undefined
      : { millis: seconds, fraction: text.length > 19 ? text.slice(20) : undefined };
  }

  /**
   * The epoch milliseconds of the whole seconds when `text` falls in the same minute as the last text read in the
   * common shape: rows read in order mostly do, and this skips `Date.UTC` and the zone. `undefined` otherwise.
   */
  #cachedMinute(text: string): number | undefined {
    const prefix = this.#minutePrefix;
    if (prefix === "" || !text.startsWith(prefix)) return undefined;
    const second = digits(text, 17, 19);
    const length = text.length;
    if (second < 0 || (length > 19 && (text.charCodeAt(19) !== DOT || digits(text, 20, length) < 0)))
      return undefined;
    return this.#minuteMillis + second * 1000;
  }

  /** The epoch milliseconds of the whole seconds of text in the common shape (fraction checked), else `undefined`. */
  #commonSeconds(text: string): number | undefined {
    const length = text.length;
    if (length < 19 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return undefined;
    const separator = text.charCodeAt(10);
    if ((separator !== SPACE && separator !== LETTER_T) || text.charCodeAt(13) !== COLON) return undefined;
    if (text.charCodeAt(16) !== COLON) return undefined;
    const year = digits(text, 0, 4);
    const month = digits(text, 5, 7);
    const day = digits(text, 8, 10);
    const hour = digits(text, 11, 13);
    const minute = digits(text, 14, 16);
    const second = digits(text, 17, 19);
    if (year < 100 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
    if (length > 19 && (text.charCodeAt(19) !== DOT || length > 29 || digits(text, 20, length) < 0))
      return undefined;
    const minuteMillis = this.fromWallClock(Date.UTC(year, month - 1, day, hour, minute));
    this.#minutePrefix = text.slice(0, 17);
    this.#minuteMillis = minuteMillis;
    return minuteMillis + second * 1000;
  }

  /**
   * The wall-clock text of an instant in this zone, `YYYY-MM-DD HH:MM:SS.ffffff` with `fractionDigits` digits
   * after the point (6 by default), as databases parse it for a column without a zone.
   */
  formatDateTime(epochNanos: bigint, fractionDigits = 6): string {
    const millis = Number(floorDiv(epochNanos, NANOS_PER_MILLI));
    const wall = new Date(millis + this.offsetAt(millis));
    const nanosOfSecond = Number(floorMod(epochNanos, 1_000_000_000n));
    const fraction = String(nanosOfSecond).padStart(9, "0");
    const y = wall.getUTCFullYear();
    return (
      `${String(y).padStart(4, "0")}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())} ` +
      `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}.` +
      fraction.slice(0, fractionDigits)
    );
  }
}

/**
 * Parses date text (`2024-05-01`) into the `Date` at midnight UTC of that calendar day, the value of a Connect Date.
 * @throws DataError when the text is not a date.
 * @internal
 */
export function parseDateOnly(text: string): Date {
  const match = DATE_TIME.exec(text);
  if (match === null) {
    throw new DataError(
      `Cannot read the database value ${JSON.stringify(text)} as a date: expected YYYY-MM-DD.`,
    );
  }
  const date = new Date(Date.UTC(2000, Number(match[2]) - 1, Number(match[3])));
  date.setUTCFullYear(Number(match[1]));
  return date;
}

/**
 * Parses time-of-day text (`12:30:00.123456`) into the `Date` on 1970-01-01 UTC that a Connect Time holds
 * (milliseconds; finer digits are dropped). A zone suffix is ignored: a Time has none.
 * @throws DataError when the text is not a time of day from 00:00 to 24:00.
 * @internal
 */
export function parseTimeOfDay(text: string): Date {
  const match = TIME.exec(text);
  const millis =
    match === null || match[1] !== undefined
      ? Number.NaN
      : (Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4] ?? 0)) * 1000 +
        Math.floor(Number(fractionNanos(match[5])) / 1_000_000);
  if (!(millis >= 0 && millis <= 86_400_000)) {
    throw new DataError(
      `Cannot read the database value ${JSON.stringify(text)} as a time of day: a Connect Time is from 00:00 to ` +
        "24:00 (a MySQL TIME beyond that range has no Connect equivalent).",
    );
  }
  return new Date(millis);
}

/** `a / b` rounded towards negative infinity. @internal */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** `a mod b` with the sign of `b`. @internal */
export function floorMod(a: bigint, b: bigint): bigint {
  return a - floorDiv(a, b) * b;
}

const DASH = 0x2d;
const SPACE = 0x20;
const LETTER_T = 0x54;
const COLON = 0x3a;
const DOT = 0x2e;

/** The decimal number written in `text` from `start` to `end`, or -1 when a character there is not a digit. */
function digits(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function fractionNanos(fraction: string | undefined): bigint {
  return fraction === undefined ? 0n : BigInt(fraction.padEnd(9, "0"));
}

function zoneOffset(zone: string): number {
  if (zone === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4) || "0");
  return sign * (hours * 60 + minutes) * 60_000;
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}
