/**
 * What became of a promise raced against a deadline: its value, its error, or nothing yet.
 * @internal
 */
export type Settlement<T> =
  | { readonly state: "resolved"; readonly value: T }
  | { readonly state: "rejected"; readonly error: unknown }
  | { readonly state: "pending" };

/**
 * Waits for `promise` at most `ms` milliseconds and says how it ended, without leaving a timer behind; a promise
 * still pending at the deadline keeps running (and its rejection stays handled).
 * @internal
 */
export async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<Settlement<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<Settlement<T>>((resolve) => {
    timer = setTimeout(() => resolve({ state: "pending" }), ms);
  });
  const outcome = promise.then(
    (value): Settlement<T> => ({ state: "resolved", value }),
    (error: unknown): Settlement<T> => ({ state: "rejected", error }),
  );
  try {
    return await Promise.race([outcome, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
