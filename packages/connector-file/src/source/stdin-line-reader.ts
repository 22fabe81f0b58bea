import type { Readable } from "node:stream";
import { idleWait } from "../internal/idle-wait.js";
import { LineBuffer } from "./line-buffer.js";

/**
 * Reads complete lines from a byte stream, the standard input by default: the reading half of a
 * {@link FileStreamSourceTask} without a `file`. A stream has no positions to resume from, so none are kept.
 *
 * Unlike a file, a stream that has ended can never grow, so its last line is taken even without a line end (and a
 * final `\r` ends a line). The stream is read in paused mode and never closed: the standard input belongs to the
 * process. Calls must not overlap.
 * @internal
 */
export class StdinLineReader {
  readonly #input: Readable;
  readonly #lines = new LineBuffer(0);
  #ended = false;
  readonly #onEnd = (): void => {
    this.#ended = true;
  };

  constructor(input: Readable = process.stdin) {
    this.#input = input;
    input.once("end", this.#onEnd);
  }

  /** Whether the stream has ended and every line of it was read. */
  get finished(): boolean {
    return this.#ended && this.#lines.pending === 0;
  }

  /** Takes up to `max` complete lines from what the stream has buffered and calls `emit` with each; returns how many. */
  read(max: number, emit: (line: string) => void): number {
    let count = 0;
    while (count < max) {
      const line = this.#lines.nextLine(this.#ended);
      if (line !== undefined) {
        emit(line);
        count++;
        continue;
      }
      const chunk: unknown = this.#input.read();
      if (chunk === null) break;
      this.#lines.append(typeof chunk === "string" ? Buffer.from(chunk, "utf8") : (chunk as Uint8Array));
    }
    return count;
  }

  /** Waits up to `ms` for more data or the end of the stream, or until `signal` aborts. */
  waitForData(ms: number, signal: AbortSignal): Promise<void> {
    if (this.#ended) return idleWait(ms, signal);
    return idleWait(ms, signal, (wake) => {
      this.#input.once("readable", wake);
      this.#input.once("end", wake);
      return () => {
        this.#input.off("readable", wake);
        this.#input.off("end", wake);
      };
    });
  }

  /** Stops reading, so the stream no longer keeps the process alive; the stream itself stays open. */
  close(): void {
    this.#input.off("end", this.#onEnd);
    this.#input.pause();
  }
}
