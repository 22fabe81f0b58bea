import {
  Config,
  type ConfigType,
  ConnectError,
  type ConnectRecord,
  DataError,
  defineConfig,
  type Field,
  type Schema,
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
import { applyMask, type Mask, maskForSchema, maskForValue } from "./mask-values.js";

/** The configuration of {@link MaskFieldKey} and {@link MaskFieldValue}: `fields`, `replacement` and `replace.null.with.default`. */
export const MaskFieldConfig = defineConfig({
  fields: Config.list({
    importance: "HIGH",
    documentation: "The names of the fields to mask.",
    validate: (fields) => (fields.length === 0 ? "give at least one field to mask." : undefined),
  }),
  replacement: Config.string({
    optional: true,
    nonEmpty: true,
    importance: "LOW",
    documentation:
      "A value to put in every masked field instead of its type's empty value, read as the field's type; for numeric and text fields only.",
  }),
  [REPLACE_NULL_WITH_DEFAULT_CONFIG]: replaceNullWithDefaultKey(),
});

/** The parsed configuration of {@link MaskFieldKey} and {@link MaskFieldValue}. */
export type MaskFieldConfigType = ConfigType<typeof MaskFieldConfig>;

interface MaskSettings {
  readonly fields: ReadonlySet<string>;
  readonly replacement: string | undefined;
  readonly replaceNullWithDefault: boolean;
  /** Masks of schemaless values by kind, built once since the replacement is parsed once per kind. */
  readonly byKind: Map<string, Mask>;
}

/** Per field of one schema, in order: its mask, or `undefined` when the field is copied unchanged. */
interface MaskPlan {
  readonly fields: readonly Field[];
  readonly masks: readonly (Mask | undefined)[];
}

/**
 * Replaces the named fields of the key or value with their type's empty value (0, false, "", an empty array or map,
 * the epoch for dates), or with a configured replacement read as the field's type, as Kafka's
 * `org.apache.kafka.connect.transforms.MaskField` does; use {@link MaskFieldKey} or {@link MaskFieldValue}.
 *
 * The schema is kept; which mask each field gets is worked out once per schema. Null fields stay null. Named fields
 * a struct lacks are ignored; a Map lacking one gets it as null, as in Kafka. Bytes and structs cannot be masked, and
 * booleans, dates, arrays and maps take no replacement. A Decimal replacement is given the field's scale.
 * Like Kafka's, it needs a Struct or Map, so a tombstone is an error: pair it with the `RecordIsTombstone` predicate
 * (negated) when a topic has tombstones.
 *
 * Configure once before `apply`; `apply` must not be called concurrently (it is not, by the worker).
 */
export abstract class MaskField<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  readonly #side: KeyOrValue;
  readonly #name: string;
  #settings: MaskSettings | undefined;
  readonly #plans = new SchemaCache<MaskPlan>((schema) => this.#buildPlan(schema));

  protected constructor(side: KeyOrValue) {
    this.#side = side;
    this.#name = `MaskField$${side.variant}`;
  }

  /**
   * Reads `fields`, `replacement` and `replace.null.with.default`.
   * @throws ConfigError when `fields` is missing or empty, or `replacement` is empty.
   */
  configure(props: Readonly<Record<string, unknown>>): void {
    const config = MaskFieldConfig.parse(props);
    this.#settings = {
      fields: new Set(config.fields),
      replacement: config.replacement,
      replaceNullWithDefault: config[REPLACE_NULL_WITH_DEFAULT_CONFIG],
      byKind: new Map(),
    };
    this.#plans.clear();
  }

  /**
   * The record with the named fields of its key or value masked.
   * @throws DataError naming the transformation, the field and the topic when a field cannot be masked or the data
   * is not a Struct or Map (a tombstone included).
   */
  apply(record: R): R {
    const settings = this.#settings;
    if (settings === undefined) {
      throw new ConnectError(`${this.#name} has not been configured: call configure() first.`);
    }
    const value = this.#side.valueOf(record);
    const schema = this.#side.schemaOf(record);
    if (schema === null) {
      const map = requireMap(value, { transform: this.#name, topic: record.topic });
      const updated = new Map(map);
      for (const field of settings.fields) {
        updated.set(field, this.#maskSchemaless(map.get(field) ?? null, settings, field, record.topic));
      }
      return this.#side.withSchemaAndValue(record, null, updated);
    }
    const struct = requireStruct(value, { transform: this.#name, topic: record.topic });
    const { fields, masks } = this.#plans.get(struct.schema);
    const updated = new Struct(struct.schema);
    // Every field keeps its schema, so copies need no second check, and neither do the built-in masks (each is the
    // empty value of its field's type); a mask read from the configured replacement is checked.
    const trustMasks = settings.replacement === undefined;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i] as Field;
      const fieldValue = readField(struct, field, settings.replaceNullWithDefault);
      const mask = masks[i];
      if (mask === undefined || fieldValue === null) updated.putTrusted(field, fieldValue);
      else if (trustMasks) updated.putTrusted(field, this.#mask(mask, field.name, record.topic));
      else updated.put(field, this.#mask(mask, field.name, record.topic));
    }
    return this.#side.withSchemaAndValue(record, schema, updated);
  }

  /** The definition of `fields`, `replacement` and `replace.null.with.default`. */
  config(): typeof MaskFieldConfig {
    return MaskFieldConfig;
  }

  /** Forgets the schemas seen so far. */
  close(): void {
    this.#plans.clear();
  }

  #buildPlan(schema: Schema): MaskPlan {
    const settings = this.#settings as MaskSettings;
    const fields = schema.fields();
    const masks = fields.map((field) =>
      settings.fields.has(field.name) ? maskForSchema(field.schema, settings.replacement) : undefined,
    );
    return { fields, masks };
  }

  #maskSchemaless(value: unknown, settings: MaskSettings, field: string, topic: string): unknown {
    if (value === null) return null;
    const kind = kindKey(value);
    let mask = kind === undefined ? undefined : settings.byKind.get(kind);
    if (mask === undefined) {
      mask = maskForValue(value, settings.replacement);
      if (kind !== undefined) settings.byKind.set(kind, mask);
    }
    return this.#mask(mask, field, topic);
  }

  #mask(mask: Mask, field: string, topic: string): unknown {
    if (mask.kind !== "error") return applyMask(mask);
    throw new DataError(
      `${this.#name} cannot mask field "${field}" of the record on topic "${topic}": ${mask.message}`,
    );
  }
}

/** The kinds of schemaless values whose masks can be shared: all values of a kind mask the same way. */
function kindKey(value: unknown): string | undefined {
  switch (typeof value) {
    case "number":
      return Number.isInteger(value) && value >= -2147483648 && value <= 2147483647 ? "int" : "double";
    case "bigint":
    case "boolean":
    case "string":
      return typeof value;
  }
  return undefined;
}

/**
 * Masks fields of the record's key (Kafka's `org.apache.kafka.connect.transforms.MaskField$Key`).
 *
 * @example
 * ```properties
 * transforms=maskKey
 * transforms.maskKey.type=org.apache.kafka.connect.transforms.MaskField$Key
 * transforms.maskKey.fields=ssn
 * ```
 */
export class MaskFieldKey<R extends ConnectRecord = ConnectRecord> extends MaskField<R> {
  constructor() {
    super(KEY);
  }
}

/**
 * Masks fields of the record's value (Kafka's `org.apache.kafka.connect.transforms.MaskField$Value`).
 *
 * @example
 * ```properties
 * transforms=mask
 * transforms.mask.type=org.apache.kafka.connect.transforms.MaskField$Value
 * transforms.mask.fields=card_number,cvv
 * transforms.mask.replacement=****
 * ```
 */
export class MaskFieldValue<R extends ConnectRecord = ConnectRecord> extends MaskField<R> {
  constructor() {
    super(VALUE);
  }
}
