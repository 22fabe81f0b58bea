/**
 * What a sink record's timestamp means, as Kafka stores it with each record batch: set by the producer when the
 * record was created, set by the broker when it appended the record, or absent.
 */
export const TimestampType = Object.freeze({
  /** The record has no timestamp; its `timestamp` is `null`. */
  NO_TIMESTAMP_TYPE: "NO_TIMESTAMP_TYPE",
  /** The producer set the timestamp when it created the record. */
  CREATE_TIME: "CREATE_TIME",
  /** The broker set the timestamp when it appended the record to the log (topic `message.timestamp.type=LogAppendTime`). */
  LOG_APPEND_TIME: "LOG_APPEND_TIME",
} as const);

/** One of the {@link TimestampType} values. */
export type TimestampType = (typeof TimestampType)[keyof typeof TimestampType];
