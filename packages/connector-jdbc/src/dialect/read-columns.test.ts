import { BigDecimal } from "@tributary/api";
import { describe, expect, it } from "vitest";
import type { ColumnDefinition, NumericMapping } from "./dialect-reader.js";
import { ReadColumns } from "./read-columns.js";
import { parseDeclaredType } from "./read-support.js";

function numeric(precision: number | undefined, scale: number | undefined): ColumnDefinition {
  return {
    name: "n",
    typeName: "numeric",
    declaredType: "numeric",
    nullable: true,
    precision,
    scale,
    autoIncrement: false,
    instant: false,
    unsigned: false,
  };
}

function typeOf(precision: number | undefined, scale: number | undefined, mapping: NumericMapping): string {
  const schema = ReadColumns.numeric(numeric(precision, scale), mapping).schema;
  return schema.name === "org.apache.kafka.connect.data.Decimal"
    ? `Decimal(${schema.parameters?.scale})`
    : schema.type;
}

describe("numeric.mapping", () => {
  it("maps as Confluent's connector does", () => {
    const cases: [number | undefined, number | undefined, NumericMapping, string][] = [
      [10, 2, "none", "Decimal(2)"],
      [5, 0, "none", "Decimal(0)"],
      [2, 0, "precision_only", "INT8"],
      [4, 0, "precision_only", "INT16"],
      [9, 0, "precision_only", "INT32"],
      [18, 0, "precision_only", "INT64"],
      [19, 0, "precision_only", "Decimal(0)"],
      [10, 2, "precision_only", "Decimal(2)"],
      [10, 2, "best_fit", "FLOAT64"],
      [5, -2, "best_fit", "INT32"],
      [30, 2, "best_fit", "Decimal(2)"],
      [30, 2, "best_fit_eager_double", "FLOAT64"],
      [undefined, undefined, "none", "STRING"],
      [undefined, undefined, "best_fit", "FLOAT64"],
    ];
    for (const [precision, scale, mapping, expected] of cases) {
      expect([precision, scale, mapping, typeOf(precision, scale, mapping)]).toEqual([
        precision,
        scale,
        mapping,
        expected,
      ]);
    }
  });

  it("reads decimals exactly, in the column's scale, and large integers as bigints", () => {
    const decimal = ReadColumns.numeric(numeric(38, 4), "none");
    expect(decimal.schema.isOptional).toBe(true);
    expect(decimal.read("12345678901234567890123456789.5")).toEqual(
      BigDecimal.parse("12345678901234567890123456789.5000"),
    );
    expect(ReadColumns.numeric(numeric(18, 0), "best_fit").read("900719925474099312")).toBe(
      900719925474099312n,
    );
    expect(ReadColumns.int64(numeric(1, 0)).read(7)).toBe(7n);
  });
});

describe("parseDeclaredType", () => {
  it("reads base name, precision, scale and sign", () => {
    expect(parseDeclaredType("DECIMAL(10, 2)")).toEqual({
      base: "decimal",
      precision: 10,
      scale: 2,
      unsigned: false,
    });
    expect(parseDeclaredType("int(10) unsigned")).toEqual({
      base: "int",
      precision: 10,
      scale: 0,
      unsigned: true,
    });
    expect(parseDeclaredType("bigint unsigned")).toEqual({
      base: "bigint",
      precision: undefined,
      scale: undefined,
      unsigned: true,
    });
    expect(parseDeclaredType("character varying(20)").base).toBe("character varying");
    expect(parseDeclaredType("").base).toBe("");
  });
});
