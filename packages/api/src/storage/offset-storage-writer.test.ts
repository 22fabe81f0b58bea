import { describe, expect, it } from "vitest";
import { DataError, IllegalWorkerStateError, RetriableError } from "../errors/connect-error.js";
import { BackingStoreOffsetStorageReader } from "./backing-store-offset-storage-reader.js";
import { MemoryOffsetBackingStore } from "./memory-offset-backing-store.js";
import type { OffsetBackingStore } from "./offset-backing-store.js";
import { OffsetStorageWriter } from "./offset-storage-writer.js";

/** A memory store whose writes can be held back or made to fail, to step through a flush. */
class ControlledStore extends MemoryOffsetBackingStore {
  readonly batches: Array<Map<string, string | null>> = [];
  failNext: Error | undefined;
  gate: Promise<void> | undefined;

  override async set(entries: ReadonlyMap<string, string | null>): Promise<void> {
    this.batches.push(new Map(entries));
    await this.gate;
    const failure = this.failNext;
    this.failNext = undefined;
    if (failure !== undefined) throw failure;
    await super.set(entries);
  }
}

async function setUp() {
  const store = new ControlledStore();
  await store.start();
  return {
    store,
    writer: new OffsetStorageWriter(store, "file-source"),
    reader: new BackingStoreOffsetStorageReader(store, "file-source"),
  };
}

function gated(store: ControlledStore): () => void {
  let open = () => {};
  store.gate = new Promise((resolve) => {
    open = resolve;
  });
  return () => {
    store.gate = undefined;
    open();
  };
}

describe("OffsetStorageWriter", () => {
  it("flushes the newest offset of each partition as one batch under the connector's keys", async () => {
    const { store, writer, reader } = await setUp();
    writer.offset({ filename: "a.txt" }, { position: 10 });
    writer.offset({ filename: "a.txt" }, { position: 30 });
    writer.offset({ filename: "b.txt" }, { position: 7n });
    expect(writer.beginFlush()).toBe(true);
    await writer.doFlush();
    expect(store.batches).toEqual([
      new Map([
        ['["file-source",{"filename":"a.txt"}]', '{"position":30}'],
        ['["file-source",{"filename":"b.txt"}]', '{"position":7}'],
      ]),
    ]);
    expect(await reader.offset({ filename: "a.txt" })).toEqual({ position: 30 });
    expect(writer.flushing).toBe(false);
  });

  it("treats partitions with the same content as one, whatever their property order", async () => {
    const { store, writer } = await setUp();
    writer.offset({ db: "x", table: "t" }, { lsn: 1 });
    writer.offset({ table: "t", db: "x" }, { lsn: 2 });
    writer.beginFlush();
    await writer.doFlush();
    expect(store.batches[0]).toEqual(new Map([['["file-source",{"db":"x","table":"t"}]', '{"lsn":2}']]));
  });

  it("has nothing to flush before any offset and right after a flush", async () => {
    const { store, writer } = await setUp();
    expect(writer.beginFlush()).toBe(false);
    writer.offset({ f: "a" }, { p: 1 });
    writer.beginFlush();
    await writer.doFlush();
    expect(writer.beginFlush()).toBe(false);
    expect(store.batches).toHaveLength(1);
  });

  it("deletes the stored offset of a partition recorded with a null offset", async () => {
    const { writer, reader } = await setUp();
    writer.offset({ f: "a" }, { p: 1 });
    writer.beginFlush();
    await writer.doFlush();
    writer.offset({ f: "a" }, null);
    writer.beginFlush();
    await writer.doFlush();
    expect(await reader.offset({ f: "a" })).toBeNull();
  });

  it("serialises offsets when they are recorded, so later changes to the objects do not leak in", async () => {
    const { writer, reader } = await setUp();
    const offset = { position: 1 };
    writer.offset({ f: "a" }, offset);
    offset.position = 99;
    writer.beginFlush();
    await writer.doFlush();
    expect(await reader.offset({ f: "a" })).toEqual({ position: 1 });
  });

  it("rejects partitions and offsets the offsets topic cannot hold at the call that records them", async () => {
    const { writer } = await setUp();
    expect(() => writer.offset({ f: { nested: 1 } } as never, { p: 1 })).toThrow(DataError);
    expect(() => writer.offset({ f: "a" }, { p: Number.NaN })).toThrow(
      /Field "p" of a source offset is number NaN/,
    );
    expect(writer.beginFlush()).toBe(false);
  });

  it("puts offsets recorded during a flush into the next flush", async () => {
    const { store, writer, reader } = await setUp();
    writer.offset({ f: "a" }, { p: 1 });
    writer.beginFlush();
    writer.offset({ f: "a" }, { p: 2 });
    writer.offset({ f: "b" }, { p: 1 });
    const open = gated(store);
    const flushing = writer.doFlush();
    writer.offset({ f: "c" }, { p: 1 });
    open();
    await flushing;
    expect(await reader.offsets([{ f: "a" }, { f: "b" }])).toEqual(
      new Map([
        [{ f: "a" }, { p: 1 }],
        [{ f: "b" }, null],
      ]),
    );
    expect(writer.beginFlush()).toBe(true);
    await writer.doFlush();
    expect(store.batches[1]).toEqual(
      new Map([
        ['["file-source",{"f":"a"}]', '{"p":2}'],
        ['["file-source",{"f":"b"}]', '{"p":1}'],
        ['["file-source",{"f":"c"}]', '{"p":1}'],
      ]),
    );
  });

  it("refuses a second flush while one is in progress, and doFlush without a flush begun", async () => {
    const { store, writer } = await setUp();
    await expect(writer.doFlush()).rejects.toThrow(/no flush has begun\. Call beginFlush\(\) first/);
    writer.offset({ f: "a" }, { p: 1 });
    writer.beginFlush();
    expect(() => writer.beginFlush()).toThrow(IllegalWorkerStateError);
    const open = gated(store);
    const flushing = writer.doFlush();
    expect(writer.flushing).toBe(true);
    expect(() => writer.beginFlush()).toThrow(
      'Cannot begin a flush of the offsets of connector "file-source": the previous flush is still in progress.',
    );
    await expect(writer.doFlush()).rejects.toThrow(/doFlush\(\) was already called for this flush/);
    open();
    await flushing;
    expect(store.batches).toHaveLength(1);
  });

  it("keeps the stored offsets and returns the snapshot under newer offsets when a flush fails", async () => {
    const { store, writer, reader } = await setUp();
    writer.offset({ f: "a" }, { p: 1 });
    writer.beginFlush();
    await writer.doFlush();

    writer.offset({ f: "a" }, { p: 2 });
    writer.offset({ f: "b" }, { p: 2 });
    writer.beginFlush();
    writer.offset({ f: "b" }, { p: 3 });
    store.failNext = new RetriableError("disk full");
    await expect(writer.doFlush()).rejects.toThrow("disk full");
    expect(writer.flushing).toBe(false);
    expect(await reader.offsets([{ f: "a" }, { f: "b" }])).toEqual(
      new Map([
        [{ f: "a" }, { p: 1 }],
        [{ f: "b" }, null],
      ]),
    );

    expect(writer.beginFlush()).toBe(true);
    await writer.doFlush();
    expect(await reader.offsets([{ f: "a" }, { f: "b" }])).toEqual(
      new Map([
        [{ f: "a" }, { p: 2 }],
        [{ f: "b" }, { p: 3 }],
      ]),
    );
  });

  it("wraps a store failure that is not a ConnectError, saying the offsets are kept", async () => {
    const { store, writer } = await setUp();
    writer.offset({ f: "a" }, { p: 1 });
    writer.beginFlush();
    store.failNext = new Error("socket closed");
    await expect(writer.doFlush()).rejects.toThrow(
      'Could not flush 1 offsets of connector "file-source": socket closed. They are kept and written again',
    );
  });

  it("returns the snapshot to the buffer on cancelFlush, and ignores a write that completes after it", async () => {
    const { store, writer } = await setUp();
    writer.offset({ f: "a" }, { p: 1 });
    writer.offset({ f: "b" }, { p: 1 });
    writer.beginFlush();
    writer.offset({ f: "b" }, { p: 2 });
    writer.cancelFlush();
    await expect(writer.doFlush()).rejects.toThrow(IllegalWorkerStateError);

    writer.beginFlush();
    const open = gated(store);
    const late = writer.doFlush();
    writer.cancelFlush();
    writer.offset({ f: "c" }, { p: 1 });
    expect(writer.beginFlush()).toBe(true);
    open();
    await late;
    expect(writer.flushing).toBe(true);
    await writer.doFlush();
    const expected = new Map([
      ['["file-source",{"f":"a"}]', '{"p":1}'],
      ['["file-source",{"f":"b"}]', '{"p":2}'],
    ]);
    expect(store.batches[0]).toEqual(expected);
    expect(store.batches[1]).toEqual(new Map([...expected, ['["file-source",{"f":"c"}]', '{"p":1}']]));
    writer.cancelFlush();
    expect(writer.beginFlush()).toBe(false);
  });

  it("writes nothing of another connector's offsets", async () => {
    const store: OffsetBackingStore = new MemoryOffsetBackingStore();
    await store.start();
    const writer = new OffsetStorageWriter(store, "one");
    writer.offset({ f: "a" }, { p: 1 });
    writer.beginFlush();
    await writer.doFlush();
    expect(await new BackingStoreOffsetStorageReader(store, "two").offset({ f: "a" })).toBeNull();
    expect(await new BackingStoreOffsetStorageReader(store, "one").offset({ f: "a" })).toEqual({ p: 1 });
  });
});
