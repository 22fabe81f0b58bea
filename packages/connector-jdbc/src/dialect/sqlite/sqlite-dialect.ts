import type { Schema } from "@tributary/api";
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

  columnType(schema: Schema, _primaryKey: boolean): string {
    switch (this.columnKind(schema)) {
      case "INT8":
        return "TINYINT";
      case "INT16":
        return "SMALLINT";
      case "INT32":
        return "INTEGER";
      case "INT64":
        return "BIGINT";
      case "FLOAT32":
        return "REAL";
      case "FLOAT64":
        return "DOUBLE";
      case "BOOLEAN":
        return "BOOLEAN";
      case "BYTES":
        return "BLOB";
      case "decimal":
        return this.decimalType(schema);
      case "date":
        return "DATE";
      case "time":
        return "TIME";
      case "timestamp":
        return "TIMESTAMP";
      default:
        return "TEXT";
    }
  }

  upsert(table: TableId, keyColumns: readonly string[], columns: readonly string[], rows: number): string {
    const keys = new Set(keyColumns);
    const updates = columns
      .filter((column) => !keys.has(column))
      .map((column) => `${this.identifier(column)} = excluded.${this.identifier(column)}`);
    const conflict = keyColumns.map((column) => this.identifier(column)).join(", ");
    const action = updates.length === 0 ? "DO NOTHING" : `DO UPDATE SET ${updates.join(", ")}`;
    return `${this.insert(table, columns, rows)} ON CONFLICT (${conflict}) ${action}`;
  }

  protected override bindBoolean(value: boolean): unknown {
    return value ? 1 : 0;
  }

  override currentTimestamp(): string {
    return "strftime('%Y-%m-%d %H:%M:%f', 'now')";
  }
}
