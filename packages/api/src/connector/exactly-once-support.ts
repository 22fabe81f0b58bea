/**
 * Whether a source connector can deliver exactly once with a given configuration, as its
 * {@link SourceConnector.exactlyOnceSupport} answers.
 *
 * The worker asks only when exactly-once source support is enabled on it; a connector that answers
 * `UNSUPPORTED` (or `null`) cannot run with `exactly.once.support=required`.
 */
export const ExactlyOnceSupport = Object.freeze({
  /** The connector's records and offsets can be written atomically, so each record lands exactly once. */
  SUPPORTED: "SUPPORTED",
  /** The connector cannot promise exactly-once delivery with this configuration. */
  UNSUPPORTED: "UNSUPPORTED",
} as const);

/** One of the {@link ExactlyOnceSupport} answers. */
export type ExactlyOnceSupport = (typeof ExactlyOnceSupport)[keyof typeof ExactlyOnceSupport];
