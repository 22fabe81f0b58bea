import type { Schema } from "@tributary/api";
import { BaseDialect } from "../base-dialect.js";
import type { TableId } from "../dialect-reader.js";
import { decimalText, valueKind } from "../write-values.js";

/**
 * The declared type `auto.create` gives a Decimal column. It contains TEXT, so SQLite gives the column TEXT
 * affinity and keeps the decimal text as written: under NUMERIC affinity text that parses as a number is stored as a
 * REAL, losing digits beyond about 15 and trailing zeros. The source reads this type back as Decimal.
 */
export const SQLITE_DECIMAL_TYPE = "DECIMAL_TEXT";

/**
 * The SQLite dialect: `"quoted"` identifiers, `?` placeholders, `INSERT … ON CONFLICT … DO UPDATE` (an update in
 * place, unlike INSERT OR REPLACE, which deletes the row and inserts a new one). Declared types follow the other
 * databases' names so the source maps them back to the same Connect types; timestamps are stored as text, and
 * decimals as text in a {@link SQLITE_DECIMAL_TYPE} column.
 */
export class SqliteDialect extends BaseDialect {
  readonly name = "sqlite" as const;
  /** SQLITE_MAX_VARIABLE_NUMBER's default since SQLite 3.32. */
  readonly maxParameters = 32_766;

  quoteIdentifier(name: string): string {
    return this.quoteWith(name, '"');
  }

  parseTableName(text: string): TableId {
    // SQLite has no schemas to speak of: a dotted name is one table name.
    if (text.trim() === "") this.splitTableName(text, 1);
    return { catalog: undefined, schema: undefined, name: text };
  }

  protected readonly columnTypes = {
    INT8: "TINYINT",
    INT16: "SMALLINT",
    INT32: "INTEGER",
    INT64: "BIGINT",
    FLOAT32: "REAL",
    FLOAT64: "DOUBLE",
    BOOLEAN: "BOOLEAN",
    BYTES: "BLOB",
    date: "DATE",
    time: "TIME",
    timestamp: "TIMESTAMP",
    STRING: "TEXT",
  } as const;

  protected override decimalType(schema: Schema): string {
    return super.decimalType(schema).replace(/^NUMERIC/, SQLITE_DECIMAL_TYPE);
  }

  protected override literal(value: unknown, schema: Schema): string {
    // A bare number would be stored through a REAL even in a TEXT column: quote the exact text.
    if (valueKind(schema) === "decimal" && value !== null && value !== undefined)
      return this.stringLiteral(decimalText(value));
    return super.literal(value, schema);
  }

  protected override bindBoolean(value: boolean): unknown {
    return value ? 1 : 0;
  }

  override currentTimestamp(): string {
    return "strftime('%Y-%m-%d %H:%M:%f', 'now')";
  }
}
