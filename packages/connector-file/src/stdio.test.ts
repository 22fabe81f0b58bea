import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The child runs the real process.stdin and process.stdout, so it is bundled from the TypeScript sources first.
let dir = "";
let script = "";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tributary-stdio-"));
  script = join(dir, "stdio-child.mjs");
  await build({
    entryPoints: [fileURLToPath(new URL("../test/stdio-child.ts", import.meta.url))],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: script,
    alias: { "@tributary/api": fileURLToPath(new URL("../../api/src/index.ts", import.meta.url)) },
    logLevel: "silent",
  });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Runs the child with `args`, feeding it `input` and then ending its standard input unless `keepOpen`; resolves
 * with its exit code and output once it exits, and rejects when it has not exited after 20 s.
 */
function run(
  args: string[],
  input: string,
  keepOpen = false,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ["pipe", "pipe", "pipe"] });
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the child did not exit within 20 s; it wrote ${JSON.stringify(stdout)}`));
    }, 20_000);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    if (keepOpen) child.stdin.write(input);
    else child.stdin.end(input);
  });
}

describe("without a file", () => {
  it("the source reads lines from the standard input, with null positions, and lets the process exit", async () => {
    const { code, stdout, stderr } = await run(["source", "3"], "first ✓\r\nsecond\nno line end");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const partition = { filename: null };
    const offset = { position: null };
    expect(JSON.parse(stdout)).toEqual([
      ["first ✓", partition, offset],
      ["second", partition, offset],
      ["no line end", partition, offset], // the input ended, so the last line is complete
    ]);
  });

  it("a stopped source no longer keeps the process alive, though the standard input is still open", async () => {
    const { code, stdout } = await run(["source", "2"], "a\nb\n", true);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).map(([value]: [string]) => value)).toEqual(["a", "b"]);
  });

  it("the sink writes each value on its own line to the standard output", async () => {
    const { code, stdout } = await run(["sink", "one", "twö", ""], "");
    expect(code).toBe(0);
    expect(stdout).toBe("one\ntwö\n\n");
  });
});
