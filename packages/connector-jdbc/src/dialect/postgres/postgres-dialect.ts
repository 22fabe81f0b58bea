import { BaseDialect } from "../base-dialect.js";
import type { ColumnarInsert } from "../dialect.js";
import type { TableId } from "../dialect-reader.js";

/** Column types (as the catalog names them) whose arrays the driver writes and the server casts exactly. */
const ARRAY_TYPES = new Set([
  "int2",
  "int4",
  "int8",
  "float4",
  "float8",
  "numeric",
  "bool",
  "text",
  "varchar",
  "bpchar",
  "bytea",
  "date",
  "time",
  "timestamp",
  "timestamptz",
  "json",
  "jsonb",
  "uuid",
]);

/** The PostgreSQL dialect: `"quoted"` identifiers, `$n` placeholders, `INSERT … ON CONFLICT … DO UPDATE`. */
export class PostgresDialect extends BaseDialect {
  readonly name = "postgresql" as const;
  /** The protocol counts parameters in 16 bits. */
  readonly maxParameters = 65_535;

  quoteIdentifier(name: string): string {
    return this.quoteWith(name, '"');
  }

  override placeholder(index: number): string {
    return `$${index}`;
  }

  parseTableName(text: string): TableId {
    const parts = this.splitTableName(text, 3);
    const name = parts.at(-1) as string;
    if (parts.length === 3) return { catalog: parts[0], schema: parts[1], name };
    return { catalog: undefined, schema: parts.length === 2 ? parts[0] : undefined, name };
  }

  protected readonly columnTypes = {
    INT8: "SMALLINT",
    INT16: "SMALLINT",
    INT32: "INTEGER",
    INT64: "BIGINT",
    FLOAT32: "REAL",
    FLOAT64: "DOUBLE PRECISION",
    BOOLEAN: "BOOLEAN",
    BYTES: "BYTEA",
    date: "DATE",
    time: "TIME(3)",
    timestamp: "TIMESTAMP(3)",
    STRING: "TEXT",
  } as const;

  /**
   * `INSERT … SELECT * FROM UNNEST($1::type[], …)`: one array per column. PostgreSQL parses and plans one short
   * statement instead of a VALUES list of thousands of parameters, which makes large batches faster.
   */
  columnarInsert(
    table: TableId,
    columns: readonly string[],
    columnTypes: readonly string[],
    keyColumns: readonly string[] | undefined,
  ): ColumnarInsert | undefined {
    if (columnTypes.length !== columns.length || !columnTypes.every((type) => ARRAY_TYPES.has(type)))
      return undefined;
    const arrays = columnTypes.map((type, i) => `$${i + 1}::${type}[]`).join(", ");
    const names = columns.map((column) => this.identifier(column)).join(", ");
    const insert = `INSERT INTO ${this.tableName(table)} (${names}) SELECT * FROM UNNEST(${arrays})`;
    const sql = keyColumns === undefined ? insert : `${insert} ${this.onConflict(keyColumns, columns)}`;
    return { sql, encode: arrayLiteral };
  }

  protected override timestampsWithOffset(): boolean {
    return true;
  }

  protected override bytesLiteral(bytes: Buffer): string {
    return `'\\x${bytes.toString("hex")}'::bytea`;
  }
}

const NEEDS_ESCAPE = /[\\"]/;
const ESCAPED = /[\\"]/g;

/**
 * PostgreSQL's text form of an array of bound values (`{1,"a b",NULL}`), the parameter of one UNNEST column. The
 * driver would build it too, but escapes every element with two regular expressions; here only strings that hold a
 * quote or backslash are escaped, and every string is quoted, so none can be read as NULL or split on a comma.
 */
function arrayLiteral(values: readonly unknown[]): string {
  let text = "{";
  for (let i = 0; i < values.length; i++) {
    if (i > 0) text += ",";
    const value = values[i];
    if (value === null || value === undefined) text += "NULL";
    else if (typeof value === "number" || typeof value === "bigint") text += String(value);
    else if (typeof value === "boolean") text += value ? "t" : "f";
    else if (Buffer.isBuffer(value)) text += `"\\\\x${value.toString("hex")}"`;
    else {
      const s = String(value);
      text += NEEDS_ESCAPE.test(s) ? `"${s.replace(ESCAPED, "\\$&")}"` : `"${s}"`;
    }
  }
  return `${text}}`;
}
