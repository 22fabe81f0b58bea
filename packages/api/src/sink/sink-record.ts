import { describeValue } from "../data/describe-value.js";
import { DataError } from "../errors/connect-error.js";
import {
  ConnectRecord,
  type ConnectRecordChanges,
  type ConnectRecordInit,
} from "../record/connect-record.js";
import { TimestampType } from "./timestamp-type.js";

const BRAND = Symbol.for("tributary.SinkRecord");
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Everything a {@link SinkRecord} is created with. The worker creates sink records; connector code creates them only
 * in tests, and transformations derive them with {@link SinkRecord.newRecord}.
 */
export interface SinkRecordInit extends ConnectRecordInit {
  /** The partition the record was read from (a transformation may have cleared it to `null`). */
  readonly kafkaPartition: number | null;
  /** The record's offset in its partition. */
  readonly kafkaOffset: bigint;
  /** What the timestamp means; by default `NO_TIMESTAMP_TYPE` without a timestamp and `CREATE_TIME` with one. */
  readonly timestampType?: TimestampType;
  /** The topic as read from Kafka, before any transformation; by default `topic`. */
  readonly originalTopic?: string;
  /** The partition as read from Kafka, before any transformation; by default `kafkaPartition`. */
  readonly originalKafkaPartition?: number;
  /** The offset as read from Kafka, before any transformation; by default `kafkaOffset`. */
  readonly originalKafkaOffset?: bigint;
}

/**
 * A record the worker read from Kafka and hands to a {@link SinkTask}.
 *
 * Besides the data, it carries its Kafka coordinates twice. `topic`, `kafkaPartition` and `kafkaOffset` are what
 * transformations made of them (a router may rename the topic). `originalTopic`, `originalKafkaPartition` and
 * `originalKafkaOffset` are where the record really sits in Kafka; they survive every {@link SinkRecord.newRecord},
 * and they are what offsets are about: a task that tracks its own offsets, or returns them from
 * {@link SinkTask.preCommit}, must key them by `TopicPartition.of(originalTopic, originalKafkaPartition)` and use
 * `originalKafkaOffset + 1n` (the next offset to read).
 */
export class SinkRecord extends ConnectRecord {
  /** The record's offset, possibly changed by a transformation; see {@link SinkRecord.originalKafkaOffset}. */
  readonly kafkaOffset: bigint;
  /** What {@link ConnectRecord.timestamp} means. */
  readonly timestampType: TimestampType;
  /** The topic the record was read from, before any transformation. */
  readonly originalTopic: string;
  /** The partition the record was read from, before any transformation. */
  readonly originalKafkaPartition: number;
  /** The record's offset in Kafka, before any transformation. */
  readonly originalKafkaOffset: bigint;

  /**
   * Creates a sink record; the original coordinates default to the given ones.
   * @throws DataError when a field is not valid.
   */
  constructor(init: SinkRecordInit) {
    super(init);
    this.kafkaOffset = checkOffset(init.kafkaOffset, "kafkaOffset");
    this.timestampType = checkTimestampType(
      init.timestampType ?? (this.timestamp === null ? "NO_TIMESTAMP_TYPE" : "CREATE_TIME"),
    );
    this.originalTopic = init.originalTopic ?? this.topic;
    const originalPartition = init.originalKafkaPartition ?? init.kafkaPartition ?? null;
    if (
      originalPartition === null ||
      !(Number.isInteger(originalPartition) && originalPartition >= 0 && originalPartition <= 2147483647)
    ) {
      throw new DataError(
        `A SinkRecord's original partition must be an integer from 0 to 2147483647, got ${describeValue(originalPartition)}.`,
      );
    }
    this.originalKafkaPartition = originalPartition;
    this.originalKafkaOffset = checkOffset(
      init.originalKafkaOffset ?? init.kafkaOffset,
      "originalKafkaOffset",
    );
    if (new.target === SinkRecord) Object.freeze(this);
  }

  /** True for any SinkRecord, including one created by another copy of this package. */
  static isSinkRecord(value: unknown): value is SinkRecord {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /**
   * A copy with `changes` applied; `kafkaOffset`, `timestampType` and the original coordinates are kept.
   * @throws DataError when a changed field is not valid.
   */
  newRecord(changes: ConnectRecordChanges = {}): this {
    // Added to the fresh object rather than spread, which V8 turns into a slow dictionary-mode object.
    const init = this.applyChanges(changes) as Record<string, unknown>;
    init.kafkaOffset = this.kafkaOffset;
    init.timestampType = this.timestampType;
    init.originalTopic = this.originalTopic;
    init.originalKafkaPartition = this.originalKafkaPartition;
    init.originalKafkaOffset = this.originalKafkaOffset;
    return new SinkRecord(init as unknown as SinkRecordInit) as this;
  }

  /** True when `other` is a sink record with equal fields, offsets and original coordinates. */
  override equals(other: unknown): boolean {
    if (this === other) return true;
    return (
      SinkRecord.isSinkRecord(other) &&
      super.equals(other) &&
      this.kafkaOffset === other.kafkaOffset &&
      this.timestampType === other.timestampType &&
      this.originalTopic === other.originalTopic &&
      this.originalKafkaPartition === other.originalKafkaPartition &&
      this.originalKafkaOffset === other.originalKafkaOffset
    );
  }

  /** A short description for logs, naming the topic, partition and offset. */
  override toString(): string {
    return `SinkRecord{topic=${this.topic}, kafkaPartition=${String(this.kafkaPartition)}, kafkaOffset=${this.kafkaOffset}, original=${this.originalTopic}-${this.originalKafkaPartition}@${this.originalKafkaOffset}}`;
  }
}

function checkOffset(offset: bigint, what: string): bigint {
  if (typeof offset !== "bigint" || offset < INT64_MIN || offset > INT64_MAX) {
    throw new DataError(
      `A SinkRecord's ${what} must be a 64-bit bigint, got ${describeValue(offset)}; write it as 42n or BigInt(n).`,
    );
  }
  return offset;
}

function checkTimestampType(type: TimestampType): TimestampType {
  if (!Object.hasOwn(TimestampType, type)) {
    throw new DataError(
      `Unknown timestampType ${describeValue(type)}: use one of ${Object.keys(TimestampType).join(", ")}.`,
    );
  }
  return type;
}

// On the prototype, so that it costs nothing per record (see ConnectRecord).
Object.defineProperty(SinkRecord.prototype, BRAND, { value: true });
