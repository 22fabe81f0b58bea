import { describe, expect, it } from "vitest";
import type { Logger } from "./logger.js";
import { LoggerLevels } from "./logger-levels.js";

function collecting(lines: string[]): Logger {
  const method = (level: string) => (_fields: Record<string, unknown>, message: string) => {
    lines.push(`${level} ${message}`);
  };
  return { debug: method("debug"), info: method("info"), warn: method("warn"), error: method("error") };
}

describe("LoggerLevels", () => {
  it("filters by the nearest level set up the dotted name, else root's", () => {
    const lines: string[] = [];
    const levels = new LoggerLevels(collecting(lines), "WARN");
    const worker = levels.logger("tributary.worker");
    const rest = levels.logger("tributary.rest");
    worker.info({}, "hidden");
    worker.warn({}, "shown");
    expect(levels.setLevel("tributary", "DEBUG")).toEqual([
      "tributary",
      "tributary.rest",
      "tributary.worker",
    ]);
    rest.debug({}, "rest debug");
    levels.setLevel("tributary.rest", "OFF");
    rest.error({}, "hidden too");
    worker.debug({}, "worker debug");
    expect(lines).toEqual(["warn shown", "debug rest debug", "debug worker debug"]);
    expect(levels.level("tributary.rest")).toMatchObject({ level: "OFF" });
    expect(levels.levels().root).toEqual({ level: "WARN", last_modified: null });
    expect(() => levels.setLevel("root", "LOUD")).toThrow(/Invalid log level 'LOUD'/);
  });
});
