import { describe, expect, it } from "vitest";
import { offsetBackingStoreContract } from "../../test/offset-backing-store-contract.js";
import { MemoryOffsetBackingStore } from "./memory-offset-backing-store.js";

offsetBackingStoreContract("MemoryOffsetBackingStore", () => ({
  create: () => new MemoryOffsetBackingStore(),
  durable: false,
}));

describe("MemoryOffsetBackingStore.keys", () => {
  it("lists the keys it holds", async () => {
    const store = new MemoryOffsetBackingStore();
    await expect(store.keys()).rejects.toThrow(/not started/);
    await store.start();
    await store.set(
      new Map([
        ['["a",{"f":"1"}]', '{"p":1}'],
        ['["b",{"f":"2"}]', '{"p":2}'],
      ]),
    );
    await store.set(new Map([['["b",{"f":"2"}]', null]]));
    expect(await store.keys()).toEqual(['["a",{"f":"1"}]']);
  });
});
