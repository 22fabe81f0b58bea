import { DataError, SchemaBuilder, SinkRecord, SourceRecord, Struct } from "@tributary/api";
import { describe, expect, it } from "vitest";
import {
  describeKind,
  missingFieldError,
  requireMap,
  requireSchema,
  requireSinkRecord,
  requireStruct,
} from "./requirements.js";

const purpose = { transform: "InsertField$Value", topic: "orders" };
const schema = SchemaBuilder.struct().name("Order").field("id", SchemaBuilder.int32()).build();

describe("requireStruct", () => {
  it("returns a Struct as it is", () => {
    const struct = new Struct(schema).put("id", 1);
    expect(requireStruct(struct, purpose)).toBe(struct);
  });

  it("names the transformation, the field and the topic when the value is not a Struct", () => {
    expect(() => requireStruct(new Map(), { ...purpose, field: "id" })).toThrow(DataError);
    expect(() => requireStruct(new Map(), { ...purpose, field: "id" })).toThrow(
      /^InsertField\$Value works on Struct values .* topic "orders" \(working on field "id"\) holds a Map\./,
    );
    expect(() => requireStruct(null, purpose)).toThrow(/holds null/);
  });
});

describe("requireMap", () => {
  it("returns a Map as it is", () => {
    const map = new Map([["a", 1]]);
    expect(requireMap(map, purpose)).toBe(map);
  });

  it("refuses plain objects, Structs and null", () => {
    expect(() => requireMap({ a: 1 }, purpose)).toThrow(/holds an object of type Object/);
    expect(() => requireMap(new Struct(schema), purpose)).toThrow(
      /holds a Struct of schema Schema\{Order:STRUCT\}/,
    );
    expect(() => requireMap(null, purpose)).toThrow(/on topic "orders" holds null/);
  });
});

describe("requireSinkRecord", () => {
  it("accepts sink records and refuses source records", () => {
    const sink = new SinkRecord({ topic: "orders", kafkaPartition: 0, kafkaOffset: 5n });
    expect(requireSinkRecord(sink, purpose)).toBe(sink);
    const source = new SourceRecord({ topic: "orders", sourcePartition: {}, sourceOffset: {} });
    expect(() => requireSinkRecord(source, { ...purpose, field: "offset" })).toThrow(
      /InsertField\$Value needs a sink record to fill field "offset", but the record on topic "orders" is a SourceRecord/,
    );
  });
});

describe("requireSchema", () => {
  it("returns the schema or says the record has none", () => {
    expect(requireSchema(schema, purpose)).toBe(schema);
    expect(() => requireSchema(null, purpose)).toThrow(
      /InsertField\$Value needs a schema, but the record on topic "orders" has none/,
    );
  });
});

describe("missingFieldError", () => {
  it("names the transformation, the field, the topic and the fields there are", () => {
    const error = missingFieldError({ transform: "ValueToKey", field: "customer", topic: "orders" }, [
      "id",
      "total",
    ]);
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toBe(
      'ValueToKey needs field "customer", but the record on topic "orders" has no such field. It has fields "id", "total". Check the field name in the transformation\'s configuration.',
    );
  });
});

describe("describeKind", () => {
  it("describes each kind of Connect value", () => {
    expect(describeKind(undefined)).toBe("null");
    expect(describeKind("x")).toBe("a string");
    expect(describeKind(1.5)).toBe("the number 1.5");
    expect(describeKind(2n)).toBe("the bigint 2n");
    expect(describeKind(true)).toBe("the boolean true");
    expect(describeKind(new Uint8Array(3))).toBe("bytes (length 3)");
    expect(describeKind(new Date(0))).toBe("a Date");
    expect(describeKind([1])).toBe("an array");
  });
});
