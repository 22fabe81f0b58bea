import { open, readFile, writeFile } from "node:fs/promises";
import { ConnectError, Schema, SchemaBuilder, Struct } from "@tributary/api";
import { SinkTaskHarness, sinkTaskContract } from "@tributary/testkit";
import { describe, expect, it, vi } from "vitest";
import { useTempDir } from "../../test/fixtures.js";
import { FileStreamSinkTask } from "./file-stream-sink-task.js";

const path = useTempDir();

/** The file's lines, as another reader sees them; none when it does not exist. */
async function lines(name = "out.txt"): Promise<string[]> {
  try {
    return (await readFile(path(name), "utf8")).split("\n").slice(0, -1);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

sinkTaskContract({
  name: "FileStreamSinkTask",
  createTask: () => new FileStreamSinkTask(),
  props: () => ({ file: path("out.txt"), topics: "test-topic" }),
  readBack: () => lines(),
  redelivery: "at-least-once",
  record: (i) => ({
    value: i % 2 === 0 ? `record ${i} ✓` : i,
    valueSchema: i % 2 === 0 ? Schema.STRING_SCHEMA : null,
  }),
  expected: (input) => String(input.value),
});

async function started(name = "out.txt"): Promise<SinkTaskHarness<FileStreamSinkTask>> {
  const harness = new SinkTaskHarness({ createTask: () => new FileStreamSinkTask() });
  await harness.start({ file: path(name), topics: "test-topic" });
  await harness.open();
  return harness;
}

describe("FileStreamSinkTask", () => {
  it("cuts off an unfinished last line a crash left, so redelivered lines are not glued to it", async () => {
    await writeFile(path("out.txt"), "first\nsecond\nthi");
    const warning = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    const harness = await started();
    await harness.put([{ value: "third" }, { value: "fourth" }]);
    await harness.commit();
    expect(await lines()).toEqual(["first", "second", "third", "fourth"]);
    expect(String(warning.mock.calls[0]?.[0])).toMatch(
      /ended in an unfinished line \("thi"…\).*cut off at byte 13/,
    );
    warning.mockRestore();
    await harness.stop();
  });

  it("leaves an output file alone that ends with a line end", async () => {
    await writeFile(path("out.txt"), "only\n");
    const harness = await started();
    await harness.put([{ value: "next" }]);
    await harness.commit();
    expect(await lines()).toEqual(["only", "next"]);
    await harness.stop();
  });

  it("appends each value on its own line after what the file held, written as Kafka's sink writes it", async () => {
    await writeFile(path("out.txt"), "existing\n");
    const harness = await started();
    const schema = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
    await harness.put([
      { value: "text" },
      { value: 1, valueSchema: Schema.FLOAT64_SCHEMA },
      { value: null },
      { value: new Struct(schema).put("id", 7), valueSchema: schema },
    ]);
    await harness.commit();
    expect(await lines()).toEqual(["existing", "text", "1.0", "null", "Struct{id=7}"]);
    await harness.stop();
  });

  it("syncs the file to disk when flushed, after writing every buffered line", async () => {
    const handle = await open(path("probe.txt"), "w");
    const sync = vi.spyOn(Object.getPrototypeOf(handle) as { sync(): Promise<void> }, "sync");
    await handle.close();
    const harness = await started();
    await harness.put([{ value: "a" }, { value: "b" }]);
    expect(sync).not.toHaveBeenCalled();
    const seenAtSync: string[][] = [];
    sync.mockImplementation(async function (this: unknown) {
      seenAtSync.push(await lines());
    });
    await harness.commit();
    // The file was created by the task, so its directory is synced too, once.
    expect(seenAtSync).toEqual([
      ["a", "b"],
      ["a", "b"],
    ]);
    await harness.put([{ value: "c" }]);
    await harness.commit();
    expect(seenAtSync.slice(2)).toEqual([["a", "b", "c"]]);
    await harness.stop();
    sync.mockRestore();
  });

  it("keeps small batches in memory until a flush, and writes large ones out as they come", async () => {
    const harness = await started();
    await harness.put([{ value: "small" }]);
    expect(await lines()).toEqual([]);
    const big = "x".repeat(1024);
    await harness.put(Array.from({ length: 70 }, () => ({ value: big })));
    expect(await lines()).toHaveLength(71);
    await harness.stop();
  });

  it("writes what is still buffered when stopped", async () => {
    const harness = await started();
    await harness.put([{ value: "last words" }]);
    await harness.stop();
    expect(await lines()).toEqual(["last words"]);
  });

  it("fails to start, naming the file, when it cannot be created", async () => {
    const harness = new SinkTaskHarness({ createTask: () => new FileStreamSinkTask() });
    const missing = path("no/such/dir/out.txt");
    await expect(harness.start({ file: missing, topics: "t" })).rejects.toThrow(ConnectError);
    await expect(harness.start({ file: missing, topics: "t" })).rejects.toThrow(
      `Couldn't find or create file ${missing}`,
    );
  });
});
