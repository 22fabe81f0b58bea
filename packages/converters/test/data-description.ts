/**
 * Tributary's side of the conformance harness's data descriptions (scripts/conformance/README.md): describe() turns
 * a schema and value of Tributary's data model into the canonical description Kafka's side also produces, and
 * construct() builds Tributary data from a description, so tests can send the same data to both and compare what
 * each one read, down to the Java class of every value.
 */
import {
  BigDecimal,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  Decimal,
  type Schema,
  SchemaBuilder,
  Struct,
} from "@tributary/api";
import type {
  DataDescription,
  SchemaDescription,
  ValueDescription,
} from "../../../scripts/conformance/harness.js";

const DATE_NAMES = new Set<string>([
  ConnectDate.LOGICAL_NAME,
  ConnectTime.LOGICAL_NAME,
  ConnectTimestamp.LOGICAL_NAME,
]);
const view = new DataView(new ArrayBuffer(8));

/** The description of `value` with `schema` (null for schemaless data). */
export function describe(schema: Schema | null, value: unknown): DataDescription {
  return { schema: schema === null ? null : describeSchema(schema), value: describeValue(schema, value) };
}

/** The description of a schema, with every property it sets. */
export function describeSchema(schema: Schema): SchemaDescription {
  const out: SchemaDescription = { type: schema.type, optional: schema.isOptional };
  if (schema.name !== undefined) out.name = schema.name;
  if (schema.version !== undefined) out.version = schema.version;
  if (schema.doc !== undefined) out.doc = schema.doc;
  if (schema.parameters !== undefined) out.parameters = { ...schema.parameters };
  if (schema.defaultValue !== undefined && schema.defaultValue !== null) {
    out.default = describeValue(schema, schema.defaultValue);
  }
  if (schema.type === "STRUCT") {
    out.fields = schema.fields().map((field) => ({ name: field.name, schema: describeSchema(field.schema) }));
  }
  if (schema.type === "MAP") out.keySchema = describeSchema(schema.keySchema());
  if (schema.type === "MAP" || schema.type === "ARRAY")
    out.valueSchema = describeSchema(schema.valueSchema());
  return out;
}

/**
 * The description of one value: by its schema's type when there is a schema (an INT16 `number` is a Java Short),
 * by its JavaScript kind when there is none (a `bigint` is a Long, a `number` a Double).
 */
export function describeValue(schema: Schema | null, value: unknown): ValueDescription {
  if (value === null || value === undefined) return null;
  if (schema === null) return describeSchemaless(value);
  if (schema.name === Decimal.LOGICAL_NAME) return describeDecimal(value as BigDecimal);
  if (schema.name !== undefined && DATE_NAMES.has(schema.name))
    return ["date", String((value as Date).getTime())];
  switch (schema.type) {
    case "INT8":
      return ["int8", String(value)];
    case "INT16":
      return ["int16", String(value)];
    case "INT32":
      return ["int32", String(value)];
    case "INT64":
      return ["int64", String(value)];
    case "FLOAT32":
      return ["float32", float32Bits(value as number)];
    case "FLOAT64":
      return ["float64", float64Bits(value as number)];
    case "BOOLEAN":
      return ["boolean", value as boolean];
    case "STRING":
      return ["string", value as string];
    case "BYTES":
      return ["bytes", Buffer.from(value as Uint8Array).toString("base64")];
    case "ARRAY":
      return ["array", (value as unknown[]).map((item) => describeValue(schema.valueSchema(), item))];
    case "MAP":
      return [
        "map",
        [...(value as Map<unknown, unknown>)].map(([key, item]) => [
          describeValue(schema.keySchema(), key),
          describeValue(schema.valueSchema(), item),
        ]),
      ];
    case "STRUCT":
      return describeStruct(value as Struct);
  }
}

function describeSchemaless(value: unknown): ValueDescription {
  switch (typeof value) {
    case "bigint":
      return ["int64", String(value)];
    case "number":
      return ["float64", float64Bits(value)];
    case "boolean":
      return ["boolean", value];
    case "string":
      return ["string", value];
  }
  if (value instanceof Uint8Array) return ["bytes", Buffer.from(value).toString("base64")];
  if (value instanceof Date) return ["date", String(value.getTime())];
  if (BigDecimal.isBigDecimal(value)) return describeDecimal(value);
  if (Struct.isStruct(value)) return describeStruct(value);
  if (Array.isArray(value)) return ["array", value.map((item) => describeValue(null, item))];
  if (value instanceof Map) {
    return ["map", [...value].map(([key, item]) => [describeValue(null, key), describeValue(null, item)])];
  }
  throw new Error(`No Java class describes ${String(value)}`);
}

function describeDecimal(value: BigDecimal): ValueDescription {
  return ["decimal", value.unscaled.toString(), value.scale];
}

function describeStruct(struct: Struct): ValueDescription {
  return [
    "struct",
    describeSchema(struct.schema),
    struct.schema
      .fields()
      .map((field) => [field.name, describeValue(field.schema, struct.getWithoutDefault(field))]),
  ];
}

function float32Bits(value: number): string {
  view.setFloat32(0, value);
  return view.getUint32(0).toString(16).padStart(8, "0");
}

function float64Bits(value: number): string {
  view.setFloat64(0, value);
  return view.getBigUint64(0).toString(16).padStart(16, "0");
}

/** Tributary data built from a description. */
export function construct(description: DataDescription): { schema: Schema | null; value: unknown } {
  return {
    schema: description.schema === null ? null : constructSchema(description.schema),
    value: constructValue(description.value),
  };
}

/** The schema a description describes, built with {@link SchemaBuilder} (so it is validated). */
export function constructSchema(description: SchemaDescription): Schema {
  let builder: SchemaBuilder;
  switch (description.type) {
    case "ARRAY":
      builder = SchemaBuilder.array(constructSchema(required(description.valueSchema, "valueSchema")));
      break;
    case "MAP":
      builder = SchemaBuilder.map(
        constructSchema(required(description.keySchema, "keySchema")),
        constructSchema(required(description.valueSchema, "valueSchema")),
      );
      break;
    case "STRUCT":
      builder = SchemaBuilder.struct();
      for (const field of description.fields ?? []) builder.field(field.name, constructSchema(field.schema));
      break;
    default:
      builder = new SchemaBuilder(description.type);
  }
  if (description.name !== undefined) builder.name(description.name);
  if (description.version !== undefined) builder.version(description.version);
  if (description.doc !== undefined) builder.doc(description.doc);
  if (description.parameters !== undefined) builder.parameters(description.parameters);
  if (description.optional) builder.optional();
  if (description.default !== undefined) builder.defaultValue(constructValue(description.default));
  return builder.build();
}

/** The value a description describes; a struct's null fields are left unset. */
export function constructValue(description: ValueDescription): unknown {
  if (description === null) return null;
  switch (description[0]) {
    case "int8":
    case "int16":
    case "int32":
      return Number(description[1]);
    case "int64":
      return BigInt(description[1]);
    case "float32":
      view.setUint32(0, Number.parseInt(description[1], 16));
      return view.getFloat32(0);
    case "float64":
      view.setBigUint64(0, BigInt(`0x${description[1]}`));
      return view.getFloat64(0);
    case "boolean":
    case "string":
      return description[1];
    case "bytes":
      return new Uint8Array(Buffer.from(description[1], "base64"));
    case "decimal":
      return BigDecimal.of(BigInt(description[1]), description[2]);
    case "date":
      return new Date(Number(description[1]));
    case "array":
      return description[1].map(constructValue);
    case "map":
      return new Map(description[1].map(([key, item]) => [constructValue(key), constructValue(item)]));
    case "struct": {
      const struct = new Struct(constructSchema(description[1]));
      for (const [name, item] of description[2]) if (item !== null) struct.put(name, constructValue(item));
      return struct;
    }
  }
}

/**
 * The description with every map's entries in a canonical order, so two descriptions of equal maps compare equal
 * whatever order their implementations iterate in (Kafka reads JSON objects into HashMaps).
 */
export function normalized<T extends DataDescription | ValueDescription>(description: T): T {
  if (description === null || typeof description !== "object") return description;
  if (!Array.isArray(description)) {
    const data = description as DataDescription;
    return { schema: data.schema, value: normalized(data.value) } as T;
  }
  const value = description as Exclude<ValueDescription, null>;
  switch (value[0]) {
    case "array":
      return ["array", value[1].map((item) => normalized(item))] as T;
    case "map": {
      const entries = value[1].map(
        ([key, item]) => [normalized(key), normalized(item)] as [ValueDescription, ValueDescription],
      );
      entries.sort((a, b) => (JSON.stringify(a[0]) < JSON.stringify(b[0]) ? -1 : 1));
      return ["map", entries] as T;
    }
    case "struct":
      return ["struct", value[1], value[2].map(([name, item]) => [name, normalized(item)])] as T;
    default:
      return value as T;
  }
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`The schema description lacks ${what}`);
  return value;
}
