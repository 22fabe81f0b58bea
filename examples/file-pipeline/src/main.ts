/**
 * The main job on a fresh machine: streams `data/input.txt` through Kafka's FileStreamSource, two transforms
 * (InsertHeader, RegexRouter) and FileStreamSink into `data/output.txt` on the embedded engine, then checks that the
 * output holds every input line once, in order.
 *
 * `npm start` stops once the output has caught up; `npm start -- --follow` keeps running, so lines appended to the
 * input show up in the output, until Ctrl-C. Running it again resumes from the stored offsets: no line is repeated.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createEmbeddedEngine,
  type Logger,
  loadConnectorConfigFile,
  parseProperties,
} from "@tributary/runtime";

const exampleDir = join(dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(exampleDir); // the config files name their files relative to the example's folder
const follow = process.argv.includes("--follow");
const SAMPLE_LINES = 20_000;

function countLines(file: string): number {
  if (!existsSync(file)) return 0;
  const text = readFileSync(file, "utf8");
  return text.length === 0 ? 0 : text.split("\n").length - 1;
}

mkdirSync("data", { recursive: true });
if (!existsSync("data/input.txt")) {
  const lines = Array.from(
    { length: SAMPLE_LINES },
    (_, i) => `line ${i + 1}: the quick brown fox — ünïcödé ✓ ${"·".repeat(i % 40)}`,
  );
  writeFileSync("data/input.txt", `${lines.join("\n")}\n`);
  console.log(`Wrote ${SAMPLE_LINES} sample lines to ${join(exampleDir, "data/input.txt")}`);
}

const logger: Logger = {
  debug: () => {},
  info: () => {},
  warn: (fields, message) => console.warn(`warn: ${message}`, fields.connector ?? ""),
  error: (fields, message) =>
    console.error(`error: ${message}`, fields.err instanceof Error ? fields.err.message : ""),
};

const engine = await createEmbeddedEngine({
  worker: parseProperties(readFileSync("config/worker.properties", "utf8"), "config/worker.properties"),
  connectors: [
    await loadConnectorConfigFile("config/file-source.properties"),
    await loadConnectorConfigFile("config/file-sink.properties"),
  ],
  logger,
});

const stop = (): void => void engine.stop();
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
await engine.start();
console.log(follow ? "Running; append to data/input.txt to see lines arrive, Ctrl-C to stop." : "Running…");

const progress = setInterval(() => {
  const input = countLines("data/input.txt");
  const output = countLines("data/output.txt");
  const tasks = engine
    .status()
    .flatMap((c) => c.tasks.map((t) => `${c.name}[${t.id}] ${t.state}`))
    .join(", ");
  console.log(`input ${input} lines, output ${output} lines · ${tasks}`);
  if (!follow && output >= input) stop();
}, 500);

try {
  await engine.done;
} catch (error) {
  console.error(`The pipeline failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  clearInterval(progress);
}

const input = readFileSync("data/input.txt", "utf8");
const output = existsSync("data/output.txt") ? readFileSync("data/output.txt", "utf8") : "";
if (output === input) {
  console.log(
    `Done: data/output.txt holds all ${countLines("data/input.txt")} input lines, in order, each once.`,
  );
} else if (process.exitCode !== 1) {
  const missing = countLines("data/input.txt") - countLines("data/output.txt");
  console.log(
    missing > 0
      ? `Stopped with ${missing} line(s) still to copy; run again to resume from the stored offsets.`
      : "data/output.txt differs from data/input.txt: remove data/ to start over.",
  );
}
