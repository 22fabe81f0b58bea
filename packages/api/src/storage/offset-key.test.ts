import { describe, expect, it } from "vitest";
import { DataError } from "../errors/connect-error.js";
import { parseOffsetKey, serializeOffsetKey } from "./offset-key.js";

describe("serializeOffsetKey", () => {
  it("writes the offsets topic's key: a compact JSON array of the connector name and the partition", () => {
    expect(serializeOffsetKey("local-file-source", { filename: "test.txt" })).toBe(
      '["local-file-source",{"filename":"test.txt"}]',
    );
  });

  it("sorts the partition's properties, so property order never changes the key", () => {
    const a = serializeOffsetKey("c", { table: "orders", schema: "public", Zone: 1, _id: 2 });
    const b = serializeOffsetKey("c", { _id: 2, Zone: 1, schema: "public", table: "orders" });
    expect(a).toBe('["c",{"Zone":1,"_id":2,"schema":"public","table":"orders"}]');
    expect(b).toBe(a);
  });

  it("writes every primitive exactly, bigints with all their digits", () => {
    expect(
      serializeOffsetKey("c", {
        big: 2n ** 64n - 1n,
        neg: -(2n ** 63n),
        flag: false,
        none: null,
        ratio: 0.1,
        text: 'quote " slash \\ line\n é 🚀',
      }),
    ).toBe(
      '["c",{"big":18446744073709551615,"flag":false,"neg":-9223372036854775808,"none":null,"ratio":0.1,' +
        '"text":"quote \\" slash \\\\ line\\n é 🚀"}]',
    );
  });

  it("gives the same key for a number and an equal bigint", () => {
    expect(serializeOffsetKey("c", { n: 30n })).toBe(serializeOffsetKey("c", { n: 30 }));
  });

  it.each([
    [{ nested: { a: 1 } }, /Field "nested" of a source partition is object .*store a string, number/],
    [{ list: [1] }, /Field "list" .* is array of length 1/],
    [{ when: new Date(0) }, /Field "when" .* is Date 1970/],
    [{ bytes: new Uint8Array(2) }, /Field "bytes" .* is bytes of length 2/],
    [{ n: Number.NaN }, /Field "n" .* is number NaN/],
    [{ n: Number.POSITIVE_INFINITY }, /Field "n" .* is number Infinity/],
    [{ u: undefined }, /Field "u" .* is undefined.*use null or leave the field out/],
  ])("rejects a partition that JSON cannot carry exactly: %o", (partition, message) => {
    expect(() => serializeOffsetKey("c", partition as never)).toThrow(DataError);
    expect(() => serializeOffsetKey("c", partition as never)).toThrow(message);
  });

  it("rejects a partition that is not a plain object, and a connector name that is not a string", () => {
    expect(() => serializeOffsetKey("c", new Map([["a", 1]]) as never)).toThrow(
      /A source partition must be a plain object of primitives, such as \{ position: 30 \}, but got Map of size 1/,
    );
    expect(() => serializeOffsetKey("c", null as never)).toThrow(/but got null/);
    expect(() => serializeOffsetKey(7 as never, {})).toThrow(
      /connector name must be a string, but got number 7/,
    );
  });
});

describe("parseOffsetKey", () => {
  it("is the inverse of serializeOffsetKey", () => {
    const partition = { filename: "a.txt", inode: 42, big: 2n ** 63n - 1n, gz: true, tag: null };
    expect(parseOffsetKey(serializeOffsetKey("file-source", partition))).toEqual({
      connector: "file-source",
      partition,
    });
  });

  it("reads a key in any property order and spacing, as another writer may have written it", () => {
    const parsed = parseOffsetKey('[ "c" , { "b" : 2.5 , "a" : "x" } ]');
    expect(parsed).toEqual({ connector: "c", partition: { a: "x", b: 2.5 } });
    expect(serializeOffsetKey(parsed.connector, parsed.partition)).toBe('["c",{"a":"x","b":2.5}]');
  });

  it("keeps a property named __proto__ as data", () => {
    const { partition } = parseOffsetKey('["c",{"__proto__":"x"}]');
    expect(Object.keys(partition)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(partition)).toBe(Object.prototype);
    expect(serializeOffsetKey("c", partition)).toBe('["c",{"__proto__":"x"}]');
  });

  it.each([
    ['["c",{"a":1}', /Offset key string .* is not valid JSON: expected "\]", found the end of the text/],
    ['{"connector":"c"}', /is not of the form \["<connector>",\{<partition>\}\]/],
    ['["c",{"a":1},3]', /is not of the form/],
    ['[1,{"a":1}]', /is not of the form/],
    ['["c",{"a":{"b":1}}]', /Stored source partition .* is not a JSON object of primitives/],
    ['["c",{"a":1,"a":2}]', /duplicate key "a"/],
    ['["c",{"a":01}]', /expected "}"/],
    ['["c",{"a":1e999}]', /number out of range/],
  ])("rejects %s with a DataError", (key, message) => {
    expect(() => parseOffsetKey(key)).toThrow(DataError);
    expect(() => parseOffsetKey(key)).toThrow(message);
  });
});
