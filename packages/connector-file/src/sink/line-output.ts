import { type FileHandle, open, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { ConnectError } from "@tributary/api";

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
