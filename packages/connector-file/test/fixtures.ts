import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, vi } from "vitest";

/** Gives each test of the calling file a new temporary directory, removed after it; returns a path maker. */
export function useTempDir(): (name: string) => string {
  let dir = "";
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "tributary-file-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return (name) => join(dir, name);
}

/** Silences the process warnings the connectors emit during each test and returns the codes emitted so far. */
export function useWarnings(): () => string[] {
  const codes: string[] = [];
  beforeEach(() => {
    codes.length = 0;
    vi.spyOn(process, "emitWarning").mockImplementation(((_warning: unknown, options?: { code?: string }) => {
      codes.push(options?.code ?? "(no code)");
    }) as typeof process.emitWarning);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  return () => [...codes];
}
