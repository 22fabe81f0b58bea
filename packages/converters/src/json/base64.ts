const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/** Sextet of each character code, -1 for characters outside the standard alphabet. */
const SEXTETS = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) SEXTETS[ALPHABET.charCodeAt(i)] = i;

/**
 * Standard base64 with padding, as Jackson writes bytes in JSON.
 * @internal
 */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/**
 * Decodes standard base64 text strictly: the standard alphabet and padding to a multiple of four characters, with
 * whitespace allowed between characters as Jackson allows it. Returns `undefined` for anything else,
 * so the caller can say where the bad text came from (Node's own decoder would skip bad characters silently).
 * @internal
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  const out = new Uint8Array((text.length * 3) >> 2);
  let length = 0;
  let quad = 0;
  let count = 0;
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) continue;
    if (code === 0x3d /* = */) {
      padding++;
      if (count + padding > 4 || count < 2) return undefined;
      continue;
    }
    const sextet = code < 128 ? (SEXTETS[code] ?? -1) : -1;
    if (sextet < 0 || padding > 0) return undefined;
    quad = (quad << 6) | sextet;
    if (++count === 4) {
      out[length++] = quad >> 16;
      out[length++] = (quad >> 8) & 0xff;
      out[length++] = quad & 0xff;
      quad = 0;
      count = 0;
    }
  }
  if (count === 0) return padding === 0 ? out.subarray(0, length) : undefined;
  // A final group of 2 or 3 characters must be padded to four; its unused low bits are ignored, as Jackson does.
  if (count + padding !== 4) return undefined;
  if (count === 2) {
    out[length++] = quad >> 4;
  } else {
    out[length++] = quad >> 10;
    out[length++] = (quad >> 2) & 0xff;
  }
  return out.subarray(0, length);
}
