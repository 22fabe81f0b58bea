import { ConfigError, DataError } from "@tributary/api";
import { type CalendarFields, calendarFields, weekYear } from "./java-calendar-fields.js";
import { type CenturyStart, NAMES, parseWithPattern } from "./java-date-parse.js";
import { compileDatePattern, DatePatternError, type DatePatternToken } from "./java-date-pattern.js";

/** The largest magnitude, in milliseconds, a JavaScript `Date` can hold. */
const MAX_DATE_MILLIS = 8.64e15;

/** Options of {@link compileSimpleDateFormat}. */
export interface SimpleDateFormatOptions {
  /**
   * The current time, in milliseconds since the epoch, from which two-digit years (`yy`) are placed in the
   * hundred years starting 80 years before it, as Java does when the format is created; `Date.now()` by default.
   */
  readonly now?: number;
}

/**
 * A Java `SimpleDateFormat` pattern compiled for UTC, formatting and parsing exactly as a JVM does whose default
 * locale is English (`en`, `en_US`), which is how Kafka's TimestampConverter and TimestampRouter use it. Immutable;
 * `format` and `parse` may be called from anywhere at any time.
 */
export interface JavaDateFormat {
  /** The pattern as given. */
  readonly pattern: string;
  /**
   * `date` as Java's `format` writes it in UTC.
   * @throws DataError when `date` is an invalid Date.
   */
  format(date: Date): string;
  /**
   * The instant `text` denotes, read from its start as Java's lenient `parse(String)` reads it: text after the
   * pattern is ignored, out-of-range numbers roll over (`2019-02-30` is 2 March), spaces before numbers are skipped.
   * Time zones in the text are honoured when numeric (`+0530`, `Z`, `GMT+05:30`) or named UTC/GMT.
   * @throws DataError when the text does not match, names another time zone, or denotes an instant beyond a
   * JavaScript `Date`.
   */
  parse(text: string): Date;
}

/**
 * Compiles a Java `SimpleDateFormat` pattern, for configuration keys that take one.
 *
 * All of Java's pattern letters are supported, with `'text'` quoting and `''` for a quote: `G y Y M L w W D d F E u
 * a H k K h m s S z Z X`. The calendar is Java's: Julian before 15 October 1582, Gregorian after; weeks start on
 * Sunday and week 1 is the week of 1 January (`w`, `W`, `Y`), as for the JVM's English locales. Names are English
 * (`Jan`, `January`, `Mon`, `Monday`, `AM`, `AD`); in UTC, `z` writes `UTC` (`zzzz`: `Coordinated Universal Time`),
 * `Z` writes `+0000` and `X` writes `Z`. Parsing follows Java 17 and 21 (space characters must match exactly).
 *
 * @throws ConfigError naming the problem when Java would refuse the pattern (an unknown letter such as `q`, an
 * unterminated quote, `XXXX`).
 * @example
 * ```ts
 * const f = compileSimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
 * f.format(new Date(1483425001864)); // "2017-01-03T06:30:01.864Z"
 * f.parse("2017-01-03T07:30:01.864+01:00").getTime(); // 1483425001864
 * ```
 */
export function compileSimpleDateFormat(
  pattern: string,
  options: SimpleDateFormatOptions = {},
): JavaDateFormat {
  let tokens: DatePatternToken[];
  try {
    tokens = compileDatePattern(pattern);
  } catch (error) {
    if (error instanceof DatePatternError) throw new ConfigError(describe(pattern, error));
    throw error;
  }
  return new CompiledDateFormat(pattern, tokens, centuryStart(options.now ?? Date.now()));
}

/**
 * Why `pattern` is not a valid `SimpleDateFormat` pattern, as a sentence for a configuration error, or `undefined`
 * when it is valid; for a key's `validate` function.
 */
export function simpleDateFormatProblem(pattern: string): string | undefined {
  try {
    compileDatePattern(pattern);
    return undefined;
  } catch (error) {
    if (error instanceof DatePatternError) return describe(pattern, error);
    throw error;
  }
}

function describe(pattern: string, error: DatePatternError): string {
  return `Invalid SimpleDateFormat pattern ${JSON.stringify(pattern)}: ${error.message}. Quote literal letters with '…' (for example yyyy-MM-dd'T'HH:mm).`;
}

/** 80 years before `now`, as Java's `Calendar.add(YEAR, -80)` finds it (29 February becomes the 28th). */
function centuryStart(now: number): CenturyStart {
  const date = new Date(now);
  const year = date.getUTCFullYear() - 80;
  const month = date.getUTCMonth();
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const start = new Date(now);
  start.setUTCFullYear(year, month, Math.min(date.getUTCDate(), lastDay));
  return { millis: start.getTime(), year };
}

/** Letters whose text depends only on the day (and, in UTC, the zone letters, which never change). */
const DAY_LETTERS = new Set("GyYMLwWDdFEuzZX");

class CompiledDateFormat implements JavaDateFormat {
  readonly pattern: string;
  readonly #tokens: readonly DatePatternToken[];
  readonly #century: CenturyStart;
  /** Milliseconds per cache key: a day for patterns that only show the date, else one millisecond. */
  readonly #keySpan: number;
  readonly #withWeeks: boolean;
  // Records come in runs of close timestamps: the last text written is usually the next one too.
  #lastKey = Number.NaN;
  #lastText = "";

  constructor(pattern: string, tokens: readonly DatePatternToken[], century: CenturyStart) {
    this.pattern = pattern;
    this.#tokens = tokens;
    this.#century = century;
    const dayOnly = tokens.every((token) => token.type === "literal" || DAY_LETTERS.has(token.letter));
    this.#keySpan = dayOnly ? 86_400_000 : 1;
    this.#withWeeks = tokens.some((token) => token.type === "field" && "wWY".includes(token.letter));
    Object.freeze(this);
  }

  format(date: Date): string {
    const millis = date instanceof Date ? date.getTime() : Number.NaN;
    if (!Number.isFinite(millis)) {
      throw new DataError(`Cannot format an invalid Date with the pattern ${JSON.stringify(this.pattern)}.`);
    }
    const key = Math.floor(millis / this.#keySpan);
    if (key === this.#lastKey) return this.#lastText;
    const fields = calendarFields(millis, this.#withWeeks);
    let out = "";
    for (const token of this.#tokens) {
      out += token.type === "literal" ? token.text : formatField(token, fields);
    }
    this.#lastKey = key;
    this.#lastText = out;
    return out;
  }

  parse(text: string): Date {
    const result = parseWithPattern(this.#tokens, text, this.#century);
    if (typeof result !== "number") {
      const zone = result.unknownZone
        ? " Only numeric time zones (+0530, Z, GMT+05:30) and the names UTC and GMT are understood."
        : "";
      throw new DataError(
        `Unparseable date: ${JSON.stringify(text)} does not match the pattern ${JSON.stringify(this.pattern)} (at index ${result.errorIndex}).${zone}`,
      );
    }
    if (!(Math.abs(result) <= MAX_DATE_MILLIS)) {
      throw new DataError(
        `The date ${JSON.stringify(text)} read with the pattern ${JSON.stringify(this.pattern)} is ${result} ms from the epoch, beyond what a JavaScript Date can hold (±8.64e15 ms).`,
      );
    }
    return new Date(result);
  }
}

function formatField(token: Extract<DatePatternToken, { type: "field" }>, fields: CalendarFields): string {
  const { letter, count } = token;
  switch (letter) {
    case "G":
      return NAMES.eras[fields.era] as string;
    case "y":
      return count === 2 ? lastTwoDigits(fields.year) : pad(fields.year, count);
    case "Y": {
      const year = weekYear(fields);
      return count === 2 ? lastTwoDigits(year) : pad(year, count);
    }
    case "M":
    case "L":
      if (count >= 4) return NAMES.months[fields.month] as string;
      if (count === 3) return NAMES.shortMonths[fields.month] as string;
      return pad(fields.month + 1, count);
    case "E":
      return (count >= 4 ? NAMES.weekdays : NAMES.shortWeekdays)[fields.dayOfWeek] as string;
    case "a":
      return NAMES.amPm[fields.hourOfDay < 12 ? 0 : 1] as string;
    case "z":
      return count >= 4 ? "Coordinated Universal Time" : "UTC";
    case "Z":
      return "+0000";
    case "X":
      return "Z";
    default:
      return pad(numericValue(letter, fields), count);
  }
}

function numericValue(letter: string, fields: CalendarFields): number {
  switch (letter) {
    case "d":
      return fields.dayOfMonth;
    case "D":
      return fields.dayOfYear;
    case "F":
      return fields.dayOfWeekInMonth;
    case "w":
      return fields.weekOfYear;
    case "W":
      return fields.weekOfMonth;
    case "u":
      return fields.dayOfWeek === 1 ? 7 : fields.dayOfWeek - 1;
    case "H":
      return fields.hourOfDay;
    case "k":
      return fields.hourOfDay === 0 ? 24 : fields.hourOfDay;
    case "K":
      return fields.hourOfDay % 12;
    case "h":
      return fields.hourOfDay % 12 === 0 ? 12 : fields.hourOfDay % 12;
    case "m":
      return fields.minute;
    case "s":
      return fields.second;
    default:
      return fields.millisecond;
  }
}

/** The last two digits of a year, signed as the year is (Java writes -26900 as `-00`). */
function lastTwoDigits(year: number): string {
  const digits = String(Math.abs(year) % 100).padStart(2, "0");
  return year < 0 ? `-${digits}` : digits;
}

/** `value` with at least `digits` digits, as Java's `zeroPaddingNumber` writes it (a sign before the zeros). */
function pad(value: number, digits: number): string {
  const text = String(Math.abs(value)).padStart(digits, "0");
  return value < 0 ? `-${text}` : text;
}
