import { ConnectError, DataError, type SinkRecord } from "@tributary/api";
import type { SqlClient } from "../connection/sql-client.js";
import { SqlStatementError } from "../connection/sql-errors.js";
import type { ColumnarInsert, Dialect, ValueBinder } from "../dialect/dialect.js";
import type { TableId } from "../dialect/dialect-reader.js";
import type { JdbcSinkConfigValues } from "./jdbc-sink-config.js";
import { type RecordShape, RecordShapes, where } from "./record-shape.js";
import { TableDefinitions } from "./table-definitions.js";

/** Reports a record the database or the sink refused; the rest of the put goes on. */
export type RecordErrorHandler = (record: SinkRecord, error: unknown) => Promise<void>;

/** One row to write or delete, with the record it came from. */
interface Operation {
  readonly record: SinkRecord;
  readonly delete: boolean;
  /** Bound values: keys first, then (for writes) the value columns. */
  readonly row: unknown[];
}

/**
 * Consecutive records for one table sharing key columns and (for writes) value columns. Keyed batches keep the
 * last operation per key: within a put the last write of a key wins and one statement never touches a row twice.
 */
class Batch {
  readonly table: TableId;
  readonly tableKey: string;
  readonly keyShape: RecordShape;
  writeShape: RecordShape | undefined;
  readonly #byKey: Map<string, Operation> | undefined;
  readonly #list: Operation[] | undefined;

  constructor(table: TableId, tableKey: string, keyShape: RecordShape) {
    this.table = table;
    this.tableKey = tableKey;
    this.keyShape = keyShape;
    if (keyShape.keyColumns.length > 0) this.#byKey = new Map();
    else this.#list = [];
  }

  add(op: Operation): void {
    if (this.#byKey === undefined) {
      this.#list?.push(op);
      return;
    }
    const key = keyString(op.row, this.keyShape.keyColumns.length);
    // Delete and re-add so the map keeps the order of each key's last operation.
    if (this.#byKey.has(key)) this.#byKey.delete(key);
    this.#byKey.set(key, op);
  }

  operations(): Operation[] {
    return this.#list ?? [...(this.#byKey as Map<string, Operation>).values()];
  }
}

/** A key's bound values as one string, for deduplication; type-tagged so 1 and "1" differ. */
function keyString(row: readonly unknown[], keyCount: number): string {
  if (keyCount === 1) return tagged(row[0]);
  let text = "";
  for (let i = 0; i < keyCount; i++) text += `${tagged(row[i])}\u0000`;
  return text;
}

function tagged(value: unknown): string {
  if (typeof value === "string") return `s${value}`;
  if (Buffer.isBuffer(value)) return `b${value.toString("hex")}`;
  if (value instanceof Date) return `d${value.getTime()}`;
  return `${typeof value}${String(value)}`;
}

/**
 * Writes a put's records: grouped by table in order, deduplicated by key, in multi-row statements of at most
 * `batch.size` rows, all in one transaction. When the database refuses a statement and a record error handler is
 * given, the put is written again row by row, each row in a savepoint, and the refused rows go to the handler.
 *
 * @internal
 */
export class JdbcWriter {
  readonly #client: SqlClient;
  readonly #dialect: Dialect;
  readonly #config: JdbcSinkConfigValues;
  readonly #shapes: RecordShapes;
  readonly #tables: TableDefinitions;
  readonly #tableIds = new Map<string, { readonly table: TableId; readonly tableKey: string }>();
  readonly #statements = new Map<string, string>();
  readonly #columnar = new Map<string, ColumnarInsert | undefined>();

  constructor(client: SqlClient, dialect: Dialect, config: JdbcSinkConfigValues) {
    this.#client = client;
    this.#dialect = dialect;
    this.#config = config;
    this.#shapes = new RecordShapes(config, dialect);
    this.#tables = new TableDefinitions(dialect, config);
  }

  /** Forgets table definitions, as after a connection failure. */
  reset(): void {
    this.#tables.clear();
  }

  /**
   * Writes `records` in one transaction.
   * @throws SqlConnectionError when the database cannot be reached (retriable).
   * @throws ConnectError when a table cannot be created or evolved, or a record is refused and `onRecordError` is
   *   not given.
   */
  async write(records: readonly SinkRecord[], onRecordError?: RecordErrorHandler): Promise<void> {
    const batches = await this.#plan(records, onRecordError);
    if (batches.length === 0) return;
    for (const batch of batches) {
      if (batch.writeShape !== undefined)
        await this.#tables.ensure(this.#client, batch.table, batch.writeShape);
    }
    const live: Batch[] = [];
    for (const batch of batches) {
      // Deleting from a table that does not exist deletes nothing.
      if (batch.writeShape !== undefined || (await this.#tables.exists(this.#client, batch.table)))
        live.push(batch);
    }
    const statements = live.flatMap((batch) => this.#batchStatements(batch));
    try {
      if (statements.length === 1) {
        // One statement is atomic on its own: no BEGIN and COMMIT round trips.
        await run(this.#client, statements);
      } else {
        await this.#client.transaction((tx) => run(tx, statements));
      }
    } catch (error) {
      if (!(error instanceof SqlStatementError)) throw error;
      if (onRecordError === undefined) {
        throw new ConnectError(
          `The database refused the batch of ${records.length} records (nothing was written): ${error.message}. ` +
            "Fix the data or the table, or set errors.tolerance=all with errors.deadletterqueue.topic.name to route refused records away.",
          { cause: error },
        );
      }
      await this.#writeRowByRow(live, onRecordError);
    }
  }

  /** Turns records into batches; a record that cannot become a row is a record error. */
  async #plan(
    records: readonly SinkRecord[],
    onRecordError: RecordErrorHandler | undefined,
  ): Promise<Batch[]> {
    const batches: Batch[] = [];
    const lastByTable = new Map<string, Batch>();
    const deleteEnabled = this.#config["delete.enabled"];
    for (const record of records) {
      try {
        if (record.value === null && !deleteEnabled) continue; // a tombstone without delete.enabled writes nothing
        const { table, tableKey } = this.#tableOf(record.topic);
        const shape = this.#shapes.of(record);
        const isDelete = record.value === null;
        const row = shape.row(record);
        let batch = lastByTable.get(tableKey);
        const fits =
          batch !== undefined &&
          sameKeys(batch.keyShape, shape) &&
          (isDelete || batch.writeShape === undefined || batch.writeShape === shape);
        if (!fits || batch === undefined) {
          batch = new Batch(table, tableKey, shape);
          batches.push(batch);
          lastByTable.set(tableKey, batch);
        }
        if (!isDelete) batch.writeShape = shape;
        batch.add({ record, delete: isDelete, row });
      } catch (error) {
        if (!(error instanceof DataError) || onRecordError === undefined) throw error;
        await onRecordError(record, error);
      }
    }
    return batches;
  }

  #tableOf(topic: string): { readonly table: TableId; readonly tableKey: string } {
    let entry = this.#tableIds.get(topic);
    if (entry === undefined) {
      const table = this.#dialect.parseTableName(
        this.#config["table.name.format"].replaceAll("${topic}", topic),
      );
      entry = { table, tableKey: this.#tables.key(table) };
      this.#tableIds.set(topic, entry);
    }
    return entry;
  }

  /** The most rows one statement of `width` parameters per row may carry. */
  #rowsPerStatement(width: number): number {
    return Math.max(
      1,
      Math.min(this.#config["batch.size"], Math.floor(this.#dialect.maxParameters / Math.max(1, width))),
    );
  }

  /** The statements that write a batch: its writes, then its deletes (a key has one of either). */
  #batchStatements(batch: Batch): Statement[] {
    const writes: unknown[][] = [];
    const deletes: unknown[][] = [];
    for (const op of batch.operations()) (op.delete ? deletes : writes).push(op.row);
    const statements: Statement[] = [];
    if (writes.length > 0) this.#writeStatements(batch, batch.writeShape as RecordShape, writes, statements);
    if (deletes.length > 0) this.#deleteStatements(batch, deletes, statements);
    return statements;
  }

  /**
   * `rows` of `names` finished by the dialect's binders for the table's column types, when it has any (MySQL under
   * a `db.timezone` other than UTC); otherwise `rows` as they are.
   */
  #finished(table: TableId, names: readonly string[], rows: readonly unknown[][]): readonly unknown[][] {
    const binders = this.#dialect.columnBinders?.(
      this.#tables.columnTypes(table, names) ?? names.map(() => undefined),
    );
    if (binders === undefined) return rows;
    return rows.map((row) => names.map((_name, c) => (binders[c] as ValueBinder)(row[c])));
  }

  #writeStatements(batch: Batch, shape: RecordShape, bound: readonly unknown[][], out: Statement[]): void {
    const rows = this.#finished(batch.table, shape.columnNames, bound);
    const mode = this.#config["insert.mode"];
    if (mode === "update") {
      if (shape.valueColumns.length === 0) return;
      const sql = this.#statement(batch, shape, "update", 1);
      const keys = shape.keyColumns.length;
      for (const row of rows) out.push({ sql, params: [...row.slice(keys), ...row.slice(0, keys)] });
      return;
    }
    const width = shape.columnNames.length;
    const kind = mode === "upsert" ? "upsert" : "insert";
    const columnar = rows.length > 1 ? this.#columnarStatement(batch, shape, kind) : undefined;
    if (columnar !== undefined) {
      const perStatement = this.#config["batch.size"];
      for (let start = 0; start < rows.length; start += perStatement) {
        const end = Math.min(rows.length, start + perStatement);
        const arrays: unknown[] = [];
        for (let c = 0; c < width; c++) {
          const column = new Array<unknown>(end - start);
          for (let r = start; r < end; r++) column[r - start] = (rows[r] as unknown[])[c];
          arrays.push(columnar.encode(column));
        }
        out.push({ sql: columnar.sql, params: arrays });
      }
      return;
    }
    const perStatement = this.#rowsPerStatement(width);
    for (let start = 0; start < rows.length; start += perStatement) {
      const count = Math.min(perStatement, rows.length - start);
      const params = new Array<unknown>(count * width);
      let p = 0;
      for (let r = start; r < start + count; r++) {
        const row = rows[r] as unknown[];
        for (let c = 0; c < width; c++) params[p++] = row[c];
      }
      out.push({ sql: this.#statement(batch, shape, kind, count), params });
    }
  }

  #deleteStatements(batch: Batch, bound: readonly unknown[][], out: Statement[]): void {
    const keys = this.#finished(batch.table, batch.keyShape.keyNames, bound);
    const width = batch.keyShape.keyColumns.length;
    const perStatement = this.#rowsPerStatement(width);
    for (let start = 0; start < keys.length; start += perStatement) {
      const chunk = keys.slice(start, start + perStatement);
      const params = chunk.flatMap((row) => row.slice(0, width));
      out.push({ sql: this.#statement(batch, batch.keyShape, "delete", chunk.length), params });
    }
  }

  #statement(
    batch: Batch,
    shape: RecordShape,
    kind: "insert" | "upsert" | "update" | "delete",
    rows: number,
  ): string {
    const cacheKey = `${batch.tableKey}\u0001${shape.id}\u0001${kind}\u0001${rows}`;
    let sql = this.#statements.get(cacheKey);
    if (sql === undefined) {
      const d = this.#dialect;
      switch (kind) {
        case "insert":
          sql = d.insert(batch.table, shape.columnNames, rows);
          break;
        case "upsert":
          sql = d.upsert(batch.table, shape.keyNames, shape.columnNames, rows);
          break;
        case "update":
          sql = d.update(batch.table, shape.keyNames, shape.valueNames);
          break;
        case "delete":
          sql = d.delete(batch.table, shape.keyNames, rows);
          break;
      }
      if (this.#statements.size > 500) this.#statements.clear();
      this.#statements.set(cacheKey, sql);
    }
    return sql;
  }

  /** The dialect's one-array-per-column statement for `shape`, when it has one and knows the column types. */
  #columnarStatement(
    batch: Batch,
    shape: RecordShape,
    kind: "insert" | "upsert",
  ): ColumnarInsert | undefined {
    const build = this.#dialect.columnarInsert;
    if (build === undefined) return undefined;
    const cacheKey = `${batch.tableKey}\u0001${shape.id}\u0001${kind}`;
    // A cached `undefined` remembers that this shape has no columnar statement.
    if (this.#columnar.has(cacheKey)) return this.#columnar.get(cacheKey);
    const types = this.#tables.columnTypes(batch.table, shape.columnNames);
    const keys = kind === "upsert" ? shape.keyNames : undefined;
    const columnar =
      types === undefined
        ? undefined
        : build.call(this.#dialect, batch.table, shape.columnNames, types, keys);
    if (this.#columnar.size > 500) this.#columnar.clear();
    this.#columnar.set(cacheKey, columnar);
    return columnar;
  }

  /** The slow path after a refused statement: every row on its own, in a savepoint, refused rows reported. */
  async #writeRowByRow(batches: readonly Batch[], onRecordError: RecordErrorHandler): Promise<void> {
    const refused: [SinkRecord, unknown][] = [];
    await this.#client.transaction(async (tx) => {
      for (const batch of batches) {
        for (const op of batch.operations()) {
          try {
            const statements: Statement[] = [];
            if (op.delete) this.#deleteStatements(batch, [op.row], statements);
            else this.#writeStatements(batch, batch.writeShape as RecordShape, [op.row], statements);
            await tx.transaction((row) => run(row, statements));
          } catch (error) {
            if (!(error instanceof SqlStatementError)) throw error;
            refused.push([
              op.record,
              new DataError(`The database refused the record at ${where(op.record)}: ${error.message}`, {
                cause: error,
              }),
            ]);
          }
        }
      }
    });
    // Reported once the rest is committed, so a record is never both written and sent to the dead letter queue.
    for (const [record, error] of refused) await onRecordError(record, error);
  }
}

/** One statement to run, with its parameters. */
interface Statement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** Runs statements one after another; each is prepared, as the same few statements come back put after put. */
async function run(client: SqlClient, statements: readonly Statement[]): Promise<void> {
  for (const { sql, params } of statements) await client.query(sql, params, { prepare: true });
}

function sameKeys(a: RecordShape, b: RecordShape): boolean {
  if (a === b) return true;
  const x = a.keyNames;
  const y = b.keyNames;
  return x.length === y.length && x.every((name, i) => name === y[i]);
}
