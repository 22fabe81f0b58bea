import { ConnectError, type Field, type Schema, SchemaBuilder } from "@tributary/api";
import type { ColumnDefinition, ColumnReader } from "../dialect/dialect-reader.js";
import { compileRowConverter, type RowConverter } from "./row-converter.js";
import type { TableQuerierOptions } from "./table-querier.js";

/** The columns of one run of a {@link TableQuerier}, and how each becomes a field. @internal */
export interface Layout {
  /** The described columns, as text: the same text means the same layout. */
  readonly signature: string;
  /** The value schema: a struct named after the table (unnamed for a query), one field per mapped column. */
  readonly schema: Schema;
  readonly names: readonly string[];
  readonly fields: readonly Field[];
  readonly readers: readonly ColumnReader[];
  readonly incrementing: ColumnDefinition | undefined;
  readonly timestamps: readonly ColumnDefinition[];
  /** The quoted columns to select. */
  readonly selected: readonly string[];
  readonly convert: RowConverter;
}

/** What {@link columnLayout} needs of a querier's options, and its name for messages. @internal */
export type LayoutOptions = Pick<
  TableQuerierOptions,
  | "dialect"
  | "source"
  | "mode"
  | "readOptions"
  | "onUnmappable"
  | "incrementingColumn"
  | "timestampColumns"
  | "validateNonNull"
> & { readonly description: string };

/**
 * Maps described columns to a value schema, readers and the mode's incrementing and timestamp columns; unmappable
 * columns are left out (reported through `onUnmappable`).
 * @throws ConnectError when the mode's columns are missing, unreadable or (with `validate.non.null`) nullable.
 * @internal
 */
export function columnLayout(
  columns: readonly ColumnDefinition[],
  signature: string,
  options: LayoutOptions,
): Layout {
  const { dialect, source, mode } = options;
  const builder = SchemaBuilder.struct();
  if ("table" in source) builder.name(source.table.name);
  const readers: ColumnReader[] = [];
  for (const column of columns) {
    const reader = dialect.reader.columnReader(column, options.readOptions);
    if (reader === undefined) {
      options.onUnmappable(column);
      continue;
    }
    readers.push(reader);
    builder.field(column.name, reader.schema);
  }
  const schema = builder.build();
  const mapped = (name: string, role: string): ColumnDefinition => {
    const reader = readers.find((candidate) => candidate.column.name === name);
    if (reader === undefined) {
      const exists = columns.some((column) => column.name === name);
      throw new ConnectError(
        exists
          ? `The ${role} column ${name} of ${options.description} has a type the JDBC source cannot read; choose another column.`
          : `${options.description} has no column ${name}, which ${role === "incrementing" ? "incrementing.column.name" : "timestamp.column.name"} names. Columns: ${columns.map((c) => c.name).join(", ")}.`,
      );
    }
    return reader.column;
  };
  let incrementing: ColumnDefinition | undefined;
  if (mode === "incrementing" || mode === "timestamp+incrementing") {
    const name = options.incrementingColumn || columns.find((column) => column.autoIncrement)?.name;
    if (name === undefined) {
      throw new ConnectError(
        `${options.description} has no auto-increment column, so the ${mode} mode cannot find new rows; set incrementing.column.name.`,
      );
    }
    incrementing = mapped(name, "incrementing");
  }
  let timestamps: ColumnDefinition[] = [];
  if (mode === "timestamp" || mode === "timestamp+incrementing") {
    if (options.timestampColumns.length === 0) {
      throw new ConnectError(
        `The ${mode} mode needs timestamp.column.name: the column(s) that hold each row's last change.`,
      );
    }
    timestamps = options.timestampColumns.map((name) => mapped(name, "timestamp"));
  }
  if (options.validateNonNull && "table" in source) {
    if (incrementing?.nullable === true) {
      throw new ConnectError(
        `The incrementing column ${incrementing.name} of ${options.description} is nullable; rows with NULL there would never be read. Make it NOT NULL, or set validate.non.null=false.`,
      );
    }
    if (timestamps.length > 0 && timestamps.every((column) => column.nullable)) {
      throw new ConnectError(
        `The timestamp column(s) ${timestamps.map((c) => c.name).join(", ")} of ${options.description} are all nullable; rows with NULL there would never be read. Make one NOT NULL, or set validate.non.null=false.`,
      );
    }
  }
  const names = readers.map((reader) => reader.column.name);
  return {
    signature,
    schema,
    names,
    fields: schema.fields(),
    convert: compileRowConverter(names, schema.fields(), readers),
    readers,
    incrementing,
    timestamps,
    selected: readers.map((reader) => dialect.identifier(reader.column.name)),
  };
}
