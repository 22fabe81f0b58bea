import { type FileHandle, open, stat, truncate } from "node:fs/promises";
import { dirname } from "node:path";
import { ConnectError } from "@tributary/api";
import { warn } from "../internal/warn.js";

/**
 * Where a {@link FileStreamSinkTask} appends its lines: a file opened for appending, or the standard output.
 * @internal
 */
export interface LineOutput {
  /** Appends `text` (whole lines) after everything written before. */
  write(text: string): Promise<void>;
  /** Makes everything written durable: on disk for a file, handed to the process's output for stdout. */
  sync(): Promise<void>;
  /** Releases the output; the standard output stays open. */
  close(): Promise<void>;
}

/**
 * Opens `path` for appending, creating it when missing; its directory entry is synced with the first `sync()` then,
 * so a synced line survives a crash even in a new file.
 * @internal
 */
export async function openFileOutput(path: string): Promise<LineOutput> {
  const existed = await stat(path).then(
    () => true,
    () => false,
  );
  if (existed) await dropUnfinishedLine(path);
  let handle: FileHandle;
  try {
    handle = await open(path, "a");
  } catch (error) {
    throw new ConnectError(
      `Couldn't find or create file ${path} for the file sink: ${(error as Error).message}. Check that its ` +
        "directory exists and is writable by this process.",
      { cause: error },
    );
  }
  let directorySynced = existed;
  const failed = (action: string, error: unknown) =>
    new ConnectError(`Cannot ${action} file ${path} for the file sink: ${(error as Error).message}.`, {
      cause: error,
    });
  return {
    async write(text) {
      await handle.appendFile(text, "utf8").catch((error: unknown) => {
        throw failed("write to", error);
      });
    },
    async sync() {
      await handle.sync().catch((error: unknown) => {
        throw failed("sync", error);
      });
      if (!directorySynced) {
        directorySynced = true;
        await syncDirectory(dirname(path));
      }
    },
    async close() {
      await handle.close();
    },
  };
}

/** The standard output as a {@link LineOutput}; writes resolve once the stream has taken the data. @internal */
export function stdoutOutput(stream: NodeJS.WritableStream = process.stdout): LineOutput {
  return {
    write: (text) =>
      new Promise((resolve, reject) => {
        stream.write(text, "utf8", (error) => (error ? reject(error) : resolve()));
      }),
    sync: async () => {},
    close: async () => {},
  };
}

async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms (Windows) cannot open or sync a directory; the file's own data is synced regardless.
  }
}

/**
 * Cuts off a last line that has no line end. The sink writes whole lines and syncs before an offset is committed,
 * so such a tail can only be part of a write a crash interrupted, of records that were never committed and will be
 * delivered again; appending after it would glue two lines together.
 */
async function dropUnfinishedLine(path: string): Promise<void> {
  const handle = await open(path, "r");
  let cut: number | undefined;
  let tail = "";
  try {
    const { size } = await handle.stat();
    if (size === 0) return;
    const chunk = Buffer.alloc(64 * 1024);
    let end = size;
    while (end > 0 && cut === undefined) {
      const start = Math.max(0, end - chunk.length);
      const { bytesRead } = await handle.read(chunk, 0, end - start, start);
      const newline = chunk.subarray(0, bytesRead).lastIndexOf(0x0a);
      if (end === size && chunk[bytesRead - 1] === 0x0a) return;
      if (newline >= 0) cut = start + newline + 1;
      end = start;
    }
    cut ??= 0;
    const { bytesRead } = await handle.read(chunk, 0, Math.min(60, size - cut), cut);
    tail = chunk.subarray(0, bytesRead).toString("utf8");
  } finally {
    await handle.close();
  }
  await truncate(path, cut);
  warn(
    "TRIBUTARY_FILE_SINK_PARTIAL_LINE",
    `The file sink's output ${path} ended in an unfinished line (${JSON.stringify(tail)}…), left by an interrupted write; it was cut off at byte ${cut}. Its records were not committed and are written again.`,
  );
}
