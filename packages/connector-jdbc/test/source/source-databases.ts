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
