import { describeValue } from "../data/describe-value.js";
import { DataError } from "../errors/connect-error.js";
import {
  ConnectRecord,
  type ConnectRecordChanges,
  type ConnectRecordInit,
} from "../record/connect-record.js";
import type { SourceOffset, SourcePartition } from "../storage/source-offset.js";

const BRAND = Symbol.for("tributary.SourceRecord");

/** Everything a {@link SourceRecord} is created with: the common record fields plus where it was read from. */
export interface SourceRecordInit extends ConnectRecordInit {
  /** The part of the source system the record was read from, such as `{ filename: "orders.csv" }`. */
  readonly sourcePartition: SourcePartition;
  /** The position to resume from after this record within `sourcePartition`, such as `{ position: 1024 }`. */
  readonly sourceOffset: SourceOffset;
}

/**
 * A record a {@link SourceTask} read from an external system, on its way to Kafka.
 *
 * Besides the data, it says where it was read from: `sourcePartition` names one independently ordered part of the
 * source (a file, a table, a shard) and `sourceOffset` the position to resume from once this record is safely in
 * Kafka. The worker stores the offset of a partition only after this record and every earlier record of that
 * partition are acknowledged, and gives it back through {@link OffsetStorageReader} when the task restarts. Both are
 * flat objects of primitives (see {@link SourcePartition}); the record keeps frozen copies, so a task may reuse and
 * change its own position object after creating the record.
 *
 * @example
 * ```ts
 * new SourceRecord({
 *   sourcePartition: { filename: "orders.csv" },
 *   sourceOffset: { position: 1024 },
 *   topic: "orders",
 *   valueSchema: Schema.STRING_SCHEMA,
 *   value: line,
 * });
 * ```
 */
export class SourceRecord extends ConnectRecord {
  /** The part of the source system the record was read from; frozen. */
  readonly sourcePartition: SourcePartition;
  /** The position to resume from in {@link SourceRecord.sourcePartition} once this record is in Kafka; frozen. */
  readonly sourceOffset: SourceOffset;

  /**
   * Creates a source record; fields left out are `null`, headers empty.
   * @throws DataError when a field is not valid or the partition or offset is not a plain object.
   */
  constructor(init: SourceRecordInit) {
    super(init);
    this.sourcePartition = frozenCopy(init.sourcePartition, "sourcePartition");
    this.sourceOffset = frozenCopy(init.sourceOffset, "sourceOffset");
    if (new.target === SourceRecord) Object.freeze(this);
  }

  /** True for any SourceRecord, including one created by another copy of this package. */
  static isSourceRecord(value: unknown): value is SourceRecord {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /**
   * A copy with `changes` applied; the source partition and offset are kept, so the worker still commits the
   * position of the record the task produced, whatever transformations did to it.
   * @throws DataError when a changed field is not valid.
   */
  newRecord(changes: ConnectRecordChanges = {}): this {
    // Properties are added to the fresh object rather than spread into a new one: in V8 a spread followed by more
    // properties builds a slow dictionary-mode object, and transformations call this for every record.
    const init = this.applyChanges(changes) as Required<ConnectRecordInit> & SourceRecordInit;
    (init as { sourcePartition: SourcePartition }).sourcePartition = this.sourcePartition;
    (init as { sourceOffset: SourceOffset }).sourceOffset = this.sourceOffset;
    return new SourceRecord(init) as this;
  }

  /** True when `other` is a source record with equal fields, source partition and source offset. */
  override equals(other: unknown): boolean {
    if (this === other) return true;
    return (
      SourceRecord.isSourceRecord(other) &&
      super.equals(other) &&
      flatEqual(this.sourcePartition, other.sourcePartition) &&
      flatEqual(this.sourceOffset, other.sourceOffset)
    );
  }

  /** A short description for logs, naming the topic and the source partition and offset. */
  override toString(): string {
    return `SourceRecord{topic=${this.topic}, kafkaPartition=${String(this.kafkaPartition)}, sourcePartition=${describeValue(this.sourcePartition)}, sourceOffset=${describeValue(this.sourceOffset)}}`;
  }
}

function frozenCopy<T extends Readonly<Record<string, unknown>>>(map: T, what: string): T {
  // The worker serialises these as JSON objects; a Map or array would lose its entries silently.
  if (typeof map !== "object" || map === null || Array.isArray(map) || map instanceof Map) {
    throw new DataError(
      `A SourceRecord's ${what} must be a plain object of primitives, such as { position: 30 }, got ${describeValue(map)}.`,
    );
  }
  // A frozen map cannot change under the record, so it is shared rather than copied (newRecord passes them on).
  return Object.isFrozen(map) ? map : Object.freeze({ ...map });
}

function flatEqual(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key])
  );
}

// On the prototype, so that it costs nothing per record (see ConnectRecord).
Object.defineProperty(SourceRecord.prototype, BRAND, { value: true });
