import { DataError, type SourceOffset, type SourcePartition } from "@tributary/api";
import type { TableId } from "../dialect/dialect-reader.js";
import { floorDiv, floorMod } from "../dialect/read-time-zone.js";

const NANOS_PER_MILLI = 1_000_000n;
const NANOS_PER_SECOND = 1_000_000_000n;
const MILLIS_PER_SECOND = 1000n;

/** Confluent's offset keys. */
const INCREMENTING = "incrementing";
const TIMESTAMP = "timestamp";
const TIMESTAMP_NANOS = "timestamp_nanos";

/**
 * Where a table's reading stands: the last timestamp (nanoseconds since the epoch) and incrementing value read, each
 * `undefined` when the mode does not use it or nothing was read yet.
 */
export interface SourcePosition {
  /** Every row up to this timestamp was read (with `incrementing`, up to this timestamp and id). */
  readonly timestamp: bigint | undefined;
  /** Every row up to this incrementing value was read. */
  readonly incrementing: bigint | undefined;
}

/** The position before anything was read. */
export const START: SourcePosition = Object.freeze({ timestamp: undefined, incrementing: undefined });

/** The source partition of query mode, as Confluent writes it. */
export const QUERY_PARTITION: SourcePartition = Object.freeze({ query: "query" });

/** A table's name as Confluent writes it in partitions: its parts, unquoted, joined by dots. */
export function qualifiedTableName(table: TableId): string {
  return [table.catalog, table.schema, table.name].filter((part) => part !== undefined).join(".");
}

/** A table's source partition, Confluent's protocol 1: `{"protocol": "1", "table": "db.schema.table"}`. */
export function tablePartition(table: TableId): SourcePartition {
  return Object.freeze({ protocol: "1", table: qualifiedTableName(table) });
}

/** The partition Confluent's connector wrote before protocol 1, `{"table": "<name>"}`, read when no newer one exists. */
export function legacyTablePartition(table: TableId): SourcePartition {
  return Object.freeze({ table: table.name });
}

/**
 * The stored form of a position, in Confluent's shape: `incrementing` (a whole number), `timestamp` (milliseconds
 * since the epoch) and `timestamp_nanos` (the nanoseconds within that second), each only when the position has it.
 */
export function offsetOf(position: SourcePosition): SourceOffset {
  const offset: Record<string, number | bigint> = {};
  if (position.incrementing !== undefined) offset[INCREMENTING] = compact(position.incrementing);
  if (position.timestamp !== undefined) {
    offset[TIMESTAMP] = Number(floorDiv(position.timestamp, NANOS_PER_MILLI));
    offset[TIMESTAMP_NANOS] = Number(floorMod(position.timestamp, NANOS_PER_SECOND));
  }
  return Object.freeze(offset);
}

/**
 * Reads a stored offset back into a position; `null` reads as the start.
 * @throws DataError when a key holds something other than a whole number.
 */
export function positionOf(offset: SourceOffset | null): SourcePosition {
  if (offset === null) return START;
  const incrementing = wholeNumber(offset, INCREMENTING);
  const millis = wholeNumber(offset, TIMESTAMP);
  const nanos = wholeNumber(offset, TIMESTAMP_NANOS);
  let timestamp: bigint | undefined;
  if (millis !== undefined) {
    // timestamp_nanos repeats the milliseconds and adds what is finer; without it the milliseconds are all there is.
    timestamp =
      nanos === undefined
        ? millis * NANOS_PER_MILLI
        : floorDiv(millis, MILLIS_PER_SECOND) * NANOS_PER_SECOND + nanos;
  }
  return Object.freeze({ timestamp, incrementing });
}

function compact(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value;
}

function wholeNumber(offset: SourceOffset, key: string): bigint | undefined {
  const value = offset[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
  if (typeof value === "string" && /^-?\d+$/.test(value)) return BigInt(value);
  throw new DataError(
    `The stored JDBC source offset ${JSON.stringify(offset, (_k, v) => (typeof v === "bigint" ? String(v) : v))} ` +
      `has "${key}" = ${JSON.stringify(value)}, not a whole number. Reset or correct the connector's offsets.`,
  );
}
