import type { SqlClient } from "../../connection/sql-client.js";
import type {
  ColumnDefinition,
  ColumnReader,
  DialectReader,
  ReadOptions,
  TableId,
  TableListOptions,
} from "../dialect-reader.js";
import { ReadColumns } from "../read-columns.js";
import { parseDeclaredType, timestampNanos } from "../read-support.js";
import { ReadTimeZone } from "../read-time-zone.js";

const UTC = new ReadTimeZone("UTC");

/** `table.types` to `information_schema.TABLES.TABLE_TYPE`. */
const TABLE_TYPES: Readonly<Record<string, readonly string[]>> = {
  TABLE: ["BASE TABLE"],
  VIEW: ["VIEW"],
  "SYSTEM VIEW": ["SYSTEM VIEW"],
};

const SYSTEM_DATABASES = ["mysql", "information_schema", "performance_schema", "sys"];

const TEXT_TYPES = new Set([
  "char",
  "varchar",
  "tinytext",
  "text",
  "mediumtext",
  "longtext",
  "enum",
  "set",
  "json",
]);
const BINARY_TYPES = new Set(["binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob"]);

let describeCounter = 0;

/** The read side of the MySQL and MariaDB dialect. @internal */
export const mysqlReader: DialectReader = Object.freeze({
  async listTables(client: SqlClient, options: TableListOptions): Promise<TableId[]> {
    const types = options.tableTypes.flatMap((type) => TABLE_TYPES[type.toUpperCase()] ?? []);
    if (types.length === 0) return [];
    const params: unknown[] = [...types];
    let where = `TABLE_TYPE IN (${types.map(() => "?").join(", ")})`;
    if (options.catalogPattern !== undefined) {
      where += " AND TABLE_SCHEMA LIKE ?";
      params.push(options.catalogPattern);
    } else {
      where += ` AND TABLE_SCHEMA = COALESCE(DATABASE(), TABLE_SCHEMA) AND TABLE_SCHEMA NOT IN (${SYSTEM_DATABASES.map(() => "?").join(", ")})`;
      params.push(...SYSTEM_DATABASES);
    }
    const result = await client.query(
      `SELECT TABLE_SCHEMA AS catalog_name, TABLE_NAME AS table_name FROM information_schema.TABLES WHERE ${where} ORDER BY TABLE_SCHEMA, TABLE_NAME`,
      params,
    );
    return result.rows.map((row) => ({
      catalog: text(row.catalog_name),
      schema: undefined,
      name: text(row.table_name),
    }));
  },

  async describeTable(client: SqlClient, table: TableId): Promise<ColumnDefinition[]> {
    const name =
      table.catalog === undefined ? quote(table.name) : `${quote(table.catalog)}.${quote(table.name)}`;
    const result = await client.query(`SHOW COLUMNS FROM ${name}`);
    return result.rows.map(columnOf);
  },

  async describeQuery(client: SqlClient, query: string): Promise<ColumnDefinition[]> {
    // An empty temporary table made from the query has its columns' types; it lives only in this session.
    const table = `tributary_describe_${process.pid}_${describeCounter++}`;
    await client.query(
      `CREATE TEMPORARY TABLE ${table} AS SELECT * FROM (${query}) AS tributary_query LIMIT 0`,
    );
    try {
      const result = await client.query(`SHOW COLUMNS FROM ${table}`);
      return result.rows.map((row) => ({ ...columnOf(row), nullable: true }));
    } finally {
      await client.query(`DROP TEMPORARY TABLE IF EXISTS ${table}`);
    }
  },

  columnReader(column: ColumnDefinition, options: ReadOptions): ColumnReader | undefined {
    const type = column.typeName;
    if (TEXT_TYPES.has(type)) return ReadColumns.string(column);
    if (BINARY_TYPES.has(type)) return ReadColumns.bytes(column);
    const unsigned = column.unsigned;
    switch (type) {
      case "bool":
      case "boolean":
        return ReadColumns.boolean(column);
      case "bit":
        return column.precision === 1 ? ReadColumns.boolean(column) : ReadColumns.bytes(column);
      case "tinyint":
        // TINYINT(1) is how MySQL declares BOOLEAN, and what JDBC reads as a boolean.
        if (column.precision === 1) return ReadColumns.boolean(column);
        return unsigned ? ReadColumns.int16(column) : ReadColumns.int8(column);
      case "smallint":
        return unsigned ? ReadColumns.int32(column) : ReadColumns.int16(column);
      case "mediumint":
        return ReadColumns.int32(column);
      case "int":
      case "integer":
        return unsigned ? ReadColumns.int64(column) : ReadColumns.int32(column);
      case "bigint":
        return unsigned
          ? ReadColumns.numeric({ ...column, precision: 20, scale: 0 }, "none")
          : ReadColumns.int64(column);
      case "year":
        return ReadColumns.int32(column);
      case "float":
        return ReadColumns.float32(column);
      case "double":
      case "real":
        return ReadColumns.float64(column);
      case "decimal":
      case "numeric":
        return ReadColumns.numeric(column, options.numericMapping);
      case "date":
        return ReadColumns.date(column);
      case "time":
        return ReadColumns.time(column);
      case "datetime":
      case "timestamp":
        return ReadColumns.timestamp(column, options.timeZone, UTC);
      default:
        return undefined;
    }
  },

  async currentTimestamp(client: SqlClient): Promise<bigint> {
    const result = await client.query(
      "SELECT DATE_FORMAT(UTC_TIMESTAMP(6), '%Y-%m-%d %H:%i:%s.%f') AS now_utc",
    );
    return UTC.parseDateTime(text(result.rows[0]?.now_utc));
  },

  timestampOf(raw: unknown, column: ColumnDefinition, timeZone: ReadTimeZone): bigint | null {
    return timestampNanos(raw, column, timeZone, UTC);
  },

  timestampParameter(epochNanos: bigint, column: ColumnDefinition, timeZone: ReadTimeZone): unknown {
    // Sessions run in UTC, so a TIMESTAMP column compares with UTC text, a DATETIME with db.timezone's wall clock.
    return (column.instant ? UTC : timeZone).formatDateTime(epochNanos);
  },

  timestampExpression(column: string): string {
    return column;
  },
});

function columnOf(row: Record<string, unknown>): ColumnDefinition {
  const declared = text(row.Type);
  const { base, precision, scale, unsigned } = parseDeclaredType(declared);
  return {
    name: text(row.Field),
    typeName: base,
    declaredType: declared,
    nullable: text(row.Null).toUpperCase() === "YES",
    precision,
    scale: base === "decimal" || base === "numeric" ? (scale ?? 0) : scale,
    autoIncrement: /auto_increment/i.test(text(row.Extra)),
    instant: base === "timestamp",
    unsigned,
  };
}

function text(raw: unknown): string {
  return Buffer.isBuffer(raw) ? raw.toString("utf8") : String(raw ?? "");
}

function quote(name: string): string {
  return `\`${name.replaceAll("`", "``")}\``;
}
