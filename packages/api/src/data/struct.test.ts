import { describe, expect, it } from "vitest";
import { DataError, SchemaBuilderError } from "../errors/connect-error.js";
import { BigDecimal } from "./big-decimal.js";
import { Decimal } from "./logical/decimal.js";
import { Schema } from "./schema.js";
import { SchemaBuilder } from "./schema-builder.js";
import { Struct } from "./struct.js";

const order = SchemaBuilder.struct()
  .name("com.example.Order")
  .field("id", Schema.INT64_SCHEMA)
  .field("qty", SchemaBuilder.int32().defaultValue(1))
  .field("note", Schema.OPTIONAL_STRING_SCHEMA)
  .field("price", Decimal.schema(2))
  .build();

describe("Struct", () => {
  it("validates each put against the field's schema, naming the field", () => {
    const struct = new Struct(order);
    expect(() => struct.put("id", 42)).toThrow(/field "id": expected a bigint .* got number 42/);
    expect(() => struct.put("qty", "3")).toThrow(DataError);
    expect(() => struct.put("price", BigDecimal.parse("1.5"))).toThrow(/scale 2/);
    expect(() => struct.put("missing", 1)).toThrow(/missing is not a valid field name/);
  });

  it("returns the default for a null field from get but not from getWithoutDefault", () => {
    const struct = new Struct(order).put("id", 7n);
    expect(struct.get("qty")).toBe(1);
    expect(struct.getWithoutDefault("qty")).toBeNull();
    expect(struct.getInt32("qty")).toBe(1);
  });

  it("checks types in typed getters", () => {
    const struct = new Struct(order).put("id", 2n ** 62n);
    expect(struct.getInt64("id")).toBe(2n ** 62n);
    expect(() => struct.getString("id")).toThrow(/is of type INT64, not STRING/);
  });

  it("validate() accepts null only in optional or defaulted fields", () => {
    const struct = new Struct(order).put("id", 1n);
    expect(() => struct.validate()).toThrow(/field "price"/);
    struct.put("price", BigDecimal.parse("9.99"));
    expect(() => struct.validate()).not.toThrow();
  });

  it("compares by schema and values", () => {
    const a = new Struct(order).put("id", 1n).put("price", BigDecimal.parse("1.00"));
    const b = new Struct(order).put("id", 1n).put("price", BigDecimal.parse("1.00"));
    expect(a.equals(b)).toBe(true);
    b.put("note", "x");
    expect(a.equals(b)).toBe(false);
  });
});

describe("Struct.putTrusted", () => {
  const field = (name: string) => order.field(name) ?? expect.unreachable(`no field ${name}`);

  it("stores a value without checking its type, and validate() still finds a wrong one", () => {
    const copy = new Struct(order).putTrusted(field("id"), 5n).putTrusted(field("note"), "fragile");
    expect(copy.getInt64("id")).toBe(5n);
    expect(copy.getString("note")).toBe("fragile");
    const wrong = new Struct(order).putTrusted(field("id"), 42);
    expect(wrong.getWithoutDefault("id")).toBe(42);
    expect(() => wrong.validate()).toThrow(/field "id": expected a bigint .* got number 42/);
  });

  it("refuses null for a required field, as put does, and stores null for an optional one", () => {
    const struct = new Struct(order);
    expect(() => struct.putTrusted(field("id"), null)).toThrow(/field "id".*null is not allowed/);
    expect(() => struct.putTrusted(field("qty"), undefined)).toThrow(DataError);
    expect(struct.putTrusted(field("note"), undefined).getWithoutDefault("note")).toBeNull();
  });

  it("finds a field of another schema by name, and refuses one this schema does not have", () => {
    const other = SchemaBuilder.struct()
      .field("note", Schema.OPTIONAL_STRING_SCHEMA)
      .field("extra", Schema.INT32_SCHEMA)
      .build();
    const [otherNote, extra] = other.fields();
    const struct = new Struct(order);
    struct.putTrusted(otherNote ?? expect.unreachable(), "by name");
    expect(struct.getString("note")).toBe("by name");
    expect(struct.getWithoutDefault("id")).toBeNull();
    expect(() => struct.putTrusted(extra ?? expect.unreachable(), 1)).toThrow(
      /extra is not a valid field name/,
    );
  });

  it("gives a struct equal to one built with put", () => {
    const checked = new Struct(order).put("id", 9n).put("price", BigDecimal.parse("2.50"));
    const trusted = new Struct(order)
      .putTrusted(field("id"), 9n)
      .putTrusted(field("price"), BigDecimal.parse("2.50"));
    expect(trusted.equals(checked)).toBe(true);
  });
});

describe("SchemaBuilder", () => {
  it("lets each property be set once", () => {
    expect(() => SchemaBuilder.string().name("a").name("b")).toThrow(SchemaBuilderError);
    expect(() => SchemaBuilder.string().optional().required()).toThrow(/optional has already been set/);
  });

  it("rejects duplicate or empty field names and fields on non-structs", () => {
    expect(() =>
      SchemaBuilder.struct().field("a", Schema.INT8_SCHEMA).field("a", Schema.INT8_SCHEMA),
    ).toThrow(/already has a field/);
    expect(() => SchemaBuilder.struct().field("", Schema.INT8_SCHEMA)).toThrow(/empty name/);
    expect(() => SchemaBuilder.int8().field("a", Schema.INT8_SCHEMA)).toThrow(/only STRUCT/);
  });

  it("validates the default value", () => {
    expect(() => SchemaBuilder.int8().defaultValue(300)).toThrow(/Invalid default value/);
    expect(SchemaBuilder.int64().defaultValue(5n).build().defaultValue).toBe(5n);
  });

  it("builds frozen schemas that compare by every attribute", () => {
    const a = SchemaBuilder.map(Schema.STRING_SCHEMA, SchemaBuilder.array(Schema.INT32_SCHEMA))
      .optional()
      .build();
    const b = SchemaBuilder.map(Schema.STRING_SCHEMA, SchemaBuilder.array(Schema.INT32_SCHEMA))
      .optional()
      .build();
    expect(Object.isFrozen(a)).toBe(true);
    expect(a.equals(b)).toBe(true);
    expect(a.equals(SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).optional().build())).toBe(
      false,
    );
    expect(SchemaBuilder.string().doc("x").build().equals(Schema.STRING_SCHEMA)).toBe(false);
  });
});
