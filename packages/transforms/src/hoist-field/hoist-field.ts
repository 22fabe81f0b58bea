import {
  Config,
  type ConfigType,
  ConnectError,
  type ConnectRecord,
  DataError,
  defineConfig,
  type Field,
  type Schema,
  SchemaBuilder,
  Struct,
  type Transformation,
} from "@tributary/api";
import { KEY, type KeyOrValue, VALUE } from "../util/key-or-value.js";
import { SchemaCache } from "../util/schema-cache.js";

/** The configuration of {@link HoistFieldKey} and {@link HoistFieldValue}: `field`. */
export const HoistFieldConfig = defineConfig({
  field: Config.string({
    importance: "MEDIUM",
    documentation: "The name of the single field of the Struct or Map that wraps the key or value.",
  }),
});

/** The parsed configuration of {@link HoistFieldKey} and {@link HoistFieldValue}. */
export type HoistFieldConfigType = ConfigType<typeof HoistFieldConfig>;

interface HoistPlan {
  readonly schema: Schema;
  readonly field: Field;
}

/**
 * Wraps the key or value in a Struct (with a schema) or a Map (without one) holding it as its single field, as
 * Kafka's `org.apache.kafka.connect.transforms.HoistField` does; use {@link HoistFieldKey} or
 * {@link HoistFieldValue}.
 *
 * The wrapping schema is an unnamed, required STRUCT whose one field has the original schema; it is built once per
 * source schema. Null is wrapped too (a tombstone becomes a Struct or Map holding null), which needs an optional
 * schema, as in Kafka.
 *
 * Configure once before `apply`; `apply` must not be called concurrently (it is not, by the worker).
 */
export abstract class HoistField<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  readonly #side: KeyOrValue;
  readonly #name: string;
  #field: string | undefined;
  readonly #plans = new SchemaCache<HoistPlan>((schema) => this.#buildPlan(schema));

  protected constructor(side: KeyOrValue) {
    this.#side = side;
    this.#name = `HoistField$${side.variant}`;
  }

  /**
   * Reads `field`.
   * @throws ConfigError when `field` is missing.
   */
  configure(props: Readonly<Record<string, unknown>>): void {
    this.#field = HoistFieldConfig.parse(props).field;
    this.#plans.clear();
  }

  /**
   * The record with its key or value wrapped.
   * @throws DataError naming the transformation, the field and the topic when a null cannot be wrapped (its schema
   * is required) or the field name is empty.
   */
  apply(record: R): R {
    const name = this.#field;
    if (name === undefined)
      throw new ConnectError(`${this.#name} has not been configured: call configure() first.`);
    const value = this.#side.valueOf(record);
    const schema = this.#side.schemaOf(record);
    if (schema === null) return this.#side.withSchemaAndValue(record, null, new Map([[name, value]]));
    try {
      const plan = this.#plans.get(schema);
      return this.#side.withSchemaAndValue(
        record,
        plan.schema,
        new Struct(plan.schema).put(plan.field, value),
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new DataError(
        `${this.#name} cannot wrap the ${this.#side.part} of the record on topic "${record.topic}" in field "${name}": ${message}`,
        { cause: error },
      );
    }
  }

  /** The definition of `field`. */
  config(): typeof HoistFieldConfig {
    return HoistFieldConfig;
  }

  /** Forgets the schemas built so far. */
  close(): void {
    this.#plans.clear();
  }

  #buildPlan(schema: Schema): HoistPlan {
    const wrapper = SchemaBuilder.struct()
      .field(this.#field as string, schema)
      .build();
    return { schema: wrapper, field: wrapper.fields()[0] as Field };
  }
}

/**
 * Wraps the record's key in a single-field Struct or Map (Kafka's
 * `org.apache.kafka.connect.transforms.HoistField$Key`).
 *
 * @example
 * ```properties
 * transforms=hoistKey
 * transforms.hoistKey.type=org.apache.kafka.connect.transforms.HoistField$Key
 * transforms.hoistKey.field=id
 * ```
 */
export class HoistFieldKey<R extends ConnectRecord = ConnectRecord> extends HoistField<R> {
  constructor() {
    super(KEY);
  }
}

/**
 * Wraps the record's value in a single-field Struct or Map (Kafka's
 * `org.apache.kafka.connect.transforms.HoistField$Value`).
 *
 * @example
 * ```properties
 * transforms=hoist
 * transforms.hoist.type=org.apache.kafka.connect.transforms.HoistField$Value
 * transforms.hoist.field=line
 * ```
 */
export class HoistFieldValue<R extends ConnectRecord = ConnectRecord> extends HoistField<R> {
  constructor() {
    super(VALUE);
  }
}
