/**
 * Test harnesses and contract suites for Tributary connector authors: run a source or sink task the way a worker
 * does, without Kafka, and check it against the guarantees a worker relies on.
 *
 * @packageDocumentation
 * @module @tributary/testkit
 */

export type { PropsInput } from "./props-input.js";
export type { SinkRecordInput } from "./sink/sink-record-input.js";
export {
  type RedeliverySemantics,
  type SinkTaskContractOptions,
  sinkTaskContract,
} from "./sink/sink-task-contract.js";
export { SinkTaskHarness, type SinkTaskHarnessOptions } from "./sink/sink-task-harness.js";
export type { ReportedRecord } from "./sink/sink-task-harness-context.js";
export { type SourceTaskContractOptions, sourceTaskContract } from "./source/source-task-contract.js";
export {
  type PollCondition,
  SourceTaskHarness,
  type SourceTaskHarnessOptions,
} from "./source/source-task-harness.js";
