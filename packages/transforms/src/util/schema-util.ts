import type { Schema, SchemaBuilder } from "@tributary/api";

/**
 * Copies a schema's name, version, doc and parameters onto `builder`, as Kafka's transformations do when they
 * derive a schema: optionality, the default value and fields are not copied, since the derived schema decides
 * those itself.
 * @internal
 */
export function copySchemaBasics(source: Schema, builder: SchemaBuilder): SchemaBuilder {
  if (source.name !== undefined) builder.name(source.name);
  if (source.version !== undefined) builder.version(source.version);
  if (source.doc !== undefined) builder.doc(source.doc);
  if (source.parameters !== undefined) builder.parameters(source.parameters);
  return builder;
}
