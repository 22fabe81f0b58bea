/** The longest wait between two tries, whatever `retry.backoff.ms` and the number of tries. */
export const MAX_BACKOFF_MS = 60_000;

/**
 * How long to wait before try number `retry` (1 for the first retry): `retry.backoff.ms` doubled for each earlier
 * retry, capped at one minute, then a random amount of up to half of it taken off, so tasks that failed together do
 * not all come back at the same moment.
 * @internal
 */
export function backoffMs(retry: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(baseMs * 2 ** Math.max(0, retry - 1), MAX_BACKOFF_MS);
  return Math.round(ceiling * (1 - random() / 2));
}

/**
 * Resolves after `ms`, or at once when `signal` aborts.
 * @internal
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted === true) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
