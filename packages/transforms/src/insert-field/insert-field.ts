import {
  Config,
  type ConfigType,
  ConnectError,
  type ConnectRecord,
  ConnectTimestamp,
  DataError,
  defineConfig,
  type Field,
  Schema,
  SchemaBuilder,
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
import { requireMap, requireSinkRecord, requireStruct } from "../util/requirements.js";
import { SchemaCache } from "../util/schema-cache.js";
import { copySchemaBasics } from "../util/schema-util.js";
import { type InsertionSpec, parseInsertionSpec } from "./insertion-spec.js";

const OPTIONALITY =
  "Suffix the name with ! to make the field required, or ? to keep it optional (the default).";
const FIELD_KEYS = [
  "topic.field",
  "partition.field",
  "offset.field",
  "timestamp.field",
  "static.field",
] as const;

/**
 * The configuration of {@link InsertFieldKey} and {@link InsertFieldValue}: one key per field to insert
 * (`topic.field`, `partition.field`, `offset.field`, `timestamp.field`, `static.field` with `static.value`) and
 * `replace.null.with.default`. At least one field must be set, and `static.value` with `static.field`.
 */
export const InsertFieldConfig = withCrossChecks(
  defineConfig({
    "topic.field": Config.string({
      optional: true,
      importance: "MEDIUM",
      documentation: `The field to insert the record's Kafka topic into. ${OPTIONALITY}`,
    }),
    "partition.field": Config.string({
      optional: true,
      importance: "MEDIUM",
      documentation: `The field to insert the record's Kafka partition into. ${OPTIONALITY}`,
    }),
    "offset.field": Config.string({
      optional: true,
      importance: "MEDIUM",
      documentation: `The field to insert the record's Kafka offset into; sink connectors only. ${OPTIONALITY}`,
    }),
    "timestamp.field": Config.string({
      optional: true,
      importance: "MEDIUM",
      documentation: `The field to insert the record's timestamp into. ${OPTIONALITY}`,
    }),
    "static.field": Config.string({
      optional: true,
      importance: "MEDIUM",
      documentation: `The field to insert static.value into. ${OPTIONALITY}`,
    }),
    "static.value": Config.string({
      optional: true,
      importance: "MEDIUM",
      documentation: "The text to insert into static.field.",
    }),
    [REPLACE_NULL_WITH_DEFAULT_CONFIG]: replaceNullWithDefaultKey(),
  }),
  (config) => {
    if (FIELD_KEYS.every((key) => config[key] === undefined)) {
      return [
        {
          key: "topic.field",
          value: undefined,
          reason: `no field insertion is configured; set at least one of ${FIELD_KEYS.join(", ")}.`,
        },
      ];
    }
    if (config["static.field"] !== undefined && config["static.value"] === undefined) {
      return [
        {
          key: "static.value",
          value: undefined,
          reason: `static.field is set to "${config["static.field"]}" but no value is given for it; set static.value.`,
        },
      ];
    }
    return [];
  },
);

/** The parsed configuration of {@link InsertFieldKey} and {@link InsertFieldValue}. */
export type InsertFieldConfigType = ConfigType<typeof InsertFieldConfig>;

interface InsertSettings {
  readonly topic: InsertionSpec | undefined;
  readonly partition: InsertionSpec | undefined;
  readonly offset: InsertionSpec | undefined;
  readonly timestamp: InsertionSpec | undefined;
  readonly static: InsertionSpec | undefined;
  readonly staticValue: string | undefined;
  readonly replaceNullWithDefault: boolean;
}

/** The new schema of one source schema, with the source fields and the inserted fields located in it. */
interface InsertPlan {
  readonly schema: Schema;
  readonly sources: readonly Field[];
  readonly targets: readonly Field[];
  readonly topic: Field | undefined;
  readonly partition: Field | undefined;
  readonly offset: Field | undefined;
  readonly timestamp: Field | undefined;
  readonly static: Field | undefined;
}

/**
 * Inserts fields taken from the record's metadata (topic, partition, offset, timestamp) or a static text into the
 * key or value, as Kafka's `org.apache.kafka.connect.transforms.InsertField` does; use {@link InsertFieldKey} or
 * {@link InsertFieldValue}.
 *
 * With a schema, the new schema is built once per source schema: the struct's fields, then the inserted ones
 * (topic STRING, partition INT32, offset INT64, timestamp a Timestamp, static STRING), optional unless the name ends
 * with `!`. Without a schema the value must be a Map; the timestamp is inserted as a bigint of epoch milliseconds and
 * the offset as a bigint. A null partition or timestamp is not inserted. Null keys and values pass unchanged. The
 * offset exists only on sink records.
 *
 * Configure once before `apply`; `apply` must not be called concurrently (it is not, by the worker).
 */
export abstract class InsertField<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  readonly #side: KeyOrValue;
  readonly #name: string;
  #settings: InsertSettings | undefined;
  readonly #plans = new SchemaCache<InsertPlan>((schema) => this.#buildPlan(schema));

  protected constructor(side: KeyOrValue) {
    this.#side = side;
    this.#name = `InsertField$${side.variant}`;
  }

  /**
   * Reads the fields to insert.
   * @throws ConfigError when no field is set, or `static.field` is set without `static.value`.
   */
  configure(props: Readonly<Record<string, unknown>>): void {
    const config = InsertFieldConfig.parse(props);
    this.#settings = {
      topic: parseInsertionSpec(config["topic.field"]),
      partition: parseInsertionSpec(config["partition.field"]),
      offset: parseInsertionSpec(config["offset.field"]),
      timestamp: parseInsertionSpec(config["timestamp.field"]),
      static: parseInsertionSpec(config["static.field"]),
      staticValue: config["static.value"],
      replaceNullWithDefault: config[REPLACE_NULL_WITH_DEFAULT_CONFIG],
    };
    this.#plans.clear();
  }

  /**
   * The record with the fields inserted into its key or value; the record itself when that is null.
   * @throws DataError naming the transformation, the field and the topic when the data is not a Struct or Map, an
   * inserted field clashes with an existing one, or an offset is asked of a source record.
   */
  apply(record: R): R {
    const settings = this.#settings;
    if (settings === undefined) {
      throw new ConnectError(`${this.#name} has not been configured: call configure() first.`);
    }
    const value = this.#side.valueOf(record);
    if (value === null) return record;
    const schema = this.#side.schemaOf(record);
    if (schema === null) return this.#applySchemaless(record, value, settings);
    const struct = requireStruct(value, { transform: this.#name, topic: record.topic });
    const plan = this.#plan(schema, record.topic);
    const updated = new Struct(plan.schema);
    const { sources, targets } = plan;
    // Copied values skip the check only when they come from a struct of the very schema the plan copied; the
    // inserted topic, partition, offset and timestamp have their fields' types by construction.
    const trusted = struct.schema === schema;
    for (let i = 0; i < sources.length; i++) {
      const target = targets[i] as Field;
      const fieldValue = readField(struct, sources[i] as Field, settings.replaceNullWithDefault);
      if (trusted) updated.putTrusted(target, fieldValue);
      else updated.put(target, fieldValue);
    }
    if (plan.topic !== undefined) updated.putTrusted(plan.topic, record.topic);
    if (plan.partition !== undefined && record.kafkaPartition !== null) {
      updated.putTrusted(plan.partition, record.kafkaPartition);
    }
    if (plan.offset !== undefined) updated.putTrusted(plan.offset, this.#offsetOf(record, plan.offset.name));
    if (plan.timestamp !== undefined && record.timestamp !== null) {
      updated.putTrusted(plan.timestamp, new Date(record.timestamp));
    }
    if (plan.static !== undefined) updated.put(plan.static, settings.staticValue ?? null);
    return this.#side.withSchemaAndValue(record, plan.schema, updated);
  }

  /** The definition of the insertion keys and `replace.null.with.default`. */
  config(): typeof InsertFieldConfig {
    return InsertFieldConfig;
  }

  /** Forgets the schemas built so far. */
  close(): void {
    this.#plans.clear();
  }

  #applySchemaless(record: R, value: unknown, settings: InsertSettings): R {
    const map = requireMap(value, { transform: this.#name, topic: record.topic });
    const updated = new Map(map);
    if (settings.topic !== undefined) updated.set(settings.topic.name, record.topic);
    if (settings.partition !== undefined && record.kafkaPartition !== null) {
      updated.set(settings.partition.name, record.kafkaPartition);
    }
    if (settings.offset !== undefined) {
      updated.set(settings.offset.name, this.#offsetOf(record, settings.offset.name));
    }
    if (settings.timestamp !== undefined && record.timestamp !== null) {
      updated.set(settings.timestamp.name, BigInt(record.timestamp));
    }
    if (settings.static !== undefined) updated.set(settings.static.name, settings.staticValue ?? null);
    return this.#side.withSchemaAndValue(record, null, updated);
  }

  #offsetOf(record: R, field: string): bigint {
    return requireSinkRecord(record, { transform: this.#name, field, topic: record.topic }).kafkaOffset;
  }

  #plan(schema: Schema, topic: string): InsertPlan {
    try {
      return this.#plans.get(schema);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new DataError(
        `${this.#name} cannot insert its fields into ${schema.toString()} of the record on topic "${topic}": ${message}`,
        { cause: error },
      );
    }
  }

  #buildPlan(source: Schema): InsertPlan {
    const settings = this.#settings as InsertSettings;
    if (source.type !== "STRUCT") {
      throw new DataError(
        `its ${this.#side.part} schema is ${source.type}, and fields can only be added to a STRUCT.`,
      );
    }
    const builder = copySchemaBasics(source, SchemaBuilder.struct());
    for (const field of source.fields()) builder.field(field.name, field.schema);
    const add = (spec: InsertionSpec | undefined, required: Schema, optional: Schema): void => {
      if (spec !== undefined) builder.field(spec.name, spec.optional ? optional : required);
    };
    add(settings.topic, Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA);
    add(settings.partition, Schema.INT32_SCHEMA, Schema.OPTIONAL_INT32_SCHEMA);
    add(settings.offset, Schema.INT64_SCHEMA, Schema.OPTIONAL_INT64_SCHEMA);
    add(settings.timestamp, TIMESTAMP_SCHEMA, OPTIONAL_TIMESTAMP_SCHEMA);
    add(settings.static, Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA);
    const schema = builder.build();
    const fieldOf = (spec: InsertionSpec | undefined) =>
      spec === undefined ? undefined : schema.field(spec.name);
    return {
      schema,
      sources: source.fields(),
      targets: schema.fields().slice(0, source.fields().length),
      topic: fieldOf(settings.topic),
      partition: fieldOf(settings.partition),
      offset: fieldOf(settings.offset),
      timestamp: fieldOf(settings.timestamp),
      static: fieldOf(settings.static),
    };
  }
}

const TIMESTAMP_SCHEMA = ConnectTimestamp.schema();
const OPTIONAL_TIMESTAMP_SCHEMA = ConnectTimestamp.builder().optional().build();

/**
 * Inserts metadata or static fields into the record's key (Kafka's
 * `org.apache.kafka.connect.transforms.InsertField$Key`).
 *
 * @example
 * ```properties
 * transforms=keyTopic
 * transforms.keyTopic.type=org.apache.kafka.connect.transforms.InsertField$Key
 * transforms.keyTopic.topic.field=source_topic!
 * ```
 */
export class InsertFieldKey<R extends ConnectRecord = ConnectRecord> extends InsertField<R> {
  constructor() {
    super(KEY);
  }
}

/**
 * Inserts metadata or static fields into the record's value (Kafka's
 * `org.apache.kafka.connect.transforms.InsertField$Value`).
 *
 * @example
 * ```properties
 * transforms=insert
 * transforms.insert.type=org.apache.kafka.connect.transforms.InsertField$Value
 * transforms.insert.offset.field=kafka_offset
 * transforms.insert.static.field=origin
 * transforms.insert.static.value=orders-db
 * ```
 */
export class InsertFieldValue<R extends ConnectRecord = ConnectRecord> extends InsertField<R> {
  constructor() {
    super(VALUE);
  }
}
