import type { SourceMode } from "./jdbc-source-config.js";

/** What {@link buildSourceQuery} builds a statement from; identifiers already quoted, values already bindable. */
export interface SourceQueryInput {
  /** The mode, which decides the conditions and the order. */
  readonly mode: SourceMode;
  /** The quoted table name, or the custom query (wrapped as a subquery here). */
  readonly from: { readonly table: string } | { readonly query: string };
  /** The quoted columns to select. */
  readonly columns: readonly string[];
  /** The quoted incrementing column, in the incrementing modes. */
  readonly incrementing?: string | undefined;
  /** The timestamp expression (a column, or COALESCE of several), in the timestamp modes. */
  readonly timestamp?: string | undefined;
  /** The last incrementing value read, bindable; `undefined` when nothing was read yet. */
  readonly lastIncrementing?: unknown;
  /** The last timestamp read, bindable; `undefined` when nothing was read yet. */
  readonly lastTimestamp?: unknown;
  /** The newest timestamp to read, exclusive (the database's time minus the delay), bindable. */
  readonly endTimestamp?: unknown;
  /** The dialect's placeholder of the n-th parameter. */
  readonly placeholder: (index: number) => string;
  /** `query.suffix`: text appended to the statement. */
  readonly suffix?: string;
}

/** A statement and the values of its placeholders, in order. */
export interface SourceQuery {
  /** The SQL text. */
  readonly sql: string;
  /** The values bound to its placeholders. */
  readonly params: readonly unknown[];
}

/** The alias of a custom query wrapped as a subquery. */
export const QUERY_ALIAS = "tributary_query";

/**
 * Builds the SELECT of one run over a table or custom query:
 * - bulk: every row;
 * - incrementing: `WHERE inc > last ORDER BY inc`;
 * - timestamp: `WHERE ts < end AND ts > last ORDER BY ts`;
 * - timestamp+incrementing: `WHERE ts < end AND ((ts = last AND inc > lastInc) OR ts > last) ORDER BY ts, inc`,
 *   a strict comparison of (ts, inc) pairs, so rows sharing a timestamp are neither lost nor repeated.
 * Conditions on the last values are left out before anything was read. A custom query is wrapped, `SELECT … FROM
 * (query) AS tributary_query WHERE …`, so its own WHERE, GROUP BY or ORDER BY stay intact.
 */
export function buildSourceQuery(input: SourceQueryInput): SourceQuery {
  const params: unknown[] = [];
  const bind = (value: unknown): string => {
    params.push(value);
    return input.placeholder(params.length);
  };
  const from =
    "table" in input.from ? input.from.table : `(${stripTerminator(input.from.query)}) AS ${QUERY_ALIAS}`;
  const conditions: string[] = [];
  const order: string[] = [];
  const { incrementing: inc, timestamp: ts } = input;
  switch (input.mode) {
    case "bulk":
      break;
    case "incrementing":
      if (inc === undefined) throw new Error("incrementing mode needs an incrementing column");
      if (input.lastIncrementing !== undefined) conditions.push(`${inc} > ${bind(input.lastIncrementing)}`);
      order.push(`${inc} ASC`);
      break;
    case "timestamp":
      if (ts === undefined) throw new Error("timestamp mode needs a timestamp column");
      conditions.push(`${ts} < ${bind(input.endTimestamp)}`);
      if (input.lastTimestamp !== undefined) conditions.push(`${ts} > ${bind(input.lastTimestamp)}`);
      order.push(`${ts} ASC`);
      break;
    case "timestamp+incrementing":
      if (ts === undefined || inc === undefined) {
        throw new Error("timestamp+incrementing mode needs a timestamp and an incrementing column");
      }
      conditions.push(`${ts} < ${bind(input.endTimestamp)}`);
      if (input.lastTimestamp !== undefined && input.lastIncrementing !== undefined) {
        const last = input.lastTimestamp;
        conditions.push(
          `((${ts} = ${bind(last)} AND ${inc} > ${bind(input.lastIncrementing)}) OR ${ts} > ${bind(last)})`,
        );
      } else if (input.lastTimestamp !== undefined) {
        // A timestamp without an id (from timestamp.initial, or an offset of timestamp mode): rows at it may be new.
        conditions.push(`${ts} >= ${bind(input.lastTimestamp)}`);
      }
      order.push(`${ts} ASC`, `${inc} ASC`);
      break;
  }
  let sql = `SELECT ${input.columns.join(", ")} FROM ${from}`;
  if (conditions.length > 0) sql += ` WHERE ${conditions.join(" AND ")}`;
  if (order.length > 0) sql += ` ORDER BY ${order.join(", ")}`;
  const suffix = input.suffix?.trim() ?? "";
  if (suffix !== "") sql += ` ${suffix}`;
  return { sql, params };
}

/** A query without the semicolons and blanks that may end it, so it can be wrapped. */
export function stripTerminator(query: string): string {
  return query.replace(/[\s;]+$/, "");
}
