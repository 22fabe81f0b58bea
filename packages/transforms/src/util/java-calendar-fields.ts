import {
  CUTOVER_FIXED_DATE,
  CUTOVER_YEAR,
  calendarDate,
  dayOfWeek,
  EPOCH_FIXED_DATE,
  fixedDateOfJan1,
  floorDiv,
  gregorianFixedDate,
  isJulianLeapYear,
  julianFixedDate,
  MINIMAL_DAYS_IN_FIRST_WEEK,
  MS_PER_DAY,
  mod,
  SUNDAY,
  weekdayOnOrBefore,
  weekNumber,
} from "./java-calendar.js";

/** The calendar fields Java's `GregorianCalendar` computes for an instant in UTC. @internal */
export interface CalendarFields {
  /** 0 for BC, 1 for AD. */
  readonly era: number;
  /** The year of the era (1 BC is 1). */
  readonly year: number;
  /** The year counted astronomically (1 BC is 0). */
  readonly normalizedYear: number;
  /** 0 (January) to 11. */
  readonly month: number;
  readonly dayOfMonth: number;
  readonly dayOfYear: number;
  /** 1 (Sunday) to 7. */
  readonly dayOfWeek: number;
  readonly dayOfWeekInMonth: number;
  readonly weekOfYear: number;
  readonly weekOfMonth: number;
  readonly hourOfDay: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

/**
 * The calendar fields of `millis` (milliseconds since the epoch) in UTC, as Java computes them, including its
 * handling of the Julian-Gregorian cutover in 1582; the week numbers are left 0 unless `withWeeks`.
 * @internal
 */
export function calendarFields(millis: number, withWeeks = true): CalendarFields {
  const fixed = floorDiv(millis, MS_PER_DAY) + EPOCH_FIXED_DATE;
  const timeOfDay = mod(millis, MS_PER_DAY);
  const date = calendarDate(fixed);
  const normalizedYear = date.year;
  // 1582 began in the Julian calendar, and so did October 1582.
  const jan1 =
    normalizedYear === CUTOVER_YEAR
      ? fixedDateOfJan1(CUTOVER_YEAR)
      : fixedDateOfJan1OfCalendar(fixed, normalizedYear);
  let month1 = fixed - date.day + 1;
  if (normalizedYear === CUTOVER_YEAR && fixed >= CUTOVER_FIXED_DATE && date.month === 10) {
    month1 = julianFixedDate(CUTOVER_YEAR, 10, 1);
  }
  let week = withWeeks ? weekNumber(jan1, fixed) : 0;
  // Around the cutover Java checks every week, elsewhere only weeks 52 and 53, whether they are next year's week 1.
  const regularYear = normalizedYear > CUTOVER_YEAR || normalizedYear < CUTOVER_YEAR - 1;
  if (withWeeks && (!regularYear || week >= 52)) {
    const nextJan1 = nextYearStart(fixed, normalizedYear);
    const nextFirstWeek = weekdayOnOrBefore(nextJan1 + 6, SUNDAY);
    if (nextFirstWeek - nextJan1 >= MINIMAL_DAYS_IN_FIRST_WEEK && fixed >= nextFirstWeek - 7) week = 1;
  }
  return {
    era: normalizedYear > 0 ? 1 : 0,
    year: normalizedYear > 0 ? normalizedYear : 1 - normalizedYear,
    normalizedYear,
    month: date.month - 1,
    dayOfMonth: date.day,
    dayOfYear: fixed - jan1 + 1,
    dayOfWeek: dayOfWeek(fixed),
    dayOfWeekInMonth: floorDiv(fixed - month1, 7) + 1,
    weekOfYear: week,
    weekOfMonth: withWeeks ? weekNumber(month1, fixed) : 0,
    hourOfDay: Math.floor(timeOfDay / 3_600_000),
    minute: Math.floor(timeOfDay / 60_000) % 60,
    second: Math.floor(timeOfDay / 1000) % 60,
    millisecond: timeOfDay % 1000,
  };
}

/** 1 January of the year of `fixed`, in the calendar `fixed` itself is in (as Java's `calsys.getFixedDate`). */
function fixedDateOfJan1OfCalendar(fixed: number, year: number): number {
  return fixed >= CUTOVER_FIXED_DATE ? gregorianFixedDate(year, 1, 1) : julianFixedDate(year, 1, 1);
}

/** The next 1 January as Java finds it when deciding whether the last days of December are week 1. */
function nextYearStart(fixed: number, year: number): number {
  if (year === CUTOVER_YEAR - 1) return fixedDateOfJan1(CUTOVER_YEAR);
  return fixedDateOfJan1OfCalendar(fixed, year + 1);
}

/**
 * The week-based year (pattern letter `Y`), counted astronomically, as Java's `GregorianCalendar.getWeekYear`: the
 * year, plus one for the last days of a December that belong to the next year's week 1. Up to 1583 Java takes a
 * slower path, and for BC dates it looks at the wrong next year (AD instead of BC) there; that is kept.
 * @internal
 */
export function weekYear(fields: CalendarFields): number {
  const year = fields.normalizedYear;
  if (year > CUTOVER_YEAR + 1) {
    if (fields.month === 0) return fields.weekOfYear >= 52 ? year - 1 : year;
    return fields.weekOfYear === 1 ? year + 1 : year;
  }
  const yearLength = year === CUTOVER_YEAR ? 355 : isJulianLeapYear(year) ? 366 : 365;
  if (fields.dayOfYear > MINIMAL_DAYS_IN_FIRST_WEEK && fields.dayOfYear < yearLength - 6) return year;
  // Java sets YEAR to year + 1 while keeping the era, so a BC date lands on AD (its era year minus one).
  const nextYear = fields.era === 0 ? -year : year + 1;
  const nextJan1 = fixedDateOfJan1(nextYear);
  const untilSunday = mod(SUNDAY - dayOfWeek(nextJan1), 7);
  const daysBefore = untilSunday === 0 ? 7 : untilSunday;
  const daysLeft = yearLength - fields.dayOfYear + 1;
  return daysBefore >= MINIMAL_DAYS_IN_FIRST_WEEK && daysLeft <= 7 - daysBefore ? year + 1 : year;
}
