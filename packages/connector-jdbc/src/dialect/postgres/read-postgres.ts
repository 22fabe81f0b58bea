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
import { timestampNanos } from "../read-support.js";
import { ReadTimeZone } from "../read-time-zone.js";

const UTC = new ReadTimeZone("UTC");

/** `table.types` to `pg_class.relkind`. */
const RELATION_KINDS: Readonly<Record<string, readonly string[]>> = {
  TABLE: ["r", "p"],
  VIEW: ["v"],
  "MATERIALIZED VIEW": ["m"],
  "FOREIGN TABLE": ["f"],
};

const LIST_TABLES = `SELECT current_database() AS catalog, n.nspname AS schema, c.relname AS name
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind::text = ANY($1::text[])
  AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
  AND ($2::text IS NULL OR n.nspname LIKE $2::text)
  AND ($3::text IS NULL OR current_database() LIKE $3::text)
  AND has_table_privilege(c.oid, 'SELECT')
ORDER BY n.nspname, c.relname`;

/** Columns of a relation, with the base type of domains and NUMERIC's precision and scale from its typmod. */
const DESCRIBE = `SELECT a.attname AS name, COALESCE(b.typname, t.typname) AS type,
  COALESCE(b.typtype, t.typtype) AS kind, format_type(a.atttypid, a.atttypmod) AS declared,
  NOT a.attnotnull AS nullable,
  CASE WHEN COALESCE(b.typname, t.typname) = 'numeric' AND COALESCE(NULLIF(t.typtypmod, -1), a.atttypmod) >= 4
    THEN ((COALESCE(NULLIF(t.typtypmod, -1), a.atttypmod) - 4) >> 16) & 65535 END AS precision,
  CASE WHEN COALESCE(b.typname, t.typname) = 'numeric' AND COALESCE(NULLIF(t.typtypmod, -1), a.atttypmod) >= 4
    THEN (((COALESCE(NULLIF(t.typtypmod, -1), a.atttypmod) - 4) & 2047) # 1024) - 1024 END AS scale,
  (a.attidentity <> '' OR COALESCE(pg_get_expr(d.adbin, d.adrelid), '') LIKE 'nextval(%') AS auto
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_catalog.pg_type b ON t.typtype = 'd' AND b.oid = t.typbasetype
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum`;

const TEXT_TYPES = new Set([
  "bpchar",
  "varchar",
  "text",
  "name",
  "char",
  "citext",
  "json",
  "jsonb",
  "uuid",
  "xml",
  "inet",
  "cidr",
  "macaddr",
  "macaddr8",
]);

let describeCounter = 0;

/** The read side of the PostgreSQL dialect. @internal */
export const postgresReader: DialectReader = Object.freeze({
  async listTables(client: SqlClient, options: TableListOptions): Promise<TableId[]> {
    const kinds = options.tableTypes.flatMap((type) => RELATION_KINDS[type.toUpperCase()] ?? []);
    const result = await client.query(LIST_TABLES, [
      kinds,
      options.schemaPattern ?? null,
      options.catalogPattern ?? null,
    ]);
    return result.rows.map((row) => ({
      catalog: String(row.catalog),
      schema: String(row.schema),
      name: String(row.name),
    }));
  },

  async describeTable(client: SqlClient, table: TableId): Promise<ColumnDefinition[]> {
    const result = await client.query(DESCRIBE, [qualifiedName(table)]);
    return result.rows.map(columnOf);
  },

  async describeQuery(client: SqlClient, query: string): Promise<ColumnDefinition[]> {
    // A temporary view has the query's columns and types without running it; it lives only in this session.
    const view = `tributary_describe_${process.pid}_${describeCounter++}`;
    await client.query(`CREATE TEMPORARY VIEW ${view} AS ${query}`);
    try {
      const result = await client.query(DESCRIBE, [`pg_temp.${view}`]);
      // A view's columns never say NOT NULL, so every column of a query is optional.
      return result.rows.map(columnOf);
    } finally {
      await client.query(`DROP VIEW IF EXISTS pg_temp.${view}`);
    }
  },

  columnReader(column: ColumnDefinition, options: ReadOptions): ColumnReader | undefined {
    const type = column.typeName;
    if (TEXT_TYPES.has(type) || type === "enum") return ReadColumns.string(column);
    switch (type) {
      case "bool":
        return ReadColumns.boolean(column);
      case "int2":
        return ReadColumns.int16(column);
      case "int4":
        return ReadColumns.int32(column);
      case "int8":
      case "oid":
        return ReadColumns.int64(column);
      case "float4":
        return ReadColumns.float32(column);
      case "float8":
        return ReadColumns.float64(column);
      case "numeric":
        return ReadColumns.numeric(column, options.numericMapping);
      case "bytea":
        return ReadColumns.bytes(column);
      case "date":
        return ReadColumns.date(column);
      case "time":
      case "timetz":
        return ReadColumns.time(column);
      case "timestamp":
      case "timestamptz":
        return ReadColumns.timestamp(column, options.timeZone, UTC);
      default:
        return undefined;
    }
  },

  async currentTimestamp(client: SqlClient): Promise<bigint> {
    const result = await client.query(
      "SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS now",
    );
    return UTC.parseDateTime(String(result.rows[0]?.now));
  },

  timestampOf(raw: unknown, column: ColumnDefinition, timeZone: ReadTimeZone): bigint | null {
    return timestampNanos(raw, column, timeZone, UTC);
  },

  timestampParameter(epochNanos: bigint, column: ColumnDefinition, timeZone: ReadTimeZone): unknown {
    return column.instant ? `${UTC.formatDateTime(epochNanos)}+00` : timeZone.formatDateTime(epochNanos);
  },

  timestampExpression(column: string): string {
    return column;
  },
});

function columnOf(row: Record<string, unknown>): ColumnDefinition {
  const type = String(row.type);
  const kind = String(row.kind);
  return {
    name: String(row.name),
    typeName: kind === "e" ? "enum" : type,
    declaredType: String(row.declared),
    nullable: row.nullable === true,
    precision: row.precision === null ? undefined : Number(row.precision),
    scale: row.scale === null ? undefined : Number(row.scale),
    autoIncrement: row.auto === true,
    instant: type === "timestamptz" || type === "timetz",
    unsigned: false,
  };
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function qualifiedName(table: TableId): string {
  return table.schema === undefined ? quote(table.name) : `${quote(table.schema)}.${quote(table.name)}`;
}
