import { appendFile } from "node:fs/promises";
import { sourceTaskContract } from "@tributary/testkit";
import { useTempDir, useWarnings } from "../../test/fixtures.js";
import { FileStreamSourceTask } from "./file-stream-source-task.js";

const path = useTempDir();
useWarnings(); // the file does not exist until the first item is produced
let produced = 0;

sourceTaskContract({
  name: "FileStreamSourceTask",
  createTask: () => new FileStreamSourceTask(),
  reset: () => {
    produced = 0;
  },
  // An idle wait of an hour: only stop() can end a poll on an empty file early.
  props: () => ({ file: path("in.txt"), topic: "lines", "poll.idle.ms": "3600000" }),
  produce: async (count) => {
    // Multi-byte characters and every kind of line end, so positions are exercised as well.
    const endings = ["\n", "\r\n", "\r\n"];
    const lines = Array.from({ length: count }, () => `item ${produced} ✓${endings[produced++ % 3]}`);
    await appendFile(path("in.txt"), lines.join(""));
  },
});
