import {
  Config,
  type ConfigType,
  ConnectError,
  type ConnectRecord,
  DataError,
  defineConfig,
  type Schema,
  SchemaBuilder,
  Struct,
  type Transformation,
} from "@tributary/api";
import { withCrossChecks } from "../util/cross-checked-config.js";
import { compileSimpleDateFormat, simpleDateFormatProblem } from "../util/java-date-format.js";
import { KEY, type KeyOrValue, VALUE } from "../util/key-or-value.js";
import {
  REPLACE_NULL_WITH_DEFAULT_CONFIG,
  readField,
  replaceNullWithDefaultKey,
} from "../util/replace-null-with-default.js";
import { requireMap, requireStruct } from "../util/requirements.js";
import { SchemaCache } from "../util/schema-cache.js";
import { copySchemaBasics } from "../util/schema-util.js";
import {
  type ConversionSettings,
  fromInstant,
  kindOfSchema,
  kindOfValue,
  schemaOfKind,
  type TimestampKind,
  toInstant,
} from "./timestamp-kinds.js";

const TARGET_TYPES = ["string", "unix", "Date", "Time", "Timestamp"] as const;
const PRECISIONS = ["nanoseconds", "microseconds", "milliseconds", "seconds"] as const;

/**
 * The configuration of {@link TimestampConverterKey} and {@link TimestampConverterValue}: `field`, `target.type`,
 * `format`, `unix.precision` and `replace.null.with.default`, with Kafka's defaults. When validating, `format` must be
 * a valid SimpleDateFormat pattern, and it is required when `target.type` is `string`.
 */
export const TimestampConverterConfig = withCrossChecks(
  defineConfig({
    field: Config.string({
      default: "",
      importance: "HIGH",
      documentation:
        "The field of the key or value holding the timestamp (a top-level field), or empty when the whole key or value is the timestamp.",
    }),
    "target.type": Config.enum(TARGET_TYPES, {
      importance: "HIGH",
      documentation: "What to convert the timestamp to: string, unix, Date, Time or Timestamp.",
    }),
    format: Config.string({
      default: "",
      importance: "MEDIUM",
      documentation:
        "A Java SimpleDateFormat pattern (in UTC) used to write the timestamp when target.type is string, and to read timestamps that are strings.",
      validate: (pattern) => (pattern === "" ? undefined : simpleDateFormatProblem(pattern)),
    }),
    "unix.precision": Config.enum(PRECISIONS, {
      default: "milliseconds",
      importance: "LOW",
      documentation:
        "The unit of Unix timestamps, written when target.type is unix and read from INT64 values: seconds, milliseconds, microseconds or nanoseconds. Precision below a millisecond is lost either way.",
    }),
    [REPLACE_NULL_WITH_DEFAULT_CONFIG]: replaceNullWithDefaultKey(),
  }),
  (config) =>
    config["target.type"] === "string" && config.format === ""
      ? [
          {
            key: "format",
            value: config.format,
            reason:
              "TimestampConverter requires format option to be specified when using string timestamps: give a SimpleDateFormat pattern such as yyyy-MM-dd'T'HH:mm:ss.SSSXXX.",
          },
        ]
      : [],
);

/** The parsed configuration of {@link TimestampConverterKey} and {@link TimestampConverterValue}. */
export type TimestampConverterConfigType = ConfigType<typeof TimestampConverterConfig>;

interface Settings extends ConversionSettings {
  readonly field: string;
  readonly target: TimestampKind;
  readonly replaceNullWithDefault: boolean;
}

/**
 * Converts a timestamp in the key or value between text, Unix time and Connect's Date, Time and Timestamp types, as
 * Kafka's `org.apache.kafka.connect.transforms.TimestampConverter` does; use {@link TimestampConverterKey} or
 * {@link TimestampConverterValue}.
 *
 * The timestamp is the whole key or value, or its top-level `field`. With a schema, the source kind comes from the
 * schema (a Date, Time or Timestamp logical type, STRING for text, INT64 for Unix time) and the new schema is the
 * target kind's, optional when the old one was; for a field, the struct's schema is rebuilt once per source schema
 * with that field's schema replaced. Without a schema, a Date is read as a Timestamp, a bigint as Unix time and a
 * string as text, and a Map value gets the field replaced. Text is read and written with `format`, a Java
 * SimpleDateFormat pattern in UTC; Unix time counts in `unix.precision`. Null timestamps stay null.
 *
 * As in Kafka, a record whose struct schema has no such field passes unchanged, and a Map without it gets the field
 * added as null. Configure once before `apply`; `apply` must not be called concurrently (it is not, by the worker).
 */
export abstract class TimestampConverter<R extends ConnectRecord = ConnectRecord>
  implements Transformation<R>
{
  readonly #side: KeyOrValue;
  readonly #name: string;
  #settings: Settings | undefined;
  readonly #schemas = new SchemaCache<Schema>((schema) => this.#buildSchema(schema));

  protected constructor(side: KeyOrValue) {
    this.#side = side;
    this.#name = `TimestampConverter$${side.variant}`;
  }

  /**
   * Reads the configuration and compiles `format`.
   * @throws ConfigError when `target.type` is missing or unknown, `format` is invalid or missing for `string`, or
   * `unix.precision` is unknown.
   */
  configure(props: Readonly<Record<string, unknown>>): void {
    const config = TimestampConverterConfig.parse(props);
    this.#settings = {
      field: config.field,
      target: config["target.type"],
      format: config.format === "" ? undefined : compileSimpleDateFormat(config.format),
      precision: config["unix.precision"],
      replaceNullWithDefault: config[REPLACE_NULL_WITH_DEFAULT_CONFIG],
    };
    this.#schemas.clear();
  }

  /**
   * The record with its timestamp converted.
   * @throws DataError naming the transformation, the field and the topic when the timestamp cannot be read or
   * converted, or the key or value is not a Struct (with a schema) or Map (without one) while `field` is set.
   */
  apply(record: R): R {
    const settings = this.#settings;
    if (settings === undefined) {
      throw new ConnectError(`${this.#name} has not been configured: call configure() first.`);
    }
    const schema = this.#side.schemaOf(record);
    const value = this.#side.valueOf(record);
    const field = settings.field;
    if (schema === null) {
      if (value === null || field === "") {
        return this.#side.withSchemaAndValue(record, null, this.#convert(value, undefined, record));
      }
      const map = requireMap(value, { transform: this.#name, field, topic: record.topic });
      const updated = new Map(map);
      updated.set(field, this.#convert(map.get(field) ?? null, undefined, record, field));
      return this.#side.withSchemaAndValue(record, null, updated);
    }
    if (field === "") {
      const kind = this.#kindOfSchema(schema, record);
      const converted = this.#convert(value, kind, record);
      return this.#side.withSchemaAndValue(
        record,
        schemaOfKind(settings.target, schema.isOptional),
        converted,
      );
    }
    const struct =
      value === null ? null : requireStruct(value, { transform: this.#name, field, topic: record.topic });
    const updatedSchema = this.#updatedSchema(schema, record);
    return this.#side.withSchemaAndValue(
      record,
      updatedSchema,
      this.#convertStruct(struct, updatedSchema, record),
    );
  }

  /** The definition of the configuration keys. */
  config(): typeof TimestampConverterConfig {
    return TimestampConverterConfig;
  }

  /** Forgets the schemas built so far. */
  close(): void {
    this.#schemas.clear();
  }

  #convertStruct(struct: Struct | null, schema: Schema, record: R): Struct | null {
    if (struct === null) return null;
    const settings = this.#settings as Settings;
    const updated = new Struct(schema);
    for (const field of struct.schema.fields()) {
      let fieldValue = readField(struct, field, settings.replaceNullWithDefault);
      if (field.name === settings.field) {
        fieldValue = this.#convert(
          fieldValue,
          this.#kindOfSchema(field.schema, record, field.name),
          record,
          field.name,
        );
      }
      updated.put(field.name, fieldValue);
    }
    return updated;
  }

  #updatedSchema(schema: Schema, record: R): Schema {
    try {
      return this.#schemas.get(schema);
    } catch (error) {
      throw this.#error(record, this.#settings?.field, error);
    }
  }

  #buildSchema(schema: Schema): Schema {
    const settings = this.#settings as Settings;
    const builder = copySchemaBasics(schema, SchemaBuilder.struct());
    for (const field of schema.fields()) {
      const converted = field.name === settings.field;
      builder.field(
        field.name,
        converted ? schemaOfKind(settings.target, field.schema.isOptional) : field.schema,
      );
    }
    if (schema.isOptional) builder.optional();
    const defaultValue = schema.defaultValue;
    if (defaultValue !== undefined && defaultValue !== null) {
      // The default is converted like a record's value, against the schema being built (without its default).
      const plain = builder.build();
      const converted = this.#convertDefault(defaultValue, plain);
      return SchemaBuilder.from(plain).defaultValue(converted).build();
    }
    return builder.build();
  }

  #convertDefault(defaultValue: unknown, schema: Schema): Struct | null {
    const settings = this.#settings as Settings;
    const struct = defaultValue as Struct;
    const updated = new Struct(schema);
    for (const field of struct.schema.fields()) {
      let fieldValue = readField(struct, field, settings.replaceNullWithDefault);
      if (field.name === settings.field)
        fieldValue = this.#convertValue(fieldValue, kindOfSchema(field.schema));
      updated.put(field.name, fieldValue);
    }
    return updated;
  }

  #kindOfSchema(schema: Schema, record: R, field?: string): TimestampKind {
    try {
      return kindOfSchema(schema);
    } catch (error) {
      throw this.#error(record, field, error);
    }
  }

  /** Converts one timestamp; `kind` undefined means inferred from the value. */
  #convert(value: unknown, kind: TimestampKind | undefined, record: R, field?: string): unknown {
    try {
      return this.#convertValue(value, kind);
    } catch (error) {
      throw this.#error(record, field, error);
    }
  }

  #convertValue(value: unknown, kind: TimestampKind | undefined): unknown {
    if (value === null || value === undefined) return null;
    const settings = this.#settings as Settings;
    const instant = toInstant(kind ?? kindOfValue(value), value, settings);
    return fromInstant(settings.target, instant, settings);
  }

  #error(record: R, field: string | undefined, error: unknown): DataError {
    const what = field === undefined || field === "" ? `the ${this.#side.part}` : `field "${field}"`;
    const reason = error instanceof Error ? error.message : String(error);
    return new DataError(
      `${this.#name} cannot convert ${what} of the record on topic "${record.topic}" to ${(this.#settings as Settings).target}: ${reason}`,
      { cause: error },
    );
  }
}

/**
 * Converts a timestamp in the record's key (Kafka's `org.apache.kafka.connect.transforms.TimestampConverter$Key`).
 *
 * @example
 * ```properties
 * transforms=keyTime
 * transforms.keyTime.type=org.apache.kafka.connect.transforms.TimestampConverter$Key
 * transforms.keyTime.target.type=Timestamp
 * ```
 */
export class TimestampConverterKey<R extends ConnectRecord = ConnectRecord> extends TimestampConverter<R> {
  constructor() {
    super(KEY);
  }
}

/**
 * Converts a timestamp in the record's value (Kafka's
 * `org.apache.kafka.connect.transforms.TimestampConverter$Value`).
 *
 * @example
 * ```properties
 * transforms=created
 * transforms.created.type=org.apache.kafka.connect.transforms.TimestampConverter$Value
 * transforms.created.field=created_at
 * transforms.created.target.type=string
 * transforms.created.format=yyyy-MM-dd'T'HH:mm:ss.SSSXXX
 * ```
 */
export class TimestampConverterValue<R extends ConnectRecord = ConnectRecord> extends TimestampConverter<R> {
  constructor() {
    super(VALUE);
  }
}
