import { Schema, SourceRecord, SourceTask } from "@tributary/api";

/** How a {@link ListSourceTask} may misbehave, so tests can show the contract catches it. */
export type ListSourceFault =
  | "none"
  | "ignores-offsets" // starts at the beginning every time
  | "skips-uncommitted" // starts after everything it ever polled
  | "duplicates" // returns its first record twice
  | "deaf-to-stop" // stop() leaves a pending poll waiting
  | "fails-after-stop"; // commit() throws after stop()

/**
 * A source task over an in-memory list of strings, a model of a well-behaved source (and, with a fault, of broken
 * ones): the offset is the index after the record, and poll() waits (for `idle.ms`) for the list to grow.
 */
export class ListSourceTask extends SourceTask {
  /** The items, shared by every instance of a test; push to it and call {@link ListSourceTask.notify}. */
  static readonly items: string[] = [];
  static fault: ListSourceFault = "none";
  static #highWater = 0;
  static readonly #waiters = new Set<() => void>();

  readonly #stopping = new AbortController();
  #next = 0;
  #idleMs = 1000;
  #stopped = false;

  static reset(fault: ListSourceFault = "none"): void {
    ListSourceTask.items.length = 0;
    ListSourceTask.fault = fault;
    ListSourceTask.#highWater = 0;
  }

  static notify(): void {
    for (const wake of ListSourceTask.#waiters) wake();
  }

  version(): string {
    return "1.0.0";
  }

  async start(props: Readonly<Record<string, string>>): Promise<void> {
    this.#idleMs = Number(props["idle.ms"] ?? "1000");
    const stored = await this.context.offsetStorageReader().offset({ list: "items" });
    this.#next = stored === null ? 0 : Number(stored.index);
    if (ListSourceTask.fault === "ignores-offsets") this.#next = 0;
    if (ListSourceTask.fault === "skips-uncommitted") this.#next = ListSourceTask.#highWater;
  }

  async poll(): Promise<SourceRecord[] | null> {
    if (this.#next >= ListSourceTask.items.length) await this.#waitForData();
    if (this.#stopping.signal.aborted || this.#next >= ListSourceTask.items.length) return null;
    const records: SourceRecord[] = [];
    while (this.#next < ListSourceTask.items.length) {
      const value = ListSourceTask.items[this.#next++];
      records.push(
        new SourceRecord({
          sourcePartition: { list: "items" },
          sourceOffset: { index: this.#next },
          topic: "items",
          valueSchema: Schema.STRING_SCHEMA,
          value,
        }),
      );
    }
    ListSourceTask.#highWater = Math.max(ListSourceTask.#highWater, this.#next);
    if (ListSourceTask.fault === "duplicates" && records[0] !== undefined) records.push(records[0]);
    return records;
  }

  override commit(): void {
    if (this.#stopped && ListSourceTask.fault === "fails-after-stop") throw new Error("closed");
  }

  stop(): void {
    this.#stopped = true;
    if (ListSourceTask.fault !== "deaf-to-stop") this.#stopping.abort();
  }

  #waitForData(): Promise<void> {
    const signal = this.#stopping.signal;
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        ListSourceTask.#waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.#idleMs);
      timer.unref();
      signal.addEventListener("abort", done, { once: true });
      ListSourceTask.#waiters.add(done);
    });
  }
}

/** Appends `count` numbered items to the list and wakes waiting polls. */
export function produceItems(count: number): void {
  const start = ListSourceTask.items.length;
  for (let i = 0; i < count; i++) ListSourceTask.items.push(`item-${start + i}`);
  ListSourceTask.notify();
}
