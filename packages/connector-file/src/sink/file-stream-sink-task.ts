import { type SinkRecord, SinkTask } from "@tributary/api";
import { VERSION } from "../version.js";
import { FileStreamSinkConfig } from "./file-stream-sink-config.js";
import { type LineOutput, openFileOutput, stdoutOutput } from "./line-output.js";
import { valueText } from "./value-text.js";

/** Text buffered by `put()` before it is written out, so memory stays bounded between flushes. */
const WRITE_THRESHOLD = 64 * 1024;

/**
 * Appends each record's value, as text, on its own line to a file or the standard output: the task of
 * {@link FileStreamSinkConnector}, behaving like Kafka's `FileStreamSinkTask`.
 *
 * Values are written as Kafka's sink prints them (Java's `String.valueOf`): strings as they are, numbers as Java
 * prints them, `null` as `null`, a Struct as `Struct{name=Ann,age=42}`; see `docs/connectors/file.md` for every
 * kind. A value containing a line end spans several lines, as in Kafka.
 *
 * `put()` buffers lines and writes them out in 64 KiB pieces; `flush()` (and so the default `preCommit()`) writes
 * the rest and fsyncs the file, so once an offset is committed its records are on disk. Records are appended after
 * whatever the file held, so records delivered again after a failure appear again (at least once). Without `file`
 * the lines go to the standard output, which is never closed.
 */
export class FileStreamSinkTask extends SinkTask {
  #output: LineOutput | undefined;
  #buffered: string[] = [];
  #bufferedLength = 0;

  version(): string {
    return VERSION;
  }

  /**
   * Opens the file for appending (creating it), or takes the standard output.
   * @throws ConfigValidationError when the configuration is invalid; ConnectError when the file cannot be opened.
   */
  async start(props: Readonly<Record<string, string>>): Promise<void> {
    const { file } = FileStreamSinkConfig.parse(props);
    this.#output = file === undefined || file === "" ? stdoutOutput() : await openFileOutput(file);
  }

  /**
   * Buffers one line per record and writes the buffer out once it holds 64 KiB.
   * @throws ConnectError when writing fails.
   */
  async put(records: readonly SinkRecord[]): Promise<void> {
    for (const record of records) {
      const line = `${valueText(record.value, record.valueSchema)}\n`;
      this.#buffered.push(line);
      this.#bufferedLength += line.length;
    }
    if (this.#bufferedLength >= WRITE_THRESHOLD) await this.#writeBuffered();
  }

  /**
   * Writes every buffered line and syncs the file to disk.
   * @throws ConnectError when writing or syncing fails.
   */
  override async flush(): Promise<void> {
    await this.#writeBuffered();
    await this.#output?.sync();
  }

  /** Writes what is still buffered and closes the file. */
  async stop(): Promise<void> {
    const output = this.#output;
    this.#output = undefined;
    if (output === undefined) return;
    try {
      await this.#writeTo(output);
    } finally {
      await output.close();
    }
  }

  async #writeBuffered(): Promise<void> {
    if (this.#output !== undefined) await this.#writeTo(this.#output);
  }

  async #writeTo(output: LineOutput): Promise<void> {
    if (this.#buffered.length === 0) return;
    const text = this.#buffered.join("");
    this.#buffered = [];
    this.#bufferedLength = 0;
    await output.write(text);
  }
}
