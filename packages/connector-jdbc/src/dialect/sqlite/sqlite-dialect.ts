import { BaseDialect } from "../base-dialect.js";
import type { TableId } from "../dialect-reader.js";

/**
 * The SQLite dialect: `"quoted"` identifiers, `?` placeholders, `INSERT … ON CONFLICT … DO UPDATE` (an update in
 * place, unlike INSERT OR REPLACE, which deletes the row and inserts a new one). Declared types follow the other
 * databases' names so the source maps them back to the same Connect types; timestamps are stored as text.
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

  protected override bindBoolean(value: boolean): unknown {
    return value ? 1 : 0;
  }

  override currentTimestamp(): string {
    return "strftime('%Y-%m-%d %H:%M:%f', 'now')";
  }
}
