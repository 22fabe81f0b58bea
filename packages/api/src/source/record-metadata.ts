/**
 * Where Kafka stored a record a source task produced, as the broker acknowledged it; passed to
 * {@link SourceTask.commitRecord}.
 */
export interface RecordMetadata {
  /** The topic the record was written to, after transformations. */
  readonly topic: string;
  /** The partition the record was written to. */
  readonly partition: number;
  /** The offset the broker gave the record in its partition. */
  readonly offset: bigint;
  /** The record's timestamp as stored (the broker's when the topic uses log-append time), or `null` when it has none. */
  readonly timestamp: number | null;
}
