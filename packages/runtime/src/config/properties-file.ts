import { ConfigError } from "@tributary/api";

/**
 * Parses text in Java's `.properties` syntax into an ordered map of keys to values, as `java.util.Properties.load`
 * reads it: `#` and `!` comments, `=`, `:` or whitespace between key and value, backslash escapes (`\t`, `\n`, `\r`,
 * `\f`, `\uXXXX`, and `\` before any other character for that character), and line continuations (a line ending in
 * an odd number of backslashes continues on the next line, whose leading whitespace is dropped). A key given twice
 * keeps its last value.
 *
 * @param text - the file's content
 * @param source - where the text came from, named in error messages
 * @throws ConfigError on a malformed `\uXXXX` escape, naming the source and line.
 */
export function parseProperties(text: string, source = "properties"): Map<string, string> {
  const result = new Map<string, string>();
  const lines = text.split(/\r\n|\r|\n/);
  for (let index = 0; index < lines.length; index++) {
    const firstLine = index + 1;
    let line = stripLeadingWhitespace(lines[index] ?? "");
    if (line.length === 0 || line[0] === "#" || line[0] === "!") continue;
    while (endsWithContinuation(line) && index + 1 < lines.length) {
      index++;
      line = line.slice(0, -1) + stripLeadingWhitespace(lines[index] ?? "");
    }
    if (endsWithContinuation(line)) line = line.slice(0, -1);
    const { key, value } = splitKeyValue(line);
    result.set(unescapeText(key, source, firstLine), unescapeText(value, source, firstLine));
  }
  return result;
}

const WHITESPACE = new Set([" ", "\t", "\f"]);

function stripLeadingWhitespace(line: string): string {
  let start = 0;
  while (start < line.length && WHITESPACE.has(line[start] as string)) start++;
  return line.slice(start);
}

function endsWithContinuation(line: string): boolean {
  let backslashes = 0;
  for (let i = line.length - 1; i >= 0 && line[i] === "\\"; i--) backslashes++;
  return backslashes % 2 === 1;
}

/** Splits at the first unescaped `=`, `:` or whitespace; whitespace around one `=` or `:` separator is dropped. */
function splitKeyValue(line: string): { key: string; value: string } {
  let end = 0;
  while (end < line.length) {
    const char = line[end] as string;
    if (char === "\\") {
      end += 2;
      continue;
    }
    if (char === "=" || char === ":" || WHITESPACE.has(char)) break;
    end++;
  }
  const key = line.slice(0, Math.min(end, line.length));
  let start = end;
  while (start < line.length && WHITESPACE.has(line[start] as string)) start++;
  if (start < line.length && (line[start] === "=" || line[start] === ":")) start++;
  while (start < line.length && WHITESPACE.has(line[start] as string)) start++;
  return { key, value: line.slice(start) };
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { t: "\t", n: "\n", r: "\r", f: "\f" };

function unescapeText(text: string, source: string, line: number): string {
  if (!text.includes("\\")) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char !== "\\") {
      out += char;
      continue;
    }
    const next = text[++i];
    if (next === undefined) break;
    if (next === "u") {
      const hex = text.slice(i + 1, i + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
        throw new ConfigError(
          `Malformed \\uXXXX escape "\\u${hex}" in ${source} at line ${line}: expected four hexadecimal digits.`,
        );
      }
      out += String.fromCharCode(Number.parseInt(hex, 16));
      i += 4;
    } else {
      out += SIMPLE_ESCAPES[next] ?? next;
    }
  }
  return out;
}
