import type { DateFields } from "./java-date-resolve.js";

/** The UTC zone's names, which Java's UTC formats accept when parsing (case ignored). */
const UTC_NAMES = ["Coordinated Universal Time", "UTC"];

/** Where a zone parse failed, and whether an unknown zone name was the reason. @internal */
export interface ZoneParseState {
  unknownZone: boolean;
  errorIndex: number;
}

/** Java's `String.regionMatches(true, start, other, 0, other.length())`. */
export function regionMatchesIgnoreCase(text: string, start: number, other: string): boolean {
  if (start < 0 || start + other.length > text.length) return false;
  for (let i = 0; i < other.length; i++) {
    const a = text[start + i] as string;
    const b = other[i] as string;
    if (a === b) continue;
    const ua = upper(a);
    const ub = upper(b);
    if (ua === ub || ua.toLowerCase() === ub.toLowerCase()) continue;
    return false;
  }
  return true;
}

/** `Character.toUpperCase` of one UTF-16 unit: the character itself when its upper case is not one unit. */
function upper(ch: string): string {
  const u = ch.toUpperCase();
  return u.length === 1 ? u : ch;
}

/** `z` and `Z`: an RFC 822 offset (`+0530`), `GMT`, `GMT+hh:mm`, or the UTC zone's names. */
export function parseZoneName(
  text: string,
  start: number,
  pos: number,
  fields: DateFields,
  state: ZoneParseState,
): number {
  const c = text[pos];
  let sign = c === "+" ? 1 : c === "-" ? -1 : 0;
  if (sign !== 0) return numericZone(text, pos + 1, sign, 0, false, fields, state);
  if ((c === "G" || c === "g") && text.length - start >= 3 && regionMatchesIgnoreCase(text, start, "GMT")) {
    const after = start + 3;
    const s = text[after];
    sign = s === "+" ? 1 : s === "-" ? -1 : 0;
    if (sign === 0) {
      fields.set("ZONE_OFFSET", 0).set("DST_OFFSET", 0);
      return after;
    }
    return numericZone(text, after + 1, sign, 0, true, fields, state);
  }
  for (const name of UTC_NAMES) {
    // The UTC zone's names leave the zone as it is: UTC.
    if (regionMatchesIgnoreCase(text, pos, name)) return pos + name.length;
  }
  state.unknownZone = /^\p{L}/u.test(c ?? "");
  state.errorIndex = pos;
  return -1;
}

/** `X`: `Z`, or `+hh`, `+hhmm`, `+hh:mm` by the number of letters. */
export function parseIsoZone(
  text: string,
  pos: number,
  count: number,
  fields: DateFields,
  state: ZoneParseState,
): number {
  if (text.length - pos <= 0) {
    state.errorIndex = pos;
    return -1;
  }
  const c = text[pos];
  if (c === "Z") {
    fields.set("ZONE_OFFSET", 0).set("DST_OFFSET", 0);
    return pos + 1;
  }
  const sign = c === "+" ? 1 : c === "-" ? -1 : 0;
  if (sign === 0) {
    state.errorIndex = pos + 1;
    return -1;
  }
  return numericZone(text, pos + 1, sign, count, count === 3, fields, state);
}

/** Java's `subParseNumericZone`: `hh[:]mm`, or `hh` alone for one `X`; one hour digit only after `GMT`. */
function numericZone(
  text: string,
  start: number,
  sign: number,
  count: number,
  colon: boolean,
  fields: DateFields,
  state: ZoneParseState,
): number {
  let index = start;
  // Each read moves on first, so a failed read at the end leaves the index past it, as Java's does.
  const read = (): string | undefined => text[index++];
  const digitOf = (ch: string | undefined): number =>
    ch !== undefined && ch >= "0" && ch <= "9" ? Number(ch) : -1;
  const minutes = ((): number | undefined => {
    let hours = digitOf(read());
    if (hours < 0) return undefined;
    const ch = read();
    if (ch === undefined) return undefined;
    if (digitOf(ch) >= 0) hours = hours * 10 + digitOf(ch);
    else if (count > 0 || !colon) return undefined;
    else index--;
    if (hours > 23) return undefined;
    if (count === 1) return hours * 60;
    let next = read();
    if (colon) {
      if (next !== ":") return undefined;
      next = read();
    }
    const tens = digitOf(next);
    const ones = digitOf(read());
    if (tens < 0 || ones < 0 || tens * 10 + ones > 59) return undefined;
    return hours * 60 + tens * 10 + ones;
  })();
  if (minutes === undefined) {
    state.errorIndex = index - 1;
    return -1;
  }
  fields.set("ZONE_OFFSET", sign * minutes * 60_000).set("DST_OFFSET", 0);
  return index;
}
