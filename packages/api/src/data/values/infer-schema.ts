import { Schema } from "../schema.js";
import { SchemaBuilder } from "../schema-builder.js";
import type { SchemaType } from "../schema-type.js";
import { Struct } from "../struct.js";

/**
 * Kafka's `Values.inferSchema`; see `Values.inferSchema` for the rules.
 * @internal
 */
export function inferSchema(value: unknown): Schema | null {
  switch (typeof value) {
    case "string":
      return Schema.STRING_SCHEMA;
    case "boolean":
      return Schema.BOOLEAN_SCHEMA;
    case "bigint":
      return Schema.INT64_SCHEMA;
    case "number": {
      // A JavaScript number has no Java type: a 32-bit integer reads as an Integer, anything else as a Double.
      const isInt32 = Number.isInteger(value) && value >= -2147483648 && value <= 2147483647;
      return isInt32 && !Object.is(value, -0) ? Schema.INT32_SCHEMA : Schema.FLOAT64_SCHEMA;
    }
  }
  if (value instanceof Uint8Array) return Schema.BYTES_SCHEMA;
  if (Struct.isStruct(value)) return value.schema;
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    const elements = new TypeDetector();
    if (!value.every((item) => elements.accepts(item))) return null;
    const elementSchema = elements.schema();
    return elementSchema && SchemaBuilder.array(elementSchema).build();
  }
  if (value instanceof Map) {
    if (value.size === 0) return null;
    const keys = new TypeDetector();
    const values = new TypeDetector();
    for (const [key, item] of value) if (!keys.accepts(key) || !values.accepts(item)) return null;
    const keySchema = keys.schema();
    const valueSchema = values.schema();
    return keySchema && valueSchema ? SchemaBuilder.map(keySchema, valueSchema).build() : null;
  }
  return null;
}

/**
 * Finds the one type shared by a collection's elements, as Kafka's `SchemaDetector`: only the type counts (not the
 * name or fields), and a null element makes the schema optional.
 */
class TypeDetector {
  #type: SchemaType | undefined;
  #optional = false;

  accepts(value: unknown): boolean {
    if (value === null || value === undefined) {
      this.#optional = true;
      return true;
    }
    const type = inferSchema(value)?.type;
    if (type === undefined || (this.#type !== undefined && this.#type !== type)) return false;
    this.#type = type;
    return true;
  }

  /**
   * A plain schema of the type found; none when every element was null, or when the type is ARRAY, MAP or STRUCT,
   * for which Kafka builds a schema without its elements or fields (a Tributary schema cannot lack them).
   */
  schema(): Schema | null {
    if (
      this.#type === undefined ||
      this.#type === "ARRAY" ||
      this.#type === "MAP" ||
      this.#type === "STRUCT"
    ) {
      return null;
    }
    const builder = SchemaBuilder.type(this.#type);
    return (this.#optional ? builder.optional() : builder).build();
  }
}
