/** One piece of a compiled SimpleDateFormat pattern: a run of one pattern letter, or literal text. @internal */
export type DatePatternToken =
  | { readonly type: "field"; readonly letter: string; readonly count: number }
  | { readonly type: "literal"; readonly text: string };

/** Every letter `SimpleDateFormat` gives a meaning to; any other ASCII letter outside quotes is an error. */
export const PATTERN_LETTERS = "GyMdkHmsSEDFwWahKzZYuXL";

/** Why a pattern is invalid, in the words Java's `SimpleDateFormat` uses. @internal */
export class DatePatternError extends Error {}

/**
 * Splits a pattern into tokens as Java's `SimpleDateFormat.compile` does: ASCII letters are pattern letters, runs of
 * the same letter form one field, `'…'` quotes literal text and `''` is a single quote inside or outside quotes;
 * every other character is literal.
 * @throws DatePatternError for an unknown letter, an unterminated quote, or `XXXX`.
 * @internal
 */
export function compileDatePattern(pattern: string): DatePatternToken[] {
  const tokens: DatePatternToken[] = [];
  let literal = "";
  let inQuote = false;
  const pushField = (letter: string, count: number): void => {
    if (letter === "X" && count >= 4) throw new DatePatternError(`invalid ISO 8601 format: length=${count}`);
    if (literal !== "") tokens.push({ type: "literal", text: literal });
    literal = "";
    tokens.push({ type: "field", letter, count });
  };
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        literal += "'";
        i += 2;
        continue;
      }
      inQuote = !inQuote;
      i++;
      continue;
    }
    const isLetter = (c >= "a" && c <= "z") || (c >= "A" && c <= "Z");
    if (inQuote || !isLetter) {
      literal += c;
      i++;
      continue;
    }
    if (!PATTERN_LETTERS.includes(c)) throw new DatePatternError(`Illegal pattern character '${c}'`);
    let count = 1;
    while (pattern[i + count] === c) count++;
    pushField(c, count);
    i += count;
  }
  if (inQuote) throw new DatePatternError("Unterminated quote");
  if (literal !== "") tokens.push({ type: "literal", text: literal });
  return tokens;
}
