import { ConnectError, Headers, type SourcePartition, SourceRecord, Struct } from "@tributary/api";
import type { SqlClient, SqlRow } from "../connection/sql-client.js";
import { SqlStatementError } from "../connection/sql-errors.js";
import type { Dialect } from "../dialect/dialect.js";
import type { ColumnDefinition, ReadOptions, TableId } from "../dialect/dialect-reader.js";
import { columnLayout, type Layout } from "./column-layout.js";
import type { SourceMode } from "./jdbc-source-config.js";
import { offsetOf, type SourcePosition } from "./source-offsets.js";
import { buildSourceQuery, type SourceQuery, stripTerminator } from "./source-query.js";

/** What a {@link TableQuerier} reads: a table, or the result of a custom query. */
export type QuerySource = { readonly table: TableId } | { readonly query: string };

/** Everything a {@link TableQuerier} is configured with. */
export interface TableQuerierOptions {
  readonly dialect: Dialect;
  readonly source: QuerySource;
  readonly mode: SourceMode;
  readonly topic: string;
  readonly partition: SourcePartition;
  /** Where reading resumes: the stored offset, or the start. */
  readonly position: SourcePosition;
  /** `timestamp.initial`: milliseconds, -1 for the database's time, `undefined` for none. */
  readonly timestampInitial: number | undefined;
  /** `incrementing.column.name`; empty to use the auto-increment column. */
  readonly incrementingColumn: string;
  /** `timestamp.column.name`. */
  readonly timestampColumns: readonly string[];
  readonly delayMs: number;
  readonly validateNonNull: boolean;
  readonly suffix: string;
  readonly readOptions: ReadOptions;
  /** Called once per column the source cannot map, per querier; the task warns once per table and column. */
  readonly onUnmappable: (column: ColumnDefinition) => void;
}

const NANOS_PER_MILLI = 1_000_000n;
/** Records have no headers; read-only headers are shared rather than created per record. */
const NO_HEADERS = Headers.readOnly();
/** Bulk mode has no position: every record shares one empty offset. */
const BULK_OFFSET = offsetOf({ timestamp: undefined, incrementing: undefined });

/**
 * Reads one table, or one custom query, run after run: each run selects the rows after the current position in
 * the mode's order and streams them with a cursor, `batch.max.rows` at a time; {@link TableQuerier.read} turns
 * them into records, each carrying the offset to resume from after it.
 *
 * In timestamp mode a row's offset only moves to its own timestamp once the row after it has a later one (or the
 * run has ended), so a restart never skips the rest of a group of rows sharing a timestamp. In the other modes the
 * offset is the row's own (timestamp, id) or id, which the next run compares strictly.
 *
 * Not safe for overlapping calls: the task calls it from `poll()` only.
 * @internal
 */
export class TableQuerier {
  readonly #options: TableQuerierOptions;
  /** When the next run may start, in `Date.now()` milliseconds. */
  nextRunAt = 0;
  #position: SourcePosition;
  #layout: Layout | undefined;
  #rows: AsyncIterator<readonly SqlRow[]> | undefined;
  #buffer: readonly SqlRow[] = [];
  #index = 0;
  #ended = false;
  /** The next batch, already asked for. */
  #prefetch: Promise<IteratorResult<readonly SqlRow[]>> | undefined;

  constructor(options: TableQuerierOptions) {
    this.#options = options;
    this.#position = options.position;
  }

  /** Whether it reads a table (rather than a custom query). */
  get readsTable(): boolean {
    return "table" in this.#options.source;
  }

  /** The table or query, for messages. */
  get description(): string {
    const source = this.#options.source;
    return "table" in source
      ? this.#options.dialect.tableName(source.table)
      : `query ${JSON.stringify(source.query)}`;
  }

  /** Whether a run is in progress (its cursor open). */
  get running(): boolean {
    return this.#rows !== undefined;
  }

  /** The position after the last record read. */
  get position(): SourcePosition {
    return this.#position;
  }

  /**
   * Starts a run: describes the columns (a table may have changed since the last run), reads the database's time
   * for the timestamp modes and opens the cursor.
   * @throws ConnectError when a configured column is missing, unusable or nullable (with `validate.non.null`).
   */
  async start(client: SqlClient, fetchSize: number): Promise<void> {
    const layout = await this.#describe(client);
    const query = await this.#query(client, layout);
    this.#buffer = [];
    this.#index = 0;
    this.#ended = false;
    this.#prefetch = undefined;
    this.#rows = client.stream(query.sql, query.params, fetchSize)[Symbol.asyncIterator]();
  }

  /**
   * Up to `max` records of the current run; fewer, possibly none, when the run ends, after which
   * {@link TableQuerier.running} is false.
   */
  async read(max: number): Promise<SourceRecord[]> {
    const layout = this.#layout;
    if (layout === undefined || this.#rows === undefined) return [];
    const records: SourceRecord[] = [];
    // Timestamp mode needs the row after each one to know whether that row's group of equal timestamps is complete.
    const lookahead = this.#options.mode === "timestamp" ? 1 : 0;
    while (records.length < max) {
      const available = this.#buffer.length - this.#index - (this.#ended ? 0 : lookahead);
      if (available <= 0) {
        if (this.#ended) break;
        await this.#fetch();
        continue;
      }
      const end = this.#index + Math.min(available, max - records.length);
      for (; this.#index < end; this.#index++) records.push(this.#record(layout, this.#index));
    }
    if (this.#ended && this.#index >= this.#buffer.length) await this.close();
    return records;
  }

  /** Ends the current run early, closing its cursor; the next run starts from the position reached. */
  async close(): Promise<void> {
    const rows = this.#rows;
    this.#rows = undefined;
    this.#prefetch = undefined;
    this.#buffer = [];
    this.#index = 0;
    await rows?.return?.();
  }

  async #fetch(): Promise<void> {
    const rows = this.#rows;
    if (rows === undefined) {
      this.#ended = true;
      return;
    }
    const next = await (this.#prefetch ?? rows.next());
    this.#prefetch = undefined;
    if (next.done === true) {
      this.#ended = true;
      return;
    }
    // Ask for the batch after this one at once, so the driver keeps reading from the server while this batch is
    // converted and delivered: at most two batches are in memory, and the server is not kept waiting between polls.
    const prefetch = rows.next();
    prefetch.catch(() => undefined); // its failure is reported by the fetch that awaits it
    this.#prefetch = prefetch;
    const rest = this.#buffer.slice(this.#index);
    this.#buffer = rest.length === 0 ? next.value : [...rest, ...next.value];
    this.#index = 0;
  }

  #record(layout: Layout, index: number): SourceRecord {
    const row = this.#buffer[index] as SqlRow;
    const struct = new Struct(layout.schema);
    layout.convert(row, struct);
    let offset = BULK_OFFSET;
    if (this.#options.mode !== "bulk") {
      this.#advance(layout, row, index);
      offset = offsetOf(this.#position);
    }
    return new SourceRecord({
      sourcePartition: this.#options.partition,
      sourceOffset: offset,
      topic: this.#options.topic,
      valueSchema: layout.schema,
      value: struct,
      headers: NO_HEADERS,
    });
  }

  /** Moves the position past `row`. */
  #advance(layout: Layout, row: SqlRow, index: number): void {
    const mode = this.#options.mode;
    if (mode === "bulk") return;
    const incrementing = layout.incrementing === undefined ? undefined : this.#incrementingOf(layout, row);
    if (mode === "incrementing") {
      this.#position = { timestamp: undefined, incrementing };
      return;
    }
    const timestamp = this.#timestampOf(layout, row);
    if (mode === "timestamp+incrementing") {
      this.#position = { timestamp, incrementing };
      return;
    }
    const next = this.#buffer[index + 1];
    const complete =
      next === undefined || (timestamp !== undefined && (this.#timestampOf(layout, next) ?? 0n) > timestamp);
    if (complete) this.#position = { timestamp, incrementing: undefined };
  }

  #incrementingOf(layout: Layout, row: SqlRow): bigint {
    const column = layout.incrementing as ColumnDefinition;
    const raw = row[column.name];
    if (typeof raw === "bigint") return raw;
    if (typeof raw === "number" && Number.isInteger(raw)) return BigInt(raw);
    if (typeof raw === "string" && /^-?\d+$/.test(raw)) return BigInt(raw);
    throw new ConnectError(
      `The incrementing column ${column.name} of ${this.description} holds ${String(raw)}, not a whole number; ` +
        "incrementing.column.name must name an integer column that is never NULL.",
    );
  }

  #timestampOf(layout: Layout, row: SqlRow): bigint | undefined {
    const { reader } = this.#options.dialect;
    for (const column of layout.timestamps) {
      const value = reader.timestampOf(row[column.name], column, this.#options.readOptions.timeZone);
      if (value !== null) return value;
    }
    return undefined;
  }

  async #describe(client: SqlClient): Promise<Layout> {
    const { dialect, source } = this.#options;
    const columns =
      "table" in source
        ? await dialect.reader.describeTable(client, source.table)
        : await dialect.reader.describeQuery(client, stripTerminator(source.query));
    if (columns.length === 0) {
      // As the database reports a missing table on a statement, so that the task treats both alike.
      throw new SqlStatementError(`${this.description} has no columns, or does not exist (any more).`, {
        database: client.kind,
      });
    }
    const signature = JSON.stringify(columns);
    if (this.#layout?.signature === signature) return this.#layout;
    const layout = columnLayout(columns, signature, { ...this.#options, description: this.description });
    this.#layout = layout;
    return layout;
  }

  async #query(client: SqlClient, layout: Layout): Promise<SourceQuery> {
    const { dialect, source, mode } = this.#options;
    const reader = dialect.reader;
    const zone = this.#options.readOptions.timeZone;
    let timestamp: string | undefined;
    let endTimestamp: unknown;
    let lastTimestamp: unknown;
    const first = layout.timestamps[0];
    if (first !== undefined) {
      const quoted = layout.timestamps.map((column) => dialect.identifier(column.name));
      timestamp = reader.timestampExpression(
        quoted.length === 1 ? (quoted[0] as string) : `COALESCE(${quoted.join(", ")})`,
      );
      const now = await reader.currentTimestamp(client);
      endTimestamp = reader.timestampParameter(
        now - BigInt(this.#options.delayMs) * NANOS_PER_MILLI,
        first,
        zone,
      );
      let last = this.#position.timestamp;
      const initial = this.#options.timestampInitial;
      if (last === undefined && initial !== undefined) {
        last = initial === -1 ? now : BigInt(initial) * NANOS_PER_MILLI;
        this.#position = { ...this.#position, timestamp: last };
      }
      if (last !== undefined) lastTimestamp = reader.timestampParameter(last, first, zone);
    }
    return buildSourceQuery({
      mode,
      from: "table" in source ? { table: dialect.tableName(source.table) } : { query: source.query },
      columns: layout.selected,
      incrementing:
        layout.incrementing === undefined ? undefined : dialect.identifier(layout.incrementing.name),
      timestamp,
      lastIncrementing: mode === "timestamp" ? undefined : this.#position.incrementing,
      lastTimestamp,
      endTimestamp,
      placeholder: (index) => dialect.placeholder(index),
      suffix: this.#options.suffix,
    });
  }
}
