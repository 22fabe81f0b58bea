import { describe, expect, it } from "vitest";
import { ConnectError, DataError, IllegalWorkerStateError, RetriableError } from "../errors/connect-error.js";
import { BackingStoreOffsetStorageReader } from "./backing-store-offset-storage-reader.js";
import { MemoryOffsetBackingStore } from "./memory-offset-backing-store.js";
import type { OffsetBackingStore } from "./offset-backing-store.js";

async function storeWith(entries: Record<string, string>): Promise<MemoryOffsetBackingStore> {
  const store = new MemoryOffsetBackingStore();
  await store.start();
  await store.set(new Map(Object.entries(entries)));
  return store;
}

describe("BackingStoreOffsetStorageReader", () => {
  it("returns the stored offset of a partition, or null when there is none", async () => {
    const store = await storeWith({ '["file-source",{"filename":"a.txt"}]': '{"position":30}' });
    const reader = new BackingStoreOffsetStorageReader(store, "file-source");
    expect(await reader.offset({ filename: "a.txt" })).toEqual({ position: 30 });
    expect(await reader.offset({ filename: "b.txt" })).toBeNull();
    expect(
      await new BackingStoreOffsetStorageReader(store, "other").offset({ filename: "a.txt" }),
    ).toBeNull();
  });

  it("keys offsets() by the partition objects given, matching them by content", async () => {
    const store = await storeWith({
      '["c",{"db":"x","table":"t"}]': '{"lsn":18446744073709551615}',
      '["c",{"db":"x","table":"u"}]': '{"lsn":5}',
    });
    const t = { table: "t", db: "x" };
    const u = { db: "x", table: "u" };
    const v = { db: "x", table: "v" };
    const result = await new BackingStoreOffsetStorageReader(store, "c").offsets(new Set([t, u, v]));
    expect([...result.keys()]).toEqual([t, u, v]);
    expect(result.get(t)).toEqual({ lsn: 2n ** 64n - 1n });
    expect(result.get(u)).toEqual({ lsn: 5 });
    expect(result.get(v)).toBeNull();
  });

  it("reports a stored offset it cannot parse, naming the key", async () => {
    const store = await storeWith({ '["c",{"f":"a"}]': '{"position":' });
    const reading = new BackingStoreOffsetStorageReader(store, "c").offset({ f: "a" });
    await expect(reading).rejects.toThrow(DataError);
    await expect(reading).rejects.toThrow(
      /The stored offset of \["c",\{"f":"a"\}\] cannot be read: .*not valid JSON/,
    );
  });

  it("rejects a partition that is not a plain object of primitives", async () => {
    const reader = new BackingStoreOffsetStorageReader(await storeWith({}), "c");
    await expect(reader.offset({ f: [1] } as never)).rejects.toThrow(/Field "f" of a source partition/);
  });

  it("passes on a ConnectError of the store and wraps any other failure", async () => {
    const stopped = new BackingStoreOffsetStorageReader(new MemoryOffsetBackingStore(), "c");
    await expect(stopped.offset({ f: "a" })).rejects.toThrow(IllegalWorkerStateError);

    const failing = (error: Error): OffsetBackingStore => ({
      start: async () => {},
      stop: async () => {},
      set: async () => {},
      get: async () => {
        throw error;
      },
    });
    const retriable = new RetriableError("timed out");
    await expect(new BackingStoreOffsetStorageReader(failing(retriable), "c").offset({})).rejects.toBe(
      retriable,
    );
    const wrapped = new BackingStoreOffsetStorageReader(failing(new Error("socket closed")), "c").offset({});
    await expect(wrapped).rejects.toThrow(ConnectError);
    await expect(wrapped).rejects.toThrow('Could not read the offsets of connector "c": socket closed');
  });
});
