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
import {
  REPLACE_NULL_WITH_DEFAULT_CONFIG,
  readField,
  replaceNullWithDefaultKey,
} from "../util/replace-null-with-default.js";
import { missingFieldError, requireMap, requireStruct } from "../util/requirements.js";
import { SchemaCache } from "../util/schema-cache.js";

const NAME = "ValueToKey";

/** The configuration of {@link ValueToKey}: `fields` and `replace.null.with.default`. */
export const ValueToKeyConfig = defineConfig({
  fields: Config.list({
    importance: "HIGH",
    documentation: "The fields of the value that make up the new key, in order.",
    validate: (fields) =>
      fields.length === 0 ? "give at least one field of the value to copy into the key." : undefined,
  }),
  [REPLACE_NULL_WITH_DEFAULT_CONFIG]: replaceNullWithDefaultKey(),
});

/** The parsed configuration of {@link ValueToKey}. */
export type ValueToKeyConfigType = ConfigType<typeof ValueToKeyConfig>;

interface KeyPlan {
  readonly schema: Schema;
  readonly sources: readonly Field[];
  readonly targets: readonly Field[];
}

/**
 * Replaces the record's key with a new one made of fields copied from its value, as Kafka's
 * `org.apache.kafka.connect.transforms.ValueToKey` does.
 *
 * With a schema, the key is a Struct of an unnamed, required STRUCT schema holding the fields with their schemas, in
 * the configured order; it is built once per value schema, and a field the value lacks is an error. Without a schema
 * the value must be a Map, and the key is a Map of the fields (null where the value lacks one). As in Kafka, a
 * tombstone is an error, since it has no value to copy from.
 *
 * Configure once before `apply`; `apply` must not be called concurrently (it is not, by the worker).
 */
export class ValueToKey<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  #fields: readonly string[] | undefined;
  #replaceNullWithDefault = true;
  readonly #plans = new SchemaCache<KeyPlan | string>((schema) => this.#buildPlan(schema));

  /**
   * Reads `fields` and `replace.null.with.default`.
   * @throws ConfigError when `fields` is missing or empty.
   */
  configure(props: Readonly<Record<string, unknown>>): void {
    const config = ValueToKeyConfig.parse(props);
    this.#fields = config.fields;
    this.#replaceNullWithDefault = config[REPLACE_NULL_WITH_DEFAULT_CONFIG];
    this.#plans.clear();
  }

  /**
   * The record with a key made of fields of its value.
   * @throws DataError naming the transformation, the field and the topic when the value lacks a field or is not a
   * Struct or Map (a tombstone included).
   */
  apply(record: R): R {
    const fields = this.#fields;
    if (fields === undefined)
      throw new ConnectError(`${NAME} has not been configured: call configure() first.`);
    const purpose = { transform: NAME, topic: record.topic };
    if (record.valueSchema === null) {
      const value = requireMap(record.value, purpose);
      const key = new Map<string, unknown>();
      for (const field of fields) key.set(field, value.get(field) ?? null);
      return record.newRecord({ keySchema: null, key });
    }
    const value = requireStruct(record.value, purpose);
    const plan = this.#plans.get(value.schema);
    if (typeof plan === "string") {
      throw missingFieldError(
        { ...purpose, field: plan },
        value.schema.fields().map((field) => field.name),
      );
    }
    const key = new Struct(plan.schema);
    const { sources, targets } = plan;
    for (let i = 0; i < sources.length; i++) {
      key.put(targets[i] as Field, readField(value, sources[i] as Field, this.#replaceNullWithDefault));
    }
    return record.newRecord({ keySchema: plan.schema, key, valueSchema: value.schema });
  }

  /** The definition of `fields` and `replace.null.with.default`. */
  config(): typeof ValueToKeyConfig {
    return ValueToKeyConfig;
  }

  /** Forgets the schemas built so far. */
  close(): void {
    this.#plans.clear();
  }

  /** The key schema for values of `schema`, or the name of the first field the value lacks. */
  #buildPlan(schema: Schema): KeyPlan | string {
    const builder = SchemaBuilder.struct();
    const sources: Field[] = [];
    const seen = new Set<string>();
    for (const name of this.#fields as readonly string[]) {
      const field = schema.field(name);
      if (field === undefined) return name;
      if (seen.has(name)) {
        throw new DataError(
          `${NAME} names field "${name}" twice in fields; a key cannot hold the same field twice. Remove the repeated name.`,
        );
      }
      seen.add(name);
      builder.field(name, field.schema);
      sources.push(field);
    }
    const key = builder.build();
    return { schema: key, sources, targets: key.fields() };
  }
}
