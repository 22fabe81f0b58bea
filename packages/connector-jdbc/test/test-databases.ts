import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";

/** A database the shared integration suites run against; `url` is empty when the server is not reachable. */
export interface TestDatabase {
  readonly name: "postgresql" | "mariadb" | "sqlite";
  readonly url: string;
}

/** The three databases: PostgreSQL and MariaDB from global-setup, SQLite as a file in a fresh temporary folder. */
export function testDatabases(): TestDatabase[] {
  const dir = mkdtempSync(join(tmpdir(), "tributary-jdbc-"));
  return [
    { name: "postgresql", url: inject("postgresUrl") },
    { name: "mariadb", url: inject("mysqlUrl") },
    { name: "sqlite", url: `jdbc:sqlite:${join(dir, "test.db")}` },
  ];
}

let counter = 0;
/** A table name no other test uses, so tests never see each other's rows. */
export function uniqueTable(prefix: string): string {
  counter += 1;
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter}`;
}
