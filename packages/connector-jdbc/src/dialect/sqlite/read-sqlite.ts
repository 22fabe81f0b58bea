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
import { NANOS_PER_MILLI, parseDeclaredType, timestampNanos } from "../read-support.js";
import { floorMod, ReadTimeZone } from "../read-time-zone.js";
import { SQLITE_DECIMAL_TYPE } from "./sqlite-dialect.js";

const UTC = new ReadTimeZone("UTC");
/** SQLite's own normal form of a date-time, which compares correctly as text. */
const NORMAL_FORM = "'%Y-%m-%d %H:%M:%f'";

let describeCounter = 0;

/** The read side of the SQLite dialect: types come from the declared column types, by SQLite's affinity rules. @internal */
export const sqliteReader: DialectReader = Object.freeze({
  async listTables(client: SqlClient, options: TableListOptions): Promise<TableId[]> {
    const types = options.tableTypes
      .map((type) => type.toLowerCase())
      .filter((type) => type === "table" || type === "view");
    if (types.length === 0) return [];
    const result = await client.query(
      `SELECT name FROM sqlite_master WHERE type IN (${types.map(() => "?").join(", ")}) AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`,
      types,
    );
    return result.rows.map((row) => ({ catalog: undefined, schema: undefined, name: String(row.name) }));
  },

  async describeTable(client: SqlClient, table: TableId): Promise<ColumnDefinition[]> {
    const result = await client.query(
      `SELECT name, type, "notnull" AS not_null, pk FROM pragma_table_info(?)`,
      [table.name],
    );
    const keyColumns = result.rows.filter((row) => Number(row.pk) > 0).length;
    return result.rows.map((row) => columnOf(row, keyColumns));
  },

  async describeQuery(client: SqlClient, query: string): Promise<ColumnDefinition[]> {
    const view = `tributary_describe_${process.pid}_${describeCounter++}`;
    await client.query(`CREATE TEMP VIEW ${view} AS ${query}`);
    try {
      const result = await client.query(
        `SELECT name, type, 0 AS not_null, 0 AS pk FROM pragma_table_info(?, 'temp')`,
        [view],
      );
      return result.rows.map((row) => columnOf(row, 0));
    } finally {
      await client.query(`DROP VIEW IF EXISTS temp.${view}`);
    }
  },

  columnReader(column: ColumnDefinition, options: ReadOptions): ColumnReader | undefined {
    const type = column.typeName;
    switch (type) {
      case "boolean":
      case "bool":
        return ReadColumns.boolean(column);
      case "tinyint":
        return ReadColumns.int8(column);
      case "smallint":
      case "int2":
        return ReadColumns.int16(column);
      case "int":
      case "integer":
      case "mediumint":
        // The rowid alias holds 64-bit values.
        return column.autoIncrement ? ReadColumns.int64(column) : ReadColumns.int32(column);
      case "bigint":
      case "int8":
        return ReadColumns.int64(column);
      case "float":
      case "double":
      case "double precision":
      case "real":
        return ReadColumns.float64(column);
      case "numeric":
      case "decimal":
      case SQLITE_DECIMAL_TYPE.toLowerCase():
        return ReadColumns.numeric(column, options.numericMapping);
      case "date":
        return ReadColumns.date(column);
      case "time":
        return ReadColumns.time(column);
      case "datetime":
      case "timestamp":
        return ReadColumns.timestamp(column, options.timeZone, UTC);
      default:
        break;
    }
    // SQLite's affinity rules for any other declared type.
    if (type === "") return undefined;
    if (type.includes("int")) return ReadColumns.int64(column);
    if (type.includes("char") || type.includes("clob") || type.includes("text"))
      return ReadColumns.string(column);
    if (type.includes("blob") || type.includes("binary")) return ReadColumns.bytes(column);
    if (type.includes("real") || type.includes("floa") || type.includes("doub"))
      return ReadColumns.float64(column);
    if (type === "json" || type === "uuid") return ReadColumns.string(column);
    return undefined;
  },

  async currentTimestamp(client: SqlClient): Promise<bigint> {
    const result = await client.query(`SELECT strftime(${NORMAL_FORM}, 'now') AS now_utc`);
    return UTC.parseDateTime(String(result.rows[0]?.now_utc));
  },

  timestampOf(raw: unknown, column: ColumnDefinition, timeZone: ReadTimeZone): bigint | null {
    // Queries compare timestamps in SQLite's normal form, to the millisecond; offsets must not be finer.
    const nanos = timestampNanos(raw, column, timeZone, UTC);
    return nanos === null ? null : nanos - floorMod(nanos, NANOS_PER_MILLI);
  },

  timestampParameter(epochNanos: bigint, _column: ColumnDefinition, timeZone: ReadTimeZone): unknown {
    return timeZone.formatDateTime(epochNanos, 3);
  },

  timestampExpression(column: string): string {
    // Text such as '2024-05-01T10:00:00Z' and '2024-05-01 10:00:00.000' compare in time order once normalised.
    return `strftime(${NORMAL_FORM}, ${column})`;
  },
});

function columnOf(row: Record<string, unknown>, keyColumns: number): ColumnDefinition {
  const declared = String(row.type ?? "");
  const { base, precision, scale } = parseDeclaredType(declared);
  // INTEGER PRIMARY KEY is the rowid: never NULL, filled by SQLite.
  const rowid = base === "integer" && Number(row.pk) === 1 && keyColumns === 1;
  return {
    name: String(row.name),
    typeName: base,
    declaredType: declared,
    nullable: !rowid && Number(row.not_null) === 0,
    precision,
    scale,
    autoIncrement: rowid,
    instant: false,
    unsigned: false,
  };
}
