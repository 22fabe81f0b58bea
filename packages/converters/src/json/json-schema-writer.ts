import type { Schema } from "@tributary/api";
import { quoteJson } from "./jackson-text.js";
import { JSON_TYPE_NAMES } from "./schema-descriptions.js";

/**
 * The JSON form of `schema` that Kafka's JsonConverter puts in an envelope, with keys in Kafka's order: `type`;
 * `items`, or `keys` and `values`, or `fields` (each a schema with `"field": <name>` last); `optional` (always);
 * then `name`, `version`, `doc`, `parameters` and `default` when set.
 *
 * @param writeDefault - writes a schema's default value as its payload JSON (the converter's Decimal format applies)
 * @internal
 */
export function writeJsonSchema(
  schema: Schema,
  writeDefault: (schema: Schema, value: unknown) => string,
): string {
  let out = `{"type":"${JSON_TYPE_NAMES[schema.type]}"`;
  switch (schema.type) {
    case "ARRAY":
      out += `,"items":${writeJsonSchema(schema.valueSchema(), writeDefault)}`;
      break;
    case "MAP":
      out += `,"keys":${writeJsonSchema(schema.keySchema(), writeDefault)}`;
      out += `,"values":${writeJsonSchema(schema.valueSchema(), writeDefault)}`;
      break;
    case "STRUCT": {
      const fields = schema.fields().map((field) => {
        const fieldSchema = writeJsonSchema(field.schema, writeDefault);
        return `${fieldSchema.slice(0, -1)},"field":${quoteJson(field.name)}}`;
      });
      out += `,"fields":[${fields.join(",")}]`;
      break;
    }
  }
  out += `,"optional":${schema.isOptional ? "true" : "false"}`;
  if (schema.name !== undefined) out += `,"name":${quoteJson(schema.name)}`;
  if (schema.version !== undefined) out += `,"version":${schema.version}`;
  if (schema.doc !== undefined) out += `,"doc":${quoteJson(schema.doc)}`;
  if (schema.parameters !== undefined) {
    const parameters = Object.entries(schema.parameters).map(
      ([key, value]) => `${quoteJson(key)}:${quoteJson(value)}`,
    );
    out += `,"parameters":{${parameters.join(",")}}`;
  }
  const defaultValue = schema.defaultValue;
  if (defaultValue !== undefined && defaultValue !== null) {
    out += `,"default":${writeDefault(schema, defaultValue)}`;
  }
  return `${out}}`;
}
