/**
 * The calendar arithmetic of Java's `GregorianCalendar` in UTC with the first day of the week Sunday and one day
 * enough for a first week (the JVM's `en`/`en_US` defaults), which `SimpleDateFormat` formats and parses with:
 * the Julian calendar before 15 October 1582, the Gregorian one from then on, years counted astronomically inside
 * (0 is 1 BC) and by era outside.
 *
 * Days are "fixed dates": day 1 is 1 January of year 1 in the Gregorian calendar, as in Java's `BaseCalendar`.
 * @internal
 */

export const MS_PER_DAY = 86_400_000;
/** The fixed date of 1970-01-01. */
export const EPOCH_FIXED_DATE = 719_163;
/** The fixed date of 15 October 1582, the first Gregorian day. */
export const CUTOVER_FIXED_DATE = 577_736;
export const CUTOVER_YEAR = 1582;
export const SUNDAY = 1;
/** Java's `getMinimalDaysInFirstWeek()` for the `en` locales. */
export const MINIMAL_DAYS_IN_FIRST_WEEK = 1;

/** Floor division, as Java's `CalendarUtils.floorDivide`. */
export function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

/** The non-negative remainder, as Java's `CalendarUtils.mod`. */
export function mod(a: number, b: number): number {
  return a - b * Math.floor(a / b);
}

export function isGregorianLeapYear(year: number): boolean {
  return mod(year, 4) === 0 && (mod(year, 100) !== 0 || mod(year, 400) === 0);
}

export function isJulianLeapYear(year: number): boolean {
  return mod(year, 4) === 0;
}

/** Days before the first of `month` (1–12) in a year, counting February as 30 days. */
function daysBeforeMonth(month: number): number {
  return floorDiv(367 * month - 362, 12);
}

/** The fixed date of a Gregorian date (astronomical year, month 1–12, day of month). */
export function gregorianFixedDate(year: number, month: number, day: number): number {
  const y = year - 1;
  const leapCorrection = month <= 2 ? 0 : isGregorianLeapYear(year) ? -1 : -2;
  return (
    365 * y +
    floorDiv(y, 4) -
    floorDiv(y, 100) +
    floorDiv(y, 400) +
    daysBeforeMonth(month) +
    leapCorrection +
    day
  );
}

/** The fixed date of a Julian date (astronomical year, month 1–12, day of month). */
export function julianFixedDate(year: number, month: number, day: number): number {
  const y = year - 1;
  const leapCorrection = month <= 2 ? 0 : isJulianLeapYear(year) ? -1 : -2;
  return -2 + 365 * y + floorDiv(y, 4) + daysBeforeMonth(month) + leapCorrection + day;
}

/** A calendar date: astronomical year, month 1–12, day of month. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function gregorianDate(fixed: number): CalendarDate {
  const d0 = fixed - 1;
  const n400 = floorDiv(d0, 146_097);
  const d1 = mod(d0, 146_097);
  const n100 = floorDiv(d1, 36_524);
  const d2 = mod(d1, 36_524);
  const n4 = floorDiv(d2, 1461);
  const d3 = mod(d2, 1461);
  const n1 = floorDiv(d3, 365);
  let year = 400 * n400 + 100 * n100 + 4 * n4 + n1;
  if (n100 !== 4 && n1 !== 4) year++;
  return monthAndDay(year, fixed, gregorianFixedDate, isGregorianLeapYear(year));
}

export function julianDate(fixed: number): CalendarDate {
  const year = floorDiv(4 * (fixed + 1) + 1464, 1461);
  return monthAndDay(year, fixed, julianFixedDate, isJulianLeapYear(year));
}

function monthAndDay(
  year: number,
  fixed: number,
  fixedOf: (year: number, month: number, day: number) => number,
  leap: boolean,
): CalendarDate {
  let priorDays = fixed - fixedOf(year, 1, 1);
  if (fixed >= fixedOf(year, 3, 1)) priorDays += leap ? 1 : 2;
  const month = floorDiv(12 * priorDays + 373, 367);
  return { year, month, day: fixed - fixedOf(year, month, 1) + 1 };
}

/** The date of a fixed date in the calendar Java uses for it. */
export function calendarDate(fixed: number): CalendarDate {
  return fixed >= CUTOVER_FIXED_DATE ? gregorianDate(fixed) : julianDate(fixed);
}

/** The fixed date of 1 January of `year` in the calendar in force on that day (Julian up to 1582). */
export function fixedDateOfJan1(year: number): number {
  return year <= CUTOVER_YEAR ? julianFixedDate(year, 1, 1) : gregorianFixedDate(year, 1, 1);
}

/** Day of week, 1 (Sunday) to 7 (Saturday). */
export function dayOfWeek(fixed: number): number {
  return mod(fixed, 7) + 1;
}

/** The latest day on or before `fixed` that falls on `weekday` (1 = Sunday), as `BaseCalendar` computes it. */
export function weekdayOnOrBefore(fixed: number, weekday: number): number {
  return fixed - mod(fixed - (weekday - 1), 7);
}

/** The week number of `fixed` in the period starting on `firstDay`, as `GregorianCalendar.getWeekNumber`. */
export function weekNumber(firstDay: number, fixed: number): number {
  let firstWeekStart = weekdayOnOrBefore(firstDay + 6, SUNDAY);
  if (firstWeekStart - firstDay >= MINIMAL_DAYS_IN_FIRST_WEEK) firstWeekStart -= 7;
  return floorDiv(fixed - firstWeekStart, 7) + 1;
}
