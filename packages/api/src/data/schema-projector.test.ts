import { describe, expect, it } from "vitest";
import { hasErrorCode, SchemaProjectorError } from "../errors/connect-error.js";
import { BigDecimal } from "./big-decimal.js";
import { ConnectSchema } from "./connect-schema.js";
import { ConnectDate } from "./logical/date.js";
import { Decimal } from "./logical/decimal.js";
import { ConnectTime } from "./logical/time.js";
import { ConnectTimestamp } from "./logical/timestamp.js";
import { Schema } from "./schema.js";
import { SchemaBuilder } from "./schema-builder.js";
import { SchemaProjector } from "./schema-projector.js";
import type { SchemaType } from "./schema-type.js";
import { Struct } from "./struct.js";

const { project } = SchemaProjector;

const NUMERIC: readonly SchemaType[] = ["INT8", "INT16", "INT32", "INT64", "FLOAT32", "FLOAT64"];

describe("SchemaProjector.project", () => {
  it("projects primitives onto the same type, required or optional", () => {
    const bytes = new Uint8Array([1, 2]);
    expect(project(Schema.BOOLEAN_SCHEMA, false, Schema.BOOLEAN_SCHEMA)).toBe(false);
    expect(project(Schema.BYTES_SCHEMA, bytes, Schema.OPTIONAL_BYTES_SCHEMA)).toBe(bytes);
    expect(project(Schema.STRING_SCHEMA, "abc", Schema.OPTIONAL_STRING_SCHEMA)).toBe("abc");
    expect(project(Schema.OPTIONAL_STRING_SCHEMA, null, Schema.OPTIONAL_STRING_SCHEMA)).toBeNull();
    expect(project(Schema.STRING_SCHEMA, null, Schema.STRING_SCHEMA)).toBeNull();
  });

  it("widens numbers along INT8 → INT16 → INT32 → INT64 → FLOAT32 → FLOAT64", () => {
    const values: unknown[] = [127, 255, 32767, 327890n, Math.fround(1.2), 1.2345];
    const expected: unknown[][] = [
      [127, 127, 127, 127n, 127, 127],
      [255, 255, 255n, 255, 255],
      [32767, 32767n, 32767, 32767],
      [327890n, 327890, 327890],
      [Math.fround(1.2), Math.fround(1.2)],
      [1.2345],
    ];
    NUMERIC.forEach((sourceType, i) => {
      NUMERIC.slice(i).forEach((targetType, j) => {
        const source = SchemaBuilder.type(sourceType).build();
        for (const target of [
          SchemaBuilder.type(targetType).build(),
          SchemaBuilder.type(targetType).optional().build(),
        ]) {
          expect(project(source, values[i], target)).toEqual(expected[i]?.[j]);
        }
      });
    });
  });

  it("converts INT64 to floats exactly once, and FLOAT32 to FLOAT64 without changing the value", () => {
    // 2^60 + 2^36 + 1 is just above halfway between two floats; rounding through a double would go down.
    const long = 2n ** 60n + 2n ** 36n + 1n;
    expect(project(Schema.INT64_SCHEMA, long, Schema.FLOAT32_SCHEMA)).toBe(2 ** 60 + 2 ** 37);
    expect(Math.fround(Number(long))).toBe(2 ** 60);
    expect(project(Schema.INT64_SCHEMA, 2n ** 63n - 1n, Schema.FLOAT64_SCHEMA)).toBe(2 ** 63);
    expect(project(Schema.FLOAT32_SCHEMA, Math.fround(1.2), Schema.FLOAT64_SCHEMA)).toBe(1.2000000476837158);
    expect(project(Schema.INT32_SCHEMA, 16777217, Schema.FLOAT32_SCHEMA)).toBe(16777216);
  });

  it("refuses to narrow numbers or to cross between unrelated types", () => {
    expect(() => project(Schema.INT64_SCHEMA, 1n, Schema.INT32_SCHEMA)).toThrow(SchemaProjectorError);
    expect(() => project(Schema.FLOAT64_SCHEMA, 1, Schema.FLOAT32_SCHEMA)).toThrow(
      /FLOAT64 cannot become a FLOAT32/,
    );
    for (const source of NUMERIC) {
      for (const target of [Schema.BOOLEAN_SCHEMA, Schema.BYTES_SCHEMA, Schema.STRING_SCHEMA]) {
        expect(() => project(SchemaBuilder.type(source).build(), 1, target)).toThrow(SchemaProjectorError);
      }
    }
  });

  it("projects an optional source onto a required target only when the target has a default", () => {
    const target = SchemaBuilder.int64().defaultValue(127890n).build();
    expect(project(Schema.OPTIONAL_INT8_SCHEMA, 12, target)).toBe(12n);
    expect(project(Schema.OPTIONAL_INT8_SCHEMA, null, target)).toBe(127890n);
    const optionalTarget = SchemaBuilder.float32().optional().defaultValue(Math.fround(3.45)).build();
    expect(project(Schema.OPTIONAL_INT16_SCHEMA, 12, optionalTarget)).toBe(12);
    expect(project(Schema.OPTIONAL_INT16_SCHEMA, null, optionalTarget)).toBeNull();
    for (const [source, value, required] of [
      [Schema.OPTIONAL_BOOLEAN_SCHEMA, false, Schema.BOOLEAN_SCHEMA],
      [Schema.OPTIONAL_BYTES_SCHEMA, new Uint8Array([1]), Schema.BYTES_SCHEMA],
      [Schema.OPTIONAL_STRING_SCHEMA, "abc", Schema.STRING_SCHEMA],
    ] as const) {
      // Even a non-null value is refused, as in Kafka: the target could not hold the source's nulls.
      expect(() => project(source, value, required)).toThrow(/no default value to use for null/);
    }
  });

  it("keeps logical values and refuses to mix logical and plain types", () => {
    const price = BigDecimal.of(156n, 2);
    expect(project(Decimal.schema(2), price, Decimal.schema(2))).toBe(price);
    const now = new Date();
    for (const schema of [ConnectDate.schema(), ConnectTime.schema(), ConnectTimestamp.schema()]) {
      expect(project(schema, now, schema)).toBe(now);
    }
    const named = SchemaBuilder.int32().name("invalidLogicalTypeName").build();
    for (const logical of [
      Decimal.schema(2),
      ConnectDate.schema(),
      ConnectTime.schema(),
      ConnectTimestamp.schema(),
    ]) {
      expect(() => project(logical, null, Schema.BOOLEAN_SCHEMA)).toThrow(SchemaProjectorError);
      expect(() => project(logical, null, named)).toThrow(SchemaProjectorError);
      expect(() => project(Schema.BOOLEAN_SCHEMA, null, logical)).toThrow(SchemaProjectorError);
    }
    expect(() => project(ConnectDate.schema(), now, Schema.INT64_SCHEMA)).toThrow(/names differ/);
    expect(() => project(Decimal.schema(2), price, Decimal.schema(3))).toThrow(/parameters differ/);
  });

  it("requires equal names and parameters, absent and empty parameters differing", () => {
    const source = SchemaBuilder.int32().name("source").build();
    expect(() => project(source, 12, SchemaBuilder.int32().name("target").build())).toThrow(
      /names differ \(source and target\)/,
    );
    const withParameters = SchemaBuilder.int32().name("source").parameters({ key: "value" }).build();
    expect(() => project(source, 34, withParameters)).toThrow(/parameters differ/);
    const empty = new ConnectSchema({ type: "INT32", name: "source", parameters: {} });
    expect(() => project(source, 34, empty)).toThrow(/parameters differ \(null and \{\}\)/);
  });

  it("projects struct fields by name, dropping and adding fields", () => {
    const source = SchemaBuilder.struct()
      .field("field", Schema.INT32_SCHEMA)
      .field("gone", Schema.STRING_SCHEMA)
      .build();
    const target = SchemaBuilder.struct()
      .field("field", Schema.INT64_SCHEMA)
      .field("added", SchemaBuilder.int32().defaultValue(123))
      .field("optional", Schema.OPTIONAL_STRING_SCHEMA)
      .build();
    const projected = project(source, new Struct(source).put("field", 1).put("gone", "x"), target) as Struct;
    expect(projected.schema).toBe(target);
    expect(projected.get("field")).toBe(1n);
    expect(projected.getWithoutDefault("added")).toBe(123);
    expect(projected.get("optional")).toBeNull();
    expect(() => projected.get("gone")).toThrow(/not a valid field name/);
  });

  it("refuses a target field the source lacks that is required without a default", () => {
    const source = SchemaBuilder.struct().build();
    const target = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
    expect(() => project(source, new Struct(source), target)).toThrow(/required field "id" is missing/);
  });

  it("uses the target's default for a null optional struct", () => {
    const source = SchemaBuilder.struct()
      .optional()
      .field("field", Schema.INT32_SCHEMA)
      .field("field2", Schema.INT32_SCHEMA)
      .build();
    const builder = SchemaBuilder.struct()
      .field("field", Schema.INT32_SCHEMA)
      .field("field2", Schema.INT32_SCHEMA);
    const fallback = new Struct(builder.build()).put("field", 12).put("field2", 345);
    const target = builder.defaultValue(fallback).build();
    expect(project(source, null, target)).toBe(fallback);
    const projected = project(
      source,
      new Struct(source).put("field", 45).put("field2", 678),
      target,
    ) as Struct;
    expect([projected.get("field"), projected.get("field2")]).toEqual([45, 678]);
  });

  it("projects nested structs, arrays and maps", () => {
    const flat = SchemaBuilder.struct().field("field", Schema.INT32_SCHEMA).build();
    const wider = SchemaBuilder.struct()
      .field("field", Schema.INT32_SCHEMA)
      .field("field2", SchemaBuilder.int32().defaultValue(123))
      .build();
    const nested = (inner: Schema) =>
      SchemaBuilder.struct()
        .field("array", SchemaBuilder.array(Schema.INT32_SCHEMA))
        .field("map", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA))
        .field("nested", inner)
        .build();
    const value = new Struct(nested(flat))
      .put("array", [1, 2])
      .put("map", new Map([[5, "def"]]))
      .put("nested", new Struct(flat).put("field", 113));
    const projected = project(nested(flat), value, nested(wider)) as Struct;
    expect(projected.get("array")).toEqual([1, 2]);
    expect(projected.get("map")).toEqual(new Map([[5, "def"]]));
    expect((projected.get("nested") as Struct).get("field")).toBe(113);
    expect((projected.get("nested") as Struct).get("field2")).toBe(123);
  });

  it("projects arrays and maps element by element, using a default for null", () => {
    const optionalArray = SchemaBuilder.array(Schema.INT32_SCHEMA).optional().build();
    const longs = SchemaBuilder.array(Schema.INT64_SCHEMA).defaultValue([1n, 2n, 3n]).build();
    expect(project(optionalArray, [4, 5], longs)).toEqual([4n, 5n]);
    expect(project(optionalArray, null, longs)).toEqual([1n, 2n, 3n]);
    expect(() => project(optionalArray, null, SchemaBuilder.array(Schema.INT32_SCHEMA).build())).toThrow(
      SchemaProjectorError,
    );
    expect(() => project(optionalArray, null, SchemaBuilder.array(Schema.BOOLEAN_SCHEMA).build())).toThrow(
      SchemaProjectorError,
    );
    const ints = SchemaBuilder.array(Schema.INT32_SCHEMA).build();
    expect(() => project(ints, [1], SchemaBuilder.array(Schema.BOOLEAN_SCHEMA).build())).toThrow(
      /INT32 cannot become a BOOLEAN/,
    );

    const map = SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.INT32_SCHEMA).optional().build();
    const promoted = SchemaBuilder.map(Schema.INT64_SCHEMA, Schema.FLOAT32_SCHEMA)
      .defaultValue(new Map([[3n, Math.fround(4.5)]]))
      .build();
    expect(project(map, new Map([[3, 4]]), promoted)).toEqual(new Map([[3n, 4]]));
    expect(project(map, null, promoted)).toEqual(new Map([[3n, 4.5]]));
    expect(() =>
      project(map, null, SchemaBuilder.map(Schema.BOOLEAN_SCHEMA, Schema.STRING_SCHEMA).build()),
    ).toThrow(SchemaProjectorError);
  });

  it("names the field where a nested projection fails, keeping the cause", () => {
    const source = SchemaBuilder.struct().field("inner", Schema.OPTIONAL_STRING_SCHEMA).build();
    const target = SchemaBuilder.struct().field("inner", Schema.STRING_SCHEMA).build();
    let caught: unknown;
    try {
      project(source, new Struct(source).put("inner", "x"), target);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SchemaProjectorError);
    expect(hasErrorCode(caught, "SCHEMA_PROJECTOR")).toBe(true);
    expect(hasErrorCode(caught, "DATA")).toBe(true);
    expect((caught as Error).message).toMatch(/^Cannot project field "inner": Cannot project the optional/);
    expect((caught as Error).cause).toBeInstanceOf(SchemaProjectorError);
  });

  it("refuses a value that does not fit the source schema's kind", () => {
    const struct = SchemaBuilder.struct().build();
    expect(() => project(struct, new Map(), struct)).toThrow(/expected a Struct/);
    const array = SchemaBuilder.array(Schema.INT8_SCHEMA).build();
    expect(() => project(array, "[1]", array)).toThrow(/expected an array/);
    const map = SchemaBuilder.map(Schema.INT8_SCHEMA, Schema.INT8_SCHEMA).build();
    expect(() => project(map, { a: 1 }, map)).toThrow(/expected a Map/);
  });
});
