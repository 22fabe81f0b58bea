import type { ConnectRecord } from "@tributary/api";

/**
 * What happens to each record between a task and the topics: the connector's transformation chain and, for
 * sources, the optional converter round trip, under the connector's error-tolerance rules.
 *
 * `process` returns the record to pass on, or `null` when it is dropped (filtered, or failed and tolerated); it
 * throws when the failure must fail the task. It may return a promise (a retry with backoff is under way); the fast
 * path returns synchronously, which saves a promise per record.
 */
export interface RecordProcessor<In extends ConnectRecord, Out extends ConnectRecord = In> {
  process(record: In): Out | null | Promise<Out | null>;
  /** Releases the transformations and converters. */
  close(): void | Promise<void>;
}

/** A processor that passes every record through unchanged. */
export function identityProcessor<R extends ConnectRecord>(): RecordProcessor<R> {
  return { process: (record) => record, close: () => {} };
}
