import { DataError, Schema, SourceRecord, SourceTask } from "@tributary/api";
import { describe } from "../internal/describe.js";
import { idleWait } from "../internal/idle-wait.js";
import { VERSION } from "../version.js";
import { FileLineReader } from "./file-line-reader.js";
import { FileStreamSourceConfig } from "./file-stream-source-config.js";
import { StdinLineReader } from "./stdin-line-reader.js";

/**
 * Reads a file, or the standard input, line by line into records, resuming at the byte position stored for the
 * file: the task of {@link FileStreamSourceConnector}, behaving like Kafka's `FileStreamSourceTask` but with byte
 * positions.
 *
 * Each line becomes a record on `topic` with a STRING value schema, the line (decoded as UTF-8, line end removed)
 * as value, no key, no partition, and the time it was read as timestamp. Its source partition is
 * `{ filename: <file> }` and its source offset `{ position: <n> }`, the byte position just after the line's end, so
 * a restarted task reads on from the first line not yet committed. Lines end at `\n`, `\r\n` or `\r`; a line
 * without its end is held back until the end arrives. A missing file is waited for; a truncated or replaced file is
 * read again from byte 0, with a process warning (see `docs/connectors/file.md`).
 *
 * `poll()` returns up to `batch.size` records read in 64 KiB chunks, or waits `poll.idle.ms` (1 s) for new data and
 * returns `null`; `stop()` ends such a wait at once. Without `file` it reads the standard input, with `null`
 * partition and offset values (a stream has no position to resume from).
 */
export class FileStreamSourceTask extends SourceTask {
  readonly #stopping = new AbortController();
  #topic = "";
  #batchSize = 2000;
  #idleMs = 1000;
  #partition: Readonly<{ filename: string | null }> = Object.freeze({ filename: null });
  #file: FileLineReader | undefined;
  #stdin: StdinLineReader | undefined;
  #polling = false;
  #closed = false;

  version(): string {
    return VERSION;
  }

  /**
   * Reads the configuration; the file itself is opened, and its stored position read, by the first `poll()`.
   * @throws ConfigValidationError when the configuration is invalid.
   */
  start(props: Readonly<Record<string, string>>): void {
    const config = FileStreamSourceConfig.parse(props);
    this.#topic = config.topic;
    this.#batchSize = config["batch.size"];
    this.#idleMs = config["poll.idle.ms"];
    const file = config.file === undefined || config.file === "" ? null : config.file;
    this.#partition = Object.freeze({ filename: file });
    if (file === null) this.#stdin = new StdinLineReader();
    else this.#file = new FileLineReader(file, () => this.#storedPosition(file));
  }

  /**
   * Up to `batch.size` records of new complete lines, or `null` after waiting `poll.idle.ms` for some (less when
   * `stop()` is called).
   * @throws ConnectError when the file cannot be read; DataError when its stored offset is not a byte position.
   */
  async poll(): Promise<SourceRecord[] | null> {
    if (this.#stopping.signal.aborted) return null;
    this.#polling = true;
    try {
      const records = this.#file !== undefined ? await this.#pollFile(this.#file) : await this.#pollStdin();
      return records.length > 0 ? records : null;
    } finally {
      this.#polling = false;
      if (this.#stopping.signal.aborted) await this.#close();
    }
  }

  /** Ends a pending poll's wait at once and closes the file (after that poll, if one is reading). */
  async stop(): Promise<void> {
    this.#stopping.abort();
    if (!this.#polling) await this.#close();
  }

  async #pollFile(reader: FileLineReader): Promise<SourceRecord[]> {
    const records: SourceRecord[] = [];
    const timestamp = Date.now();
    await reader.read(this.#batchSize, (line, position) => {
      records.push(this.#record(line, position, timestamp));
    });
    if (records.length === 0) await idleWait(this.#idleMs, this.#stopping.signal);
    return records;
  }

  async #pollStdin(): Promise<SourceRecord[]> {
    const stdin = this.#stdin;
    if (stdin === undefined) return [];
    const records: SourceRecord[] = [];
    const emit = (line: string): void => {
      records.push(this.#record(line, null, Date.now()));
    };
    if (stdin.read(this.#batchSize, emit) === 0) {
      await stdin.waitForData(this.#idleMs, this.#stopping.signal);
      if (!this.#stopping.signal.aborted) stdin.read(this.#batchSize, emit);
    }
    return records;
  }

  #record(line: string, position: number | null, timestamp: number): SourceRecord {
    return new SourceRecord({
      sourcePartition: this.#partition,
      sourceOffset: Object.freeze({ position }), // frozen, so the record keeps it rather than copying it
      topic: this.#topic,
      valueSchema: Schema.STRING_SCHEMA,
      value: line,
      timestamp,
    });
  }

  /** The byte position stored for the file, or 0 when none is. */
  async #storedPosition(file: string): Promise<number> {
    const stored = await this.context.offsetStorageReader().offset(this.#partition);
    const position = stored?.position ?? null;
    if (position === null) return 0;
    if (typeof position === "number" && Number.isSafeInteger(position) && position >= 0) return position;
    if (typeof position === "bigint" && position >= 0n && position <= BigInt(Number.MAX_SAFE_INTEGER)) {
      return Number(position);
    }
    throw new DataError(
      `The stored offset of file ${file} has position ${describe(position)}, which is not a byte position (a ` +
        "whole number from 0). Correct or delete the offset (with the REST API's /connectors/<name>/offsets while " +
        "the connector is stopped) so the file can be read.",
    );
  }

  async #close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#stdin?.close();
    await this.#file?.close();
  }
}
