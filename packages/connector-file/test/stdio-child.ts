/**
 * A child process for the standard input and output tests, bundled by stdio.test.ts: `source <n>` reads n records
 * from its standard input with a FileStreamSourceTask and prints them as JSON; `sink <value>...` writes the values
 * to its standard output with a FileStreamSinkTask.
 */
import {
  BackingStoreOffsetStorageReader,
  MemoryOffsetBackingStore,
  SinkRecord,
  TopicPartition,
} from "@tributary/api";
import { FileStreamSinkTask } from "../src/sink/file-stream-sink-task.js";
import { FileStreamSourceTask } from "../src/source/file-stream-source-task.js";

async function source(count: number): Promise<void> {
  const store = new MemoryOffsetBackingStore();
  await store.start();
  const reader = new BackingStoreOffsetStorageReader(store, "stdio");
  const task = new FileStreamSourceTask();
  task.initialize({ configs: () => ({}), offsetStorageReader: () => reader, transactionContext: () => null });
  task.start({ topic: "lines", "poll.idle.ms": "50" });
  const seen: unknown[] = [];
  while (seen.length < count) {
    for (const record of (await task.poll()) ?? []) {
      seen.push([record.value, record.sourcePartition, record.sourceOffset]);
    }
  }
  await task.stop();
  process.stdout.write(`${JSON.stringify(seen)}\n`);
  // No process.exit(): the test checks that a stopped task no longer holds the standard input open.
}

async function sink(values: string[]): Promise<void> {
  const task = new FileStreamSinkTask();
  task.initialize({
    configs: () => ({}),
    offset: () => {},
    timeout: () => {},
    assignment: () => new Set(),
    pause: () => {},
    resume: () => {},
    requestCommit: () => {},
    errantRecordReporter: () => null,
  });
  await task.start({ topics: "lines" });
  await task.put(
    values.map(
      (value, i) => new SinkRecord({ topic: "lines", kafkaPartition: 0, kafkaOffset: BigInt(i), value }),
    ),
  );
  await task.preCommit(new Map([[TopicPartition.of("lines", 0), BigInt(values.length)]]));
  await task.stop();
}

const [mode, ...args] = process.argv.slice(2);
await (mode === "source" ? source(Number(args[0])) : sink(args));
