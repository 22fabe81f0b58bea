/** Throws on malformed input; keeps a byte order mark, which callers skip themselves where JSON allows one. */
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * The text of UTF-8 `bytes`, or `undefined` when they are not valid UTF-8 (rather than replacing bad sequences with
 * U+FFFD, which would change the data silently).
 * @internal
 */
export function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}
