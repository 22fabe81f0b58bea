import { open, readdir, readFile, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { ConnectError, IllegalWorkerStateError, RetriableError } from "../errors/connect-error.js";
import type { OffsetBackingStore } from "./offset-backing-store.js";
import { copyBatch } from "./offset-batch.js";
import { checkEmbeddableJson, decodeOffsetFile, encodeOffsetFile } from "./offset-file-format.js";

/** Options of a {@link FileOffsetBackingStore}. */
export interface FileOffsetBackingStoreOptions {
  /** Path of the offset file (a standalone worker's `offset.storage.file.filename`); its directory must exist. */
  readonly file: string;
}

/**
 * An {@link OffsetBackingStore} that keeps offsets in one JSON file, for a standalone worker; the format is
 * described in `docs/offsets.md`.
 *
 * `start()` reads the whole file (a missing file is an empty store; a damaged one is an error, never an empty
 * store) and removes temporary files an interrupted write left behind. Every `set` replaces the file atomically:
 * the new content goes to a temporary file in the same directory, which is flushed to disk and renamed over the
 * old file, and then the directory is flushed. After a crash the file therefore holds the state after some whole
 * batch. Batches are written one at a time in call order; `get` answers from memory and sees a batch once its
 * file is in place.
 *
 * One process at a time may use a given file.
 */
export class FileOffsetBackingStore implements OffsetBackingStore {
  /** Absolute path of the offset file. */
  readonly file: string;
  #data = new Map<string, string>();
  #started = false;
  /** The last queued batch; each `set` waits for it, so batches are written in call order. */
  #queue: Promise<void> = Promise.resolve();
  #tempCounter = 0;

  constructor(options: FileOffsetBackingStoreOptions) {
    this.file = resolve(options.file);
  }

  async start(): Promise<void> {
    if (this.#started) return;
    await this.#checkDirectory();
    await this.#removeTempFiles();
    this.#data = await this.#load();
    this.#started = true;
  }

  async stop(): Promise<void> {
    this.#started = false;
    await this.#queue;
  }

  async get(keys: Iterable<string>): Promise<Map<string, string>> {
    this.#requireStarted("get");
    const data = this.#data;
    const result = new Map<string, string>();
    for (const key of keys) {
      const value = data.get(key);
      if (value !== undefined) result.set(key, value);
    }
    return result;
  }

  /**
   * Every key the store holds now, so that a worker can list a connector's offsets (`GET
   * /connectors/{name}/offsets`) without knowing its partitions.
   * @throws IllegalWorkerStateError when the store is not started.
   */
  async keys(): Promise<string[]> {
    this.#requireStarted("list");
    return [...this.#data.keys()];
  }

  set(entries: ReadonlyMap<string, string | null>): Promise<void> {
    try {
      this.#requireStarted("set");
      const batch = copyBatch(entries);
      for (const [key, value] of batch) {
        checkEmbeddableJson(key, "key");
        if (value !== null) checkEmbeddableJson(value, "value");
      }
      const run = this.#queue.then(() => this.#write(batch));
      this.#queue = run.catch(() => undefined);
      return run;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async #write(batch: ReadonlyArray<readonly [string, string | null]>): Promise<void> {
    const next = new Map(this.#data);
    for (const [key, value] of batch) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    const temp = join(dirname(this.file), `${basename(this.file)}.${process.pid}.${++this.#tempCounter}.tmp`);
    try {
      const handle = await open(temp, "wx");
      try {
        await handle.writeFile(encodeOffsetFile(next), "utf8");
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.file);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw new RetriableError(
        `Could not write offsets to ${this.file}: ${(error as Error).message}. The file still holds the previous ` +
          "offsets; check that its directory is writable and the disk has space. The next flush tries again.",
        { cause: error },
      );
    }
    // The new file is in place, so readers must see it even if making the rename durable fails below.
    this.#data = next;
    await this.#syncDirectory();
  }

  /** Flushes the directory entry, so the rename survives a power loss and not only a process crash. */
  async #syncDirectory(): Promise<void> {
    // Windows cannot open a directory for flushing; NTFS journals the rename itself.
    if (process.platform === "win32") return;
    try {
      const handle = await open(dirname(this.file), "r");
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      throw new RetriableError(
        `Wrote offsets to ${this.file} but could not flush its directory to disk: ${(error as Error).message}. ` +
          "The new offsets are in use but may be lost on a power failure; the next flush writes them again.",
        { cause: error },
      );
    }
  }

  async #checkDirectory(): Promise<void> {
    const dir = dirname(this.file);
    const isDirectory = await stat(dir).then(
      (stats) => stats.isDirectory(),
      () => false,
    );
    if (!isDirectory) {
      throw new ConnectError(
        `The directory ${dir} of the offset file ${this.file} does not exist or is not a directory; ` +
          "create it or choose an offset file in an existing directory.",
      );
    }
  }

  /** Removes temporary files of writes that a crash interrupted; the offset file itself was never touched. */
  async #removeTempFiles(): Promise<void> {
    const dir = dirname(this.file);
    const prefix = `${basename(this.file)}.`;
    try {
      for (const name of await readdir(dir)) {
        if (name.startsWith(prefix) && /^\d+\.\d+\.tmp$/.test(name.slice(prefix.length))) {
          await unlink(join(dir, name)).catch(() => undefined);
        }
      }
    } catch (error) {
      throw new ConnectError(
        `Could not list ${dir} to clean up temporary offset files: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }

  async #load(): Promise<Map<string, string>> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return new Map();
      throw new ConnectError(`Could not read the offset file ${this.file}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch (error) {
      throw this.#corrupt("it is not valid UTF-8", error);
    }
    try {
      return decodeOffsetFile(text);
    } catch (error) {
      throw this.#corrupt((error as Error).message, error);
    }
  }

  #corrupt(detail: string, cause: unknown): ConnectError {
    return new ConnectError(
      `The offset file ${this.file} is corrupt: ${detail}. Tributary replaces this file whole on every flush, ` +
        "so something else damaged or edited it. Restore it from a backup, repair it by hand (the format is in " +
        "docs/offsets.md), or move it away to start with no stored offsets, which makes every source connector " +
        "start over from the beginning.",
      { cause },
    );
  }

  #requireStarted(operation: string): void {
    if (!this.#started) {
      throw new IllegalWorkerStateError(
        `Cannot ${operation} offsets: the FileOffsetBackingStore of ${this.file} is not started; call start() first.`,
      );
    }
  }
}
