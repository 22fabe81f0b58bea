import { describe, expect, it } from "vitest";
import { BigDecimal } from "../data/big-decimal.js";
import { ConnectDate } from "../data/logical/date.js";
import { Decimal } from "../data/logical/decimal.js";
import { ConnectTime } from "../data/logical/time.js";
import { ConnectTimestamp } from "../data/logical/timestamp.js";
import { Schema } from "../data/schema.js";
import { SchemaBuilder } from "../data/schema-builder.js";
import { Struct } from "../data/struct.js";
import { ConnectError, DataError } from "../errors/connect-error.js";
import { Header } from "./header.js";
import { Headers } from "./headers.js";

const point = SchemaBuilder.struct().name("com.example.Point").field("x", Schema.INT32_SCHEMA).build();

function keys(headers: Headers): string[] {
  return [...headers].map((header) => header.key);
}

describe("Headers", () => {
  it("adds typed headers with the matching schema, in order", () => {
    const headers = new Headers()
      .addString("s", "text")
      .addBoolean("b", true)
      .addByte("i8", -128)
      .addShort("i16", 32767)
      .addInt("i32", -5)
      .addLong("i64", 2n ** 62n)
      .addFloat("f32", 1.5)
      .addDouble("f64", Math.PI)
      .addBytes("bytes", Uint8Array.of(1, 2));
    expect(keys(headers)).toEqual(["s", "b", "i8", "i16", "i32", "i64", "f32", "f64", "bytes"]);
    expect([...headers].map((header) => header.schema?.type)).toEqual([
      "STRING",
      "BOOLEAN",
      "INT8",
      "INT16",
      "INT32",
      "INT64",
      "FLOAT32",
      "FLOAT64",
      "BYTES",
    ]);
    expect(headers.lastWithName("i64")?.value).toBe(2n ** 62n);
    expect(headers.size).toBe(9);
    expect(headers.isEmpty()).toBe(false);
  });

  it("gives null strings and bytes an optional schema", () => {
    const headers = new Headers().addString("s", null).addBytes("b", null);
    expect(headers.lastWithName("s")?.schema).toBe(Schema.OPTIONAL_STRING_SCHEMA);
    expect(headers.lastWithName("s")?.value).toBeNull();
    expect(headers.lastWithName("b")?.schema).toBe(Schema.OPTIONAL_BYTES_SCHEMA);
  });

  it("adds lists, maps and structs after checking them against their schema", () => {
    const list = SchemaBuilder.array(Schema.STRING_SCHEMA).build();
    const map = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA).build();
    const struct = new Struct(point).put("x", 3);
    const headers = new Headers()
      .addList("list", ["a", "b"], list)
      .addMap("map", new Map([["k", 1n]]), map)
      .addStruct("struct", struct);
    expect(headers.lastWithName("list")?.schema).toBe(list);
    expect(headers.lastWithName("struct")?.schema).toBe(point);
    expect(() => headers.addList("bad", ["a", 1], list)).toThrow(
      /Header "bad" does not fit.*\[1\].*got number 1/,
    );
    expect(() => headers.addMap("bad", new Map([["k", 1]]), map)).toThrow(DataError);
    expect(() => headers.addList("bad", ["a"], map)).toThrow('Header "bad" needs a schema of type ARRAY');
    expect(() => headers.addMap("bad", new Map(), list)).toThrow(/needs a schema of type MAP/);
  });

  it("adds null lists, maps, structs and decimals without a schema", () => {
    const headers = new Headers()
      .addList("l", null, SchemaBuilder.array(Schema.STRING_SCHEMA).build())
      .addMap("m", null, SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build())
      .addStruct("s", null)
      .addDecimal("d", null);
    expect([...headers].every((header) => header.schema === null && header.value === null)).toBe(true);
  });

  it("adds logical values with their logical schema and checks them", () => {
    const headers = new Headers()
      .addDecimal("price", BigDecimal.parse("12.34"))
      .addDate("day", new Date(Date.UTC(2024, 1, 29)))
      .addTime("at", new Date(3_600_000))
      .addTimestamp("ts", new Date(1_700_000_000_000));
    expect(headers.lastWithName("price")?.schema?.equals(Decimal.schema(2))).toBe(true);
    expect(headers.lastWithName("day")?.schema?.name).toBe(ConnectDate.LOGICAL_NAME);
    expect(headers.lastWithName("at")?.schema?.name).toBe(ConnectTime.LOGICAL_NAME);
    expect(headers.lastWithName("ts")?.schema?.name).toBe(ConnectTimestamp.LOGICAL_NAME);
    expect(() => headers.addDate("bad", new Date(Date.UTC(2024, 1, 29, 12)))).toThrow(/midnight UTC/);
    expect(() => headers.addTime("bad", new Date(Date.UTC(2024, 1, 29)))).toThrow(/1970-01-01/);
    expect(() => headers.addTimestamp("bad", new Date(Number.NaN))).toThrow(/valid Date/);
    const nullDay = new Headers().addDate("day", null).lastWithName("day");
    expect(nullDay?.schema?.name).toBe(ConnectDate.LOGICAL_NAME);
    expect(nullDay?.schema?.isOptional).toBe(true);
  });

  it("rejects values that do not fit their schema, naming the header and the value", () => {
    const headers = new Headers();
    expect(() => headers.addByte("small", 300)).toThrow(/Header "small".*from -128 to 127.*got number 300/);
    expect(() => headers.addInt("int", 1.5)).toThrow(DataError);
    expect(() => headers.addLong("long", 1 as unknown as bigint)).toThrow(/bigint/);
    expect(() => headers.add("k", 5, Schema.STRING_SCHEMA)).toThrow(/expected a string/);
    expect(() => headers.add("k", null, Schema.STRING_SCHEMA)).toThrow(/null is not allowed/);
    expect(() => headers.add("k", { schema: Schema.INT8_SCHEMA, value: "x" })).toThrow(DataError);
    expect(headers.isEmpty()).toBe(true);
  });

  it("adds from a Header, a SchemaAndValue, or a value and schema; schemaless values are kept as given", () => {
    const headers = new Headers()
      .add(new Header("a", Schema.STRING_SCHEMA, "1"))
      .add("b", { schema: Schema.INT32_SCHEMA, value: 2 })
      .add("c", null)
      .add("d", new Map([["any", [1]]]), null);
    expect(keys(headers)).toEqual(["a", "b", "c", "d"]);
    expect(headers.lastWithName("b")?.value).toBe(2);
    expect(headers.lastWithName("c")).toMatchObject({ schema: null, value: null });
    expect(headers.lastWithName("d")?.value).toEqual(new Map([["any", [1]]]));
    expect(() => headers.add({ key: "x" } as unknown as Header)).toThrow(/Expected a Header/);
    expect(() => headers.add("plain", "v" as never)).toThrow(/takes \{ schema, value \}, got string "v"/);
  });

  it("finds all or the last header of a key", () => {
    const headers = new Headers().addInt("n", 1).addString("other", "x").addInt("n", 2).addInt("n", 3);
    expect(headers.allWithName("n").map((header) => header.value)).toEqual([1, 2, 3]);
    expect(headers.lastWithName("n")?.value).toBe(3);
    expect(headers.allWithName("missing")).toEqual([]);
    expect(headers.lastWithName("missing")).toBeUndefined();
  });

  it("removes every header of a key, or all of them", () => {
    const headers = new Headers().addInt("a", 1).addInt("b", 2).addInt("a", 3);
    expect(keys(headers.remove("a"))).toEqual(["b"]);
    expect(keys(headers.remove("missing"))).toEqual(["b"]);
    expect(headers.clear().isEmpty()).toBe(true);
  });

  it("retains the latest header of one key, or of every key, where it stood", () => {
    const build = () =>
      new Headers().addInt("a", 1).addInt("b", 1).addInt("a", 2).addInt("b", 2).addInt("a", 3);
    const oneKey = build().retainLatest("a");
    expect([...oneKey].map((header) => `${header.key}${String(header.value)}`)).toEqual(["b1", "b2", "a3"]);
    const everyKey = build().retainLatest();
    expect([...everyKey].map((header) => `${header.key}${String(header.value)}`)).toEqual(["b2", "a3"]);
  });

  it("duplicates into an independent, mutable copy", () => {
    const original = new Headers().addString("a", "1");
    const copy = original.duplicate();
    copy.addString("b", "2");
    original.remove("a");
    expect(keys(original)).toEqual([]);
    expect(keys(copy)).toEqual(["a", "b"]);
  });

  it("applies a transform to every header or to one key, removing those mapped to null", () => {
    const headers = new Headers().addInt("a", 1).addInt("b", 2).addInt("a", 3);
    headers.apply("a", (header) => header.with(Schema.INT32_SCHEMA, (header.value as number) * 10));
    expect([...headers].map((header) => header.value)).toEqual([10, 2, 30]);
    headers.apply((header) => (header.key === "b" ? null : header.rename(`x-${header.key}`)));
    expect(keys(headers)).toEqual(["x-a", "x-a"]);
    expect(() => headers.apply((header) => header.with(Schema.STRING_SCHEMA, 1))).toThrow(DataError);
  });

  it("compares by content and order", () => {
    const a = new Headers().addString("k", "v").addInt("n", 1);
    const b = new Headers().addString("k", "v").addInt("n", 1);
    expect(a.equals(b)).toBe(true);
    expect(a.equals(Headers.readOnly(b))).toBe(true);
    expect(a.equals(new Headers().addInt("n", 1).addString("k", "v"))).toBe(false);
    expect(a.equals(new Headers().addString("k", "v").addLong("n", 1n))).toBe(false);
    expect(a.equals([...a])).toBe(false);
  });

  it("refuses changes once read-only, and duplicates into a writable copy", () => {
    const frozen = Headers.readOnly(new Headers().addString("k", "v"));
    expect(frozen.isReadOnly).toBe(true);
    expect(Headers.readOnly(frozen)).toBe(frozen);
    expect(() => frozen.addString("x", "y")).toThrow(ConnectError);
    expect(() => frozen.remove("k")).toThrow(/read-only: call headers.duplicate\(\)/);
    expect(() => frozen.retainLatest()).toThrow(ConnectError);
    expect(() => frozen.clear()).toThrow(ConnectError);
    expect(() => frozen.apply((header) => header)).toThrow(ConnectError);
    expect(keys(frozen)).toEqual(["k"]);
    const copy = frozen.duplicate().addString("x", "y");
    expect(copy.isReadOnly).toBe(false);
    expect(keys(copy)).toEqual(["k", "x"]);
  });

  it("is recognised by its brand", () => {
    expect(Headers.isHeaders(new Headers())).toBe(true);
    expect(Headers.isHeaders([])).toBe(false);
  });
});
