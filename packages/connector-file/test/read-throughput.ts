/**
 * Measures how fast FileStreamSourceTask turns a file into records: writes LINES lines of about 100 bytes (some with
 * multi-byte characters), polls the task until it has read them all, and prints lines per second. Run it with
 *
 *   npx esbuild packages/connector-file/test/read-throughput.ts --bundle --platform=node --format=esm \
 *     --alias:@tributary/api=./packages/api/src/index.ts --outfile=/tmp/read-throughput.mjs \
 *     && node /tmp/read-throughput.mjs [lines]
 */
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { BackingStoreOffsetStorageReader, MemoryOffsetBackingStore } from "@tributary/api";
import { FileStreamSourceTask } from "../src/source/file-stream-source-task.js";

const LINES = Number(process.argv[2] ?? 1_000_000);

async function writeFile(path: string): Promise<void> {
  const out = createWriteStream(path);
  const filler = "abcdefghijklmnopqrstuvwxyz0123456789-".repeat(3);
  for (let i = 0; i < LINES; i++) {
    const text = i % 10 === 0 ? `${i} größe ✓ ${filler}` : `${i} ${filler}`;
    if (!out.write(`${text.slice(0, 99)}\n`))
      await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  out.end();
  await finished(out);
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "tributary-read-throughput-"));
  const path = join(dir, "lines.txt");
  try {
    await writeFile(path);
    const store = new MemoryOffsetBackingStore();
    await store.start();
    const task = new FileStreamSourceTask();
    const reader = new BackingStoreOffsetStorageReader(store, "bench");
    task.initialize({
      configs: () => ({}),
      offsetStorageReader: () => reader,
      transactionContext: () => null,
    });
    task.start({ file: path, topic: "bench", "poll.idle.ms": "10" });
    const begin = performance.now();
    const cpuBefore = process.cpuUsage();
    let read = 0;
    let lastPosition = 0;
    while (read < LINES) {
      const records = await task.poll();
      if (records === null) throw new Error(`the task stopped reading after ${read} of ${LINES} lines`);
      read += records.length;
      lastPosition = Number(records.at(-1)?.sourceOffset.position);
    }
    const seconds = (performance.now() - begin) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    // CPU time says what the task costs even on a busy machine, where wall time also counts waiting for a core.
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    await task.stop();
    const { size } = await stat(path);
    if (lastPosition !== size) throw new Error(`last position ${lastPosition} is not the file size ${size}`);
    console.log(
      `${read} lines (${(size / 1e6).toFixed(1)} MB) in ${seconds.toFixed(2)} s: ` +
        `${Math.round(read / seconds).toLocaleString("en-US")} lines/s, ${(size / 1e6 / seconds).toFixed(0)} MB/s; ` +
        `${cpuSeconds.toFixed(2)} s of CPU: ${Math.round(read / cpuSeconds).toLocaleString("en-US")} lines per CPU second`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
