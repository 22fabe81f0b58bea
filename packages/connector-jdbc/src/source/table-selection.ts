import { ConfigError } from "@tributary/api";
import type { TableId } from "../dialect/dialect-reader.js";
import { qualifiedTableName } from "./source-offsets.js";

/**
 * Keeps the tables `table.whitelist` allows or `table.blacklist` does not forbid. An entry names a table by its
 * name alone or qualified (`schema.table`, `db.table`, `db.schema.table`), as Confluent's connector accepts.
 * @throws ConfigError when both lists are set.
 */
export function selectTables(
  tables: readonly TableId[],
  whitelist: readonly string[],
  blacklist: readonly string[],
): TableId[] {
  if (whitelist.length > 0 && blacklist.length > 0) {
    throw new ConfigError(
      "table.whitelist and table.blacklist are both set; set only one: the tables to read, or the tables to skip.",
    );
  }
  if (whitelist.length > 0) {
    const wanted = new Set(whitelist);
    return tables.filter((table) => namesOf(table).some((name) => wanted.has(name)));
  }
  if (blacklist.length > 0) {
    const unwanted = new Set(blacklist);
    return tables.filter((table) => !namesOf(table).some((name) => unwanted.has(name)));
  }
  return [...tables];
}

/** The names a table may be listed under: `name`, `schema.name`, `catalog.name`, the fully qualified name. */
function namesOf(table: TableId): string[] {
  const names = [table.name, qualifiedTableName(table)];
  if (table.schema !== undefined) names.push(`${table.schema}.${table.name}`);
  if (table.catalog !== undefined) names.push(`${table.catalog}.${table.name}`);
  return names;
}

/**
 * Splits `tables` over at most `maxTasks` tasks in contiguous groups whose sizes differ by at most one, as Kafka's
 * `ConnectorUtils.groupPartitions` does; a table is never split. No tables, no groups.
 */
export function groupTables<T>(tables: readonly T[], maxTasks: number): T[][] {
  const groups = Math.min(tables.length, Math.max(1, maxTasks));
  const result: T[][] = [];
  const base = Math.floor(tables.length / Math.max(groups, 1));
  const larger = tables.length - base * groups;
  let start = 0;
  for (let group = 0; group < groups; group++) {
    const size = base + (group < larger ? 1 : 0);
    result.push(tables.slice(start, start + size));
    start += size;
  }
  return result;
}

/** The table list of a task configuration (`tables`): a JSON array of `[catalog, schema, name]`. */
export function encodeTables(tables: readonly TableId[]): string {
  return JSON.stringify(tables.map((table) => [table.catalog ?? null, table.schema ?? null, table.name]));
}

/**
 * Reads a task's `tables`.
 * @throws ConfigError when it is not what {@link encodeTables} writes.
 */
export function decodeTables(text: string): TableId[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const valid =
    Array.isArray(parsed) &&
    parsed.every(
      (entry) =>
        Array.isArray(entry) &&
        entry.length === 3 &&
        typeof entry[2] === "string" &&
        entry.slice(0, 2).every((part) => part === null || typeof part === "string"),
    );
  if (!valid) {
    throw new ConfigError(
      `The task configuration "tables" is ${JSON.stringify(text)}, not the JSON list of [catalog, schema, name] the ` +
        "JDBC source connector gives its tasks; run the task through its connector.",
    );
  }
  return (parsed as [string | null, string | null, string][]).map(([catalog, schema, name]) => ({
    catalog: catalog ?? undefined,
    schema: schema ?? undefined,
    name,
  }));
}
