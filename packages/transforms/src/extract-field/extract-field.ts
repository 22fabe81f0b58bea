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
import { withCrossChecks } from "../util/cross-checked-config.js";
import { KEY, type KeyOrValue, VALUE } from "../util/key-or-value.js";
import {
  REPLACE_NULL_WITH_DEFAULT_CONFIG,
  replaceNullWithDefaultKey,
} from "../util/replace-null-with-default.js";
import { describeKind, missingFieldError, requireMap, requireStruct } from "../util/requirements.js";
import { SchemaCache } from "../util/schema-cache.js";
import { SingleFieldPath } from "./single-field-path.js";

/** The name of the key that selects how `field` is read: `field.syntax.version`. */
export const FIELD_SYNTAX_VERSION_CONFIG = "field.syntax.version";

/**
 * The configuration of {@link ExtractFieldKey} and {@link ExtractFieldValue}: `field`,
 * `replace.null.with.default` and `field.syntax.version`. A `V2` path that cannot be read is reported on `field`.
 */
export const ExtractFieldConfig = withCrossChecks(
  defineConfig({
    field: Config.string({
      importance: "MEDIUM",
      documentation:
        "The field to extract. With field.syntax.version=V2, a dotted path to a nested field, such as address.city.",
    }),
    [REPLACE_NULL_WITH_DEFAULT_CONFIG]: replaceNullWithDefaultKey(),
    [FIELD_SYNTAX_VERSION_CONFIG]: Config.enum(["V1", "V2"], {
      default: "V1",
      caseInsensitive: true,
      importance: "HIGH",
      documentation:
        "How field paths are written. V1: a field name at the top level of the struct or map. V2: a dotted path to a nested field; wrap a field name that contains dots in backticks, such as `foo.bar`.baz for the field baz of the field foo.bar.",
    }),
  }),
  (config) => {
    const problem = SingleFieldPath.problem(config.field, config[FIELD_SYNTAX_VERSION_CONFIG]);
    return problem === undefined ? [] : [{ key: "field", value: config.field, reason: problem }];
  },
);

/** The parsed configuration of {@link ExtractFieldKey} and {@link ExtractFieldValue}. */
export type ExtractFieldConfigType = ConfigType<typeof ExtractFieldConfig>;

/** Where the path leads in records of one schema: the field, or why there is none. */
interface ExtractPlan {
  readonly field: Field | undefined;
  /** Set when a step before the last is not a struct, so the path cannot be followed. */
  readonly notStruct: { readonly where: string; readonly type: string } | undefined;
}

/**
 * Replaces the key or value with one of its fields, as Kafka's
 * `org.apache.kafka.connect.transforms.ExtractField` does; use {@link ExtractFieldKey} or {@link ExtractFieldValue}.
 *
 * With a schema, the result has the field's schema (a tombstone keeps a null value but gets that schema); a field
 * the schema lacks is an error. Without a schema, the value must be a Map and a missing field gives null, as in
 * Kafka. With `field.syntax.version=V2` the field may be nested (`address.city`); a null on the way gives null.
 *
 * Configure once before `apply`; `apply` must not be called concurrently (it is not, by the worker).
 */
export abstract class ExtractField<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  readonly #side: KeyOrValue;
  readonly #name: string;
  #path: SingleFieldPath | undefined;
  #replaceNullWithDefault = true;
  readonly #plans = new SchemaCache<ExtractPlan>((schema) => this.#buildPlan(schema));

  protected constructor(side: KeyOrValue) {
    this.#side = side;
    this.#name = `ExtractField$${side.variant}`;
  }

  /**
   * Reads `field`, `field.syntax.version` and `replace.null.with.default`.
   * @throws ConfigError when `field` is missing or is not a valid path.
   */
  configure(props: Readonly<Record<string, unknown>>): void {
    const config = ExtractFieldConfig.parse(props);
    this.#path = SingleFieldPath.parse(config.field, config[FIELD_SYNTAX_VERSION_CONFIG]);
    this.#replaceNullWithDefault = config[REPLACE_NULL_WITH_DEFAULT_CONFIG];
    this.#plans.clear();
  }

  /**
   * The record with the field in place of its key or value.
   * @throws DataError naming the transformation, the field and the topic when a schema lacks the field or the data
   * is not a Struct or Map.
   */
  apply(record: R): R {
    const path = this.#path;
    if (path === undefined)
      throw new ConnectError(`${this.#name} has not been configured: call configure() first.`);
    const value = this.#side.valueOf(record);
    const schema = this.#side.schemaOf(record);
    const purpose = { transform: this.#name, field: path.text, topic: record.topic };
    if (schema === null) {
      const extracted = value === null ? null : this.#fromMap(requireMap(value, purpose), path, record.topic);
      return this.#side.withSchemaAndValue(record, null, extracted);
    }
    const struct = value === null ? null : requireStruct(value, purpose);
    const { field, notStruct } = this.#plans.get(schema);
    if (notStruct !== undefined) {
      throw new DataError(
        `${this.#name} cannot follow the path "${path.text}" in the record on topic "${record.topic}": ${notStruct.where} has a ${notStruct.type} schema, not a STRUCT one. Check the path in the field setting.`,
      );
    }
    if (field === undefined)
      throw missingFieldError(purpose, path.steps.length === 1 ? names(schema) : undefined);
    const extracted = struct === null ? null : this.#fromStruct(struct, path, record.topic);
    return this.#side.withSchemaAndValue(record, field.schema, extracted);
  }

  /** The definition of `field`, `replace.null.with.default` and `field.syntax.version`. */
  config(): typeof ExtractFieldConfig {
    return ExtractFieldConfig;
  }

  /** Forgets the schemas seen so far. */
  close(): void {
    this.#plans.clear();
  }

  #buildPlan(schema: Schema): ExtractPlan {
    const { steps } = this.#path as SingleFieldPath;
    let current = schema;
    for (let i = 0; i < steps.length; i++) {
      if (current.type !== "STRUCT") {
        const where = i === 0 ? `the ${this.#side.part}` : `field "${steps[i - 1]}"`;
        return { field: undefined, notStruct: { where, type: current.type } };
      }
      const field = current.field(steps[i] as string);
      if (field === undefined || i === steps.length - 1) return { field, notStruct: undefined };
      current = field.schema;
    }
    return { field: undefined, notStruct: undefined };
  }

  #fromStruct(struct: Struct, path: SingleFieldPath, topic: string): unknown {
    let current = struct;
    const { steps } = path;
    for (let i = 0; i < steps.length - 1; i++) {
      const step = steps[i] as string;
      if (current.schema.field(step) === undefined) return null;
      const next = current.get(step);
      if (next === null) return null;
      if (!Struct.isStruct(next)) throw this.#notNested(path, step, next, topic, "Struct");
      current = next;
    }
    if (current.schema.field(path.last) === undefined) return null;
    return this.#replaceNullWithDefault ? current.get(path.last) : current.getWithoutDefault(path.last);
  }

  #fromMap(map: Map<string, unknown>, path: SingleFieldPath, topic: string): unknown {
    let current = map;
    const { steps } = path;
    for (let i = 0; i < steps.length - 1; i++) {
      const step = steps[i] as string;
      const next = current.get(step) ?? null;
      if (next === null) return null;
      if (!(next instanceof Map)) throw this.#notNested(path, step, next, topic, "Map");
      current = next as Map<string, unknown>;
    }
    return current.get(path.last) ?? null;
  }

  #notNested(path: SingleFieldPath, step: string, value: unknown, topic: string, kind: string): DataError {
    return new DataError(
      `${this.#name} cannot follow the path "${path.text}" in the record on topic "${topic}": field "${step}" holds ${describeKind(value)}, not a ${kind}.`,
    );
  }
}

function names(schema: Schema): string[] {
  return schema.fields().map((field) => field.name);
}

/**
 * Replaces the record's key with one of its fields (Kafka's `org.apache.kafka.connect.transforms.ExtractField$Key`).
 *
 * @example
 * ```properties
 * transforms=extractId
 * transforms.extractId.type=org.apache.kafka.connect.transforms.ExtractField$Key
 * transforms.extractId.field=id
 * ```
 */
export class ExtractFieldKey<R extends ConnectRecord = ConnectRecord> extends ExtractField<R> {
  constructor() {
    super(KEY);
  }
}

/**
 * Replaces the record's value with one of its fields (Kafka's
 * `org.apache.kafka.connect.transforms.ExtractField$Value`).
 *
 * @example
 * ```properties
 * transforms=city
 * transforms.city.type=org.apache.kafka.connect.transforms.ExtractField$Value
 * transforms.city.field=address.city
 * transforms.city.field.syntax.version=V2
 * ```
 */
export class ExtractFieldValue<R extends ConnectRecord = ConnectRecord> extends ExtractField<R> {
  constructor() {
    super(VALUE);
  }
}
