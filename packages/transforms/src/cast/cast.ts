import {
  Config,
  type ConfigType,
  ConnectDate,
  ConnectError,
  type ConnectRecord,
  ConnectTime,
  ConnectTimestamp,
  DataError,
  Decimal,
  defineConfig,
  type Field,
  type Schema,
  SchemaBuilder,
  Struct,
  type Transformation,
} from "@tributary/api";
import { KEY, type KeyOrValue, VALUE } from "../util/key-or-value.js";
import {
  REPLACE_NULL_WITH_DEFAULT_CONFIG,
  readField,
  replaceNullWithDefaultKey,
} from "../util/replace-null-with-default.js";
import { requireMap, requireStruct } from "../util/requirements.js";
import { SchemaCache } from "../util/schema-cache.js";
import { copySchemaBasics } from "../util/schema-util.js";
import { type CastSpec, type CastType, castSpecProblem, parseCastSpec } from "./cast-spec.js";
import { castValue } from "./cast-value.js";

/** The configuration of {@link CastKey} and {@link CastValue}: `spec` and `replace.null.with.default`. */
export const CastConfig = defineConfig({
  spec: Config.list({
    importance: "HIGH",
    documentation:
      "What to cast: field:type pairs separated by commas (such as id:int64,price:float64) to cast fields of a Struct or Map, or a single type to cast the whole key or value. Types: int8, int16, int32, int64, float32, float64, boolean, string. Bytes can be cast to string only (base64).",
    validate: castSpecProblem,
  }),
  [REPLACE_NULL_WITH_DEFAULT_CONFIG]: replaceNullWithDefaultKey(),
});

/** The parsed configuration of {@link CastKey} and {@link CastValue}. */
export type CastConfigType = ConfigType<typeof CastConfig>;

const LOGICAL_NAMES = new Set<string>([
  Decimal.LOGICAL_NAME,
  ConnectDate.LOGICAL_NAME,
  ConnectTime.LOGICAL_NAME,
  ConnectTimestamp.LOGICAL_NAME,
]);

/** How records of one schema are cast: the new schema, and for Structs, what happens to each field. */
interface CastPlan {
  readonly schema: Schema;
  readonly sources: readonly Field[];
  readonly targets: readonly Field[];
  /** Per field, the type it is cast to, or `undefined` when it is copied unchanged. */
  readonly casts: readonly (CastType | undefined)[];
}

/**
 * Casts fields of the key or value, or the whole key or value, to another primitive type, as Kafka's
 * `org.apache.kafka.connect.transforms.Cast` does; use {@link CastKey} or {@link CastValue}.
 *
 * With a schema, the new schema is built once per source schema: cast fields get a plain schema of the new type,
 * optional when the field was, with its default cast too; other fields keep theirs; the struct keeps its name,
 * version, doc and parameters. Without a schema, Maps get each named field cast (a field that is missing is added
 * as null, as in Kafka). Null keys and values pass unchanged. Casting the whole value keeps the schema's name, except
 * for Decimal, Date, Time and Timestamp, whose names would no longer describe the cast value (Kafka keeps them,
 * producing a record its converters then refuse).
 *
 * Configure once before `apply`; `apply` must not be called concurrently (it is not, by the worker).
 */
export abstract class Cast<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  readonly #side: KeyOrValue;
  readonly #name: string;
  #spec: CastSpec | undefined;
  #replaceNullWithDefault = true;
  readonly #plans = new SchemaCache<CastPlan>((schema) => this.#buildPlan(schema));

  protected constructor(side: KeyOrValue) {
    this.#side = side;
    this.#name = `Cast$${side.variant}`;
  }

  /**
   * Reads `spec` and `replace.null.with.default`.
   * @throws ConfigError when the spec is missing or invalid.
   */
  configure(props: Readonly<Record<string, unknown>>): void {
    const config = CastConfig.parse(props);
    this.#spec = parseCastSpec(config.spec);
    this.#replaceNullWithDefault = config[REPLACE_NULL_WITH_DEFAULT_CONFIG];
    this.#plans.clear();
  }

  /**
   * The record with its key or value cast; the record itself when that is null.
   * @throws DataError naming the transformation, the field and the topic when a value cannot be cast.
   */
  apply(record: R): R {
    const spec = this.#spec;
    if (spec === undefined)
      throw new ConnectError(`${this.#name} has not been configured: call configure() first.`);
    const value = this.#side.valueOf(record);
    if (value === null) return record;
    const schema = this.#side.schemaOf(record);
    if (schema === null) return this.#applySchemaless(record, value, spec);
    const plan = this.#plan(schema, record.topic);
    if (spec.whole !== undefined) {
      return this.#side.withSchemaAndValue(
        record,
        plan.schema,
        this.#cast(schema, value, spec.whole, record),
      );
    }
    const struct = requireStruct(value, { transform: this.#name, topic: record.topic });
    const { sources, targets, casts } = plan;
    const updated = new Struct(plan.schema);
    // A cast result always has its target's type; a value kept as it is skips the check only when it comes from a
    // struct of the very schema the plan was built from.
    const trusted = struct.schema === schema;
    for (let i = 0; i < sources.length; i++) {
      const source = sources[i] as Field;
      const target = targets[i] as Field;
      const fieldValue = readField(struct, source, this.#replaceNullWithDefault);
      const type = casts[i];
      if (type !== undefined) {
        updated.putTrusted(target, this.#cast(source.schema, fieldValue, type, record, source.name));
      } else if (trusted) updated.putTrusted(target, fieldValue);
      else updated.put(target, fieldValue);
    }
    return this.#side.withSchemaAndValue(record, plan.schema, updated);
  }

  /** The definition of `spec` and `replace.null.with.default`. */
  config(): typeof CastConfig {
    return CastConfig;
  }

  /** Forgets the schemas built so far. */
  close(): void {
    this.#plans.clear();
  }

  #applySchemaless(record: R, value: unknown, spec: CastSpec): R {
    if (spec.whole !== undefined) {
      return this.#side.withSchemaAndValue(record, null, this.#cast(null, value, spec.whole, record));
    }
    const map = requireMap(value, { transform: this.#name, topic: record.topic });
    const updated = new Map(map);
    for (const [field, type] of spec.fields) {
      updated.set(field, this.#cast(null, map.get(field) ?? null, type, record, field));
    }
    return this.#side.withSchemaAndValue(record, null, updated);
  }

  #cast(schema: Schema | null, value: unknown, type: CastType, record: R, field?: string): unknown {
    try {
      return castValue(schema, value, type);
    } catch (error) {
      const what = field === undefined ? `the ${this.#side.part}` : `field "${field}"`;
      throw new DataError(
        `${this.#name} cannot cast ${what} of the record on topic "${record.topic}" to ${type}: ${errorMessage(error)}`,
        { cause: error },
      );
    }
  }

  #plan(schema: Schema, topic: string): CastPlan {
    try {
      return this.#plans.get(schema);
    } catch (error) {
      throw new DataError(
        `${this.#name} cannot derive a schema from ${schema.toString()} for the record on topic "${topic}": ${errorMessage(error)}`,
        { cause: error },
      );
    }
  }

  #buildPlan(source: Schema): CastPlan {
    const spec = this.#spec as CastSpec;
    if (spec.whole !== undefined) {
      const builder = builderOf(spec.whole);
      if (source.name === undefined || !LOGICAL_NAMES.has(source.name)) copySchemaBasics(source, builder);
      return { schema: finish(builder, source), sources: [], targets: [], casts: [] };
    }
    if (source.type !== "STRUCT") {
      throw new DataError(
        `a spec of field:type pairs casts fields of a Struct, but the schema is ${source.type}; to cast the whole ${this.#side.part}, give a single type as the spec (such as int64).`,
      );
    }
    const builder = copySchemaBasics(source, SchemaBuilder.struct());
    const casts: (CastType | undefined)[] = [];
    for (const field of source.fields()) {
      const type = spec.fields.get(field.name);
      casts.push(type);
      builder.field(field.name, type === undefined ? field.schema : finish(builderOf(type), field.schema));
    }
    const schema = finish(builder, source);
    return { schema, sources: source.fields(), targets: schema.fields(), casts };
  }
}

/** Gives `builder` the optionality of `source` and its default value, cast to the builder's type. */
function finish(builder: SchemaBuilder, source: Schema): Schema {
  if (source.isOptional) builder.optional();
  if (source.defaultValue !== undefined && source.defaultValue !== null) {
    if (builder.type === "STRUCT") {
      throw new DataError(
        `the default value of a STRUCT schema cannot be cast; Cast reads primitive values only.`,
      );
    }
    builder.defaultValue(castValue(source, source.defaultValue, builder.type as CastType));
  }
  return builder.build();
}

function builderOf(type: CastType): SchemaBuilder {
  switch (type) {
    case "INT8":
      return SchemaBuilder.int8();
    case "INT16":
      return SchemaBuilder.int16();
    case "INT32":
      return SchemaBuilder.int32();
    case "INT64":
      return SchemaBuilder.int64();
    case "FLOAT32":
      return SchemaBuilder.float32();
    case "FLOAT64":
      return SchemaBuilder.float64();
    case "BOOLEAN":
      return SchemaBuilder.bool();
    case "STRING":
      return SchemaBuilder.string();
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Casts fields of the record's key, or the whole key (Kafka's `org.apache.kafka.connect.transforms.Cast$Key`).
 *
 * @example
 * ```properties
 * transforms=castKey
 * transforms.castKey.type=org.apache.kafka.connect.transforms.Cast$Key
 * transforms.castKey.spec=int32
 * ```
 */
export class CastKey<R extends ConnectRecord = ConnectRecord> extends Cast<R> {
  constructor() {
    super(KEY);
  }
}

/**
 * Casts fields of the record's value, or the whole value (Kafka's `org.apache.kafka.connect.transforms.Cast$Value`).
 *
 * @example
 * ```properties
 * transforms=cast
 * transforms.cast.type=org.apache.kafka.connect.transforms.Cast$Value
 * transforms.cast.spec=id:int64,price:float64,active:boolean
 * ```
 */
export class CastValue<R extends ConnectRecord = ConnectRecord> extends Cast<R> {
  constructor() {
    super(VALUE);
  }
}
