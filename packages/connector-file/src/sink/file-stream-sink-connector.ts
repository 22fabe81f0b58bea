import { type ConfigDef, SinkConnector, type TaskClass, type TopicPartition } from "@tributary/api";
import { VERSION } from "../version.js";
import { FileStreamSinkConfig } from "./file-stream-sink-config.js";
import { FileStreamSinkTask } from "./file-stream-sink-task.js";

/**
 * Writes the values of records from Kafka topics, one per line, to a file or the standard output: Tributary's
 * counterpart of Kafka's `FileStreamSinkConnector`, with the same configuration (see {@link FileStreamSinkTask}).
 *
 * @example
 * ```properties
 * name=local-file-sink
 * connector.class=FileStreamSink
 * file=/tmp/out.txt
 * topics=app-log
 * ```
 */
export class FileStreamSinkConnector extends SinkConnector {
  #props: Readonly<Record<string, string>> = {};

  version(): string {
    return VERSION;
  }

  config(): ConfigDef<unknown> {
    return FileStreamSinkConfig;
  }

  /**
   * Checks and keeps the configuration for the tasks.
   * @throws ConfigValidationError when the configuration is invalid.
   */
  start(props: Readonly<Record<string, string>>): void {
    FileStreamSinkConfig.parse(props);
    this.#props = Object.freeze({ ...props });
  }

  taskClass(): TaskClass<FileStreamSinkTask> {
    return FileStreamSinkTask;
  }

  /** `maxTasks` copies of the connector's configuration; every task appends whole lines to the same file. */
  taskConfigs(maxTasks: number): Readonly<Record<string, string>>[] {
    return Array.from({ length: maxTasks }, () => this.#props);
  }

  stop(): void {}

  /** Accepts any change: the sink keeps no offsets of its own, so the worker's are all there is. */
  override alterOffsets(
    _props: Readonly<Record<string, string>>,
    _offsets: ReadonlyMap<TopicPartition, bigint | null>,
  ): boolean {
    return true;
  }
}
