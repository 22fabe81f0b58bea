import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileOffsetBackingStore } from "../src/index.js";
import { serializeOffsetKey } from "../src/storage/offset-key.js";
import { ALL_KEYS, CONNECTOR, COUNTER_PARTITION, stateAfter } from "./fixtures/offset-crash-flushes.js";
import { transpileForNode } from "./transpile-for-node.js";

const KILLS = 60;
const packageRoot = fileURLToPath(new URL("..", import.meta.url));
const isTemp = (name: string) => /^offsets\.json\.\d+\.\d+\.tmp$/.test(name);

/** A small seeded generator, so a failing run can be told apart and its seed reported. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Resolves once the child printed its ready line; rejects with its output if it exits first. */
function whenReady(child: ChildProcess, output: { text: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output.text += chunk.toString();
      if (output.text.includes("\n")) resolve();
    });
    child.once("exit", (code, signal) =>
      reject(new Error(`The writer exited by itself (code ${code}, signal ${signal}): ${output.text}`)),
    );
  });
}

describe("FileOffsetBackingStore under SIGKILL", () => {
  let dir: string;
  let writerScript: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "tributary-offset-crash-"));
    writerScript = await transpileForNode(
      join(packageRoot, "test/fixtures/offset-crash-writer.ts"),
      packageRoot,
      join(dir, "build"),
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("always leaves exactly one whole flush, the last one or a newer one, and temp files that do no harm", async () => {
    const seed = Date.now();
    const next = random(seed);
    const file = join(dir, "data", "offsets.json");
    await mkdir(join(dir, "data"));
    const counterKey = serializeOffsetKey(CONNECTOR, COUNTER_PARTITION);
    let lastFlush = 0;

    for (let kill = 0; kill < KILLS; kill++) {
      const context = `kill ${kill}, seed ${seed}`;
      const child = spawn(process.execPath, [writerScript, file], { stdio: ["ignore", "pipe", "pipe"] });
      const output = { text: "" };
      child.stderr?.on("data", (chunk: Buffer) => {
        output.text += chunk.toString();
      });
      const exited = once(child, "exit");
      // Most kills land while flushes run; some land while the writer is still starting up.
      if (next() < 0.85) {
        await whenReady(child, output);
        await new Promise((resolve) => setTimeout(resolve, next() * 50));
      } else {
        await new Promise((resolve) => setTimeout(resolve, next() * 60));
      }
      expect(
        child.exitCode,
        `${context}: the writer stopped before it was killed: ${output.text}`,
      ).toBeNull();
      child.kill("SIGKILL");
      await exited;

      const store = new FileOffsetBackingStore({ file });
      await store.start();
      try {
        expect((await readdir(join(dir, "data"))).filter(isTemp), context).toEqual([]);
        const stored = await store.get(ALL_KEYS);
        const counterValue = stored.get(counterKey);
        const flush = counterValue === undefined ? 0 : Number(JSON.parse(counterValue).counter);
        expect(stored, `${context}: the file does not hold whole flush ${flush}`).toEqual(stateAfter(flush));
        expect(flush, `${context}: the file went back from flush ${lastFlush}`).toBeGreaterThanOrEqual(
          lastFlush,
        );
        lastFlush = flush;
      } finally {
        await store.stop();
      }
    }
    // Proves the writers really flushed, so the checks above ran against real content.
    expect(lastFlush).toBeGreaterThan(0);
  }, 180_000);
});
