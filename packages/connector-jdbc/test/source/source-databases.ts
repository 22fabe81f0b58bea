import type { TestDatabase } from "../test-databases.js";

/** What the source suite needs to know about a database to write its tables: quoting, placeholders, DDL types. */
export interface SourceDatabase extends TestDatabase {
  /** Quotes an identifier. */
  readonly q: (name: string) => string;
  /** The n-th placeholder. */
  readonly p: (index: number) => string;
  /** An auto-increment primary key column's type. */
  readonly serial: string;
  /** A NOT NULL integer column's type. */
  readonly bigint: string;
  /** A date-time column without zone, with microseconds where the database has them. */
  readonly timestamp: string;
  /** The qualified name in source partitions of a table in the test database. */
  readonly partitionName: (table: string) => string;
}

/** Adds the suite's per-database DDL to the shared test databases. */
export function sourceDatabase(db: TestDatabase): SourceDatabase {
  switch (db.name) {
    case "postgresql":
      return {
        ...db,
        q: (name) => `"${name}"`,
        p: (index) => `$${index}`,
        serial: "BIGSERIAL PRIMARY KEY",
        bigint: "BIGINT",
        timestamp: "TIMESTAMP(6)",
        partitionName: (table) => `test.public.${table}`,
      };
    case "mariadb":
      return {
        ...db,
        q: (name) => `\`${name}\``,
        p: () => "?",
        serial: "BIGINT AUTO_INCREMENT PRIMARY KEY",
        bigint: "BIGINT",
        timestamp: "DATETIME(6)",
        partitionName: (table) => `test.${table}`,
      };
    case "sqlite":
      return {
        ...db,
        q: (name) => `"${name}"`,
        p: () => "?",
        serial: "INTEGER PRIMARY KEY",
        bigint: "BIGINT",
        timestamp: "TIMESTAMP",
        partitionName: (table) => table,
      };
  }
}

/** `epochMillis` as wall-clock text in UTC with microseconds, as every database takes it for a date-time column. */
export function utcText(epochMillis: number, micros = 0): string {
  const iso = new Date(epochMillis).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}${String(micros).padStart(3, "0")}`;
}

/** One column of the all-types table: its DDL, a value to insert, and the Connect type and value expected back. */
export interface TypeCase {
  readonly column: string;
  readonly ddl: string;
  readonly insert: unknown;
  /** `INT16`, `Decimal(4)`, `Timestamp`, …: the schema type, or the logical type with a Decimal's scale. */
  readonly type: string;
  readonly value: unknown;
}

/** Every column type of the database the source maps, and one it cannot map (`value` undefined). */
export function typeCases(db: TestDatabase): TypeCase[] {
  const bytes = Buffer.from([0, 1, 255]);
  const timestamp = new Date("2024-01-01T10:00:00.123Z");
  const date = new Date("2024-02-29T00:00:00Z");
  const time = new Date(49_530_123);
  const c = (column: string, ddl: string, insert: unknown, type: string, value: unknown): TypeCase => ({
    column,
    ddl,
    insert,
    type,
    value,
  });
  switch (db.name) {
    case "postgresql":
      return [
        c("c_bool", "BOOLEAN", true, "BOOLEAN", true),
        c("c_int2", "SMALLINT", 32767, "INT16", 32767),
        c("c_int4", "INTEGER", -5, "INT32", -5),
        c("c_int8", "BIGINT", "9007199254740993", "INT64", 9007199254740993n),
        c("c_real", "REAL", 1.5, "FLOAT32", 1.5),
        c("c_double", "DOUBLE PRECISION", 0.1, "FLOAT64", 0.1),
        c("c_numeric", "NUMERIC(20,4)", "1234567890123456.7891", "Decimal(4)", "1234567890123456.7891"),
        c("c_numeric_free", "NUMERIC", "3.14159", "STRING", "3.14159"),
        c("c_char", "CHAR(3)", "ab", "STRING", "ab "),
        c("c_varchar", "VARCHAR(10)", "héllo", "STRING", "héllo"),
        c("c_text", "TEXT", "a\nb", "STRING", "a\nb"),
        c("c_jsonb", "JSONB", '{"a": 1}', "STRING", '{"a": 1}'),
        c(
          "c_uuid",
          "UUID",
          "7d444840-9dc0-11d1-b245-5ffdce74fad2",
          "STRING",
          "7d444840-9dc0-11d1-b245-5ffdce74fad2",
        ),
        c("c_bytea", "BYTEA", bytes, "BYTES", bytes),
        c("c_date", "DATE", "2024-02-29", "Date", date),
        c("c_time", "TIME(6)", "13:45:30.123456", "Time", time),
        c("c_timestamp", "TIMESTAMP(6)", "2024-01-01 10:00:00.123456", "Timestamp", timestamp),
        c("c_timestamptz", "TIMESTAMPTZ", "2024-01-01 12:00:00.123+02", "Timestamp", timestamp),
        c("c_range", "INT4RANGE", "[1,5)", "", undefined),
      ];
    case "mariadb":
      return [
        c("c_bool", "BOOLEAN", 1, "BOOLEAN", true),
        c("c_tiny", "TINYINT", -5, "INT8", -5),
        c("c_tiny_u", "TINYINT UNSIGNED", 200, "INT16", 200),
        c("c_small", "SMALLINT", -300, "INT16", -300),
        c("c_medium", "MEDIUMINT", 70000, "INT32", 70000),
        c("c_int", "INT", -5, "INT32", -5),
        c("c_int_u", "INT UNSIGNED", 4000000000, "INT64", 4000000000n),
        c("c_big", "BIGINT", "9007199254740993", "INT64", 9007199254740993n),
        c("c_big_u", "BIGINT UNSIGNED", "18446744073709551615", "Decimal(0)", "18446744073709551615"),
        c("c_float", "FLOAT", 1.5, "FLOAT32", 1.5),
        c("c_double", "DOUBLE", 0.1, "FLOAT64", 0.1),
        c("c_decimal", "DECIMAL(20,4)", "1234567890123456.7891", "Decimal(4)", "1234567890123456.7891"),
        c("c_char", "CHAR(3)", "ab", "STRING", "ab"),
        c("c_varchar", "VARCHAR(10)", "héllo", "STRING", "héllo"),
        c("c_text", "TEXT", "a\nb", "STRING", "a\nb"),
        // mysql2 parses JSON columns; the source writes them back as compact JSON text.
        c("c_json", "JSON", '{"a": 1}', "STRING", '{"a":1}'),
        c("c_enum", "ENUM('x','y')", "y", "STRING", "y"),
        c("c_varbinary", "VARBINARY(8)", bytes, "BYTES", bytes),
        c("c_blob", "BLOB", bytes, "BYTES", bytes),
        c("c_date", "DATE", "2024-02-29", "Date", date),
        c("c_time", "TIME(6)", "13:45:30.123456", "Time", time),
        c("c_datetime", "DATETIME(6)", "2024-01-01 10:00:00.123456", "Timestamp", timestamp),
        c("c_timestamp", "TIMESTAMP(6) NULL", "2024-01-01 10:00:00.123456", "Timestamp", timestamp),
        c("c_year", "YEAR", 2024, "INT32", 2024),
        c("c_point", "POINT", null, "", undefined),
      ];
    case "sqlite":
      return [
        c("c_bool", "BOOLEAN", 1, "BOOLEAN", true),
        c("c_tiny", "TINYINT", -5, "INT8", -5),
        c("c_small", "SMALLINT", -300, "INT16", -300),
        c("c_int", "INTEGER", 7, "INT32", 7),
        c("c_big", "BIGINT", 9007199254740993n, "INT64", 9007199254740993n),
        c("c_real", "REAL", 0.1, "FLOAT64", 0.1),
        c("c_decimal", "DECIMAL(10,2)", "12.34", "Decimal(2)", "12.34"),
        c("c_varchar", "VARCHAR(10)", "héllo", "STRING", "héllo"),
        c("c_text", "TEXT", "a\nb", "STRING", "a\nb"),
        c("c_blob", "BLOB", bytes, "BYTES", bytes),
        c("c_date", "DATE", "2024-02-29", "Date", date),
        c("c_time", "TIME", "13:45:30.123", "Time", time),
        c("c_timestamp", "TIMESTAMP", "2024-01-01 10:00:00.123", "Timestamp", timestamp),
        c("c_datetime", "DATETIME", "2024-01-01T10:00:00.123Z", "Timestamp", timestamp),
        c("c_any", "", 5, "", undefined),
      ];
  }
}
