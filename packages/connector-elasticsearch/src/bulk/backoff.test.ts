import { describe, expect, it } from "vitest";
import { backoffMs, MAX_BACKOFF_MS } from "./backoff.js";

describe("backoffMs", () => {
  it("doubles from retry.backoff.ms, with up to half taken off at random", () => {
    expect(backoffMs(1, 100, () => 0)).toBe(100);
    expect(backoffMs(2, 100, () => 0)).toBe(200);
    expect(backoffMs(3, 100, () => 0)).toBe(400);
    expect(backoffMs(3, 100, () => 1)).toBe(200);
  });

  it("never waits more than a minute", () => {
    expect(backoffMs(40, 100, () => 0)).toBe(MAX_BACKOFF_MS);
  });

  it("does not wait with retry.backoff.ms=0", () => {
    expect(backoffMs(5, 0, () => 0)).toBe(0);
  });
});
