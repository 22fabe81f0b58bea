import { once } from "node:events";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { StdinLineReader } from "./stdin-line-reader.js";

function readAll(reader: StdinLineReader, max = 100): string[] {
  const lines: string[] = [];
  reader.read(max, (line) => lines.push(line));
  return lines;
}

describe("StdinLineReader", () => {
  it("reads complete lines as they arrive, up to the number asked for", async () => {
    const input = new PassThrough();
    const reader = new StdinLineReader(input);
    const wait = reader.waitForData(3_600_000, new AbortController().signal);
    input.write("a\r\nb\nc");
    await wait; // woken by the data, not by the hour passing
    expect(readAll(reader, 1)).toEqual(["a"]);
    expect(readAll(reader)).toEqual(["b"]);
    reader.close();
  });

  it("takes an unterminated last line once the stream has ended", async () => {
    const input = new PassThrough();
    const reader = new StdinLineReader(input);
    input.end("x\ny");
    await reader.waitForData(3_600_000, new AbortController().signal);
    const lines = readAll(reader);
    if (!input.readableEnded) await once(input, "end");
    lines.push(...readAll(reader));
    expect(lines).toEqual(["x", "y"]);
    expect(reader.finished).toBe(true);
    reader.close();
  });

  it("stops waiting when aborted", async () => {
    const reader = new StdinLineReader(new PassThrough());
    const stopping = new AbortController();
    const wait = reader.waitForData(3_600_000, stopping.signal);
    stopping.abort();
    await expect(wait).resolves.toBeUndefined();
    reader.close();
  });
});
