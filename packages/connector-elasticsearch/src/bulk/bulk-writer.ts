import { ConnectError, RetriableError, type SinkRecord } from "@tributary/api";
import type { SearchResponse } from "../http/search-client.js";
import type { OffsetSlot } from "../task/offset-tracker.js";
import { backoffMs, sleep } from "./backoff.js";
import { type BulkOperation, errorMessageOf, parseBulkResponse } from "./bulk-response.js";

/** One document operation of a bulk request, with the record it came from. */
export interface BulkItem {
  /** The operation, which decides what an error means. */
  readonly operation: BulkOperation;
  /** Its NDJSON lines: the action line and, except for deletes, the source line, each ending in `\n`. */
  readonly text: string;
  /** The UTF-8 length of `text`. */
  readonly bytes: number;
  /** The record, for error reports. */
  readonly record: SinkRecord;
  /** Its offset slot, marked done once the engine answered for it. */
  readonly slot: OffsetSlot;
}

/** How a {@link BulkWriter} batches, sends and retries. */
export interface BulkWriterOptions {
  /** The most items in one request (`batch.size`). */
  readonly batchSize: number;
  /** The most bytes in one request (`bulk.size.bytes`); a larger single item is sent alone. */
  readonly bulkSizeBytes: number;
  /** The most requests in flight at once (`max.in.flight.requests`). */
  readonly maxInFlight: number;
  /** How long a batch that is not full waits for more items (`linger.ms`). */
  readonly lingerMs: number;
  /** How often a request, or its items refused for now, are retried (`max.retries`). */
  readonly maxRetries: number;
  /** The first retry's wait (`retry.backoff.ms`). */
  readonly retryBackoffMs: number;
  /** Sends a bulk body; rejects with a {@link ConnectError} whose `retriable` says whether to try again. */
  readonly send: (body: string) => Promise<SearchResponse>;
  /** Called for an item refused as malformed; throws to fail the task. */
  readonly onMalformed: (item: BulkItem, error: string) => void;
  /** Called for an item refused by external versioning (a newer version is there). */
  readonly onConflict: (item: BulkItem, error: string) => void;
}

/** Request statuses that mean "not now": the whole request is sent again. */
const RETRIABLE_STATUSES = new Set([408, 429, 502, 503, 504]);

/**
 * Batches bulk items into requests bounded by count and bytes, sends up to `maxInFlight` of them at once, and
 * retries what the engine refused for now, item by item. It never blocks: {@link BulkWriter.pending} and
 * {@link BulkWriter.waitFor} let the task apply back-pressure.
 *
 * A batch is sent when it is full, when `linger.ms` has passed since its first item and a request slot is free, or
 * at once during {@link BulkWriter.flush}. Items refused with 429/503 (or whose whole request failed for now) are
 * sent again after an exponential backoff with jitter; after `max.retries` retries, or on any refusal that is not
 * a record error, the writer fails: it sends nothing more and {@link BulkWriter.failure} holds the error, with the
 * engine's message.
 * @internal
 */
export class BulkWriter {
  readonly #options: BulkWriterOptions;
  #open: BulkItem[] = [];
  #openBytes = 0;
  #queue: BulkItem[][] = [];
  #inFlight = 0;
  #pending = 0;
  #flushing = 0;
  #lingerDue = false;
  #lingerTimer: NodeJS.Timeout | undefined;
  #failure: ConnectError | undefined;
  #stopped = false;
  readonly #abort = new AbortController();
  readonly #waiters = new Set<() => void>();

  constructor(options: BulkWriterOptions) {
    this.#options = options;
  }

  /** The items added and not yet answered for: buffered, in flight or waiting to be retried. */
  get pending(): number {
    return this.#pending;
  }

  /** The error that stopped the writer, if any. */
  get failure(): ConnectError | undefined {
    return this.#failure;
  }

  /** Adds an item to the open batch, sending batches as they fill. */
  add(item: BulkItem): void {
    if (this.#failure !== undefined || this.#stopped) return;
    const { batchSize, bulkSizeBytes } = this.#options;
    if (this.#open.length > 0 && this.#openBytes + item.bytes > bulkSizeBytes) this.#seal();
    this.#open.push(item);
    this.#openBytes += item.bytes;
    this.#pending++;
    if (this.#open.length >= batchSize || this.#openBytes >= bulkSizeBytes) this.#seal();
    else if (this.#open.length === 1) this.#startLinger();
    this.#pump();
  }

  /**
   * Resolves once `condition` holds, checked now and after each answer; rejects with the writer's failure, or with
   * a {@link RetriableError} saying `what` after `timeoutMs` (the engine is slow, not broken: the caller may try
   * again later).
   */
  async waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (this.#failure !== undefined) throw this.#failure;
    if (condition()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new RetriableError(what));
      }, timeoutMs);
      const check = (): void => {
        if (this.#failure !== undefined) {
          this.#waiters.delete(check);
          clearTimeout(timer);
          reject(this.#failure);
        } else if (condition()) {
          this.#waiters.delete(check);
          clearTimeout(timer);
          resolve();
        }
      };
      this.#waiters.add(check);
    });
  }

  /**
   * Sends every buffered item now and waits until all are answered for, at most `timeoutMs`.
   * @returns false when time ran out first.
   * @throws ConnectError the writer's failure.
   */
  async flush(timeoutMs: number): Promise<boolean> {
    this.#flushing++;
    try {
      this.#pump();
      await this.waitFor(() => this.#pending === 0, timeoutMs, "");
      return true;
    } catch (error) {
      if (this.#failure !== undefined) throw this.#failure;
      if (error instanceof ConnectError && error.message === "") return false;
      throw error;
    } finally {
      this.#flushing--;
    }
  }

  /**
   * Stops: nothing more is sent or retried, buffered items are dropped (their offsets were never committable), and
   * it waits up to `timeoutMs` for requests in flight to end.
   */
  async stop(timeoutMs: number): Promise<void> {
    this.#stopped = true;
    this.#abort.abort();
    clearTimeout(this.#lingerTimer);
    this.#open = [];
    this.#queue = [];
    if (this.#inFlight === 0) return;
    await this.waitFor(() => this.#inFlight === 0, timeoutMs, "").catch(() => {});
  }

  #seal(): void {
    if (this.#open.length === 0) return;
    this.#queue.push(this.#open);
    this.#open = [];
    this.#openBytes = 0;
    this.#lingerDue = false;
    if (this.#lingerTimer !== undefined) {
      clearTimeout(this.#lingerTimer);
      this.#lingerTimer = undefined;
    }
  }

  #startLinger(): void {
    if (this.#options.lingerMs === 0) {
      this.#lingerDue = true;
      return;
    }
    this.#lingerTimer = setTimeout(() => {
      this.#lingerTimer = undefined;
      this.#lingerDue = true;
      this.#pump();
    }, this.#options.lingerMs);
  }

  #pump(): void {
    while (this.#failure === undefined && !this.#stopped && this.#inFlight < this.#options.maxInFlight) {
      if (this.#queue.length === 0) {
        // A batch that is not full goes only when its linger time is over or a flush wants it, and only when a
        // request slot is free: while all are busy it keeps filling.
        if (this.#open.length > 0 && (this.#lingerDue || this.#flushing > 0)) this.#seal();
        else break;
      }
      const batch = this.#queue.shift()!;
      this.#inFlight++;
      void this.#run(batch).finally(() => {
        this.#inFlight--;
        this.#pump();
        this.#notify();
      });
    }
  }

  async #run(batch: BulkItem[]): Promise<void> {
    let items = batch;
    for (let retry = 0; ; retry++) {
      if (retry > 0) {
        await sleep(backoffMs(retry, this.#options.retryBackoffMs), this.#abort.signal);
      }
      if (this.#stopped || this.#failure !== undefined) return;
      let reason: string;
      try {
        reason = "";
        items = this.#answer(items, await this.#options.send(bodyOf(items)));
        if (items.length === 0) return;
        reason = `${items.length} documents refused for now`;
      } catch (error) {
        if (!(error instanceof RetryRequest) && !(error instanceof ConnectError && error.retriable)) {
          this.#fail(error);
          return;
        }
        // Without its final period, since the message goes on after it.
        reason = (error as Error).message.replace(/\.+$/, "");
      }
      if (retry >= this.#options.maxRetries) {
        this.#fail(
          new ConnectError(
            `A bulk request of ${items.length} documents still failed after ${this.#options.maxRetries} retries (max.retries): ${reason}. Raise max.retries or retry.backoff.ms if the engine is overloaded; a request that timed out counts as a retry like any other failure.`,
          ),
        );
        return;
      }
      this.#notify();
    }
  }

  /** Applies an answer to the items sent; returns those to send again. */
  #answer(items: BulkItem[], response: SearchResponse): BulkItem[] {
    if (response.status !== 200) {
      const message = `HTTP ${response.status} from the bulk API: ${errorMessageOf(response.body)}`;
      if (RETRIABLE_STATUSES.has(response.status)) throw new RetryRequest(message);
      const hint =
        response.status === 413
          ? " Lower bulk.size.bytes or batch.size below the engine's http.max_content_length."
          : "";
      throw new ConnectError(`${message}.${hint}`);
    }
    const results = parseBulkResponse(
      response.body,
      items.map((item) => item.operation),
    );
    if (results === undefined) {
      for (const item of items) item.slot.done = true;
      this.#pending -= items.length;
      return [];
    }
    const again: BulkItem[] = [];
    let answered = 0;
    try {
      for (let i = 0; i < items.length; i++) {
        const item = items[i]!;
        const result = results[i]!;
        switch (result.outcome) {
          case "retry":
            again.push(item);
            continue;
          case "conflict":
            this.#options.onConflict(item, result.error ?? "version conflict");
            break;
          case "malformed":
            this.#options.onMalformed(item, result.error ?? `HTTP ${result.status}`);
            break;
          case "fatal":
            throw new ConnectError(
              `The engine refused the document for ${describeRecord(item.record)} (${item.operation}, HTTP ${result.status}): ${result.error ?? "no reason given"}.`,
            );
          case "ok":
            break;
        }
        item.slot.done = true;
        answered++;
      }
    } finally {
      this.#pending -= answered;
    }
    return again;
  }

  #fail(error: unknown): void {
    if (this.#failure === undefined) {
      this.#failure =
        error instanceof ConnectError
          ? error
          : new ConnectError(`Writing to the engine failed: ${(error as Error)?.message ?? String(error)}`, {
              cause: error,
            });
    }
    this.#abort.abort();
    clearTimeout(this.#lingerTimer);
    this.#open = [];
    this.#queue = [];
    this.#notify();
  }

  #notify(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }
}

/** A whole request to send again (its status said "not now"). */
class RetryRequest extends Error {}

function bodyOf(items: readonly BulkItem[]): string {
  if (items.length === 1) return items[0]!.text;
  let body = "";
  for (const item of items) body += item.text;
  return body;
}

/**
 * A record's place, for messages: its original topic, partition and offset.
 * @internal
 */
export function describeRecord(record: SinkRecord): string {
  return `the record at ${record.originalTopic}-${record.originalKafkaPartition}@${record.originalKafkaOffset}`;
}
