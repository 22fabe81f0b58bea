import {
  Config,
  type ConfigType,
  ConnectError,
  type ConnectRecord,
  DataError,
  defineConfig,
  type Field,
  type Headers,
  type Schema,
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
import { missingFieldError, requireMap, requireStruct } from "../util/requirements.js";
import { SchemaCache } from "../util/schema-cache.js";
import { copySchemaBasics } from "../util/schema-util.js";

/**
 * The configuration of {@link HeaderFromKey} and {@link HeaderFromValue}: `fields` and `headers` (lists of the same
 * length, at least one entry each), `operation` (`move` or `copy`) and `replace.null.with.default`. Lists of different
 * lengths are reported on `headers` when validating.
 */
export const HeaderFromConfig = withCrossChecks(
  defineConfig({
    fields: Config.list({
      importance: "HIGH",
      documentation: "The fields of the key or value whose values become headers.",
      validate: (fields) =>
        fields.length === 0 ? "give at least one field to turn into a header." : undefined,
    }),
    headers: Config.list({
      importance: "HIGH",
      documentation: "The header keys, in the same order as the fields they take their values from.",
      validate: (headers) => (headers.length === 0 ? "give at least one header key." : undefined),
    }),
    operation: Config.enum(["move", "copy"], {
      importance: "HIGH",
      documentation:
        "move to remove the fields from the key or value as they become headers, copy to leave them there too.",
    }),
    [REPLACE_NULL_WITH_DEFAULT_CONFIG]: replaceNullWithDefaultKey(),
  }),
  (config) =>
    config.fields.length === config.headers.length
      ? []
      : [
          {
            key: "headers",
            value: config.headers,
            reason: `it names ${config.headers.length} header(s) but fields names ${config.fields.length} field(s); give one header key per field, in the same order.`,
          },
        ],
);

/** The parsed configuration of {@link HeaderFromKey} and {@link HeaderFromValue}. */
export type HeaderFromConfigType = ConfigType<typeof HeaderFromConfig>;

interface Settings {
  readonly fields: readonly string[];
  readonly headers: readonly string[];
  readonly move: boolean;
  readonly replaceNullWithDefault: boolean;
}

/** What one source schema needs: the fields read into headers, and (when moving) the schema without them. */
interface Plan {
  /** The field read for each configured field, in order; undefined where the schema has no such field. */
  readonly sources: readonly (Field | undefined)[];
  /** The names of the schema's fields, for the error about a missing one. */
  readonly names: readonly string[];
  readonly schema: Schema;
  readonly kept: readonly Field[];
}

/**
 * Moves or copies fields of the key or value into headers, as Kafka's
 * `org.apache.kafka.connect.transforms.HeaderFrom` does; use {@link HeaderFromKey} or {@link HeaderFromValue}.
 *
 * The i-th entry of `fields` becomes a header keyed by the i-th entry of `headers`, added after the record's
 * existing headers. With a schema, each header has the field's schema; with `move` the new schema is the old one
 * (same name, version, doc and parameters) without those fields, built once per source schema. Without a schema the
 * key or value must be a Map; the headers have no schema, and a field the Map lacks gives a null header. As in
 * Kafka, a null key or value (a tombstone) is an error, not passed through: guard the transformation with a
 * predicate (`RecordIsTombstone`, negated) when tombstones occur.
 *
 * Configure once before `apply`; `apply` must not be called concurrently (it is not, by the worker).
 */
export abstract class HeaderFrom<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  readonly #side: KeyOrValue;
  readonly #name: string;
  #settings: Settings | undefined;
  readonly #plans = new SchemaCache<Plan>((schema) => this.#buildPlan(schema));

  protected constructor(side: KeyOrValue) {
    this.#side = side;
    this.#name = `HeaderFrom$${side.variant}`;
  }

  /**
   * Reads the fields, headers and operation.
   * @throws ConfigError when a key is missing, a list is empty, the lists differ in length, or the operation is
   * neither `move` nor `copy`.
   */
  configure(props: Readonly<Record<string, unknown>>): void {
    const config = HeaderFromConfig.parse(props);
    this.#settings = {
      fields: config.fields,
      headers: config.headers,
      move: config.operation === "move",
      replaceNullWithDefault: config[REPLACE_NULL_WITH_DEFAULT_CONFIG],
    };
    this.#plans.clear();
  }

  /**
   * The record with the fields added as headers (and, with `move`, removed from its key or value).
   * @throws DataError naming the transformation, the field and the topic when the key or value is null or not a
   * Struct (with a schema) or Map (without one), or its schema lacks a configured field.
   */
  apply(record: R): R {
    const settings = this.#settings;
    if (settings === undefined) {
      throw new ConnectError(`${this.#name} has not been configured: call configure() first.`);
    }
    const value = this.#side.valueOf(record);
    const schema = this.#side.schemaOf(record);
    const purpose = { transform: this.#name, topic: record.topic };
    const headers = record.headers.duplicate();
    if (schema === null) {
      const map = requireMap(value, purpose);
      const updated = settings.move ? new Map(map) : map;
      settings.fields.forEach((field, i) => {
        headers.add(settings.headers[i] as string, map.get(field) ?? null, null);
        if (settings.move) updated.delete(field);
      });
      return this.#newRecord(record, null, updated, headers);
    }
    const struct = requireStruct(value, purpose);
    const plan = this.#plans.get(schema);
    const { replaceNullWithDefault } = settings;
    plan.sources.forEach((field, i) => {
      const key = settings.headers[i] as string;
      if (field === undefined) {
        const name = settings.fields[i] as string;
        throw missingFieldError({ ...purpose, field: name }, plan.names);
      }
      try {
        headers.add(key, readField(struct, field, replaceNullWithDefault), field.schema);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new DataError(
          `${this.#name} cannot put field "${field.name}" of the record on topic "${record.topic}" into header "${key}": ${reason}`,
          { cause: error },
        );
      }
    });
    let updated = struct;
    if (settings.move) {
      updated = new Struct(plan.schema);
      for (const field of plan.kept) {
        updated.put(field.name, readField(struct, field.name, replaceNullWithDefault));
      }
    }
    return this.#newRecord(record, plan.schema, updated, headers);
  }

  /** The definition of the configuration keys. */
  config(): typeof HeaderFromConfig {
    return HeaderFromConfig;
  }

  /** Forgets the schemas built so far. */
  close(): void {
    this.#plans.clear();
  }

  /** One copy of the record with the new key or value and headers, rather than two. */
  #newRecord(record: R, schema: Schema | null, value: unknown, headers: Headers): R {
    return this.#side.part === "key"
      ? record.newRecord({ keySchema: schema, key: value, headers })
      : record.newRecord({ valueSchema: schema, value, headers });
  }

  #buildPlan(schema: Schema): Plan {
    const settings = this.#settings as Settings;
    const fields = schema.type === "STRUCT" ? schema.fields() : [];
    const names = fields.map((field) => field.name);
    const sources = settings.fields.map((name) => fields.find((field) => field.name === name));
    if (!settings.move) return { sources, names, schema, kept: fields };
    const moved = new Set(settings.fields);
    const builder = copySchemaBasics(schema, SchemaBuilder.struct());
    for (const field of fields) {
      if (!moved.has(field.name)) builder.field(field.name, field.schema);
    }
    const updated = builder.build();
    return { sources, names, schema: updated, kept: updated.fields() };
  }
}

/**
 * Moves or copies fields of the record's key into headers (Kafka's
 * `org.apache.kafka.connect.transforms.HeaderFrom$Key`).
 *
 * @example
 * ```properties
 * transforms=tenant
 * transforms.tenant.type=org.apache.kafka.connect.transforms.HeaderFrom$Key
 * transforms.tenant.fields=tenant
 * transforms.tenant.headers=tenant-id
 * transforms.tenant.operation=copy
 * ```
 */
export class HeaderFromKey<R extends ConnectRecord = ConnectRecord> extends HeaderFrom<R> {
  constructor() {
    super(KEY);
  }
}

/**
 * Moves or copies fields of the record's value into headers (Kafka's
 * `org.apache.kafka.connect.transforms.HeaderFrom$Value`).
 *
 * @example
 * ```properties
 * transforms=trace
 * transforms.trace.type=org.apache.kafka.connect.transforms.HeaderFrom$Value
 * transforms.trace.fields=traceId,spanId
 * transforms.trace.headers=trace-id,span-id
 * transforms.trace.operation=move
 * ```
 */
export class HeaderFromValue<R extends ConnectRecord = ConnectRecord> extends HeaderFrom<R> {
  constructor() {
    super(VALUE);
  }
}
