/**
 * Benchmark cases of @tributary/runtime's embedded engine: FileStreamSource → FileStreamSink over 1,000,000 lines of
 * about 100 bytes with StringConverter and no transforms, beside its ceiling: a plain Node loop that reads the same
 * file line by line and appends the lines to another file. Both are whole runs, timed from start to the last byte.
 */
import { once } from "node:events";
import { createReadStream, createWriteStream, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createEmbeddedEngine } from "@tributary/runtime";

const LINES = Number(process.env.BENCH_EMBEDDED_LINES ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), "tributary-bench-embedded-"));
const input = join(dir, "input.txt");

function prepareInput() {
  const chunks = [];
  for (let i = 0; i < LINES; i++) {
    const head = `${i} order=${(i * 7919) % 100000} customer=c${i % 977} `;
    chunks.push(`${head}${"x".repeat(Math.max(0, 99 - head.length))}\n`);
  }
  writeFileSync(input, chunks.join(""));
  return statSync(input).size;
}

async function waitForSize(file, size) {
  for (;;) {
    try {
      if (statSync(file).size >= size) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The ceiling: read lines from a stream and append them to another file, no framework at all. */
async function plainCopy(output) {
  const out = createWriteStream(output);
  let rest = "";
  for await (const chunk of createReadStream(input, { encoding: "utf8", highWaterMark: 64 * 1024 })) {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop() ?? "";
    if (!out.write(`${lines.join("\n")}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

async function embeddedCopy(output, size) {
  const engine = await createEmbeddedEngine({
    worker: {
      "offset.storage.file.filename": join(dir, "offsets.json"),
      "offset.flush.interval.ms": "1000",
      "key.converter": "org.apache.kafka.connect.storage.StringConverter",
      "value.converter": "org.apache.kafka.connect.storage.StringConverter",
    },
    connectors: [
      {
        name: "bench-source",
        "connector.class": "FileStreamSource",
        file: input,
        topic: "lines",
        "batch.size": "2000",
      },
      { name: "bench-sink", "connector.class": "FileStreamSink", file: output, topics: "lines" },
    ],
  });
  await engine.start();
  await waitForSize(output, size);
  await engine.stop();
}

let inputSize;
function ensureInput() {
  inputSize ??= prepareInput();
  return inputSize;
}

async function timed(name, copy) {
  const size = ensureInput();
  const output = join(dir, `${name}-${Date.now()}.txt`);
  const start = performance.now();
  await copy(output, size);
  const elapsedMs = performance.now() - start;
  await rm(output, { force: true });
  return { records: LINES, elapsedMs, bytes: size / LINES };
}

export const cases = [
  { name: "embedded file→file ceiling: plain Node line copy", measure: () => timed("plain", plainCopy) },
  {
    name: "embedded file→file: FileStreamSource → FileStreamSink, StringConverter",
    measure: () => timed("embedded", embeddedCopy),
  },
];
