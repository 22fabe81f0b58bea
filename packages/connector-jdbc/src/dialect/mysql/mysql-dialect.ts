import type { Schema } from "@tributary/api";
import { BaseDialect } from "../base-dialect.js";
import type { ValueBinder } from "../dialect.js";
import type { TableId } from "../dialect-reader.js";
import { WriteValues } from "../write-values.js";

const UTC_VALUES = new WriteValues("UTC");

/** Longest VARCHAR a key column gets: 255 utf8mb4 characters fit InnoDB's index limits with room for more columns. */
const KEY_VARCHAR = 255;

/**
 * The MySQL and MariaDB dialect: `` `quoted` `` identifiers, `?` placeholders, `INSERT … ON DUPLICATE KEY UPDATE`.
 * Key columns get bounded types (VARCHAR, VARBINARY), as MySQL cannot index TEXT or BLOB whole. Sessions run in
 * UTC, so a TIMESTAMP column (which the server converts from the session's zone) gets UTC text and any other column
 * (DATETIME) the wall-clock time of `db.timezone`: the same instant either way.
 */
export class MysqlDialect extends BaseDialect {
  readonly name = "mysql" as const;
  /** The binary protocol counts parameters in 16 bits. */
  readonly maxParameters = 65_535;

  quoteIdentifier(name: string): string {
    return this.quoteWith(name, "`");
  }

  parseTableName(text: string): TableId {
    const parts = this.splitTableName(text, 2);
    return {
      catalog: parts.length === 2 ? parts[0] : undefined,
      schema: undefined,
      name: parts.at(-1) as string,
    };
  }

  protected readonly columnTypes = {
    INT8: "TINYINT",
    INT16: "SMALLINT",
    INT32: "INT",
    INT64: "BIGINT",
    FLOAT32: "FLOAT",
    FLOAT64: "DOUBLE",
    BOOLEAN: "BOOLEAN",
    BYTES: "LONGBLOB",
    date: "DATE",
    time: "TIME(3)",
    timestamp: "DATETIME(3)",
    STRING: "LONGTEXT",
  } as const;

  override columnType(schema: Schema, primaryKey: boolean): string {
    const type = super.columnType(schema, primaryKey);
    if (primaryKey && type === "LONGTEXT") return `VARCHAR(${KEY_VARCHAR})`;
    if (primaryKey && type === "LONGBLOB") return `VARBINARY(${KEY_VARCHAR})`;
    return type;
  }

  protected override decimalType(schema: Schema): string {
    const scale = Number(schema.parameters?.scale ?? "0");
    const precision = Number(schema.parameters?.["connect.decimal.precision"] ?? 65);
    return `DECIMAL(${Math.max(precision, scale)},${scale})`;
  }

  override upsert(
    table: TableId,
    keyColumns: readonly string[],
    columns: readonly string[],
    rows: number,
  ): string {
    const keys = new Set(keyColumns);
    const others = columns.filter((column) => !keys.has(column));
    // With only key columns there is nothing to update; assigning a key to itself keeps the row and the statement valid.
    const assigned = others.length === 0 ? keyColumns.slice(0, 1) : others;
    const updates = assigned.map((column) => {
      const name = this.identifier(column);
      return `${name} = VALUES(${name})`;
    });
    return `${this.insert(table, columns, rows)} ON DUPLICATE KEY UPDATE ${updates.join(", ")}`;
  }

  protected override bindTimestamp(date: Date): unknown {
    // Under another zone the column decides the text: keep the instant until {@link columnBinders} knows it.
    return this.timeZone === "UTC" ? super.bindTimestamp(date) : date;
  }

  columnBinders(columnTypes: readonly (string | undefined)[]): readonly ValueBinder[] | undefined {
    if (this.timeZone === "UTC") return undefined;
    const inZone: ValueBinder = (value) =>
      value instanceof Date ? this.values.timestamp(value, false) : value;
    const inUtc: ValueBinder = (value) =>
      value instanceof Date ? UTC_VALUES.timestamp(value, false) : value;
    return columnTypes.map((type) => (type === "timestamp" ? inUtc : inZone));
  }

  protected override bindInt64(value: bigint | number): unknown {
    // mysql2 sends a number as DOUBLE; the decimal text keeps every one of 64 bits.
    return typeof value === "bigint" ? value.toString() : value;
  }

  protected override stringLiteral(text: string): string {
    // MySQL reads backslash escapes in string literals unless NO_BACKSLASH_ESCAPES is set.
    return super.stringLiteral(text.replaceAll("\\", "\\\\"));
  }

  override currentTimestamp(): string {
    return "CURRENT_TIMESTAMP(6)";
  }
}
