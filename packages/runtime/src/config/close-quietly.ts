/**
 * Closes a plugin instance that was only created to read its definition, ignoring failures: such an instance was
 * never configured, so its `close()` may well throw, and nothing depends on it.
 * @internal
 */
export function closeQuietly(instance: unknown): void {
  const close = (instance as { close?: unknown } | undefined)?.close;
  if (typeof close !== "function") return;
  try {
    const result: unknown = close.call(instance);
    if (result instanceof Promise) result.catch(() => {});
  } catch {
    // Ignored on purpose: see above.
  }
}
