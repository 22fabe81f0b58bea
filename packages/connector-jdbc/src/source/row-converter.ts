import type { Field, Struct } from "@tributary/api";
import type { SqlRow } from "../connection/sql-client.js";
import type { ColumnReader } from "../dialect/dialect-reader.js";

/** Fills a Struct from a row: each column's value, read by its {@link ColumnReader}, into its field. */
export type RowConverter = (row: SqlRow, struct: Struct) => void;

/**
 * Builds the converter of one column layout. It is generated code with one line per column, so that each row
 * property is read by a literal name and each reader is called from its own call site: a loop over names reads
 * every property through one megamorphic lookup, which costs more than all the conversions when millions of rows
 * stream through. Column names enter the code only as JSON string literals.
 * @internal
 */
export function compileRowConverter(
  names: readonly string[],
  fields: readonly Field[],
  readers: readonly ColumnReader[],
): RowConverter {
  const lines = names.map(
    (name, i) =>
      `v = row[${JSON.stringify(name)}]; struct.putTrusted(fields[${i}], v === null || v === undefined ? null : readers[${i}].read(v));`,
  );
  const factory = new Function(
    "fields",
    "readers",
    `return function convertRow(row, struct) {\n let v;\n ${lines.join("\n ")}\n};`,
  );
  return factory(fields, readers) as RowConverter;
}
