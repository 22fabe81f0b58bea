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
import { describeKind, requireMap, requireStruct } from "../util/requirements.js";
import { SchemaCache } from "../util/schema-cache.js";
import { copySchemaBasics } from "../util/schema-util.js";

/** The configuration of {@link FlattenKey} and {@link FlattenValue}: `delimiter`. */
export const FlattenConfig = defineConfig({
  delimiter: Config.string({
    default: ".",
    importance: "MEDIUM",
    documentation:
      "What goes between the names of a nested field and its parents in the flattened field's name: with '.', field b of struct a becomes a.b.",
  }),
});

/** The parsed configuration of {@link FlattenKey} and {@link FlattenValue}. */
export type FlattenConfigType = ConfigType<typeof FlattenConfig>;

/** One field of the source struct: copied into `target`, or, for a nested struct, flattened through `children`. */
interface FlattenNode {
  readonly source: Field;
  readonly target: Field | undefined;
  readonly children: readonly FlattenNode[] | undefined;
}

interface FlattenPlan {
  readonly schema: Schema;
  readonly nodes: readonly FlattenNode[];
}

/**
 * Flattens nested structs (with a schema) or nested Maps (without one) into one level, naming each field after its
 * path joined with the delimiter, as Kafka's `org.apache.kafka.connect.transforms.Flatten` does; use
 * {@link FlattenKey} or {@link FlattenValue}.
 *
 * With a schema, the flat schema is built once per source schema and keeps the struct's name, version, doc and
 * parameters; a field nested in an optional struct becomes optional, and a field without a default takes one from
 * its parent struct's default. Arrays, and what they hold, are left as they are; MAP fields are not supported with a
 * schema, as in Kafka. Null keys and values pass unchanged.
 *
 * Configure once before `apply`; `apply` must not be called concurrently (it is not, by the worker).
 */
export abstract class Flatten<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  readonly #side: KeyOrValue;
  readonly #name: string;
  #delimiter: string | undefined;
  readonly #plans = new SchemaCache<FlattenPlan>((schema) => this.#buildPlan(schema));

  protected constructor(side: KeyOrValue) {
    this.#side = side;
    this.#name = `Flatten$${side.variant}`;
  }

  /** Reads `delimiter`. */
  configure(props: Readonly<Record<string, unknown>>): void {
    this.#delimiter = FlattenConfig.parse(props).delimiter;
    this.#plans.clear();
  }

  /**
   * The record with its key or value flattened; the record itself when that is null.
   * @throws DataError naming the transformation, the field and the topic for data Flatten cannot flatten.
   */
  apply(record: R): R {
    if (this.#delimiter === undefined) {
      throw new ConnectError(`${this.#name} has not been configured: call configure() first.`);
    }
    const value = this.#side.valueOf(record);
    if (value === null) return record;
    const schema = this.#side.schemaOf(record);
    if (schema === null) {
      const flat = new Map<string, unknown>();
      this.#flattenMap(
        requireMap(value, { transform: this.#name, topic: record.topic }),
        "",
        flat,
        record.topic,
      );
      return this.#side.withSchemaAndValue(record, null, flat);
    }
    const struct = requireStruct(value, { transform: this.#name, topic: record.topic });
    const plan = this.#plan(schema, record.topic);
    const flat = new Struct(plan.schema);
    fill(struct, plan.nodes, flat);
    return this.#side.withSchemaAndValue(record, plan.schema, flat);
  }

  /** The definition of `delimiter`. */
  config(): typeof FlattenConfig {
    return FlattenConfig;
  }

  /** Forgets the schemas built so far. */
  close(): void {
    this.#plans.clear();
  }

  #plan(schema: Schema, topic: string): FlattenPlan {
    try {
      return this.#plans.get(schema);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new DataError(`${this.#name} cannot flatten the record on topic "${topic}": ${message}`, {
        cause: error,
      });
    }
  }

  #buildPlan(schema: Schema): FlattenPlan {
    if (schema.type !== "STRUCT") {
      throw new DataError(
        `its ${this.#side.part} schema is ${schema.type}; Flatten works on STRUCT schemas (or, without a schema, on Maps).`,
      );
    }
    const builder = copySchemaBasics(schema, SchemaBuilder.struct());
    const defaultValue = Struct.isStruct(schema.defaultValue) ? schema.defaultValue : null;
    const nodes = this.#addFields(schema, "", builder, schema.isOptional, defaultValue);
    const flat = builder.build();
    return { schema: flat, nodes: withTargets(nodes, flat) };
  }

  /** Adds the flattened fields of `schema` to `builder`; `optional` and `parentDefault` come from the ancestors. */
  #addFields(
    schema: Schema,
    prefix: string,
    builder: SchemaBuilder,
    optional: boolean,
    parentDefault: Struct | null,
  ): FlattenNode[] {
    const nodes: FlattenNode[] = [];
    for (const field of schema.fields()) {
      const name = this.#join(prefix, field.name);
      const fieldOptional = optional || field.schema.isOptional;
      const fieldDefault = field.schema.defaultValue ?? parentDefault?.get(field) ?? null;
      switch (field.schema.type) {
        case "STRUCT": {
          const nestedDefault = Struct.isStruct(fieldDefault) ? fieldDefault : null;
          const children = this.#addFields(field.schema, name, builder, fieldOptional, nestedDefault);
          nodes.push({ source: field, target: undefined, children });
          break;
        }
        case "MAP":
          throw new DataError(
            `field "${name}" is a MAP, which Flatten does not support in records with a schema (as in Kafka); drop or convert the field first.`,
          );
        default: {
          const fieldBuilder =
            field.schema.type === "ARRAY"
              ? SchemaBuilder.array(field.schema.valueSchema())
              : SchemaBuilder.type(field.schema.type);
          copySchemaBasics(field.schema, fieldBuilder);
          if (fieldOptional) fieldBuilder.optional();
          if (fieldDefault !== null) fieldBuilder.defaultValue(fieldDefault);
          builder.field(name, fieldBuilder);
          nodes.push({ source: field, target: undefined, children: undefined });
        }
      }
    }
    return nodes;
  }

  #flattenMap(map: Map<unknown, unknown>, prefix: string, flat: Map<string, unknown>, topic: string): void {
    for (const [key, value] of map) {
      if (typeof key !== "string") {
        throw new DataError(
          `${this.#name} needs text keys in Maps, but the record on topic "${topic}" has the key ${describeKind(key)}${prefix === "" ? "" : ` in field "${prefix}"`}.`,
        );
      }
      const name = this.#join(prefix, key);
      if (value === null || value === undefined) {
        flat.set(name, null);
      } else if (value instanceof Map) {
        this.#flattenMap(value, name, flat, topic);
      } else if (isFlatSchemaless(value)) {
        flat.set(name, value);
      } else {
        const why = Struct.isStruct(value)
          ? "a Struct in a record without a schema is not supported"
          : "it is not Connect data a record without a schema can hold";
        throw new DataError(
          `${this.#name} cannot flatten field "${name}" of the record on topic "${topic}": it holds ${describeKind(value)}, and ${why}.`,
        );
      }
    }
  }

  #join(prefix: string, name: string): string {
    return prefix === "" ? name : `${prefix}${this.#delimiter}${name}`;
  }
}

/** True for the schemaless values Flatten copies as they are: primitives, bytes and arrays. */
function isFlatSchemaless(value: unknown): boolean {
  switch (typeof value) {
    case "number":
    case "bigint":
    case "boolean":
    case "string":
      return true;
  }
  return value instanceof Uint8Array || Array.isArray(value);
}

/** Copies the leaves of `struct` into `flat`, reading fields with their defaults, as Kafka does. */
function fill(struct: Struct, nodes: readonly FlattenNode[], flat: Struct): void {
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as FlattenNode;
    const value = struct.get(node.source);
    if (node.children === undefined) flat.put(node.target as Field, value);
    else if (value !== null) fill(value as Struct, node.children, flat);
  }
}

/** The nodes with each leaf's field of the built flat schema, taken in the order the leaves were added. */
function withTargets(nodes: readonly FlattenNode[], flat: Schema): FlattenNode[] {
  const targets = flat.fields();
  let next = 0;
  const assign = (list: readonly FlattenNode[]): FlattenNode[] =>
    list.map((node) =>
      node.children === undefined
        ? { ...node, target: targets[next++] }
        : { ...node, children: assign(node.children) },
    );
  return assign(nodes);
}

/**
 * Flattens the record's key (Kafka's `org.apache.kafka.connect.transforms.Flatten$Key`).
 *
 * @example
 * ```properties
 * transforms=flattenKey
 * transforms.flattenKey.type=org.apache.kafka.connect.transforms.Flatten$Key
 * ```
 */
export class FlattenKey<R extends ConnectRecord = ConnectRecord> extends Flatten<R> {
  constructor() {
    super(KEY);
  }
}

/**
 * Flattens the record's value (Kafka's `org.apache.kafka.connect.transforms.Flatten$Value`).
 *
 * @example
 * ```properties
 * transforms=flatten
 * transforms.flatten.type=org.apache.kafka.connect.transforms.Flatten$Value
 * transforms.flatten.delimiter=_
 * ```
 */
export class FlattenValue<R extends ConnectRecord = ConnectRecord> extends Flatten<R> {
  constructor() {
    super(VALUE);
  }
}
