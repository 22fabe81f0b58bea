import { afterEach, describe, expect, it, vi } from "vitest";
import { silentLogger } from "../logging/logger.js";
import { TaskRestarts } from "./task-restarts.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("TaskRestarts", () => {
  it("doubles the backoff after each failure up to the maximum", () => {
    vi.useFakeTimers();
    const restarts = new TaskRestarts(
      { enabled: true, initialBackoffMs: 100, maxBackoffMs: 500 },
      silentLogger,
    );
    const restart = vi.fn(async () => {});
    const delays = [1, 2, 3, 4, 5].map(() => restarts.failed("c", 0, restart));
    expect(delays).toEqual([100, 200, 400, 500, 500]);
    // Only the last scheduled restart remains.
    vi.advanceTimersByTime(500);
    expect(restart).toHaveBeenCalledTimes(1);
  });

  it("starts over from the initial backoff once the task ran for the maximum", () => {
    vi.useFakeTimers();
    let now = 0;
    const restarts = new TaskRestarts(
      { enabled: true, initialBackoffMs: 100, maxBackoffMs: 500 },
      silentLogger,
      () => now,
    );
    const restart = async () => {};
    restarts.failed("c", 0, restart);
    restarts.failed("c", 0, restart);
    restarts.running("c", 0);
    now += 499;
    expect(restarts.failed("c", 0, restart)).toBe(400);
    restarts.running("c", 0);
    now += 500;
    expect(restarts.failed("c", 0, restart)).toBe(100);
    restarts.close();
  });

  it("schedules nothing when disabled, after close, or once a task is forgotten", () => {
    vi.useFakeTimers();
    const restart = vi.fn(async () => {});
    const off = new TaskRestarts({ enabled: false, initialBackoffMs: 1, maxBackoffMs: 1 }, silentLogger);
    expect(off.failed("c", 0, restart)).toBeUndefined();
    const on = new TaskRestarts({ enabled: true, initialBackoffMs: 10, maxBackoffMs: 10 }, silentLogger);
    on.failed("c", 0, restart);
    on.forget("c", 0);
    on.failed("c", 1, restart);
    on.close();
    expect(on.failed("c", 2, restart)).toBeUndefined();
    vi.advanceTimersByTime(100);
    expect(restart).not.toHaveBeenCalled();
  });
});
