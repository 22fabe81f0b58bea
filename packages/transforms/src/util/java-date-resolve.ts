import {
  CUTOVER_FIXED_DATE,
  CUTOVER_YEAR,
  calendarDate,
  EPOCH_FIXED_DATE,
  fixedDateOfJan1,
  gregorianFixedDate,
  isGregorianLeapYear,
  isJulianLeapYear,
  julianFixedDate,
  MINIMAL_DAYS_IN_FIRST_WEEK,
  MS_PER_DAY,
  mod,
  SUNDAY,
  weekdayOnOrBefore,
} from "./java-calendar.js";

/** The calendar fields a parsed date sets, named after Java's `Calendar` constants. @internal */
export type DateField =
  | "ERA"
  | "YEAR"
  | "MONTH"
  | "WEEK_OF_YEAR"
  | "WEEK_OF_MONTH"
  | "DAY_OF_MONTH"
  | "DAY_OF_YEAR"
  | "DAY_OF_WEEK"
  | "DAY_OF_WEEK_IN_MONTH"
  | "AM_PM"
  | "HOUR"
  | "HOUR_OF_DAY"
  | "MINUTE"
  | "SECOND"
  | "MILLISECOND"
  | "ZONE_OFFSET"
  | "DST_OFFSET"
  | "WEEK_YEAR";

/**
 * The fields a parse has read, each with the order it was set in: Java resolves conflicting fields (a day of month
 * and a day of year, say) by taking the most recently set ones, so the order matters. Mirrors `CalendarBuilder`.
 * @internal
 */
export class DateFields {
  readonly #values = new Map<DateField, number>();
  readonly #stamps = new Map<DateField, number>();
  #nextStamp = 2;

  set(field: DateField, value: number): this {
    this.#values.set(field, value | 0);
    this.#stamps.set(field, this.#nextStamp++);
    return this;
  }

  isSet(field: DateField): boolean {
    return this.#stamps.has(field);
  }

  stamp(field: DateField): number {
    return this.#stamps.get(field) ?? 0;
  }

  get(field: DateField): number {
    return this.#values.get(field) ?? 0;
  }

  /** Adds `years` to the year and week year, for a two-digit year that belongs to the next century. */
  addYears(years: number): void {
    for (const field of ["YEAR", "WEEK_YEAR"] as const)
      this.#values.set(field, (this.get(field) + years) | 0);
  }

  copy(): DateFields {
    const copy = new DateFields();
    const order = [...this.#stamps].sort((a, b) => a[1] - b[1]);
    for (const [field] of order) copy.set(field, this.get(field));
    return copy;
  }
}

/** Thrown where Java's lenient calendar still throws `IllegalArgumentException` (an era other than BC or AD). */
export class InvalidFields extends Error {}

/**
 * The instant the fields denote, as Java's lenient `GregorianCalendar` computes it in UTC: out-of-range values
 * roll over (month 13 is January of the next year), missing fields take their defaults (1970, January, the 1st,
 * midnight), and a week-based year (`Y`) wins when it was read after the year.
 * @throws InvalidFields when Java would refuse the fields.
 * @internal
 */
export function resolveDate(fields: DateFields): number {
  const weekDate = fields.isSet("WEEK_YEAR") && fields.stamp("WEEK_YEAR") > fields.stamp("YEAR");
  if (!weekDate) return computeTime(fields);
  let weekOfYear = fields.isSet("WEEK_OF_YEAR") ? fields.get("WEEK_OF_YEAR") : 1;
  let weekday = fields.isSet("DAY_OF_WEEK") ? fields.get("DAY_OF_WEEK") : SUNDAY;
  if (weekday < 1 || weekday > 7) {
    if (weekday >= 8) {
      weekday--;
      weekOfYear += Math.trunc(weekday / 7);
      weekday = (weekday % 7) + 1;
    } else {
      while (weekday <= 0) {
        weekday += 7;
        weekOfYear--;
      }
    }
    weekday = weekday >= 1 && weekday <= 7 ? (weekday === 7 ? SUNDAY : weekday + 1) : weekday;
  }
  if (weekday < 1 || weekday > 7) throw new InvalidFields(`invalid dayOfWeek: ${weekday}`);
  // Java keeps the era of the date the other fields give, then counts weeks from the first week of the week year.
  const era = calendarDate(Math.floor(computeTime(fields) / MS_PER_DAY) + EPOCH_FIXED_DATE).year > 0 ? 1 : 0;
  const year = era === 1 ? fields.get("WEEK_YEAR") : 1 - fields.get("WEEK_YEAR");
  const jan1 = fixedDateOfJan1(year);
  let firstWeek = weekdayOnOrBefore(jan1 + 6, SUNDAY);
  if (firstWeek - jan1 >= MINIMAL_DAYS_IN_FIRST_WEEK) firstWeek -= 7;
  const date = calendarDate(firstWeek + mod(weekday - SUNDAY, 7) + 7 * (weekOfYear - 1));
  const resolved = fields.copy();
  resolved.set("ERA", date.year > 0 ? 1 : 0);
  resolved.set("YEAR", date.year > 0 ? date.year : 1 - date.year);
  resolved.set("MONTH", date.month - 1);
  resolved.set("DAY_OF_MONTH", date.day);
  return computeTime(resolved);
}

/** Which fields Java's `Calendar.selectFields` uses for the date and the time of day. */
function selectFields(fields: DateFields): Set<DateField> {
  const stamp = (field: DateField): number => fields.stamp(field);
  const aggregate = (a: number, b: number): number => (a === 0 || b === 0 ? 0 : Math.max(a, b));
  const used = new Set<DateField>(["YEAR"]);
  if (fields.isSet("ERA")) used.add("ERA");
  const dowStamp = stamp("DAY_OF_WEEK");
  let domStamp = stamp("DAY_OF_MONTH");
  let womStamp = aggregate(stamp("WEEK_OF_MONTH"), dowStamp);
  let dowimStamp = aggregate(stamp("DAY_OF_WEEK_IN_MONTH"), dowStamp);
  const doyStamp = stamp("DAY_OF_YEAR");
  let woyStamp = aggregate(stamp("WEEK_OF_YEAR"), dowStamp);
  let best = Math.max(domStamp, womStamp, dowimStamp, doyStamp, woyStamp);
  if (best === 0) {
    womStamp = stamp("WEEK_OF_MONTH");
    dowimStamp = Math.max(stamp("DAY_OF_WEEK_IN_MONTH"), dowStamp);
    woyStamp = stamp("WEEK_OF_YEAR");
    best = Math.max(womStamp, dowimStamp, woyStamp);
    if (best === 0) best = domStamp = stamp("MONTH");
  }
  if (
    best === domStamp ||
    (best === womStamp && stamp("WEEK_OF_MONTH") >= stamp("WEEK_OF_YEAR")) ||
    (best === dowimStamp && stamp("DAY_OF_WEEK_IN_MONTH") >= stamp("WEEK_OF_YEAR"))
  ) {
    used.add("MONTH");
    if (best === domStamp) {
      used.add("DAY_OF_MONTH");
    } else {
      if (dowStamp !== 0) used.add("DAY_OF_WEEK");
      if (womStamp === dowimStamp) {
        used.add(
          stamp("WEEK_OF_MONTH") >= stamp("DAY_OF_WEEK_IN_MONTH") ? "WEEK_OF_MONTH" : "DAY_OF_WEEK_IN_MONTH",
        );
      } else if (best === womStamp) {
        used.add("WEEK_OF_MONTH");
      } else if (stamp("DAY_OF_WEEK_IN_MONTH") !== 0) {
        used.add("DAY_OF_WEEK_IN_MONTH");
      }
    }
  } else if (best === doyStamp) {
    used.add("DAY_OF_YEAR");
  } else {
    if (dowStamp !== 0) used.add("DAY_OF_WEEK");
    used.add("WEEK_OF_YEAR");
  }
  const hourOfDayStamp = stamp("HOUR_OF_DAY");
  const hourStamp = aggregate(stamp("HOUR"), stamp("AM_PM"));
  let hourBest = Math.max(hourStamp, hourOfDayStamp);
  if (hourBest === 0) hourBest = Math.max(stamp("HOUR"), stamp("AM_PM"));
  if (hourBest !== 0) {
    if (hourBest === hourOfDayStamp) {
      used.add("HOUR_OF_DAY");
    } else {
      used.add("HOUR");
      if (stamp("AM_PM") !== 0) used.add("AM_PM");
    }
  }
  return used;
}

/** Java's `GregorianCalendar.computeTime` in lenient mode for the UTC zone. */
function computeTime(fields: DateFields): number {
  const used = selectFields(fields);
  let year = fields.isSet("YEAR") ? fields.get("YEAR") : 1970;
  const era = fields.isSet("ERA") ? fields.get("ERA") : 1;
  if (era === 0) year = 1 - year;
  else if (era !== 1) throw new InvalidFields("Invalid era");

  let timeOfDay = used.has("HOUR_OF_DAY")
    ? fields.get("HOUR_OF_DAY")
    : fields.get("HOUR") + (used.has("AM_PM") ? 12 * fields.get("AM_PM") : 0);
  timeOfDay =
    ((timeOfDay * 60 + fields.get("MINUTE")) * 60 + fields.get("SECOND")) * 1000 + fields.get("MILLISECOND");
  let fixed = Math.trunc(timeOfDay / MS_PER_DAY);
  timeOfDay %= MS_PER_DAY;
  while (timeOfDay < 0) {
    timeOfDay += MS_PER_DAY;
    fixed--;
  }

  const gregorian = (): number => fixed + fixedDateOf(fields, used, year, true);
  const julian = (): number => fixed + fixedDateOf(fields, used, year, false);
  let date: number;
  if (year > CUTOVER_YEAR) {
    // Only a date rolled back past the cutover (day -200000 of a month, say) is read as Julian.
    const g = gregorian();
    date = g >= CUTOVER_FIXED_DATE ? g : julian();
  } else if (year < CUTOVER_YEAR) {
    date = julian();
  } else if (used.has("DAY_OF_YEAR") || used.has("WEEK_OF_YEAR")) {
    date = julian();
  } else {
    const g = gregorian();
    // In the ten days Pope Gregory removed, the lenient calendar reads the date as Julian.
    date = g >= CUTOVER_FIXED_DATE ? g : julian();
  }
  const offset = fields.get("ZONE_OFFSET") + fields.get("DST_OFFSET");
  return (date - EPOCH_FIXED_DATE) * MS_PER_DAY + timeOfDay - offset;
}

/** Java's `GregorianCalendar.getFixedDate`: the day the date fields give, in the chosen calendar. */
function fixedDateOf(fields: DateFields, used: Set<DateField>, year: number, gregorian: boolean): number {
  let month = 0;
  if (used.has("MONTH")) {
    month = fields.get("MONTH");
    if (month > 11 || month < 0) {
      year += Math.floor(month / 12);
      month = mod(month, 12);
    }
  }
  const fixedOf = gregorian ? gregorianFixedDate : julianFixedDate;
  let fixed = fixedOf(year, month + 1, 1);
  if (used.has("MONTH")) {
    if (used.has("DAY_OF_MONTH")) {
      if (fields.isSet("DAY_OF_MONTH")) fixed += fields.get("DAY_OF_MONTH") - 1;
    } else if (used.has("WEEK_OF_MONTH")) {
      let firstWeek = weekdayOnOrBefore(fixed + 6, SUNDAY);
      if (firstWeek - fixed >= MINIMAL_DAYS_IN_FIRST_WEEK) firstWeek -= 7;
      if (used.has("DAY_OF_WEEK")) firstWeek = weekdayOnOrBefore(firstWeek + 6, fields.get("DAY_OF_WEEK"));
      fixed = firstWeek + 7 * (fields.get("WEEK_OF_MONTH") - 1);
    } else {
      const weekday = used.has("DAY_OF_WEEK") ? fields.get("DAY_OF_WEEK") : SUNDAY;
      const inMonth = used.has("DAY_OF_WEEK_IN_MONTH") ? fields.get("DAY_OF_WEEK_IN_MONTH") : 1;
      if (inMonth >= 0) {
        fixed = weekdayOnOrBefore(fixed + 7 * inMonth - 1, weekday);
      } else {
        const lastDate = monthLength(month, year) + 7 * (inMonth + 1);
        fixed = weekdayOnOrBefore(fixed + lastDate - 1, weekday);
      }
    }
  } else if (used.has("DAY_OF_YEAR")) {
    fixed += fields.get("DAY_OF_YEAR") - 1;
  } else {
    let firstWeek = weekdayOnOrBefore(fixed + 6, SUNDAY);
    if (firstWeek - fixed >= MINIMAL_DAYS_IN_FIRST_WEEK) firstWeek -= 7;
    if (used.has("DAY_OF_WEEK") && fields.get("DAY_OF_WEEK") !== SUNDAY) {
      firstWeek = weekdayOnOrBefore(firstWeek + 6, fields.get("DAY_OF_WEEK"));
    }
    fixed = firstWeek + 7 * (fields.get("WEEK_OF_YEAR") - 1);
  }
  return fixed;
}

function monthLength(month: number, year: number): number {
  const leap = year > CUTOVER_YEAR ? isGregorianLeapYear(year) : isJulianLeapYear(year);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month] as number;
}
