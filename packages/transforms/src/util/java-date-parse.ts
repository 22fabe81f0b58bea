import { parseJavaInteger } from "./java-date-number.js";
import type { DatePatternToken } from "./java-date-pattern.js";
import { type DateField, DateFields, InvalidFields, resolveDate } from "./java-date-resolve.js";
import { parseIsoZone, parseZoneName, regionMatchesIgnoreCase } from "./java-date-zone.js";

/** English names, as the JVM's `en` locale data gives them. @internal */
export const NAMES = Object.freeze({
  months: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
  shortMonths: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
  /** Indexed by Java's day of week: 1 is Sunday. */
  weekdays: ["", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
  shortWeekdays: ["", "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
  eras: ["BC", "AD"],
  longEras: ["Before Christ", "Anno Domini"],
  amPm: ["AM", "PM"],
});

/** How a parse failed: where, and whether a time zone name Tributary does not know was the reason. @internal */
export interface ParseFailure {
  readonly errorIndex: number;
  readonly unknownZone: boolean;
}

/** When two-digit years are read: the start of their hundred-year window, as an instant and a year. @internal */
export interface CenturyStart {
  readonly millis: number;
  readonly year: number;
}

const NUMERIC_NEXT = new Set("ydkHmsSDFwWhKYu");
const NUMBER_FIRST = new Set("khyY");

/**
 * Parses `text` from its start with the compiled pattern, as Java's lenient `SimpleDateFormat.parse(String)`:
 * text after the last field is ignored, numbers may be out of range (they roll over), and spaces or tabs before a
 * number are skipped. Returns epoch milliseconds, or a failure.
 * @internal
 */
export function parseWithPattern(
  tokens: readonly DatePatternToken[],
  text: string,
  century: CenturyStart,
): number | ParseFailure {
  const fields = new DateFields();
  const state = { ambiguousYear: false, unknownZone: false, errorIndex: 0 };
  let start = 0;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t] as DatePatternToken;
    if (token.type === "literal") {
      for (const ch of token.text) {
        for (let k = 0; k < ch.length; k++) {
          if (start >= text.length || text[start] !== ch[k]) return { errorIndex: start, unknownZone: false };
          start++;
        }
      }
      continue;
    }
    const next = tokens[t + 1];
    const obeyCount =
      next?.type === "field" &&
      (next.letter === "M" || next.letter === "L" ? next.count <= 2 : NUMERIC_NEXT.has(next.letter));
    const end = subParse(text, start, token, obeyCount, fields, century, state);
    if (end < 0) return { errorIndex: state.errorIndex, unknownZone: state.unknownZone };
    start = end;
  }
  try {
    let millis = resolveDate(fields);
    if (state.ambiguousYear && millis < century.millis) {
      fields.addYears(100);
      millis = resolveDate(fields);
    }
    return millis;
  } catch (error) {
    if (error instanceof InvalidFields) return { errorIndex: start, unknownZone: false };
    throw error;
  }
}

interface ParseState {
  ambiguousYear: boolean;
  unknownZone: boolean;
  errorIndex: number;
}

/** One field, as Java's `SimpleDateFormat.subParse`: the position after it, or -1 when it does not parse. */
function subParse(
  text: string,
  start: number,
  token: Extract<DatePatternToken, { type: "field" }>,
  obeyCount: boolean,
  fields: DateFields,
  century: CenturyStart,
  state: ParseState,
): number {
  const { letter, count } = token;
  let pos = start;
  for (;;) {
    if (pos >= text.length) {
      state.errorIndex = start;
      return -1;
    }
    if (text[pos] !== " " && text[pos] !== "\t") break;
    pos++;
  }
  const actualStart = pos;
  const fail = (at: number): number => {
    state.errorIndex = at;
    return -1;
  };
  const number = (): { value: number; end: number } | null => {
    if (obeyCount && start + count > text.length) return null;
    return parseJavaInteger(text, pos, obeyCount ? start + count : text.length);
  };
  /** A name match's end, or a failure (a name that did not match is -2). */
  const orFail = (end: number): number => (end === -2 ? fail(pos) : end);
  let value = 0;
  if (NUMBER_FIRST.has(letter) || ((letter === "M" || letter === "L") && count <= 2)) {
    const parsed = number();
    if (parsed === null) return fail(pos);
    value = parsed.value;
    pos = parsed.end;
  }
  const set = (field: DateField, v: number, end: number): number => {
    fields.set(field, v);
    return end;
  };
  // Names are matched where the field starts: Java skips spaces only before numbers.
  const named = (
    field: DateField,
    names: readonly string[],
    toValue = (index: number): number => index,
  ): number => {
    const match = matchName(text, start, names);
    return match === undefined ? -2 : set(field, toValue(match.index), start + match.length);
  };
  switch (letter) {
    case "G":
      return orFail(named("ERA", [...NAMES.eras, ...NAMES.longEras], (index) => index % 2));
    case "y":
    case "Y": {
      if (
        count <= 2 &&
        pos - actualStart === 2 &&
        isDigit(text[actualStart]) &&
        isDigit(text[actualStart + 1])
      ) {
        const ambiguous = century.year % 100;
        state.ambiguousYear = value === ambiguous;
        value += Math.floor(century.year / 100) * 100 + (value < ambiguous ? 100 : 0);
      }
      return set(letter === "y" ? "YEAR" : "WEEK_YEAR", value, pos);
    }
    case "M":
    case "L":
      if (count <= 2) return set("MONTH", value - 1, pos);
      return orFail(named("MONTH", [...NAMES.months, ...NAMES.shortMonths], (index) => index % 12));
    case "k":
      return set("HOUR_OF_DAY", value === 24 ? 0 : value, pos);
    case "h":
      return set("HOUR", value === 12 ? 0 : value, pos);
    case "E": {
      // Full names first, then the short ones.
      const long = named("DAY_OF_WEEK", NAMES.weekdays);
      return long !== -2 ? long : orFail(named("DAY_OF_WEEK", NAMES.shortWeekdays));
    }
    case "a":
      return orFail(named("AM_PM", NAMES.amPm));
    case "z":
    case "Z":
      return parseZoneName(text, start, pos, fields, state);
    case "X":
      return parseIsoZone(text, pos, count, fields, state);
    default: {
      const parsed = number();
      if (parsed === null) return fail(pos);
      if (letter === "u") {
        const iso = parsed.value;
        return set("DAY_OF_WEEK", iso >= 1 && iso <= 7 ? (iso === 7 ? 1 : iso + 1) : iso, parsed.end);
      }
      return set(NUMERIC_FIELDS[letter as keyof typeof NUMERIC_FIELDS], parsed.value, parsed.end);
    }
  }
}

const NUMERIC_FIELDS = Object.freeze({
  d: "DAY_OF_MONTH",
  H: "HOUR_OF_DAY",
  m: "MINUTE",
  s: "SECOND",
  S: "MILLISECOND",
  D: "DAY_OF_YEAR",
  F: "DAY_OF_WEEK_IN_MONTH",
  w: "WEEK_OF_YEAR",
  W: "WEEK_OF_MONTH",
  K: "HOUR",
} as const satisfies Record<string, DateField>);

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && /^\p{Nd}$/u.test(ch);
}

/** The longest of `names` that `text` has at `start`, ignoring case as Java's `regionMatches(true, …)`. */
function matchName(
  text: string,
  start: number,
  names: readonly string[],
): { index: number; length: number } | undefined {
  let best: { index: number; length: number } | undefined;
  names.forEach((name, index) => {
    if (name === "" || (best !== undefined && name.length <= best.length)) return;
    if (regionMatchesIgnoreCase(text, start, name)) best = { index, length: name.length };
  });
  return best;
}
