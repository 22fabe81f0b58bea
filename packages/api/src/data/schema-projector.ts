import { hasErrorCode, SchemaProjectorError } from "../errors/connect-error.js";
import { BigDecimal } from "./big-decimal.js";
import { describeValue } from "./describe-value.js";
import { decimalToFloat32 } from "./java-number-format.js";
import type { Schema } from "./schema.js";
import type { SchemaType } from "./schema-type.js";
import { Struct } from "./struct.js";
import { doubleToLong } from "./values/java-number.js";

/** Numeric types from narrowest to widest; a value may move to its own type or a wider one. */
const NUMERIC_RANK: Partial<Record<SchemaType, number>> = {
  INT8: 0,
  INT16: 1,
  INT32: 2,
  INT64: 3,
  FLOAT32: 4,
  FLOAT64: 5,
};

/**
 * Projects a value from the schema it was written with onto a compatible schema, as Kafka Connect's
 * `SchemaProjector` does (a sink uses it to bring records written under older schema versions to the newest one).
 *
 * Compatible means: the same type, or a numeric type widening along INT8 → INT16 → INT32 → INT64 → FLOAT32 →
 * FLOAT64; the same name (so logical types only project onto themselves); equal parameters. Structs project field by
 * field, by name: source fields the target lacks are dropped, target fields the source lacks take their default or
 * stay null when optional. An optional source projects onto a required target only when the target has a default,
 * which replaces null. Projection is pure and may run concurrently; it returns new arrays, Maps and Structs.
 *
 * @example
 * ```ts
 * const v1 = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
 * const v2 = SchemaBuilder.struct()
 *   .field("id", Schema.INT64_SCHEMA)
 *   .field("note", SchemaBuilder.string().defaultValue("none"))
 *   .build();
 * const projected = SchemaProjector.project(v1, new Struct(v1).put("id", 7), v2) as Struct;
 * projected.get("id"); // 7n
 * projected.get("note"); // "none"
 * ```
 * @namespace
 */
export const SchemaProjector = Object.freeze({
  /**
   * `value`, written with `source`, as a value of `target`. Widened numbers are converted: INT64 values become
   * bigints, FLOAT32 values are rounded to single precision (a bigint exactly once), FLOAT64 values are the nearest
   * double.
   * @throws SchemaProjectorError when the schemas are not compatible, when the source is optional and the target is
   *   required without a default (whatever the value, as in Kafka), or when a required target field without a
   *   default is missing from the source; failures inside a struct name the field.
   */
  project(source: Schema, value: unknown, target: Schema): unknown {
    checkCompatible(source, target);
    if (source.isOptional && !target.isOptional) {
      if (!hasDefault(target)) {
        throw new SchemaProjectorError(
          `Cannot project the optional ${source.toString()} onto the required ${target.toString()}: the target has no default value to use for null. Give the target a default value or make it optional.`,
        );
      }
      if (value === null || value === undefined) return target.defaultValue;
    } else if (value === null || value === undefined) {
      return null;
    }
    switch (target.type) {
      case "STRUCT":
        return projectStruct(source, value, target);
      case "ARRAY":
        return projectArray(source, value, target);
      case "MAP":
        return projectMap(source, value, target);
      default:
        return projectPrimitive(source, value, target);
    }
  },
});

function hasDefault(schema: Schema): boolean {
  return schema.defaultValue !== undefined && schema.defaultValue !== null;
}

function checkCompatible(source: Schema, target: Schema): void {
  if (source.type !== target.type && !isPromotable(source.type, target.type)) {
    throw new SchemaProjectorError(
      `Cannot project ${source.toString()} onto ${target.toString()}: a ${source.type} cannot become a ${target.type}. Project onto the same type, or a wider numeric type (INT8 → INT16 → INT32 → INT64 → FLOAT32 → FLOAT64).`,
    );
  }
  if (source.name !== target.name) {
    throw new SchemaProjectorError(
      `Cannot project ${source.toString()} onto ${target.toString()}: the schema names differ (${String(source.name)} and ${String(target.name)}). Project between schemas of the same name.`,
    );
  }
  if (!parametersEqual(source.parameters, target.parameters)) {
    throw new SchemaProjectorError(
      `Cannot project ${source.toString()} onto ${target.toString()}: the parameters differ (${JSON.stringify(source.parameters ?? null)} and ${JSON.stringify(target.parameters ?? null)}). Project between schemas with equal parameters.`,
    );
  }
}

function isPromotable(from: SchemaType, to: SchemaType): boolean {
  const fromRank = NUMERIC_RANK[from];
  const toRank = NUMERIC_RANK[to];
  return fromRank !== undefined && toRank !== undefined && fromRank <= toRank;
}

/** Parameters are equal when both are absent or both hold the same entries; absent and empty differ, as in Kafka. */
function parametersEqual(
  a: Readonly<Record<string, string>> | undefined,
  b: Readonly<Record<string, string>> | undefined,
): boolean {
  if (a === undefined || b === undefined) return a === b;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key])
  );
}

function projectStruct(source: Schema, value: unknown, target: Schema): Struct {
  if (!Struct.isStruct(value)) throw mismatch(value, target, "a Struct");
  const projected = new Struct(target);
  for (const field of target.fields()) {
    const sourceField = source.field(field.name);
    if (sourceField !== undefined) {
      let fieldValue: unknown;
      try {
        fieldValue = SchemaProjector.project(sourceField.schema, value.get(field.name), field.schema);
      } catch (error) {
        if (!hasErrorCode(error, "SCHEMA_PROJECTOR")) throw error;
        const reason = error instanceof Error ? error.message : String(error);
        throw new SchemaProjectorError(`Cannot project field "${field.name}": ${reason}`, { cause: error });
      }
      projected.put(field, fieldValue);
    } else if (!field.schema.isOptional) {
      if (!hasDefault(field.schema)) {
        throw new SchemaProjectorError(
          `Cannot project ${source.toString()} onto ${target.toString()}: the required field "${field.name}" is missing from the source and has no default value. Give it a default value or make it optional.`,
        );
      }
      projected.put(field, field.schema.defaultValue);
    }
  }
  return projected;
}

function projectArray(source: Schema, value: unknown, target: Schema): unknown[] {
  if (!Array.isArray(value)) throw mismatch(value, target, "an array");
  return value.map((item) => SchemaProjector.project(source.valueSchema(), item, target.valueSchema()));
}

function projectMap(source: Schema, value: unknown, target: Schema): Map<unknown, unknown> {
  if (!(value instanceof Map)) throw mismatch(value, target, "a Map");
  const projected = new Map<unknown, unknown>();
  for (const [key, item] of value) {
    projected.set(
      SchemaProjector.project(source.keySchema(), key, target.keySchema()),
      SchemaProjector.project(source.valueSchema(), item, target.valueSchema()),
    );
  }
  return projected;
}

/** Numbers moving to a wider type take that type's representation; everything else passes through unchanged. */
function projectPrimitive(source: Schema, value: unknown, target: Schema): unknown {
  if (source.type === target.type || (typeof value !== "number" && typeof value !== "bigint")) return value;
  switch (target.type) {
    case "INT16":
    case "INT32":
      return typeof value === "bigint" ? Number(value) : value;
    case "INT64":
      return typeof value === "bigint" ? value : doubleToLong(value);
    case "FLOAT32":
      return typeof value === "bigint" ? decimalToFloat32(BigDecimal.of(value)) : Math.fround(value);
    case "FLOAT64":
      return Number(value);
    default:
      return value;
  }
}

function mismatch(value: unknown, target: Schema, expected: string): SchemaProjectorError {
  return new SchemaProjectorError(
    `Cannot project ${describeValue(value)} onto ${target.toString()}: expected ${expected}, as the source schema says. Pass a value that fits the source schema.`,
  );
}
