import { appendFile, mkdir, rename, truncate, writeFile } from "node:fs/promises";
import {
  ConfigValidationError,
  DataError,
  MemoryOffsetBackingStore,
  OffsetStorageWriter,
  Schema,
  type SourceRecord,
} from "@tributary/api";
import { SourceTaskHarness } from "@tributary/testkit";
import { describe, expect, it } from "vitest";
import { useTempDir, useWarnings } from "../../test/fixtures.js";
import { FileStreamSourceTask } from "./file-stream-source-task.js";

const path = useTempDir();
const warnings = useWarnings();

/** A harness around a file source reading `name`; polls that find nothing wait `idleMs`. */
async function started(
  name = "in.txt",
  extra: Record<string, string> = {},
  idleMs = 20,
): Promise<SourceTaskHarness<FileStreamSourceTask>> {
  const harness = new SourceTaskHarness({ createTask: () => new FileStreamSourceTask(), timeoutMs: 5000 });
  await harness.start({ file: path(name), topic: "lines", "poll.idle.ms": String(idleMs), ...extra });
  return harness;
}

const values = (records: readonly SourceRecord[]) => records.map((record) => record.value);
const positions = (records: readonly SourceRecord[]) => records.map((record) => record.sourceOffset.position);

describe("FileStreamSourceTask", () => {
  it("turns each line into a STRING record on the topic, keyed by file, with the byte position after it", async () => {
    await writeFile(path("in.txt"), "hello\nworld\n");
    const harness = await started();
    const before = Date.now();
    const records = await harness.pollUntil(2);
    expect(values(records)).toEqual(["hello", "world"]);
    const [first] = records;
    expect(first?.topic).toBe("lines");
    expect(first?.valueSchema).toBe(Schema.STRING_SCHEMA);
    expect([first?.key, first?.keySchema, first?.kafkaPartition]).toEqual([null, null, null]);
    expect(first?.sourcePartition).toEqual({ filename: path("in.txt") });
    expect(positions(records)).toEqual([6, 12]);
    expect(first?.timestamp).toBeGreaterThanOrEqual(before);
    await harness.stop();
  });

  it("counts positions in bytes, so it resumes at the right line after multi-byte characters", async () => {
    await writeFile(path("in.txt"), "größe\n✓ done\n😀\nlast\n");
    const harness = await started("in.txt", { "batch.size": "2" });
    const first = await harness.pollUntil(2);
    expect(values(first)).toEqual(["größe", "✓ done"]);
    expect(positions(first)).toEqual([8, 17]);
    await harness.commit();
    const second = await harness.pollUntil(2);
    expect(positions(second)).toEqual([22, 27]);
    // Those two were not committed: a new task must go on at byte 17, not at character 17.
    await harness.restart();
    expect(values(await harness.pollUntil(2))).toEqual(["😀", "last"]);
    expect(await harness.offsetStorageReader().offset({ filename: path("in.txt") })).toEqual({
      position: 17,
    });
    await harness.stop();
  });

  it("resumes after a restart exactly after the last committed line, delivering the uncommitted ones again", async () => {
    await writeFile(path("in.txt"), "a\nb\n");
    const harness = await started();
    await harness.pollUntil(2);
    await harness.commit();
    await appendFile(path("in.txt"), "c\nd\n");
    expect(values(await harness.pollUntil(2))).toEqual(["c", "d"]);
    await harness.restart(); // c and d were never committed
    await appendFile(path("in.txt"), "e\n");
    expect(values(await harness.pollUntil(3))).toEqual(["c", "d", "e"]);
    await harness.stop();
  });

  it("ends lines at \\n, \\r\\n and \\r, and waits for the byte after a final \\r", async () => {
    await writeFile(path("in.txt"), "unix\nwindows\r\nmac\rwait\r");
    const harness = await started();
    const records = await harness.pollUntil(3);
    expect(values(records)).toEqual(["unix", "windows", "mac"]);
    expect(positions(records)).toEqual([5, 14, 18]);
    expect(await harness.poll()).toBeNull(); // "wait\r" may still become "wait\r\n"
    await appendFile(path("in.txt"), "\nnext\n");
    const more = await harness.pollUntil(2);
    expect(values(more)).toEqual(["wait", "next"]);
    expect(positions(more)).toEqual([24, 29]);
    await harness.stop();
  });

  it("does not emit a last line until its line end is written", async () => {
    await writeFile(path("in.txt"), "complete\nhalf a li");
    const harness = await started();
    expect(values(await harness.pollUntil(1))).toEqual(["complete"]);
    expect(await harness.poll()).toBeNull();
    await appendFile(path("in.txt"), "ne\n");
    const records = await harness.pollUntil(1);
    expect(values(records)).toEqual(["half a line"]);
    expect(positions(records)).toEqual([21]);
    await harness.stop();
  });

  it("keeps a \\r\\n that straddles two 64 KiB reads as one line end", async () => {
    const first = "x".repeat(65_535 - 1); // the line's \r is byte 65,535, its \n the first byte of the next read
    await writeFile(path("in.txt"), `${first}\r\nafter\r\n`);
    const harness = await started();
    const records = await harness.pollUntil(2);
    expect(records.map((record) => (record.value as string).length)).toEqual([first.length, 5]);
    expect(positions(records)).toEqual([65_536, 65_543]);
    await harness.stop();
  });

  it("reads a large file in batches of at most batch.size lines, ending at the file's size", async () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `line ${i} ${"é".repeat(i % 7)}`);
    const text = lines.map((line, i) => `${line}${["\n", "\r\n", "\r"][i % 3]}`).join("");
    await writeFile(path("in.txt"), text); // line 9,999 ends with \n
    const harness = await started("in.txt", { "batch.size": "1500" });
    const sizes: number[] = [];
    const records: SourceRecord[] = [];
    while (records.length < lines.length) {
      const batch = (await harness.poll()) ?? [];
      sizes.push(batch.length);
      records.push(...batch);
    }
    expect(Math.max(...sizes)).toBe(1500);
    expect(values(records)).toEqual(lines);
    expect(records.at(-1)?.sourceOffset.position).toBe(Buffer.byteLength(text));
    await harness.stop();
  });

  it("starts again at byte 0, with a warning, when the file is truncated", async () => {
    await writeFile(path("in.txt"), "one\ntwo\nthree\n");
    const harness = await started();
    await harness.pollUntil(3);
    await truncate(path("in.txt"), 0);
    await appendFile(path("in.txt"), "new\n");
    const records = await harness.pollUntil(1);
    expect(values(records)).toEqual(["new"]);
    expect(positions(records)).toEqual([4]);
    expect(warnings()).toEqual(["TRIBUTARY_FILE_SOURCE_TRUNCATED"]);
    await harness.stop();
  });

  it("finishes the old file and starts the new one at byte 0, with a warning, when the file is replaced", async () => {
    await writeFile(path("in.txt"), "old 1\n");
    const harness = await started();
    await harness.pollUntil(1);
    await appendFile(path("in.txt"), "old 2\n");
    await rename(path("in.txt"), path("in.txt.1"));
    // The new file is longer than the old position: only its inode tells it apart.
    await writeFile(path("in.txt"), "new file, first line\nsecond\n");
    const records = await harness.pollUntil(3);
    expect(values(records)).toEqual(["old 2", "new file, first line", "second"]);
    expect(positions(records)).toEqual([12, 21, 28]);
    expect(warnings()).toEqual(["TRIBUTARY_FILE_SOURCE_REPLACED"]);
    await harness.stop();
  });

  it("starts at byte 0, with a warning, when the file became shorter than the stored position while stopped", async () => {
    await writeFile(path("in.txt"), "a long first line\nsecond\n");
    const harness = await started();
    await harness.pollUntil(2);
    await harness.commit();
    await harness.stop();
    await writeFile(path("in.txt"), "short\n");
    await harness.start({ file: path("in.txt"), topic: "lines", "poll.idle.ms": "20" });
    expect(values(await harness.pollUntil(1))).toEqual(["short"]);
    expect(warnings()).toEqual(["TRIBUTARY_FILE_SOURCE_TRUNCATED"]);
    await harness.stop();
  });

  it("waits for a missing file, warning once, and reads it from the start once it appears", async () => {
    const harness = await started("later.txt");
    expect(await harness.poll()).toBeNull();
    expect(await harness.poll()).toBeNull();
    expect(warnings()).toEqual(["TRIBUTARY_FILE_SOURCE_MISSING"]);
    await writeFile(path("later.txt"), "finally\n");
    expect(values(await harness.pollUntil(1))).toEqual(["finally"]);
    await harness.stop();
  });

  it("lets stop() end a poll that waits for data, which then returns null", async () => {
    await writeFile(path("in.txt"), "");
    const harness = await started("in.txt", {}, 3_600_000);
    const pending = harness.poll();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await harness.stop(); // fails if the poll is still pending 5 s later
    await expect(pending).resolves.toBeNull();
  });

  it("refuses a stored position that is not a byte position, saying how to fix it", async () => {
    await writeFile(path("in.txt"), "a\n");
    const store = new MemoryOffsetBackingStore();
    await store.start();
    const writer = new OffsetStorageWriter(store, "test-source");
    writer.offset({ filename: path("in.txt") }, { position: "12" });
    if (writer.beginFlush()) await writer.doFlush();
    const harness = new SourceTaskHarness({
      createTask: () => new FileStreamSourceTask(),
      offsetStore: store,
    });
    await harness.start({ file: path("in.txt"), topic: "lines" });
    const failure = harness.poll();
    await expect(failure).rejects.toThrow(DataError);
    await expect(failure).rejects.toThrow(/position string "12", which is not a byte position/);
    await harness.stop();
  });

  it("warns when the stored position is not just after a line end, as Kafka's character counts can be", async () => {
    await writeFile(path("in.txt"), "größe\nnext\n");
    const store = new MemoryOffsetBackingStore();
    await store.start();
    const writer = new OffsetStorageWriter(store, "test-source");
    writer.offset({ filename: path("in.txt") }, { position: 6 }); // Kafka's count: 5 characters and \n
    if (writer.beginFlush()) await writer.doFlush();
    const harness = new SourceTaskHarness({
      createTask: () => new FileStreamSourceTask(),
      offsetStore: store,
    });
    await harness.start({ file: path("in.txt"), topic: "lines" });
    expect(values(await harness.pollUntil(2))).toEqual(["e", "next"]);
    expect(warnings()).toEqual(["TRIBUTARY_FILE_SOURCE_MID_LINE"]);
    await harness.stop();
  });

  it("fails when the file is not a regular file", async () => {
    await mkdir(path("dir"));
    const harness = await started("dir");
    await expect(harness.poll()).rejects.toThrow(/is not a regular file/);
    await harness.stop();
  });

  it("refuses an invalid configuration in start()", async () => {
    const harness = new SourceTaskHarness({ createTask: () => new FileStreamSourceTask() });
    await expect(harness.start({ file: path("in.txt") })).rejects.toThrow(ConfigValidationError);
    await expect(harness.start({ topic: "t", "batch.size": "0" })).rejects.toThrow(/batch\.size/);
  });
});
