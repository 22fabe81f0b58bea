const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/** Sextet of each character code, -1 for characters outside the standard alphabet. */
const SEXTETS = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) SEXTETS[ALPHABET.charCodeAt(i)] = i;
/** Below this many bytes a plain loop beats a call into Node's encoder. */
const SHORT = 48;

/**
 * Standard base64 with padding of `bytes` (or of their first `length`), as Jackson writes bytes in JSON.
 * @internal
 */
export function encodeBase64(bytes: Uint8Array, length = bytes.length): string {
  if (length >= SHORT) return Buffer.from(bytes.buffer, bytes.byteOffset, length).toString("base64");
  let out = "";
  const whole = length - (length % 3);
  for (let i = 0; i < whole; i += 3) {
    const triple = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out +=
      ALPHABET.charAt(triple >> 18) +
      ALPHABET.charAt((triple >> 12) & 63) +
      ALPHABET.charAt((triple >> 6) & 63) +
      ALPHABET.charAt(triple & 63);
  }
  if (length - whole === 1) {
    const first = bytes[whole] ?? 0;
    out += `${ALPHABET.charAt(first >> 2)}${ALPHABET.charAt((first & 3) << 4)}==`;
  } else if (length - whole === 2) {
    const pair = ((bytes[whole] ?? 0) << 8) | (bytes[whole + 1] ?? 0);
    out += `${ALPHABET.charAt(pair >> 10)}${ALPHABET.charAt((pair >> 4) & 63)}${ALPHABET.charAt((pair & 15) << 2)}=`;
  }
  return out;
}

/**
 * Decodes standard base64 text strictly: the standard alphabet and padding to a multiple of four characters, with
 * whitespace allowed between characters as Jackson allows it. Returns `undefined` for anything else, so the caller
 * can say where the bad text came from (Node's own decoder would skip bad characters silently).
 * @internal
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  let length = text.length;
  let padding = 0;
  while (length > 0 && text.charCodeAt(length - 1) === 0x3d /* = */) {
    length--;
    padding++;
  }
  const compact = padding <= 2 && (length + padding) % 4 === 0 && length % 4 !== 1;
  const out = new Uint8Array(compact ? (length * 3) >> 2 : ((length * 3) >> 2) + 3);
  let written = 0;
  let quad = 0;
  let count = 0;
  let characters = 0;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) continue;
    const sextet = code < 128 ? (SEXTETS[code] ?? -1) : -1;
    if (sextet < 0) return undefined;
    characters++;
    quad = (quad << 6) | sextet;
    if (++count === 4) {
      out[written++] = quad >> 16;
      out[written++] = (quad >> 8) & 0xff;
      out[written++] = quad & 0xff;
      quad = 0;
      count = 0;
    }
  }
  // The characters and padding must fill whole groups of four; a final group of 2 or 3 characters is padded.
  if ((characters + padding) % 4 !== 0 || padding > 2 || (padding > 0 && count + padding !== 4))
    return undefined;
  if (count === 2) out[written++] = quad >> 4;
  else if (count === 3) {
    out[written++] = quad >> 10;
    out[written++] = (quad >> 2) & 0xff;
  }
  return written === out.length ? out : out.slice(0, written);
}
