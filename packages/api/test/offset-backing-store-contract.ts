import { afterEach, describe, expect, it } from "vitest";
import { IllegalWorkerStateError, type OffsetBackingStore } from "../src/index.js";

/** What the contract suite needs to exercise one kind of {@link OffsetBackingStore}. */
export interface OffsetBackingStoreHarness {
  /**
   * Creates a stopped store over this harness's storage. For a durable store, a store created later reads what
   * earlier ones wrote.
   */
  create(): OffsetBackingStore;
  /** Whether offsets survive `stop()` and a new store from `create()`. */
  readonly durable: boolean;
  /** Releases the storage once a test is over. */
  cleanup?(): Promise<void>;
}

const key = (partition: string) => `["conn",{"partition":${JSON.stringify(partition)}}]`;
const keys = (count: number) => Array.from({ length: count }, (_, i) => key(`p${i}`));

/**
 * Registers the tests every {@link OffsetBackingStore} must pass, under `describe(name)`; `factory` is called once
 * per test for fresh, empty storage.
 */
export function offsetBackingStoreContract(
  name: string,
  factory: () => OffsetBackingStoreHarness | Promise<OffsetBackingStoreHarness>,
): void {
  describe(`${name} (OffsetBackingStore contract)`, () => {
    const opened: OffsetBackingStore[] = [];
    const harnesses: OffsetBackingStoreHarness[] = [];

    async function harness(): Promise<OffsetBackingStoreHarness> {
      const h = await factory();
      harnesses.push(h);
      return h;
    }
    async function started(h: OffsetBackingStoreHarness): Promise<OffsetBackingStore> {
      const store = h.create();
      opened.push(store);
      await store.start();
      return store;
    }

    afterEach(async () => {
      for (const store of opened.splice(0)) await store.stop();
      for (const h of harnesses.splice(0)) await h.cleanup?.();
    });

    it("is empty when first started", async () => {
      const store = await started(await harness());
      expect(await store.get(keys(3))).toEqual(new Map());
    });

    it("returns what set wrote, overwrites on a later set and has no entry for unknown keys", async () => {
      const store = await started(await harness());
      await store.set(new Map([[key("a"), '{"position":1}']]));
      await store.set(new Map([[key("b"), '{"position":2}']]));
      await store.set(new Map([[key("a"), '{"position":3}']]));
      expect(await store.get([key("a"), key("b"), key("c")])).toEqual(
        new Map([
          [key("a"), '{"position":3}'],
          [key("b"), '{"position":2}'],
        ]),
      );
    });

    it("deletes a key whose value is null and accepts deleting a key that is not there", async () => {
      const store = await started(await harness());
      await store.set(
        new Map([
          [key("a"), '{"position":1}'],
          [key("b"), '{"position":2}'],
        ]),
      );
      await store.set(
        new Map([
          [key("a"), null],
          [key("never-set"), null],
        ]),
      );
      expect(await store.get([key("a"), key("b"), key("never-set")])).toEqual(
        new Map([[key("b"), '{"position":2}']]),
      );
    });

    it("matches keys exactly, character for character", async () => {
      const store = await started(await harness());
      const variants = [
        '["conn",{"a":1,"b":2}]',
        '["conn",{"b":2,"a":1}]',
        '["conn", {"a":1,"b":2}]',
        '["conn",{"name":"é"}]',
        '["conn",{"name":"e\u0301"}]',
        '["conn",{"name":"\\u00e9"}]',
      ];
      await store.set(new Map(variants.map((k, i) => [k, `{"v":${i}}`])));
      const found = await store.get([...variants, '["CONN",{"a":1,"b":2}]', '["conn",{"a":1.0,"b":2}]']);
      expect([...found]).toEqual(variants.map((k, i) => [k, `{"v":${i}}`]));
    });

    it("keeps values exactly as given, including integers beyond 2^53", async () => {
      const store = await started(await harness());
      const value = '{"lsn":18446744073709551615,"note":"naïve \\" 🚀","ratio":0.1}';
      await store.set(new Map([[key("a"), value]]));
      expect((await store.get([key("a")])).get(key("a"))).toBe(value);
    });

    it("shows each get a batch whole or not at all while the batch is being set", async () => {
      const store = await started(await harness());
      const all = keys(200);
      const before = new Map(all.map((k) => [k, '{"round":1}']));
      await store.set(before);
      // The second batch rewrites every key but the last, which it deletes.
      const batch = new Map<string, string | null>(all.map((k) => [k, '{"round":2}']));
      batch.set(all[199]!, null);
      const after = new Map(all.slice(0, 199).map((k) => [k, '{"round":2}']));

      let done = false;
      const setting = store.set(batch).then(() => {
        done = true;
      });
      const seen: Map<string, string>[] = [];
      while (!done) {
        seen.push(await store.get(all));
        await new Promise((resolve) => setImmediate(resolve));
      }
      await setting;
      seen.push(await store.get(all));
      // Compared as text: toContainEqual does not look inside Maps.
      const text = (map: ReadonlyMap<string, string | null>) => JSON.stringify([...map].sort());
      for (const snapshot of seen) expect([text(before), text(after)]).toContain(text(snapshot));
      expect(seen.at(-1)).toEqual(after);
    });

    it("applies sets that overlap in the order they were called", async () => {
      const store = await started(await harness());
      const writes = Array.from({ length: 10 }, (_, i) =>
        store.set(new Map([[key("a"), `{"position":${i}}`]])),
      );
      await Promise.all(writes);
      expect(await store.get([key("a")])).toEqual(new Map([[key("a"), '{"position":9}']]));
    });

    it("is not affected by changes to the batch after set was called", async () => {
      const store = await started(await harness());
      const batch = new Map<string, string | null>([[key("a"), '{"position":1}']]);
      const setting = store.set(batch);
      batch.set(key("a"), '{"position":666}');
      batch.set(key("b"), '{"position":666}');
      await setting;
      expect(await store.get([key("a"), key("b")])).toEqual(new Map([[key("a"), '{"position":1}']]));
    });

    it("rejects get and set before start and after stop, and stop waits for a set in progress", async () => {
      const h = await harness();
      const store = h.create();
      opened.push(store);
      await expect(store.get([key("a")])).rejects.toThrow(IllegalWorkerStateError);
      await expect(store.set(new Map([[key("a"), "{}"]]))).rejects.toThrow(
        /not started; call start\(\) first/,
      );
      await store.start();
      const setting = store.set(new Map([[key("a"), '{"position":1}']]));
      await store.stop();
      await expect(setting).resolves.toBeUndefined();
      await expect(store.get([key("a")])).rejects.toThrow(IllegalWorkerStateError);
      await expect(store.set(new Map([[key("a"), "{}"]]))).rejects.toThrow(IllegalWorkerStateError);
      await store.stop();
      await store.start();
      expect(await store.get([key("a")])).toEqual(new Map([[key("a"), '{"position":1}']]));
    });

    it("keeps offsets across stop and a new store when durable, and starts empty otherwise", async () => {
      const h = await harness();
      const first = await started(h);
      const variants = ['["conn",{"b":2,"a":1}]', '["conn", {"a":1,"b":2}]', key("gone")];
      await first.set(new Map(variants.map((k) => [k, '{"position":5}'])));
      await first.set(new Map([[key("gone"), null]]));
      await first.stop();
      const second = await started(h);
      const expected = h.durable
        ? new Map(variants.slice(0, 2).map((k) => [k, '{"position":5}']))
        : new Map();
      expect(await second.get(variants)).toEqual(expected);
    });
  });
}
