import { ConnectError } from "@tributary/api";
import type { SqlClient } from "../connection/sql-client.js";
import { SqlStatementError } from "../connection/sql-errors.js";
import type { ColumnSpec, Dialect } from "../dialect/dialect.js";
import type { TableId } from "../dialect/dialect-reader.js";
import type { JdbcSinkConfigValues } from "./jdbc-sink-config.js";
import type { RecordShape, SinkColumn } from "./record-shape.js";

/**
 * What the sink knows of its destination tables: their column names, read once per table and kept, and the
 * CREATE TABLE / ALTER TABLE that `auto.create` and `auto.evolve` allow. DDL runs outside the put's transaction
 * (MySQL commits on DDL); when another task created or altered the table first, the new definition is read again.
 *
 * @internal
 */
export class TableDefinitions {
  readonly #dialect: Dialect;
  readonly #autoCreate: boolean;
  readonly #autoEvolve: boolean;
  readonly #foldCase: boolean;
  /** Column types by column name, by table key. */
  readonly #tables = new Map<string, Map<string, string>>();
  /** Shapes known to fit a table, by table key, so the common case costs one lookup. */
  readonly #fitting = new Map<string, Set<RecordShape>>();

  constructor(dialect: Dialect, config: JdbcSinkConfigValues) {
    this.#dialect = dialect;
    this.#autoCreate = config["auto.create"];
    this.#autoEvolve = config["auto.evolve"];
    // Bare identifiers are folded to one case by the database, so a field matches a column whatever its case.
    this.#foldCase = config["quote.sql.identifiers"] === "never";
  }

  /** A stable key of a table for maps. */
  key(table: TableId): string {
    return `${table.catalog ?? ""}\u0000${table.schema ?? ""}\u0000${table.name}`;
  }

  /** Forgets what is known of every table, as after a reconnect. */
  clear(): void {
    this.#tables.clear();
    this.#fitting.clear();
  }

  /** Whether the table exists. */
  async exists(client: SqlClient, table: TableId): Promise<boolean> {
    return (await this.#columns(client, table)) !== undefined;
  }

  /**
   * Makes sure `table` has every column of `shape`: creates the table (`auto.create`) or adds the missing columns
   * (`auto.evolve`) when allowed.
   * @throws ConnectError when the table or a column is missing and may not or cannot be added.
   */
  async ensure(client: SqlClient, table: TableId, shape: RecordShape): Promise<void> {
    const key = this.key(table);
    if (this.#fitting.get(key)?.has(shape) === true) return;
    let columns = await this.#columns(client, table);
    if (columns === undefined) {
      columns = await this.#create(client, table, shape);
    }
    const missing = [...shape.keyColumns, ...shape.valueColumns].filter((c) => !this.#has(columns, c.name));
    if (missing.length > 0) await this.#evolve(client, table, shape, missing);
    const fitting = this.#fitting.get(key) ?? new Set<RecordShape>();
    fitting.add(shape);
    this.#fitting.set(key, fitting);
  }

  /**
   * The types of `names` in `table` as the dialect's reader names them, once {@link TableDefinitions.ensure} has
   * run for the table; `undefined` when one is not known.
   */
  columnTypes(table: TableId, names: readonly string[]): string[] | undefined {
    const columns = this.#tables.get(this.key(table));
    if (columns === undefined) return undefined;
    const types: string[] = [];
    for (const name of names) {
      const type = this.#typeOf(columns, name);
      if (type === undefined) return undefined;
      types.push(type);
    }
    return types;
  }

  #has(columns: ReadonlyMap<string, string>, name: string): boolean {
    return this.#typeOf(columns, name) !== undefined;
  }

  #typeOf(columns: ReadonlyMap<string, string>, name: string): string | undefined {
    const type = columns.get(name);
    if (type !== undefined || !this.#foldCase) return type;
    const lower = name.toLowerCase();
    for (const [column, columnType] of columns) if (column.toLowerCase() === lower) return columnType;
    return undefined;
  }

  async #columns(client: SqlClient, table: TableId, fresh = false): Promise<Map<string, string> | undefined> {
    const key = this.key(table);
    if (!fresh) {
      const known = this.#tables.get(key);
      if (known !== undefined) return known;
    }
    let described: readonly { name: string; typeName: string }[];
    try {
      described = await this.#dialect.reader.describeTable(client, table);
    } catch (error) {
      // A missing table makes some databases' catalog lookups fail rather than come back empty.
      if (error instanceof SqlStatementError) return undefined;
      throw error;
    }
    if (described.length === 0) return undefined;
    const columns = new Map(described.map((c) => [c.name, c.typeName]));
    this.#tables.set(key, columns);
    return columns;
  }

  async #create(client: SqlClient, table: TableId, shape: RecordShape): Promise<Map<string, string>> {
    const name = this.#dialect.tableName(table);
    if (!this.#autoCreate) {
      throw new ConnectError(
        `The table ${name} does not exist: create it, or set auto.create=true to create it from the records' schema`,
      );
    }
    if (!shape.hasSchemas) {
      throw new ConnectError(
        `The table ${name} does not exist and cannot be created from schemaless records: create it first, or use a converter with schemas`,
      );
    }
    const specs = [
      ...shape.keyColumns.map((c) => spec(c, true)),
      ...shape.valueColumns.map((c) => spec(c, false)),
    ];
    try {
      await client.query(this.#dialect.createTable(table, specs));
    } catch (error) {
      // Another task may have created it meanwhile.
      const columns = await this.#columns(client, table, true);
      if (columns !== undefined) return columns;
      throw new ConnectError(`Creating the table ${name} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const columns = await this.#columns(client, table, true);
    if (columns === undefined)
      throw new ConnectError(`The table ${name} was created but cannot be described`);
    return columns;
  }

  async #evolve(
    client: SqlClient,
    table: TableId,
    shape: RecordShape,
    missing: readonly SinkColumn[],
  ): Promise<void> {
    const name = this.#dialect.tableName(table);
    const names = missing.map((c) => c.name).join(", ");
    if (!this.#autoEvolve) {
      throw new ConnectError(
        `The table ${name} has no column for ${names}: add the columns, set auto.evolve=true, or leave the fields out with fields.whitelist`,
      );
    }
    const keyNames = new Set(shape.keyNames);
    for (const column of missing) {
      if (column.schema === undefined) {
        throw new ConnectError(
          `The table ${name} has no column ${column.name}, and a schemaless field cannot add one: add it first`,
        );
      }
      if (keyNames.has(column.name)) {
        throw new ConnectError(
          `The table ${name} lacks the primary key column ${column.name}; auto.evolve never changes a primary key`,
        );
      }
      if (!column.schema.isOptional && (column.schema.defaultValue ?? null) === null) {
        throw new ConnectError(
          `Cannot add the column ${column.name} to ${name}: its field is required and has no default, which existing rows ` +
            "could not satisfy. Make the field optional or give it a default.",
        );
      }
    }
    try {
      for (const statement of this.#dialect.addColumns(
        table,
        missing.map((c) => spec(c, false)),
      )) {
        await client.query(statement);
      }
    } catch (error) {
      const columns = await this.#columns(client, table, true);
      if (columns !== undefined && missing.every((c) => this.#has(columns, c.name))) return;
      throw new ConnectError(`Adding the columns ${names} to ${name} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    await this.#columns(client, table, true);
  }
}

function spec(column: SinkColumn, primaryKey: boolean): ColumnSpec {
  return { name: column.name, schema: column.schema as NonNullable<SinkColumn["schema"]>, primaryKey };
}
