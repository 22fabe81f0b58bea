#!/usr/bin/env node
/**
 * Tributary's benchmark runner. `npm run bench` builds every package first, because the cases import the built
 * packages (packages/<name>/dist), as users run them.
 *
 * Cases live in scripts/bench/*.mjs, one file per package. Each file exports `cases`: an array of
 * `{ name, prepare }`, where `prepare()` (may be async) returns `{ run, bytes }`: `run()` processes one record, and
 * `bytes` is the size in bytes of one record's serialised form (for MB/s). Each case is run for a warm-up, then
 * for a fixed time, and prints one JSON line: {"name", "records_per_sec", "mb_per_sec"}.
 * A case that is a whole run (a pipeline over a file, say) gives `measure()` instead, resolving to
 * `{ records, elapsedMs, bytes }` for one timed run; it prints the same line.
 *
 * Usage: node scripts/bench.mjs [name filter]
 * Environment: BENCH_SECONDS (measured seconds per case, default 2), BENCH_WARMUP_SECONDS (default 1), and
 * BENCH_CPU=1 to add "cpu_records_per_sec": records per second of CPU time the process used, a steadier figure
 * than wall-clock time on a machine shared with other work.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const seconds = Number(process.env.BENCH_SECONDS ?? 2);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 1);
const filter = process.argv[2] ?? "";
const withCpu = process.env.BENCH_CPU === "1";
/** Records between two looks at the clock, so reading the clock costs little next to the work. */
const BATCH = 256;

const directory = fileURLToPath(new URL("./bench/", import.meta.url));
const files = readdirSync(directory)
  .filter((file) => file.endsWith(".mjs"))
  .sort();

/** Runs `run` in batches until `durationMs` have passed; returns the records done and the time taken. */
function loop(run, durationMs) {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  let records = 0;
  let now = start;
  while (now - start < durationMs) {
    for (let i = 0; i < BATCH; i++) run();
    records += BATCH;
    now = performance.now();
  }
  const cpu = process.cpuUsage(cpuStart);
  return { records, elapsedMs: now - start, cpuMs: (cpu.user + cpu.system) / 1000 };
}

let failed = false;
for (const file of files) {
  let cases;
  try {
    ({ cases } = await import(pathToFileURL(directory + file).href));
  } catch (error) {
    // One package's cases failing to load (not built, say) must not hide the others' numbers.
    console.error(
      `scripts/bench/${file}: cannot load its cases: ${error instanceof Error ? error.message : error}`,
    );
    failed = true;
    continue;
  }
  for (const benchCase of cases) {
    if (!benchCase.name.includes(filter)) continue;
    if (benchCase.measure !== undefined) {
      const { records, elapsedMs, bytes } = await benchCase.measure();
      const recordsPerSec = (records * 1000) / elapsedMs;
      console.log(
        JSON.stringify({
          name: benchCase.name,
          records_per_sec: Math.round(recordsPerSec),
          mb_per_sec: Number(((recordsPerSec * bytes) / 1e6).toFixed(2)),
        }),
      );
      continue;
    }
    const { run, bytes } = await benchCase.prepare();
    loop(run, warmupSeconds * 1000);
    const { records, elapsedMs, cpuMs } = loop(run, seconds * 1000);
    const recordsPerSec = (records * 1000) / elapsedMs;
    const line = {
      name: benchCase.name,
      records_per_sec: Math.round(recordsPerSec),
      mb_per_sec: Number(((recordsPerSec * bytes) / 1e6).toFixed(2)),
    };
    if (withCpu) line.cpu_records_per_sec = Math.round((records * 1000) / cpuMs);
    console.log(JSON.stringify(line));
  }
}

if (failed) process.exitCode = 1;
