/**
 * Where in a task's pipeline an operation runs, named as Kafka Connect's `Stage`, so logs and dead-letter-queue
 * headers read the same as Kafka's.
 *
 * Failures in the converters and transformations (`KEY_CONVERTER`, `VALUE_CONVERTER`, `HEADER_CONVERTER`,
 * `TRANSFORMATION`) can be tolerated whatever the error; in the other stages only retriable errors can.
 */
export type ErrorStage =
  | "KEY_CONVERTER"
  | "VALUE_CONVERTER"
  | "HEADER_CONVERTER"
  | "TRANSFORMATION"
  | "TASK_PUT"
  | "TASK_POLL"
  | "KAFKA_PRODUCE"
  | "KAFKA_CONSUME";

/**
 * The stages in which `errors.tolerance=all` skips a record whatever the error, as Kafka does.
 * @internal
 */
export const RECORD_STAGES: ReadonlySet<ErrorStage> = new Set<ErrorStage>([
  "KEY_CONVERTER",
  "VALUE_CONVERTER",
  "HEADER_CONVERTER",
  "TRANSFORMATION",
]);
