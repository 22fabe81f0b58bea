/**
 * A character encoding as Kafka's `StringConverter` uses one: Java's charset name and how text goes to bytes and
 * back, with Java's replacements (`?` for what an encoding cannot hold, U+FFFD for bytes it cannot read).
 * @internal
 */
export interface StringEncoding {
  /** Java's canonical name of the charset, such as `UTF-8`. */
  readonly name: string;
  encode(text: string): Uint8Array;
  decode(bytes: Uint8Array): string;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function buffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const UTF_8: StringEncoding = {
  name: "UTF-8",
  // Java writes '?' for a lone surrogate, where Node would write U+FFFD.
  encode: (text) => Buffer.from(text.replace(LONE_SURROGATE, "?"), "utf8"),
  decode: (bytes) => buffer(bytes).toString("utf8"),
};

function utf16(name: string, littleEndian: boolean, byteOrderMark: boolean): StringEncoding {
  return {
    name,
    encode: (text) => {
      const body = Buffer.from(text.replace(LONE_SURROGATE, "\ufffd"), "utf16le");
      if (!littleEndian) body.swap16();
      return byteOrderMark ? Buffer.concat([Buffer.from([0xfe, 0xff]), body]) : body;
    },
    decode: (bytes) => {
      let little = littleEndian;
      let start = 0;
      if (byteOrderMark && bytes.length >= 2) {
        // Plain UTF-16 reads a byte order mark and drops it; without one it is big-endian, as in Java.
        if (bytes[0] === 0xfe && bytes[1] === 0xff) start = 2;
        else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
          start = 2;
          little = true;
        }
      }
      const even = (bytes.length - start) & ~1;
      const body = Buffer.from(bytes.subarray(start, start + even));
      if (!little) body.swap16();
      const text = body.toString("utf16le");
      return even < bytes.length - start ? `${text}\ufffd` : text;
    },
  };
}

function singleByte(name: string, highest: number): StringEncoding {
  return {
    name,
    encode: (text) => {
      const out = new Uint8Array(text.length);
      let length = 0;
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        // A surrogate pair is one character Java cannot map: one '?'.
        if (code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
        out[length++] = code <= highest ? code : 0x3f;
      }
      return out.subarray(0, length);
    },
    decode: (bytes) => {
      let text = "";
      for (let i = 0; i < bytes.length; i += 8192) {
        const chunk = Array.from(bytes.subarray(i, i + 8192), (byte) => (byte <= highest ? byte : 0xfffd));
        text += String.fromCharCode(...chunk);
      }
      return text;
    },
  };
}

const ENCODINGS: readonly [StringEncoding, readonly string[]][] = [
  [UTF_8, ["utf-8", "utf8", "unicode-1-1-utf-8"]],
  [utf16("UTF-16", false, true), ["utf-16", "utf_16", "utf16", "unicode", "unicodebig"]],
  [
    utf16("UTF-16BE", false, false),
    ["utf-16be", "utf_16be", "x-utf-16be", "iso-10646-ucs-2", "unicodebigunmarked"],
  ],
  [utf16("UTF-16LE", true, false), ["utf-16le", "utf_16le", "x-utf-16le", "unicodelittleunmarked"]],
  [
    singleByte("ISO-8859-1", 0xff),
    [
      "iso-8859-1",
      "iso8859_1",
      "iso_8859_1",
      "iso_8859-1",
      "iso8859-1",
      "8859_1",
      "latin1",
      "l1",
      "ibm819",
      "cp819",
      "csisolatin1",
      "819",
      "ibm-819",
      "iso_8859-1:1987",
      "iso-ir-100",
    ],
  ],
  [
    singleByte("US-ASCII", 0x7f),
    [
      "us-ascii",
      "ascii",
      "us",
      "iso646-us",
      "iso-ir-6",
      "ansi_x3.4-1968",
      "ansi_x3.4-1986",
      "iso_646.irv:1991",
      "iso_646.irv:1983",
      "cp367",
      "ibm367",
      "csascii",
      "646",
      "ascii7",
      "default",
    ],
  ],
];

const BY_NAME = new Map(
  ENCODINGS.flatMap(([encoding, names]) => names.map((name) => [name, encoding] as const)),
);

/** The Java charset names (and aliases) Tributary's string converter supports, canonical names first. */
export const SUPPORTED_ENCODINGS: readonly string[] = Object.freeze(
  ENCODINGS.map(([encoding]) => encoding.name),
);

/**
 * The encoding a Java charset name (or alias, in any case) denotes, or `undefined` when Tributary does not support
 * it.
 * @internal
 */
export function encodingNamed(name: string): StringEncoding | undefined {
  return BY_NAME.get(name.trim().toLowerCase());
}
