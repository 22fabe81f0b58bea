import {
  BigDecimal,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  Decimal,
  Schema,
  SchemaBuilder,
} from "@tributary/api";
import { describe, expect, it } from "vitest";
import { mappingFor } from "./schema-mapping.js";

const options = { decimalMapping: "keyword", compactMapEntries: true } as const;

describe("mappingFor", () => {
  it("maps every Connect type as the reference's table says", () => {
    const inner = SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).build();
    const schema = SchemaBuilder.struct()
      .field("i8", Schema.INT8_SCHEMA)
      .field("i16", Schema.INT16_SCHEMA)
      .field("i32", Schema.INT32_SCHEMA)
      .field("i64", Schema.INT64_SCHEMA)
      .field("f32", Schema.FLOAT32_SCHEMA)
      .field("f64", Schema.FLOAT64_SCHEMA)
      .field("bool", Schema.BOOLEAN_SCHEMA)
      .field("text", Schema.STRING_SCHEMA)
      .field("bytes", Schema.BYTES_SCHEMA)
      .field("day", ConnectDate.builder().build())
      .field("time", ConnectTime.builder().build())
      .field("at", ConnectTimestamp.builder().build())
      .field("price", Decimal.schema(2))
      .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
      .field("attrs", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build())
      .field("counts", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.INT64_SCHEMA).build())
      .field("inner", inner)
      .build();
    const text = { type: "text", fields: { keyword: { type: "keyword", ignore_above: 256 } } };
    expect(mappingFor(schema, options)).toEqual({
      properties: {
        i8: { type: "byte" },
        i16: { type: "short" },
        i32: { type: "integer" },
        i64: { type: "long" },
        f32: { type: "float" },
        f64: { type: "double" },
        bool: { type: "boolean" },
        text,
        bytes: { type: "binary" },
        day: { type: "date" },
        time: { type: "date" },
        at: { type: "date" },
        price: { type: "keyword" },
        tags: text,
        attrs: { type: "object" },
        counts: { properties: { key: { type: "integer" }, value: { type: "long" } } },
        inner: { properties: { x: { type: "integer" } } },
      },
    });
  });

  it("maps Decimals as scaled_float of their scale or as double by choice", () => {
    const schema = SchemaBuilder.struct().field("price", Decimal.schema(3)).build();
    expect(mappingFor(schema, { ...options, decimalMapping: "scaled_float" })).toEqual({
      properties: { price: { type: "scaled_float", scaling_factor: 1000 } },
    });
    expect(mappingFor(schema, { ...options, decimalMapping: "double" })).toEqual({
      properties: { price: { type: "double" } },
    });
  });

  it("maps string-keyed maps as key/value entries when maps are not compact", () => {
    const schema = SchemaBuilder.struct()
      .field("attrs", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.BOOLEAN_SCHEMA).build())
      .build();
    expect(mappingFor(schema, { ...options, compactMapEntries: false })).toEqual({
      properties: {
        attrs: {
          properties: {
            key: { type: "text", fields: { keyword: { type: "keyword", ignore_above: 256 } } },
            value: { type: "boolean" },
          },
        },
      },
    });
  });

  it("turns defaults into null_value where the field type has one", () => {
    const schema = SchemaBuilder.struct()
      .field("n", SchemaBuilder.int32().optional().defaultValue(5).build())
      .field(
        "big",
        SchemaBuilder.int64()
          .optional()
          .defaultValue(2n ** 62n)
          .build(),
      )
      .field("flag", SchemaBuilder.bool().optional().defaultValue(false).build())
      .field("at", ConnectTimestamp.builder().optional().defaultValue(new Date(10)).build())
      .field("price", Decimal.builder(1).optional().defaultValue(BigDecimal.of(15n, 1)).build())
      .field("text", SchemaBuilder.string().optional().defaultValue("x").build())
      .build();
    expect(mappingFor(schema, options)).toMatchObject({
      properties: {
        n: { type: "integer", null_value: 5 },
        big: { type: "long", null_value: String(2n ** 62n) },
        flag: { type: "boolean", null_value: false },
        at: { type: "date", null_value: 10 },
        price: { type: "keyword", null_value: "1.5" },
      },
    });
    expect(mappingFor(schema, options)?.properties).not.toHaveProperty("text.null_value");
  });

  it("leaves values that are not Structs to dynamic mapping", () => {
    expect(mappingFor(Schema.STRING_SCHEMA, options)).toBeUndefined();
  });
});
