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
import { javaSplit } from "../util/java-split.js";
import { KEY, type KeyOrValue, VALUE } from "../util/key-or-value.js";
import {
  REPLACE_NULL_WITH_DEFAULT_CONFIG,
  readField,
  replaceNullWithDefaultKey,
} from "../util/replace-null-with-default.js";
import { requireMap, requireStruct } from "../util/requirements.js";
import { SchemaCache } from "../util/schema-cache.js";
import { copySchemaBasics } from "../util/schema-util.js";

/**
 * The configuration of {@link ReplaceFieldKey} and {@link ReplaceFieldValue}: `exclude`, `include`, `renames` and
 * `replace.null.with.default`, plus `blacklist` and `whitelist`, the old names of `exclude` and `include` (used only
 * when the new name is not set).
 */
export const ReplaceFieldConfig = defineConfig({
  exclude: Config.list({
    default: [],
    importance: "MEDIUM",
    documentation: "Fields to drop. This takes precedence over include.",
  }),
  blacklist: Config.list({
    optional: true,
    importance: "LOW",
    documentation: "Deprecated: use exclude, which wins when both are set.",
  }),
  include: Config.list({
    default: [],
    importance: "MEDIUM",
    documentation: "Fields to keep; when set, every other field is dropped.",
  }),
  whitelist: Config.list({
    optional: true,
    importance: "LOW",
    documentation: "Deprecated: use include, which wins when both are set.",
  }),
  renames: Config.list({
    default: [],
    importance: "MEDIUM",
    documentation: "Fields to rename, as old:new pairs separated by commas, such as foo:bar,abc:xyz.",
    validate: renamesProblem,
  }),
  [REPLACE_NULL_WITH_DEFAULT_CONFIG]: replaceNullWithDefaultKey(),
});

/** The parsed configuration of {@link ReplaceFieldKey} and {@link ReplaceFieldValue}. */
export type ReplaceFieldConfigType = ConfigType<typeof ReplaceFieldConfig>;

interface ReplaceSettings {
  readonly exclude: ReadonlySet<string>;
  readonly include: ReadonlySet<string>;
  readonly renames: ReadonlyMap<string, string>;
  readonly replaceNullWithDefault: boolean;
}

/** The new schema of one source schema and, for each of its fields, the source field it is read from. */
interface ReplacePlan {
  readonly schema: Schema;
  readonly sources: readonly Field[];
  readonly targets: readonly Field[];
}

/**
 * Drops, keeps and renames fields of the key or value, as Kafka's `org.apache.kafka.connect.transforms.ReplaceField`
 * does; use {@link ReplaceFieldKey} or {@link ReplaceFieldValue}.
 *
 * A field is kept when it is not excluded and either nothing is included or it is included; a kept field is renamed
 * when `renames` names it. With a schema, the new schema is built once per source schema and keeps the struct's name,
 * version, doc and parameters and each kept field's schema. Without one the value must be a Map. Null keys and values
 * pass unchanged.
 *
 * Configure once before `apply`; `apply` must not be called concurrently (it is not, by the worker).
 */
export abstract class ReplaceField<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  readonly #side: KeyOrValue;
  readonly #name: string;
  #settings: ReplaceSettings | undefined;
  readonly #plans = new SchemaCache<ReplacePlan>((schema) => this.#buildPlan(schema));

  protected constructor(side: KeyOrValue) {
    this.#side = side;
    this.#name = `ReplaceField$${side.variant}`;
  }

  /**
   * Reads the fields to drop, keep and rename; `blacklist` and `whitelist` stand in for `exclude` and `include` when
   * those are not set.
   * @throws ConfigError when a rename is not an old:new pair.
   */
  configure(props: Readonly<Record<string, unknown>>): void {
    const config = ReplaceFieldConfig.parse(props);
    const given = (key: string) => props[key] !== undefined && props[key] !== null;
    const exclude = given("exclude") ? config.exclude : (config.blacklist ?? config.exclude);
    const include = given("include") ? config.include : (config.whitelist ?? config.include);
    this.#settings = {
      exclude: new Set(exclude),
      include: new Set(include),
      renames: parseRenames(config.renames),
      replaceNullWithDefault: config[REPLACE_NULL_WITH_DEFAULT_CONFIG],
    };
    this.#plans.clear();
  }

  /**
   * The record with fields of its key or value dropped and renamed; the record itself when that is null.
   * @throws DataError naming the transformation and the topic when the data is not a Struct or Map, or two fields
   * would get the same name.
   */
  apply(record: R): R {
    const settings = this.#settings;
    if (settings === undefined) {
      throw new ConnectError(`${this.#name} has not been configured: call configure() first.`);
    }
    const value = this.#side.valueOf(record);
    if (value === null) return record;
    if (this.#side.schemaOf(record) === null) {
      const map = requireMap(value, { transform: this.#name, topic: record.topic });
      const updated = new Map<string, unknown>();
      for (const [name, fieldValue] of map) {
        if (keeps(settings, name)) updated.set(settings.renames.get(name) ?? name, fieldValue);
      }
      return this.#side.withSchemaAndValue(record, null, updated);
    }
    const struct = requireStruct(value, { transform: this.#name, topic: record.topic });
    const plan = this.#plan(struct.schema, record.topic);
    const updated = new Struct(plan.schema);
    const { sources, targets } = plan;
    // Each kept field has the schema it had in `struct`, so its value needs no second check.
    for (let i = 0; i < sources.length; i++) {
      updated.putTrusted(
        targets[i] as Field,
        readField(struct, sources[i] as Field, settings.replaceNullWithDefault),
      );
    }
    return this.#side.withSchemaAndValue(record, plan.schema, updated);
  }

  /** The definition of `exclude`, `include`, `renames`, `replace.null.with.default` and the deprecated names. */
  config(): typeof ReplaceFieldConfig {
    return ReplaceFieldConfig;
  }

  /** Forgets the schemas built so far. */
  close(): void {
    this.#plans.clear();
  }

  #plan(schema: Schema, topic: string): ReplacePlan {
    try {
      return this.#plans.get(schema);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new DataError(
        `${this.#name} cannot replace fields of ${schema.toString()} in the record on topic "${topic}": ${message} Check that renames do not give two fields the same name.`,
        { cause: error },
      );
    }
  }

  #buildPlan(schema: Schema): ReplacePlan {
    const settings = this.#settings as ReplaceSettings;
    const builder = copySchemaBasics(schema, SchemaBuilder.struct());
    const sources: Field[] = [];
    for (const field of schema.fields()) {
      if (!keeps(settings, field.name)) continue;
      builder.field(settings.renames.get(field.name) ?? field.name, field.schema);
      sources.push(field);
    }
    const updated = builder.build();
    return { schema: updated, sources, targets: updated.fields() };
  }
}

function keeps(settings: ReplaceSettings, name: string): boolean {
  return !settings.exclude.has(name) && (settings.include.size === 0 || settings.include.has(name));
}

/** Reads `renames`: `old:new` pairs split as Java splits them, not trimmed; a later pair for a name wins. */
function parseRenames(mappings: readonly string[]): Map<string, string> {
  const renames = new Map<string, string>();
  for (const mapping of mappings) {
    const [from = "", to = ""] = javaSplit(mapping, ":");
    renames.set(from, to);
  }
  return renames;
}

function renamesProblem(mappings: readonly string[]): string | undefined {
  const bad = mappings.find((mapping) => javaSplit(mapping, ":").length !== 2);
  return bad === undefined
    ? undefined
    : `"${bad}" is not a rename; write each rename as old:new (such as foo:bar), separated by commas.`;
}

/**
 * Drops, keeps and renames fields of the record's key (Kafka's
 * `org.apache.kafka.connect.transforms.ReplaceField$Key`).
 *
 * @example
 * ```properties
 * transforms=keyFields
 * transforms.keyFields.type=org.apache.kafka.connect.transforms.ReplaceField$Key
 * transforms.keyFields.include=id
 * ```
 */
export class ReplaceFieldKey<R extends ConnectRecord = ConnectRecord> extends ReplaceField<R> {
  constructor() {
    super(KEY);
  }
}

/**
 * Drops, keeps and renames fields of the record's value (Kafka's
 * `org.apache.kafka.connect.transforms.ReplaceField$Value`).
 *
 * @example
 * ```properties
 * transforms=fields
 * transforms.fields.type=org.apache.kafka.connect.transforms.ReplaceField$Value
 * transforms.fields.exclude=password
 * transforms.fields.renames=cust_id:customer_id,ts:updated_at
 * ```
 */
export class ReplaceFieldValue<R extends ConnectRecord = ConnectRecord> extends ReplaceField<R> {
  constructor() {
    super(VALUE);
  }
}
