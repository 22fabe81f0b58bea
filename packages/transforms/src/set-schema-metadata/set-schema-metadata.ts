import {
  Config,
  type ConfigType,
  ConnectError,
  type ConnectRecord,
  ConnectSchema,
  defineConfig,
  type Schema,
  Struct,
  type Transformation,
} from "@tributary/api";
import { withCrossChecks } from "../util/cross-checked-config.js";
import { KEY, type KeyOrValue, VALUE } from "../util/key-or-value.js";
import {
  REPLACE_NULL_WITH_DEFAULT_CONFIG,
  readField,
  replaceNullWithDefaultKey,
} from "../util/replace-null-with-default.js";
import { requireSchema } from "../util/requirements.js";
import { SchemaCache } from "../util/schema-cache.js";

/**
 * The configuration of {@link SetSchemaMetadataKey} and {@link SetSchemaMetadataValue}: `schema.name`,
 * `schema.version` (at least one of them) and `replace.null.with.default`.
 */
export const SetSchemaMetadataConfig = withCrossChecks(
  defineConfig({
    "schema.name": Config.string({
      optional: true,
      importance: "HIGH",
      documentation: "The schema name to set.",
    }),
    "schema.version": Config.int({
      optional: true,
      importance: "HIGH",
      documentation: "The schema version to set.",
    }),
    [REPLACE_NULL_WITH_DEFAULT_CONFIG]: replaceNullWithDefaultKey(),
  }),
  (config) =>
    config["schema.name"] === undefined && config["schema.version"] === undefined
      ? [
          {
            key: "schema.name",
            value: undefined,
            reason: "neither schema.name nor schema.version is set; set at least one of them.",
          },
        ]
      : [],
);

/** The parsed configuration of {@link SetSchemaMetadataKey} and {@link SetSchemaMetadataValue}. */
export type SetSchemaMetadataConfigType = ConfigType<typeof SetSchemaMetadataConfig>;

interface MetadataSettings {
  readonly name: string | undefined;
  readonly version: number | undefined;
  readonly replaceNullWithDefault: boolean;
}

/**
 * Sets the name, the version or both of the key's or value's schema, as Kafka's
 * `org.apache.kafka.connect.transforms.SetSchemaMetadata` does; use {@link SetSchemaMetadataKey} or
 * {@link SetSchemaMetadataValue}.
 *
 * Everything else about the schema is kept. A Struct refers to its schema, so a Struct key or value is copied onto
 * the renamed schema (nested Structs keep theirs, as in Kafka); other values are kept as they are. The new schema is
 * built once per source schema. A record without a schema is an error, unless its key or value is null.
 *
 * Configure once before `apply`; `apply` must not be called concurrently (it is not, by the worker).
 */
export abstract class SetSchemaMetadata<R extends ConnectRecord = ConnectRecord>
  implements Transformation<R>
{
  readonly #side: KeyOrValue;
  readonly #name: string;
  #settings: MetadataSettings | undefined;
  readonly #schemas = new SchemaCache<Schema>((schema) => this.#rename(schema));

  protected constructor(side: KeyOrValue) {
    this.#side = side;
    this.#name = `SetSchemaMetadata$${side.variant}`;
  }

  /**
   * Reads `schema.name`, `schema.version` and `replace.null.with.default`.
   * @throws ConfigError when neither the name nor the version is set.
   */
  configure(props: Readonly<Record<string, unknown>>): void {
    const config = SetSchemaMetadataConfig.parse(props);
    this.#settings = {
      name: config["schema.name"],
      version: config["schema.version"],
      replaceNullWithDefault: config[REPLACE_NULL_WITH_DEFAULT_CONFIG],
    };
    this.#schemas.clear();
  }

  /**
   * The record with the new schema name or version on its key or value.
   * @throws DataError naming the transformation and the topic when the record has no schema but a key or value.
   */
  apply(record: R): R {
    const settings = this.#settings;
    if (settings === undefined) {
      throw new ConnectError(`${this.#name} has not been configured: call configure() first.`);
    }
    const value = this.#side.valueOf(record);
    const schema = this.#side.schemaOf(record);
    if (value === null && schema === null) return record;
    const updated = this.#schemas.get(requireSchema(schema, { transform: this.#name, topic: record.topic }));
    return this.#side.withSchemaAndValue(record, updated, this.#onSchema(value, updated, settings));
  }

  /** The definition of `schema.name`, `schema.version` and `replace.null.with.default`. */
  config(): typeof SetSchemaMetadataConfig {
    return SetSchemaMetadataConfig;
  }

  /** Forgets the schemas built so far. */
  close(): void {
    this.#schemas.clear();
  }

  /** A Struct copied onto `schema` (which has the same fields as its own); any other value as it is. */
  #onSchema(value: unknown, schema: Schema, settings: MetadataSettings): unknown {
    if (!Struct.isStruct(value)) return value;
    const copy = new Struct(schema);
    for (const field of schema.fields())
      copy.put(field, readField(value, field, settings.replaceNullWithDefault));
    return copy;
  }

  #rename(schema: Schema): Schema {
    const settings = this.#settings as MetadataSettings;
    return new ConnectSchema({
      type: schema.type,
      isOptional: schema.isOptional,
      defaultValue: schema.defaultValue,
      name: settings.name ?? schema.name,
      version: settings.version ?? schema.version,
      doc: schema.doc,
      parameters: schema.parameters,
      fields: schema.type === "STRUCT" ? schema.fields() : undefined,
      keySchema: schema.type === "MAP" ? schema.keySchema() : undefined,
      valueSchema: schema.type === "MAP" || schema.type === "ARRAY" ? schema.valueSchema() : undefined,
    });
  }
}

/**
 * Sets the name or version of the record's key schema (Kafka's
 * `org.apache.kafka.connect.transforms.SetSchemaMetadata$Key`).
 *
 * @example
 * ```properties
 * transforms=keySchema
 * transforms.keySchema.type=org.apache.kafka.connect.transforms.SetSchemaMetadata$Key
 * transforms.keySchema.schema.name=com.example.OrderKey
 * ```
 */
export class SetSchemaMetadataKey<R extends ConnectRecord = ConnectRecord> extends SetSchemaMetadata<R> {
  constructor() {
    super(KEY);
  }
}

/**
 * Sets the name or version of the record's value schema (Kafka's
 * `org.apache.kafka.connect.transforms.SetSchemaMetadata$Value`).
 *
 * @example
 * ```properties
 * transforms=valueSchema
 * transforms.valueSchema.type=org.apache.kafka.connect.transforms.SetSchemaMetadata$Value
 * transforms.valueSchema.schema.name=com.example.Order
 * transforms.valueSchema.schema.version=2
 * ```
 */
export class SetSchemaMetadataValue<R extends ConnectRecord = ConnectRecord> extends SetSchemaMetadata<R> {
  constructor() {
    super(VALUE);
  }
}
