import { DataError, SchemaBuilderError } from "../errors/connect-error.js";
import { ConnectSchema } from "./connect-schema.js";
import { Field } from "./field.js";
import type { Schema } from "./schema.js";
import type { SchemaType } from "./schema-type.js";

type Settable = "optional" | "defaultValue" | "name" | "version" | "doc";

/** A finished schema, or a builder that will be built when it is used. */
export type SchemaLike = Schema | SchemaBuilder;

/**
 * Builds a {@link Schema} step by step, as Kafka Connect's `SchemaBuilder` does.
 *
 * Each property can be set once (a second call throws {@link SchemaBuilderError}); `defaultValue` is validated
 * against what has been set so far, so set a logical type's name and parameters first. `build()` returns an
 * immutable schema; the builder may be built again.
 *
 * @example
 * ```ts
 * const order = SchemaBuilder.struct()
 *   .name("com.example.Order")
 *   .field("id", Schema.INT64_SCHEMA)
 *   .field("note", SchemaBuilder.string().optional())
 *   .build();
 * ```
 */
export class SchemaBuilder {
  readonly #type: SchemaType;
  readonly #set = new Set<Settable>();
  #optional = false;
  #defaultValue: unknown;
  #name: string | undefined;
  #version: number | undefined;
  #doc: string | undefined;
  #parameters: Record<string, string> | undefined;
  readonly #fields: Field[] = [];
  #keySchema: Schema | undefined;
  #valueSchema: Schema | undefined;

  /** Starts a schema of `type`; ARRAY and MAP are started with {@link SchemaBuilder.array} and {@link SchemaBuilder.map}. */
  constructor(type: SchemaType) {
    this.#type = type;
  }

  /** A builder for the primitive or STRUCT `type`. */
  static type(type: SchemaType): SchemaBuilder {
    if (type === "ARRAY" || type === "MAP") {
      throw new SchemaBuilderError(`Use SchemaBuilder.${type.toLowerCase()}(...) to build a ${type} schema.`);
    }
    return new SchemaBuilder(type);
  }
  /** An INT8 schema (`number`, -128..127). */
  static int8(): SchemaBuilder {
    return new SchemaBuilder("INT8");
  }
  /** An INT16 schema (`number`, -32768..32767). */
  static int16(): SchemaBuilder {
    return new SchemaBuilder("INT16");
  }
  /** An INT32 schema (`number`, 32-bit signed). */
  static int32(): SchemaBuilder {
    return new SchemaBuilder("INT32");
  }
  /** An INT64 schema (`bigint`, 64-bit signed). */
  static int64(): SchemaBuilder {
    return new SchemaBuilder("INT64");
  }
  /** A FLOAT32 schema (`number`). */
  static float32(): SchemaBuilder {
    return new SchemaBuilder("FLOAT32");
  }
  /** A FLOAT64 schema (`number`). */
  static float64(): SchemaBuilder {
    return new SchemaBuilder("FLOAT64");
  }
  /** A BOOLEAN schema. */
  static bool(): SchemaBuilder {
    return new SchemaBuilder("BOOLEAN");
  }
  /** A STRING schema. */
  static string(): SchemaBuilder {
    return new SchemaBuilder("STRING");
  }
  /** A BYTES schema (`Uint8Array`). */
  static bytes(): SchemaBuilder {
    return new SchemaBuilder("BYTES");
  }
  /** A STRUCT schema; add fields with {@link SchemaBuilder.field}. */
  static struct(): SchemaBuilder {
    return new SchemaBuilder("STRUCT");
  }
  /** An ARRAY schema whose elements have `valueSchema`. */
  static array(valueSchema: SchemaLike): SchemaBuilder {
    const builder = new SchemaBuilder("ARRAY");
    builder.#valueSchema = SchemaBuilder.resolve(valueSchema, "the array's value schema");
    return builder;
  }
  /** A MAP schema from `keySchema` keys to `valueSchema` values. */
  static map(keySchema: SchemaLike, valueSchema: SchemaLike): SchemaBuilder {
    const builder = new SchemaBuilder("MAP");
    builder.#keySchema = SchemaBuilder.resolve(keySchema, "the map's key schema");
    builder.#valueSchema = SchemaBuilder.resolve(valueSchema, "the map's value schema");
    return builder;
  }

  /**
   * A builder that starts as a copy of `schema`, with every property of it already set, as Kafka's
   * `SchemaUtil.copySchemaBasics` plus fields; add fields or parameters to derive a new schema.
   */
  static from(schema: Schema): SchemaBuilder {
    const builder =
      schema.type === "ARRAY"
        ? SchemaBuilder.array(schema.valueSchema())
        : schema.type === "MAP"
          ? SchemaBuilder.map(schema.keySchema(), schema.valueSchema())
          : new SchemaBuilder(schema.type);
    if (schema.name !== undefined) builder.name(schema.name);
    if (schema.version !== undefined) builder.version(schema.version);
    if (schema.doc !== undefined) builder.doc(schema.doc);
    if (schema.parameters !== undefined) builder.parameters(schema.parameters);
    if (schema.type === "STRUCT")
      for (const field of schema.fields()) builder.field(field.name, field.schema);
    if (schema.isOptional) builder.optional();
    if (schema.defaultValue !== undefined) builder.defaultValue(schema.defaultValue);
    return builder;
  }

  /** The type being built. */
  get type(): SchemaType {
    return this.#type;
  }

  /** Allows `null` values. */
  optional(): this {
    this.#claim("optional");
    this.#optional = true;
    return this;
  }

  /** Forbids `null` values (the default, stated explicitly). */
  required(): this {
    this.#claim("optional");
    this.#optional = false;
    return this;
  }

  /**
   * Sets the value used in place of `null`.
   * @throws SchemaBuilderError when the value does not fit the schema built so far.
   */
  defaultValue(value: unknown): this {
    this.#claim("defaultValue");
    try {
      ConnectSchema.validateValue(this.#current(), value);
    } catch (error) {
      throw new SchemaBuilderError(
        `Invalid default value: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    this.#defaultValue = value;
    return this;
  }

  /** Sets the schema's fully qualified name. */
  name(name: string): this {
    this.#claim("name");
    this.#name = name;
    return this;
  }

  /** Sets the version of a named schema. */
  version(version: number): this {
    if (!Number.isInteger(version))
      throw new SchemaBuilderError(`Invalid schema version ${version}: expected an integer.`);
    this.#claim("version");
    this.#version = version;
    return this;
  }

  /** Sets the schema's documentation. */
  doc(doc: string): this {
    this.#claim("doc");
    this.#doc = doc;
    return this;
  }

  /** Sets one string parameter; parameters may be added one by one. */
  parameter(name: string, value: string): this {
    this.#parameters ??= {};
    this.#parameters[name] = value;
    return this;
  }

  /** Sets several string parameters. */
  parameters(parameters: Readonly<Record<string, string>>): this {
    for (const [name, value] of Object.entries(parameters)) this.parameter(name, value);
    return this;
  }

  /**
   * Appends a field to a STRUCT schema.
   * @throws SchemaBuilderError when the schema is not a STRUCT, the name is empty, or a field of that name exists.
   */
  field(name: string, schema: SchemaLike): this {
    if (this.#type !== "STRUCT") {
      throw new SchemaBuilderError(
        `Cannot add field "${name}" to a ${this.#type} schema: only STRUCT schemas have fields.`,
      );
    }
    if (name.length === 0) throw new SchemaBuilderError("Cannot add a field with an empty name.");
    if (this.#fields.some((field) => field.name === name)) {
      throw new SchemaBuilderError(
        `Cannot add field "${name}": the struct already has a field of that name.`,
      );
    }
    this.#fields.push(new Field(name, this.#fields.length, SchemaBuilder.resolve(schema, `field "${name}"`)));
    return this;
  }

  /** Returns the immutable schema built so far. */
  build(): Schema {
    return this.#current();
  }

  #claim(property: Settable): void {
    if (this.#set.has(property)) {
      throw new SchemaBuilderError(`Invalid SchemaBuilder call: ${property} has already been set.`);
    }
    this.#set.add(property);
  }

  #current(): ConnectSchema {
    return new ConnectSchema({
      type: this.#type,
      isOptional: this.#optional,
      defaultValue: this.#defaultValue,
      name: this.#name,
      version: this.#version,
      doc: this.#doc,
      parameters: this.#parameters,
      fields: this.#fields,
      keySchema: this.#keySchema,
      valueSchema: this.#valueSchema,
    });
  }

  private static resolve(schema: SchemaLike | undefined | null, what: string): Schema {
    if (schema === undefined || schema === null) throw new DataError(`Missing schema for ${what}.`);
    return schema instanceof SchemaBuilder ? schema.build() : schema;
  }
}
