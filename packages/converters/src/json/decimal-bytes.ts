import { encodeBase64 } from "./base64.js";

/** Largest byte count whose two's-complement value a double holds exactly (48 bits). */
const SMALL_BYTES = 6;
const SMALL_LIMIT = 2n ** 47n;

/**
 * The unscaled value of a Decimal from its big-endian two's-complement bytes, as `Decimal.toLogical` reads it, but
 * without going through hex text for the common case of at most six bytes. `undefined` for longer byte arrays,
 * which the caller hands to `Decimal.toLogical`.
 * @internal
 */
export function smallUnscaledFromBytes(bytes: Uint8Array): bigint | undefined {
  if (bytes.length === 0 || bytes.length > SMALL_BYTES) return undefined;
  let value = 0;
  for (let i = 0; i < bytes.length; i++) value = value * 256 + (bytes[i] ?? 0);
  if ((bytes[0] ?? 0) >= 0x80) value -= 2 ** (8 * bytes.length);
  return BigInt(value);
}

const SEXTET = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) {
  SEXTET["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".charCodeAt(i)] = i;
}

/**
 * The unscaled value of a Decimal straight from the base64 text of its bytes, for the common case of one or two
 * padded groups of four plain characters (at most six bytes); `undefined` for anything else, which the caller
 * decodes in full (and checks) instead.
 * @internal
 */
export function smallUnscaledFromBase64(text: string): bigint | undefined {
  const length = text.length;
  if (length === 0 || length > 8 || length % 4 !== 0) return undefined;
  let padding = 0;
  if (text.charCodeAt(length - 1) === 0x3d) padding = text.charCodeAt(length - 2) === 0x3d ? 2 : 1;
  let value = 0;
  for (let i = 0; i < length - padding; i++) {
    const code = text.charCodeAt(i);
    const sextet = code < 128 ? (SEXTET[code] ?? -1) : -1;
    if (sextet < 0) return undefined;
    value = value * 64 + sextet;
  }
  // Drop the bits that padding leaves unused, then read the bytes as two's complement.
  const bytes = ((length - padding) * 6) >> 3;
  value = Math.floor(value / 2 ** ((length - padding) * 6 - bytes * 8));
  if (bytes === 0) return undefined;
  if (value >= 2 ** (bytes * 8 - 1)) value -= 2 ** (bytes * 8);
  return BigInt(value);
}

/** Reused by {@link smallUnscaledToBase64}, which copies nothing out of it. */
const scratch = new Uint8Array(SMALL_BYTES);

/**
 * The shortest big-endian two's-complement bytes of `unscaled` (Java's `BigInteger.toByteArray()`), as
 * `Decimal.fromLogical` writes them, computed with numbers when the value is within ±2^47; `undefined` otherwise.
 * @internal
 */
export function smallUnscaledToBytes(unscaled: bigint): Uint8Array | undefined {
  const length = fillSmall(unscaled);
  return length === 0 ? undefined : scratch.slice(0, length);
}

/**
 * The base64 of {@link smallUnscaledToBytes}, without allocating the bytes; `undefined` beyond ±2^47.
 * @internal
 */
export function smallUnscaledToBase64(unscaled: bigint): string | undefined {
  const length = fillSmall(unscaled);
  return length === 0 ? undefined : encodeBase64(scratch, length);
}

/** Writes the bytes of a value within ±2^47 into `scratch` and returns their count, or 0 for other values. */
function fillSmall(unscaled: bigint): number {
  if (unscaled >= SMALL_LIMIT || unscaled < -SMALL_LIMIT) return 0;
  let value = Number(unscaled);
  let length = 1;
  while (value >= 2 ** (8 * length - 1) || value < -(2 ** (8 * length - 1))) length++;
  if (value < 0) value += 2 ** (8 * length);
  for (let i = length - 1; i >= 0; i--) {
    scratch[i] = value % 256;
    value = Math.floor(value / 256);
  }
  return length;
}
