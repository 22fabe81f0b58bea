import { isUtf8 } from "node:buffer";

/**
 * The text of UTF-8 `bytes`, or `undefined` when they are not valid UTF-8 (rather than replacing bad sequences with
 * U+FFFD, which would change the data silently).
 * @internal
 */
export function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  if (!isUtf8(bytes)) return undefined;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}
