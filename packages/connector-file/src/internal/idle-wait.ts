/**
 * Waits `ms` milliseconds, or less when `signal` aborts or `subscribe` calls the wake function it is given (for
 * example on a stream's `readable` event); `subscribe` returns how to unsubscribe. Never rejects, and leaves no timer
 * or listener behind.
 * @internal
 */
export function idleWait(
  ms: number,
  signal: AbortSignal,
  subscribe?: (wake: () => void) => () => void,
): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    let done = false;
    let unsubscribe: (() => void) | undefined;
    const wake = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal.removeEventListener("abort", wake);
      unsubscribe?.();
      resolve();
    };
    const timer = setTimeout(wake, ms);
    signal.addEventListener("abort", wake, { once: true });
    unsubscribe = subscribe?.(wake);
    // A subscription that woke at once was made after wake() ran, so end it here.
    if (done) unsubscribe?.();
  });
}
