import type {
  ErrantRecordReporter,
  SinkConnector,
  SinkRecord,
  SourceConnector,
  SourceRecord,
} from "@tributary/api";
import type { RecordProcessor } from "./record-processor.js";

/** The per-task pieces a worker builds from a connector's config: the task's record processor and error reporter. */
export interface TaskPipeline<R extends SourceRecord | SinkRecord> {
  readonly processor: RecordProcessor<R>;
  /** For sink tasks: the reporter `errantRecordReporter()` returns, or null when errors are not tolerated. */
  readonly errantRecordReporter?: ErrantRecordReporter | null;
}

/** A source connector ready to run: its instance, resolved config, and how to build each task's pipeline. */
export interface SourceDeployment {
  readonly type: "source";
  readonly name: string;
  /** The resolved config (config providers applied), handed to the connector only. */
  readonly config: Readonly<Record<string, string>>;
  readonly tasksMax: number;
  readonly connector: SourceConnector;
  createPipeline(taskId: number): TaskPipeline<SourceRecord> | Promise<TaskPipeline<SourceRecord>>;
}

/** A sink connector ready to run, with the topics it subscribes to. */
export interface SinkDeployment {
  readonly type: "sink";
  readonly name: string;
  readonly config: Readonly<Record<string, string>>;
  readonly tasksMax: number;
  readonly connector: SinkConnector;
  /** Whether the connector reads `topic` (its `topics` list or `topics.regex`). */
  readonly subscribes: (topic: string) => boolean;
  createPipeline(taskId: number): TaskPipeline<SinkRecord> | Promise<TaskPipeline<SinkRecord>>;
}

/** A connector the engine can run. */
export type ConnectorDeployment = SourceDeployment | SinkDeployment;
