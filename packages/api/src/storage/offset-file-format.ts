import { describeValue } from "../data/describe-value.js";
import { DataError } from "../errors/connect-error.js";
import { JsonScanner, parseJson } from "./offset-json.js";

/** The format version this Tributary writes and reads. */
const VERSION = 1;

/**
 * Writes the whole content of an offset file: a JSON object with the format version and one entry per line, each
 * key and value embedded as the exact JSON text the store was given, sorted by key.
 *
 * ```json
 * {"version":1,"offsets":[
 * {"key":["file-source",{"filename":"a.txt"}],"value":{"position":30}}
 * ]}
 * ```
 * @internal
 */
export function encodeOffsetFile(data: ReadonlyMap<string, string>): string {
  const keys = [...data.keys()].sort();
  if (keys.length === 0) return `{"version":${VERSION},"offsets":[]}\n`;
  const lines = keys.map((key) => `{"key":${key},"value":${data.get(key)}}`);
  return `{"version":${VERSION},"offsets":[\n${lines.join(",\n")}\n]}\n`;
}

/**
 * Reads the content of an offset file back into key and value texts, keeping each exactly as it appears in the
 * file. An entry whose value is `null` holds no offset and is left out.
 * @throws DataError describing the first problem and where it is.
 * @internal
 */
export function decodeOffsetFile(text: string): Map<string, string> {
  const scanner = new JsonScanner(text);
  // Properties are filled in from callbacks, which control-flow analysis cannot follow; hence a holder object.
  const top: { version?: unknown; offsets?: Map<string, string> } = {};
  readObject(scanner, (name) => {
    if (name === "version" && !("version" in top)) top.version = scanner.readValue();
    else if (name === "offsets" && top.offsets === undefined) top.offsets = readEntries(scanner);
    else scanner.fail(`unexpected or repeated property ${JSON.stringify(name)} in the top-level object`);
  });
  scanner.skipWhitespace();
  if (!scanner.atEnd()) scanner.fail("unexpected text after the top-level object");
  if (top.version !== VERSION) {
    throw new DataError(
      "version" in top
        ? `it has format version ${describeValue(top.version)}, but this Tributary reads version ${VERSION} ` +
            "only (a newer Tributary may have written it)"
        : `the top-level object has no "version"`,
    );
  }
  if (top.offsets === undefined) throw new DataError(`the top-level object has no "offsets" array`);
  return top.offsets;
}

/**
 * Checks that a key or value handed to the file store is JSON text without surrounding whitespace, so that it can
 * be embedded in the file verbatim and read back as the same characters.
 * @throws DataError naming the text.
 * @internal
 */
export function checkEmbeddableJson(text: string, what: "key" | "value"): void {
  const problem = /^\s|\s$/.test(text) ? "it has surrounding whitespace" : jsonProblem(text);
  if (problem !== undefined) {
    throw new DataError(
      `The FileOffsetBackingStore keeps offsets as JSON, but the ${what} ${describeValue(text)} cannot be ` +
        `stored: ${problem}. Write keys with serializeOffsetKey and values with serializeOffsetValue.`,
    );
  }
}

function jsonProblem(text: string): string | undefined {
  try {
    parseJson(text);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function readEntries(scanner: JsonScanner): Map<string, string> {
  const entries = new Map<string, string>();
  scanner.expect("[");
  if (scanner.accept("]")) return entries;
  do {
    const entryAt = scanner.pos;
    const entry: { key?: string; value?: string } = {};
    readObject(scanner, (name) => {
      const start = scanner.pos;
      if ((name === "key" || name === "value") && entry[name] === undefined) {
        scanner.readValue();
        entry[name] = scanner.text.slice(start, scanner.pos);
      } else {
        scanner.fail(`unexpected or repeated property ${JSON.stringify(name)} in an offset entry`);
      }
    });
    const { key, value } = entry;
    if (key === undefined || value === undefined) {
      scanner.pos = entryAt;
      return scanner.fail(`an offset entry needs both "key" and "value"`);
    }
    if (entries.has(key)) {
      scanner.pos = entryAt;
      scanner.fail(`the key ${key} appears twice`);
    }
    if (value !== "null") entries.set(key, value);
  } while (scanner.accept(","));
  scanner.expect("]");
  return entries;
}

/** Reads `{"name": value, ...}`, letting `readProperty` consume each value. */
function readObject(scanner: JsonScanner, readProperty: (name: string) => void): void {
  scanner.expect("{");
  if (scanner.accept("}")) return;
  do {
    scanner.skipWhitespace();
    const name = scanner.readString();
    scanner.expect(":");
    scanner.skipWhitespace();
    readProperty(name);
  } while (scanner.accept(","));
  scanner.expect("}");
}
