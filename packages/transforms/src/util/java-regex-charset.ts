/**
 * Character sets of a translated Java regular expression: what one character position may match, built while the
 * Java pattern is read and written out as a JavaScript class for the `v` flag (which nests classes and has `&&`,
 * so Java's unions, intersections and negations carry over as they are).
 * @internal
 */
export type CharSet =
  | { readonly kind: "chars"; readonly codePoints: readonly number[] }
  | { readonly kind: "range"; readonly from: number; readonly to: number }
  | { readonly kind: "property"; readonly js: string }
  | { readonly kind: "union"; readonly items: readonly CharSet[] }
  | { readonly kind: "and"; readonly left: CharSet; readonly right: CharSet }
  | { readonly kind: "not"; readonly inner: CharSet };

const UPPER_A = 0x41;
const UPPER_Z = 0x5a;
const LOWER_A = 0x61;
const LOWER_Z = 0x7a;
const CASE_DISTANCE = LOWER_A - UPPER_A;

/** @internal */
export function chars(...codePoints: number[]): CharSet {
  return { kind: "chars", codePoints };
}

/** @internal */
export function range(from: number, to: number): CharSet {
  return { kind: "range", from, to };
}

/** @internal */
export function union(...items: CharSet[]): CharSet {
  return items.length === 1 && items[0] !== undefined ? items[0] : { kind: "union", items };
}

/** @internal */
export function and(left: CharSet, right: CharSet): CharSet {
  return { kind: "and", left, right };
}

/** @internal */
export function not(inner: CharSet): CharSet {
  return inner.kind === "not" ? inner.inner : { kind: "not", inner };
}

/** @internal */
export function property(js: string): CharSet {
  return { kind: "property", js };
}

/** True for `a`–`z` and `A`–`Z`, the only letters Java's default case-insensitive matching folds. */
function isAsciiLetter(cp: number): boolean {
  return (cp >= UPPER_A && cp <= UPPER_Z) || (cp >= LOWER_A && cp <= LOWER_Z);
}

/**
 * The code points a single character matches: itself, plus its other case when `caseInsensitive` and it is an
 * ASCII letter (Java folds only ASCII unless UNICODE_CASE is on, which Tributary refuses).
 * @internal
 */
export function foldedCodePoints(cp: number, caseInsensitive: boolean): number[] {
  if (!caseInsensitive || !isAsciiLetter(cp)) return [cp];
  const lower = cp | 0x20;
  return [lower, lower - CASE_DISTANCE];
}

/**
 * A range as Java matches it: `[from-to]`, and when case-insensitive also every ASCII character whose other case
 * lies in the range (so `(?i)[Z-a]` matches `z` and `A` too).
 * @internal
 */
export function foldedRange(from: number, to: number, caseInsensitive: boolean): CharSet {
  if (!caseInsensitive) return range(from, to);
  const extra: number[] = [];
  for (let cp = UPPER_A; cp <= UPPER_Z; cp++) {
    const lower = cp + CASE_DISTANCE;
    if (lower >= from && lower <= to && !(cp >= from && cp <= to)) extra.push(cp);
    if (cp >= from && cp <= to && !(lower >= from && lower <= to)) extra.push(lower);
  }
  return extra.length === 0 ? range(from, to) : union(range(from, to), chars(...extra));
}

/** Java's predefined classes in their default (ASCII) meaning. @internal */
export const PREDEFINED = Object.freeze({
  digit: range(0x30, 0x39),
  word: union(range(0x30, 0x39), range(UPPER_A, UPPER_Z), range(LOWER_A, LOWER_Z), chars(0x5f)),
  space: chars(0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d),
  horizontalSpace: union(
    chars(0x09, 0x20, 0xa0, 0x1680, 0x180e, 0x202f, 0x205f, 0x3000),
    range(0x2000, 0x200a),
  ),
  verticalSpace: union(range(0x0a, 0x0d), chars(0x85, 0x2028, 0x2029)),
  /** `.` without DOTALL: anything but a line terminator. */
  dot: not(chars(0x0a, 0x0d, 0x85, 0x2028, 0x2029)),
  /** `.` with UNIX_LINES: anything but `\n`. */
  unixDot: not(chars(0x0a)),
  all: range(0, 0x10ffff),
});

const ALPHA = union(range(UPPER_A, UPPER_Z), range(LOWER_A, LOWER_Z));
const PUNCT = union(range(0x21, 0x2f), range(0x3a, 0x40), range(0x5b, 0x60), range(0x7b, 0x7e));

/**
 * The character classes `\p{Name}` that mean the same in Java and JavaScript: Java's ASCII-only POSIX classes and
 * its few aliases, keyed by name; Lower and Upper become Alpha when matching is case-insensitive, as in Java.
 */
function posixClass(name: string, caseInsensitive: boolean): CharSet | undefined {
  switch (name) {
    case "ASCII":
      return range(0, 0x7f);
    case "Alnum":
      return union(range(0x30, 0x39), ALPHA);
    case "Alpha":
      return ALPHA;
    case "Blank":
      return chars(0x20, 0x09);
    case "Cntrl":
      return union(range(0, 0x1f), chars(0x7f));
    case "Digit":
      return range(0x30, 0x39);
    case "Graph":
      return range(0x21, 0x7e);
    case "Lower":
      return caseInsensitive ? ALPHA : range(LOWER_A, LOWER_Z);
    case "Print":
      return range(0x20, 0x7e);
    case "Punct":
      return PUNCT;
    case "Space":
      return PREDEFINED.space;
    case "Upper":
      return caseInsensitive ? ALPHA : range(UPPER_A, UPPER_Z);
    case "XDigit":
      return union(range(0x30, 0x39), range(UPPER_A, 0x46), range(LOWER_A, 0x66));
    case "L1":
      return range(0, 0xff);
    case "all":
      return PREDEFINED.all;
    default:
      return undefined;
  }
}

/** Unicode general categories, named as both Java and JavaScript name them. */
const CATEGORIES = new Set([
  "Cn",
  "Lu",
  "Ll",
  "Lt",
  "Lm",
  "Lo",
  "Mn",
  "Me",
  "Mc",
  "Nd",
  "Nl",
  "No",
  "Zs",
  "Zl",
  "Zp",
  "Cc",
  "Cf",
  "Co",
  "Cs",
  "Pd",
  "Ps",
  "Pe",
  "Pc",
  "Po",
  "Sm",
  "Sc",
  "Sk",
  "So",
  "Pi",
  "Pf",
  "L",
  "M",
  "N",
  "Z",
  "C",
  "P",
  "S",
  "LC",
]);

/**
 * What `\p{name}` means in Java's default mode, as one of: a set; `"unsupported"` for a class Java knows but whose
 * members depend on Java's own character tables (its `java*` properties); `undefined` for a name Java rejects.
 * @internal
 */
export function javaPropertyClass(
  name: string,
  caseInsensitive: boolean,
): CharSet | "unsupported" | undefined {
  const posix = posixClass(name, caseInsensitive);
  if (posix !== undefined) return posix;
  if (name === "LD") return union(property("\\p{L}"), property("\\p{Nd}"));
  if (CATEGORIES.has(name)) {
    // Java reads the three cased-letter categories as all cased letters when matching ignores case.
    const cased = caseInsensitive && (name === "Lu" || name === "Ll" || name === "Lt");
    return property(cased ? "\\p{LC}" : `\\p{${name}}`);
  }
  return JAVA_CHARACTER_PROPERTIES.has(name) ? "unsupported" : undefined;
}

const JAVA_CHARACTER_PROPERTIES = new Set([
  "javaLowerCase",
  "javaUpperCase",
  "javaAlphabetic",
  "javaIdeographic",
  "javaTitleCase",
  "javaDigit",
  "javaDefined",
  "javaLetter",
  "javaLetterOrDigit",
  "javaJavaIdentifierStart",
  "javaJavaIdentifierPart",
  "javaUnicodeIdentifierStart",
  "javaUnicodeIdentifierPart",
  "javaIdentifierIgnorable",
  "javaSpaceChar",
  "javaWhitespace",
  "javaISOControl",
  "javaMirrored",
]);

/** A code point as it may appear anywhere in a `v`-flag pattern: letters and digits as they are, the rest escaped. */
export function escapeCodePoint(cp: number): string {
  const isPlain = (cp >= 0x30 && cp <= 0x39) || isAsciiLetter(cp) || cp === 0x5f;
  return isPlain ? String.fromCodePoint(cp) : `\\u{${cp.toString(16)}}`;
}

/**
 * The set as a JavaScript class for a pattern with the `v` flag: always one bracketed class, nesting the parts of
 * unions, intersections and negations as Java combines them.
 * @internal
 */
export function charSetToJs(set: CharSet): string {
  switch (set.kind) {
    case "chars":
      return `[${set.codePoints.map(escapeCodePoint).join("")}]`;
    case "range":
      return set.from === set.to
        ? `[${escapeCodePoint(set.from)}]`
        : `[${escapeCodePoint(set.from)}-${escapeCodePoint(set.to)}]`;
    case "property":
      return `[${set.js}]`;
    case "union":
      return `[${set.items.map(charSetToJs).join("")}]`;
    case "and":
      return `[${charSetToJs(set.left)}&&${charSetToJs(set.right)}]`;
    case "not":
      return `[^${charSetToJs(set.inner)}]`;
  }
}
