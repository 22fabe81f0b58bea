import { DataError, Headers, Schema } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { ByteArrayConverter } from "./byte-array-converter.js";

const headers = new Headers();

describe("ByteArrayConverter", () => {
  it("passes bytes through both ways, reading them as optional BYTES", () => {
    const converter = new ByteArrayConverter();
    converter.configure({}, true);
    const bytes = new Uint8Array([0, 1, 255]);
    expect(converter.fromConnectData("t", headers, Schema.BYTES_SCHEMA, bytes)).toBe(bytes);
    expect(converter.fromConnectData("t", headers, null, bytes)).toBe(bytes);
    expect(converter.toConnectData("t", headers, bytes)).toEqual({
      schema: Schema.OPTIONAL_BYTES_SCHEMA,
      value: bytes,
    });
    expect(converter.fromConnectHeader("t", "h", null, null)).toBeNull();
    expect(converter.toConnectHeader("t", "h", null)).toEqual({
      schema: Schema.OPTIONAL_BYTES_SCHEMA,
      value: null,
    });
  });

  it("refuses other schemas and values with a DataError", () => {
    const converter = new ByteArrayConverter();
    expect(() => converter.fromConnectData("t", headers, Schema.STRING_SCHEMA, "x")).toThrow(DataError);
    expect(() => converter.fromConnectData("t", headers, Schema.STRING_SCHEMA, "x")).toThrow("not BYTES");
    expect(() => converter.fromConnectData("t", headers, null, "x")).toThrow(
      'expected a Uint8Array, got string "x"',
    );
  });
});
