import { BigDecimal, ConnectDate, ConnectTime, ConnectTimestamp, Decimal, type Schema } from "@tributary/api";
import type { DecimalMapping } from "../config/elasticsearch-sink-config.js";

/** A mapping, as the engine's JSON API takes it. */
export type Mapping = { readonly [key: string]: unknown };

/** What decides a mapping besides the schema: the Decimal mapping and the layout of maps. */
export interface MappingOptions {
  /** `keyword`, `scaled_float` (scaled by 10^scale) or `double`. */
  readonly decimalMapping: DecimalMapping;
  /** Maps with string keys are objects (dynamic) rather than arrays of key/value objects. */
  readonly compactMapEntries: boolean;
}

/**
 * The index mapping for documents of a value schema, following the Elasticsearch connector's table: STRUCT becomes
 * `properties`; INT8…INT64 `byte`, `short`, `integer`, `long`; FLOAT32/64 `float`, `double`; BOOLEAN `boolean`;
 * STRING `text` with a `keyword` sub-field; BYTES `binary`; Date, Time and Timestamp `date`; Decimal per
 * {@link MappingOptions.decimalMapping}; an ARRAY its elements' mapping; a MAP an object (compact, string keys) or
 * `key`/`value` properties. A default value becomes `null_value` where the field type has one.
 *
 * Returns `undefined` for a schema that does not describe a document (not a STRUCT), leaving the mapping to the
 * engine.
 * @internal
 */
export function mappingFor(schema: Schema, options: MappingOptions): Mapping | undefined {
  if (schema.type !== "STRUCT") return undefined;
  return fieldMapping(schema, options);
}

function fieldMapping(schema: Schema, options: MappingOptions): Mapping {
  switch (schema.name) {
    case Decimal.LOGICAL_NAME:
      return decimalMapping(schema, options.decimalMapping);
    case ConnectDate.LOGICAL_NAME:
    case ConnectTime.LOGICAL_NAME:
    case ConnectTimestamp.LOGICAL_NAME:
      return withNullValue({ type: "date" }, schema, (value) =>
        value instanceof Date ? value.getTime() : Number(value),
      );
  }
  switch (schema.type) {
    case "INT8":
      return withNullValue({ type: "byte" }, schema, Number);
    case "INT16":
      return withNullValue({ type: "short" }, schema, Number);
    case "INT32":
      return withNullValue({ type: "integer" }, schema, Number);
    case "INT64":
      // A bigint default past 2^53 would round as a JSON number; as a string the engine parses it exactly.
      return withNullValue({ type: "long" }, schema, (value) => String(value));
    case "FLOAT32":
      return withNullValue({ type: "float" }, schema, Number);
    case "FLOAT64":
      return withNullValue({ type: "double" }, schema, Number);
    case "BOOLEAN":
      return withNullValue({ type: "boolean" }, schema, Boolean);
    case "STRING":
      // text has no null_value; the writer puts the default into the document instead.
      return { type: "text", fields: { keyword: { type: "keyword", ignore_above: 256 } } };
    case "BYTES":
      return { type: "binary" };
    case "ARRAY":
      return fieldMapping(schema.valueSchema(), options);
    case "MAP":
      if (options.compactMapEntries && schema.keySchema().type === "STRING") return { type: "object" };
      return {
        properties: {
          key: fieldMapping(schema.keySchema(), options),
          value: fieldMapping(schema.valueSchema(), options),
        },
      };
    case "STRUCT": {
      const properties: Record<string, Mapping> = {};
      for (const field of schema.fields()) properties[field.name] = fieldMapping(field.schema, options);
      return { properties };
    }
  }
}

function decimalMapping(schema: Schema, mapping: DecimalMapping): Mapping {
  const text = (value: unknown): string =>
    BigDecimal.isBigDecimal(value) ? value.toPlainString() : String(value);
  switch (mapping) {
    case "keyword":
      return withNullValue({ type: "keyword" }, schema, text);
    case "scaled_float":
      return withNullValue(
        { type: "scaled_float", scaling_factor: 10 ** Decimal.scaleOf(schema) },
        schema,
        (value) => Number(text(value)),
      );
    case "double":
      return withNullValue({ type: "double" }, schema, (value) => Number(text(value)));
  }
}

function withNullValue(mapping: Mapping, schema: Schema, convert: (value: unknown) => unknown): Mapping {
  const fallback = schema.defaultValue;
  return fallback === undefined || fallback === null
    ? mapping
    : { ...mapping, null_value: convert(fallback) };
}
