import { BigDecimal, ConfigError, ConnectError, Headers, Schema } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { StringConverter } from "./string-converter.js";
import { StringConverterConfig } from "./string-converter-config.js";

const headers = new Headers();

function converter(props: Record<string, unknown> = {}): StringConverter {
  const created = new StringConverter();
  created.configure(props, false);
  return created;
}

const hex = (bytes: Uint8Array | null): string | null =>
  bytes === null ? null : Buffer.from(bytes).toString("hex");

describe("StringConverter", () => {
  it("writes and reads UTF-8 by default, with an optional STRING schema", () => {
    const c = converter();
    const bytes = c.fromConnectData("t", headers, Schema.STRING_SCHEMA, "héllo 😀");
    expect(hex(bytes)).toBe(Buffer.from("héllo 😀", "utf8").toString("hex"));
    expect(c.toConnectData("t", headers, bytes)).toEqual({
      schema: Schema.OPTIONAL_STRING_SCHEMA,
      value: "héllo 😀",
    });
  });

  it("maps null to null both ways", () => {
    const c = converter();
    expect(c.fromConnectData("t", headers, null, null)).toBeNull();
    expect(c.toConnectData("t", headers, null)).toEqual({
      schema: Schema.OPTIONAL_STRING_SCHEMA,
      value: null,
    });
  });

  it("writes other values as their text, whatever the schema", () => {
    const c = converter();
    const text = (value: unknown) =>
      Buffer.from(c.fromConnectData("t", headers, null, value) ?? []).toString();
    expect(text(42)).toBe("42");
    expect(text(9007199254740993n)).toBe("9007199254740993");
    expect(text(true)).toBe("true");
    expect(text(BigDecimal.parse("1.50"))).toBe("1.50");
    expect(text(new Date(0))).toBe("1970-01-01T00:00:00.000Z");
  });

  it.each<[string, string, string]>([
    ["UTF-16", "a€", "feff006120ac"],
    ["utf-16be", "a€", "006120ac"],
    ["UTF-16LE", "a€", "6100ac20"],
    ["ISO-8859-1", "aé€", "61e93f"],
    ["latin1", "aé", "61e9"],
    ["US-ASCII", "aé😀", "613f3f"],
    ["UTF8", "é", "c3a9"],
  ])("writes in %s as Java does, with ? for what the charset cannot hold", (encoding, text, bytes) => {
    expect(hex(converter({ "converter.encoding": encoding }).fromConnectData("t", headers, null, text))).toBe(
      bytes,
    );
  });

  it.each<[string, string, string]>([
    ["UTF-16", "feff006120ac", "a€"],
    ["UTF-16", "fffe6100ac20", "a€"],
    ["UTF-16", "006120ac", "a€"],
    ["UTF-16LE", "6100ac20", "a€"],
    ["ISO-8859-1", "61e9ff", "aéÿ"],
    ["US-ASCII", "61e9", "a\ufffd"],
    ["UTF-8", "61ff", "a\ufffd"],
  ])("reads %s bytes %s as Java does, with U+FFFD for what it cannot read", (encoding, bytes, text) => {
    const c = converter({ "converter.encoding": encoding });
    expect(c.toConnectData("t", headers, Buffer.from(bytes, "hex")).value).toBe(text);
  });

  it("writes a lone surrogate in UTF-8 as ?, as Java does", () => {
    expect(hex(converter().fromConnectData("t", headers, null, "a\ud800b"))).toBe("613f62");
  });

  it("refuses an encoding it does not support when configured, not at the first record", () => {
    expect(() => converter({ "converter.encoding": "EBCDIC" })).toThrow(ConfigError);
    expect(() => converter({ "converter.encoding": "EBCDIC" })).toThrow(
      /converter\.encoding.*UTF-8, UTF-16/s,
    );
    expect(StringConverterConfig.parse({ "converter.type": "key" })["converter.encoding"]).toBe("UTF-8");
  });

  it("converts headers as it converts values", () => {
    const c = new StringConverter();
    c.configure({ "converter.type": "header" });
    const bytes = c.fromConnectHeader("t", "k", Schema.STRING_SCHEMA, "v");
    expect(c.toConnectHeader("t", "k", bytes).value).toBe("v");
  });

  it("refuses to convert before it is configured", () => {
    expect(() => new StringConverter().toConnectData("t", headers, null)).toThrow(ConnectError);
  });
});
