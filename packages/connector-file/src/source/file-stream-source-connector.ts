import {
  type ConfigDef,
  ConnectError,
  ExactlyOnceSupport,
  SourceConnector,
  type SourceOffset,
  type SourcePartition,
  type TaskClass,
} from "@tributary/api";
import { describe } from "../internal/describe.js";
import { VERSION } from "../version.js";
import { FileStreamSourceConfig } from "./file-stream-source-config.js";
import { FileStreamSourceTask } from "./file-stream-source-task.js";

/**
 * Streams the lines of a file, or of the standard input, into a Kafka topic: Tributary's counterpart of Kafka's
 * `FileStreamSourceConnector`, with the same configuration keys and offsets (see {@link FileStreamSourceTask} for
 * how lines are read). A file is read by one task, whatever `tasks.max` says.
 *
 * @example
 * ```properties
 * name=local-file-source
 * connector.class=FileStreamSource
 * file=/var/log/app.log
 * topic=app-log
 * ```
 */
export class FileStreamSourceConnector extends SourceConnector {
  #props: Readonly<Record<string, string>> = {};

  version(): string {
    return VERSION;
  }

  config(): ConfigDef<unknown> {
    return FileStreamSourceConfig;
  }

  /**
   * Checks and keeps the configuration for the task.
   * @throws ConfigValidationError when the configuration is invalid.
   */
  start(props: Readonly<Record<string, string>>): void {
    FileStreamSourceConfig.parse(props);
    this.#props = Object.freeze({ ...props });
  }

  taskClass(): TaskClass<FileStreamSourceTask> {
    return FileStreamSourceTask;
  }

  /** One task configuration, the connector's own: a file has a single reading position. */
  taskConfigs(_maxTasks: number): Readonly<Record<string, string>>[] {
    return [this.#props];
  }

  stop(): void {}

  /**
   * `SUPPORTED` for a file, whose records and byte positions can be committed together, as long as the file is only
   * appended to; `UNSUPPORTED` for the standard input, which has no positions.
   */
  override exactlyOnceSupport(props: Readonly<Record<string, string>>): ExactlyOnceSupport {
    return fileOf(props) === undefined ? ExactlyOnceSupport.UNSUPPORTED : ExactlyOnceSupport.SUPPORTED;
  }

  /**
   * Accepts offsets of the form `{ position: <whole number from 0> }` for partitions with a `filename`, and resets
   * (`null`) of any partition; whether the position fits the file is checked when the task starts.
   * @throws ConnectError when the connector reads the standard input, whose offsets are not used, or an offset or
   * partition does not have that form.
   */
  override alterOffsets(
    props: Readonly<Record<string, string>>,
    offsets: ReadonlyMap<SourcePartition, SourceOffset | null>,
  ): boolean {
    if (fileOf(props) === undefined) {
      throw new ConnectError(
        "Offsets of this file source cannot be changed: it has no `file` configured, so it reads the standard " +
          "input, whose position is not stored.",
      );
    }
    for (const [partition, offset] of offsets) {
      // Resets are always allowed, so stale offsets of files read earlier can be cleaned up.
      if (offset === null) continue;
      if (!Object.hasOwn(partition, "filename")) {
        throw new ConnectError(
          `The partition ${describe(partition)} has no "filename" key; file source partitions look like {"filename": "/path/to/file"}.`,
        );
      }
      const position = offset.position;
      const valid =
        (typeof position === "number" && Number.isSafeInteger(position) && position >= 0) ||
        (typeof position === "bigint" && position >= 0n);
      if (!valid) {
        throw new ConnectError(
          `The offset ${describe(offset)} of partition ${describe(partition)} is not a byte position: file source ` +
            'offsets look like {"position": 30}, a whole number from 0, or null to reset.',
        );
      }
    }
    return true;
  }
}

function fileOf(props: Readonly<Record<string, string>>): string | undefined {
  const file = props.file?.trim();
  return file === undefined || file === "" ? undefined : file;
}
