import type { Stats } from "node:fs";
import { type FileHandle, open, stat } from "node:fs/promises";
import { ConnectError } from "@tributary/api";
import { warn } from "../internal/warn.js";
import { LineBuffer } from "./line-buffer.js";

const LF = 0x0a;
const CR = 0x0d;

/** The open file: its handle and identity, to tell a replacement at the same path. */
interface OpenFile {
  readonly handle: FileHandle;
  readonly dev: number;
  readonly ino: number;
}

/**
 * Reads complete lines from a file that may still grow, by byte position, in large chunks: the reading half of
 * {@link FileStreamSourceTask}.
 *
 * It opens the file on first use, at the position `resumeAt()` gives (0 when that is past the end of the file, which
 * was then truncated while the task was stopped); a missing file is waited for. When a read finds no new line, it
 * checks whether the file was truncated (it is now shorter than the position reached) or replaced (the path names
 * another inode, as after log rotation), and if so warns and reads again from byte 0.
 *
 * Calls must not overlap; `close()` may follow any call.
 * @internal
 */
export class FileLineReader {
  readonly #path: string;
  readonly #resumeAt: () => Promise<number>;
  #file: OpenFile | undefined;
  #lines: LineBuffer | undefined;
  #resumed = false;
  #warnedMissing = false;

  /**
   * @param path the file to read.
   * @param resumeAt where to start the first time the file is opened: the stored position, or 0.
   */
  constructor(path: string, resumeAt: () => Promise<number>) {
    this.#path = path;
    this.#resumeAt = resumeAt;
  }

  /**
   * Reads up to `max` complete lines and calls `emit` with each and the byte position after it (its line end
   * included); returns how many it read, 0 when there is no new complete line or no file yet.
   * @throws ConnectError when the file exists but cannot be opened or read, or is not a regular file.
   */
  async read(max: number, emit: (line: string, position: number) => void): Promise<number> {
    if (this.#file === undefined && !(await this.#open())) return 0;
    const count = await this.#readLines(max, emit);
    if (count > 0 || !(await this.#restartedAfterChange())) return count;
    return this.#readLines(max, emit);
  }

  /** Closes the file; a later `read()` opens it again at byte 0. */
  async close(): Promise<void> {
    const file = this.#file;
    this.#file = undefined;
    await file?.handle.close();
  }

  async #readLines(max: number, emit: (line: string, position: number) => void): Promise<number> {
    const file = this.#file;
    const lines = this.#lines;
    if (file === undefined || lines === undefined) return 0;
    let count = 0;
    while (count < max) {
      const line = lines.nextLine();
      if (line !== undefined) {
        emit(line, lines.position);
        count++;
        continue;
      }
      const { buffer, offset, length } = lines.space();
      const { bytesRead } = await this.#io("read", () =>
        file.handle.read(buffer, offset, length, lines.readPosition),
      );
      if (bytesRead === 0) break;
      lines.filled(bytesRead);
    }
    return count;
  }

  /** Opens the file, at the resume position the first time; false when it does not exist yet. */
  async #open(): Promise<boolean> {
    let handle: FileHandle;
    try {
      handle = await open(this.#path, "r");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw this.#ioError("open", error);
      if (!this.#warnedMissing) {
        warn(
          "TRIBUTARY_FILE_SOURCE_MISSING",
          `File ${this.#path} does not exist; the file source waits for it to be created.`,
        );
        this.#warnedMissing = true;
      }
      return false;
    }
    this.#warnedMissing = false;
    const stats = await handle.stat();
    if (!stats.isFile()) {
      await handle.close();
      throw new ConnectError(
        `${this.#path} is not a regular file, so the file source cannot read it by position. Set \`file\` to a ` +
          "regular file, or leave it unset to read the standard input.",
      );
    }
    this.#file = { handle, dev: stats.dev, ino: stats.ino };
    let position = 0;
    if (!this.#resumed) {
      this.#resumed = true;
      position = await this.#checkedResumePosition(handle, stats);
    }
    this.#lines ??= new LineBuffer(position);
    this.#lines.reset(position);
    return true;
  }

  async #checkedResumePosition(handle: FileHandle, stats: Stats): Promise<number> {
    const position = await this.#resumeAt();
    if (position > stats.size) {
      warn(
        "TRIBUTARY_FILE_SOURCE_TRUNCATED",
        `File ${this.#path} has ${stats.size} bytes, fewer than the stored position ${position}: it was truncated ` +
          "or replaced while the source was stopped. Reading starts again at byte 0.",
      );
      return 0;
    }
    if (position > 0) {
      const before = Buffer.alloc(1);
      await this.#io("read", () => handle.read(before, 0, 1, position - 1));
      if (before[0] !== LF && before[0] !== CR) {
        warn(
          "TRIBUTARY_FILE_SOURCE_MID_LINE",
          `The stored position ${position} of file ${this.#path} does not follow a line end, so the first line ` +
            "read is only the end of a line. Offsets stored by Kafka's FileStreamSource count characters, not " +
            "bytes, and point into the middle of lines once a line had a multi-byte character.",
        );
      }
    }
    return position;
  }

  /** At the end of the data: restarts at byte 0 when the file was truncated or replaced, and says whether it did. */
  async #restartedAfterChange(): Promise<boolean> {
    const file = this.#file;
    const lines = this.#lines;
    if (file === undefined || lines === undefined) return false;
    const current = await this.#io("read", () => file.handle.stat());
    if (current.size < lines.readPosition) {
      warn(
        "TRIBUTARY_FILE_SOURCE_TRUNCATED",
        `File ${this.#path} shrank to ${current.size} bytes, below the position ${lines.readPosition} already ` +
          "read: it was truncated. Reading starts again at byte 0.",
      );
      lines.reset(0);
      return true;
    }
    let atPath: Stats;
    try {
      atPath = await stat(this.#path);
    } catch {
      // Renamed away and not yet recreated: keep the old file, whose last lines may still be completed.
      return false;
    }
    if (atPath.ino === file.ino && atPath.dev === file.dev) return false;
    const dropped = lines.pending;
    warn(
      "TRIBUTARY_FILE_SOURCE_REPLACED",
      `File ${this.#path} was replaced by another file (inode ${file.ino} became ${atPath.ino}), as by log ` +
        `rotation. Reading starts at byte 0 of the new file${dropped > 0 ? `; the ${dropped} bytes of an unfinished last line of the old one are dropped` : ""}.`,
    );
    await this.close();
    return this.#open();
  }

  async #io<R>(action: string, run: () => Promise<R>): Promise<R> {
    try {
      return await run();
    } catch (error) {
      throw this.#ioError(action, error);
    }
  }

  #ioError(action: string, error: unknown): ConnectError {
    return new ConnectError(
      `Cannot ${action} file ${this.#path} for the file source: ${(error as Error).message}. Check that the file ` +
        "is readable by this process.",
      { cause: error },
    );
  }
}
