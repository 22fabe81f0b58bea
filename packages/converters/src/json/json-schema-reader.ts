import { type Schema, SchemaBuilder, type SchemaType } from "@tributary/api";
import { compileDecoder, type JsonDecodeOptions } from "./json-decoder.js";
import { readSmallInteger } from "./json-numbers.js";
import { JsonProblem } from "./json-problem.js";
import {
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  JsonReader,
  LOWER_N,
  LOWER_T,
  MINUS,
  NINE,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
  ZERO,
} from "./json-reader.js";
import { JSON_TYPE_NAMES } from "./schema-descriptions.js";

const TYPES_BY_NAME = new Map<string, SchemaType>(
  Object.entries(JSON_TYPE_NAMES).map(([type, name]) => [name, type as SchemaType]),
);

/** Where each member of a JSON object lies in the text, by name; a repeated name keeps its last value. */
type Members = Map<string, number>;

/**
 * Reads the schema JSON of an envelope at the reader's position into a {@link Schema}, as Kafka's JsonConverter
 * reads it: `null` is no schema; otherwise an object with a `type` name, the schemas it holds, `optional` (only
 * `true` counts), and `name`, `version`, `doc`, `parameters` and `default` when present. A default is read as a
 * payload of the schema built so far. Throws {@link JsonProblem} for a schema Kafka would refuse.
 * @internal
 */
export function readJsonSchema(reader: JsonReader, options: JsonDecodeOptions): Schema | null {
  if (reader.peek() === LOWER_N) {
    reader.readLiteral("null");
    return null;
  }
  return readSchemaObject(reader, options).build();
}

function readSchemaObject(reader: JsonReader, options: JsonDecodeOptions): SchemaBuilder {
  const members = readMembers(reader);
  const at = (name: string): JsonReader | undefined => {
    const start = members.get(name);
    return start === undefined ? undefined : new JsonReader(reader.text, start, reader.end);
  };
  const typeName = stringAt(at("type"));
  const type = typeName === undefined ? undefined : TYPES_BY_NAME.get(typeName);
  if (type === undefined) {
    throw new JsonProblem(
      'a schema with a "type" of int8, int16, int32, int64, float, double, boolean, string, bytes, array, map or struct',
      typeName === undefined ? 'no "type" string' : `"type": ${JSON.stringify(typeName)}`,
    );
  }
  const builder = buildType(type, at, options);
  // Only a literal true makes a schema optional; the value's syntax was checked when the members were read.
  if (at("optional")?.peek() === LOWER_T) builder.optional();
  const name = stringAt(at("name"));
  if (name !== undefined) builder.name(name);
  const version = at("version");
  if (version !== undefined && isNumberStart(version.peek())) {
    version.readNumber();
    const value = readSmallInteger(version, -2147483648, 2147483647);
    if (value === undefined) throw version.mismatch("an int32 schema version", version.numberStart);
    builder.version(value);
  }
  const doc = stringAt(at("doc"));
  if (doc !== undefined) builder.doc(doc);
  const parameters = at("parameters");
  if (parameters !== undefined && parameters.peek() === OPEN_BRACE) {
    for (const [key, start] of readMembers(parameters)) {
      const value = new JsonReader(reader.text, start, reader.end);
      if (value.peek() !== QUOTE)
        throw JsonProblem.at(value.mismatch("a string parameter value"), `.parameters.${key}`);
      builder.parameter(key, value.readString());
    }
  }
  const defaultReader = at("default");
  if (defaultReader !== undefined) {
    let value: unknown;
    try {
      value = compileDecoder(builder.build(), options)(defaultReader);
    } catch (error) {
      throw JsonProblem.at(error, ".default");
    }
    builder.defaultValue(value);
  }
  return builder;
}

function buildType(
  type: SchemaType,
  at: (name: string) => JsonReader | undefined,
  options: JsonDecodeOptions,
): SchemaBuilder {
  switch (type) {
    case "ARRAY":
      return SchemaBuilder.array(nested(at("items"), "items", options));
    case "MAP":
      return SchemaBuilder.map(nested(at("keys"), "keys", options), nested(at("values"), "values", options));
    case "STRUCT": {
      const fields = at("fields");
      if (fields === undefined || fields.peek() !== OPEN_BRACKET) {
        throw new JsonProblem(
          'a "fields" array in a struct schema',
          fields === undefined ? "none" : "another value",
        );
      }
      const builder = SchemaBuilder.struct();
      fields.pos++;
      if (fields.peek() === CLOSE_BRACKET) return builder;
      for (let index = 0; ; index++) {
        const start = fields.pos;
        try {
          if (fields.peek() !== OPEN_BRACE) throw fields.mismatch("a field schema object");
          const fieldMembers = readMembers(new JsonReader(fields.text, start, fields.end));
          const nameStart = fieldMembers.get("field");
          const name =
            nameStart === undefined
              ? undefined
              : stringAt(new JsonReader(fields.text, nameStart, fields.end));
          if (name === undefined) throw new JsonProblem('a "field" string naming the field', "none");
          builder.field(name, readSchemaObject(fields, options).build());
        } catch (error) {
          throw JsonProblem.at(error, `.fields[${index}]`);
        }
        const next = fields.peek();
        fields.pos++;
        if (next === CLOSE_BRACKET) return builder;
        if (next !== COMMA) {
          fields.pos--;
          throw fields.problem("',' or ']'");
        }
      }
    }
    default:
      return new SchemaBuilder(type);
  }
}

function nested(reader: JsonReader | undefined, member: string, options: JsonDecodeOptions): Schema {
  if (reader === undefined || reader.peek() === LOWER_N) {
    throw new JsonProblem(`a "${member}" schema`, reader === undefined ? "none" : "null");
  }
  try {
    return readSchemaObject(reader, options).build();
  } catch (error) {
    throw JsonProblem.at(error, `.${member}`);
  }
}

/** Reads an object's members, recording where each value starts; leaves the reader after the object. */
function readMembers(reader: JsonReader): Members {
  if (reader.peek() !== OPEN_BRACE) throw reader.mismatch("a schema object");
  reader.pos++;
  const members: Members = new Map();
  if (reader.peek() === CLOSE_BRACE) {
    reader.pos++;
    return members;
  }
  for (;;) {
    if (reader.peek() !== QUOTE) throw reader.problem("a string naming an object member");
    const name = reader.readString();
    reader.expect(COLON, "':' after an object member's name");
    reader.peek();
    members.set(name, reader.pos);
    reader.skipValue();
    const next = reader.peek();
    reader.pos++;
    if (next === CLOSE_BRACE) return members;
    if (next !== COMMA) {
      reader.pos--;
      throw reader.problem("',' or '}'");
    }
  }
}

function stringAt(reader: JsonReader | undefined): string | undefined {
  return reader !== undefined && reader.peek() === QUOTE ? reader.readString() : undefined;
}

function isNumberStart(code: number): boolean {
  return code === MINUS || (code >= ZERO && code <= NINE);
}
