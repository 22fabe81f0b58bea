/**
 * Kills the embedded engine with SIGKILL mid-stream, again and again, while its input file grows, then lets a final
 * run finish cleanly and checks the output: every input line is there, in order, and the only repeats are the
 * lines each killed run wrote after its last committed offset (the window docs/embedded-engine.md names).
 *
 * Runs the built command line (`npm test` builds first), as a user would.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../dist/tributary.js", import.meta.url));
const KILLS = 12;
const LINES_PER_ROUND = 25_000;

function lineText(index: number): string {
  // Multi-byte characters make byte positions and character counts differ, as in real files.
  return `line ${index} — ünïcödé ${"·".repeat(index % 17)}`;
}

function appendLines(file: string, from: number, count: number): number {
  let text = "";
  for (let i = from; i < from + count; i++) text += `${lineText(i)}\n`;
  appendFileSync(file, text);
  return from + count;
}

/** The input line indices the output holds, in the order it holds them. */
function outputIndices(file: string): number[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, "utf8");
  const lines = text.split("\n");
  lines.pop(); // after the last newline
  return lines.map((line) => {
    const match = /^line (\d+) /.exec(line);
    if (match === null) throw new Error(`Unexpected output line: ${JSON.stringify(line)}`);
    return Number(match[1]);
  });
}

/** How many whole input lines lie before the committed byte position, read from the offsets file. */
function committedLines(offsetsFile: string, inputFile: string): number {
  if (!existsSync(offsetsFile)) return 0;
  const stored = JSON.parse(readFileSync(offsetsFile, "utf8")) as {
    offsets: Array<{ key: [string, Record<string, unknown>]; value: { position: number } | null }>;
  };
  const entry = stored.offsets.find(({ key }) => key[0] === "crash-source");
  const position = entry?.value?.position ?? 0;
  const bytes = readFileSync(inputFile).subarray(0, position);
  let lines = 0;
  for (const byte of bytes) if (byte === 0x0a) lines++;
  return lines;
}

function start(dir: string): ChildProcess {
  return spawn(
    process.execPath,
    [BIN, "embedded", "worker.properties", "source.properties", "sink.properties"],
    {
      cwd: dir,
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

describe("embedded engine under SIGKILL", () => {
  it("loses nothing and repeats only what was written after the last committed offset", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tributary-crash-"));
    const input = join(dir, "input.txt");
    const output = join(dir, "output.txt");
    const offsets = join(dir, "offsets.json");
    writeFileSync(
      join(dir, "worker.properties"),
      `offset.storage.file.filename=${offsets}\noffset.flush.interval.ms=100\nembedded.buffer.max.records=2000\n`,
    );
    writeFileSync(
      join(dir, "source.properties"),
      `name=crash-source\nconnector.class=FileStreamSource\nfile=${input}\ntopic=lines\nbatch.size=500\n`,
    );
    writeFileSync(
      join(dir, "sink.properties"),
      `name=crash-sink\nconnector.class=FileStreamSink\nfile=${output}\ntopics=lines\n`,
    );
    writeFileSync(input, "");

    let written = 0;
    const committedAtKill: number[] = [];
    let killedMidStream = 0;
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < KILLS; round++) {
      const inputBefore = statSync(input).size;
      written = appendLines(input, written, LINES_PER_ROUND);
      const outputBefore = existsSync(output) ? statSync(output).size : 0;
      // Kill once the sink has written a random share of this round's new bytes: a moment inside the stream
      // however slowly the process starts on a busy machine.
      const target = outputBefore + 1 + Math.floor(random() * 0.8 * (statSync(input).size - inputBefore));
      const child = start(dir);
      const done = exited(child);
      const startedAt = Date.now();
      while ((existsSync(output) ? statSync(output).size : 0) < target && Date.now() - startedAt < 60_000) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      child.kill("SIGKILL");
      await done;
      const committed = committedLines(offsets, input);
      // The committed offset never runs ahead of what the sink had written.
      const present = new Set(outputIndices(output));
      for (let i = 0; i < committed; i++)
        expect(present.has(i), `line ${i} committed but not in the output`).toBe(true);
      committedAtKill.push(committed);
      if (present.size < written) killedMidStream++;
    }

    // A final run that is allowed to finish: stop it with SIGTERM once the output has caught up.
    const last = start(dir);
    let stderr = "";
    last.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const lastExit = exited(last);
    // Wait until this run has started (and so handles SIGTERM) and the output has caught up.
    while (!stderr.includes("Embedded engine started") || !new Set(outputIndices(output)).has(written - 1)) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    last.kill("SIGTERM");
    expect(await lastExit, stderr).toBe(0);

    const indices = outputIndices(output);
    expect(new Set(indices).size).toBe(written);
    // Split the output into runs at each step back; within a run lines follow each other one by one.
    const runStarts: number[] = [];
    for (let i = 0; i < indices.length; i++) {
      const index = indices[i] as number;
      if (i === 0 || index !== (indices[i - 1] as number) + 1) {
        expect(i === 0 || index <= (indices[i - 1] as number), `a gap before line ${index}`).toBe(true);
        runStarts.push(index);
      }
    }
    // Every step back restarts exactly at an offset committed when a run was killed: the only repeats are the
    // lines written after that commit.
    for (const restart of runStarts.slice(1)) expect(committedAtKill).toContain(restart);
    // The kills must have hit a moving stream, or the test would prove nothing.
    expect(killedMidStream).toBeGreaterThanOrEqual(KILLS / 2);
    expect(runStarts.length).toBeGreaterThan(1);
    expect(indices[0]).toBe(0);
    expect(indices.at(-1)).toBe(written - 1);
  }, 240_000);
});
