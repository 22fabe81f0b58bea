import { Buffer } from "node:buffer";
import {
  ConnectError,
  defineConfig,
  MemoryOffsetBackingStore,
  RetriableError,
  SinkConnector,
  type SinkRecord,
  SinkTask,
  type SinkTaskContext,
  type TaskClass,
  TopicPartition,
} from "@tributary/api";
import { afterEach, beforeAll, expect, it } from "vitest";
import { ConnectorConfig } from "../src/config/connector-config.js";
import { WorkerConfig } from "../src/config/worker-config.js";
import type { TaskState } from "../src/engine/task-state.js";
import type { IncomingMessage, KafkaClients } from "../src/kafka/kafka-clients.js";
import { silentLogger } from "../src/logging/logger.js";
import { MetricsRegistry } from "../src/metrics/metrics-registry.js";
import { renderPrometheus } from "../src/metrics/prometheus-text.js";
import type { PluginRegistry } from "../src/plugin/plugin-registry.js";
import { DEAD_LETTER_QUEUE_HEADERS } from "../src/worker/dead-letter-queue/dead-letter-queue-headers.js";
import { WorkerSinkTask } from "../src/worker/sink/worker-sink-task.js";
import { Worker } from "../src/worker/worker.js";
import { testRegistry } from "./fake-plugins.js";
import {
  consume,
  createTestTopic,
  describeWithKafka,
  kafkaBrokers,
  produce,
  testClients,
  text,
  uniqueName,
} from "./kafka-test-support.js";

/** What a test tells its sink task to do, and what the task saw. */
interface Script {
  /** Batches put() received, as [offset, value] pairs. */
  puts: Array<Array<[bigint, unknown]>>;
  /** preCommit() calls' offsets. */
  preCommits: Array<Map<TopicPartition, bigint>>;
  /** Throw a RetriableError from this many put() calls. */
  retriableFailures: number;
  /** Throw a plain error from put() when a record has this value. */
  fatalValue?: string;
  /** Report records with this value through the errant record reporter instead of writing them. */
  errantValue?: string;
  /** Throw from this many preCommit() calls made after records were put. */
  preCommitFailures: number;
  /** Commit this many records less than were put. */
  commitLag: number;
  /** Seek to this offset in open(). */
  seekOnOpen?: bigint;
  /** Return this offset from preCommit() for every partition it is given (instead of current minus commitLag). */
  commitAt?: bigint;
  /** Ask for a commit from put(). */
  requestCommit: boolean;
  /** Pause the partition after the first put(). */
  pauseAfterFirstPut: boolean;
  context: SinkTaskContext | undefined;
  /** open() and close() calls as `<task>+<partitions>` and `<task>-<partitions>`. */
  assignments: string[];
  /** Values put, by task. */
  putBy: Map<number, unknown[]>;
}

let script: Script;

function freshScript(): Script {
  return {
    puts: [],
    preCommits: [],
    retriableFailures: 0,
    preCommitFailures: 0,
    commitLag: 0,
    pauseAfterFirstPut: false,
    requestCommit: false,
    context: undefined,
    assignments: [],
    putBy: new Map(),
  };
}

let instances = 0;

class ScriptedSinkTask extends SinkTask {
  readonly n = ++instances;
  version() {
    return "1.0.0";
  }
  start() {
    script.context = this.context;
    this.context.timeout(50);
  }
  override close(partitions: readonly TopicPartition[]) {
    script.assignments.push(`${this.n}-${describePartitions(partitions)}`);
  }
  override open(partitions: readonly TopicPartition[]) {
    script.assignments.push(`${this.n}+${describePartitions(partitions)}`);
    if (script.seekOnOpen !== undefined) {
      for (const tp of partitions) this.context.offset(tp, script.seekOnOpen);
    }
  }
  put(records: readonly SinkRecord[]) {
    script.puts.push(records.map((r) => [r.kafkaOffset, r.value]));
    script.putBy.set(this.n, [...(script.putBy.get(this.n) ?? []), ...records.map((r) => r.value)]);
    if (script.retriableFailures > 0) {
      script.retriableFailures--;
      throw new RetriableError("the destination is briefly unavailable");
    }
    for (const record of records) {
      if (record.value === script.fatalValue) throw new Error(`cannot write ${String(record.value)}`);
      if (record.value === script.errantValue) {
        void this.context
          .errantRecordReporter()
          ?.report(record, new ConnectError("rejected by the destination"));
      }
    }
    if (script.requestCommit) this.context.requestCommit();
    if (script.pauseAfterFirstPut && script.puts.length === 1) {
      this.context.pause(...this.context.assignment());
    }
  }
  override preCommit(current: ReadonlyMap<TopicPartition, bigint>): ReadonlyMap<TopicPartition, bigint> {
    script.preCommits.push(new Map(current));
    if (script.preCommitFailures > 0 && current.size > 0) {
      script.preCommitFailures--;
      throw new Error("the destination could not flush");
    }
    const lagged = new Map<TopicPartition, bigint>();
    for (const [tp, offset] of current) lagged.set(tp, script.commitAt ?? offset - BigInt(script.commitLag));
    return lagged;
  }
  stop() {}
}

const ScriptedSinkConfig = defineConfig({});

function describePartitions(partitions: readonly TopicPartition[]): string {
  return partitions
    .map((tp) => tp.partition)
    .sort()
    .join(",");
}

class ScriptedSinkConnector extends SinkConnector {
  version() {
    return "1.0.0";
  }
  config() {
    return ScriptedSinkConfig;
  }
  start() {}
  taskClass(): TaskClass<SinkTask> {
    return ScriptedSinkTask;
  }
  taskConfigs() {
    return [{}];
  }
  stop() {}
}

let registry: PluginRegistry;
const running: WorkerSinkTask[] = [];
const clientSets: KafkaClients[] = [];

beforeAll(async () => {
  registry = await testRegistry();
  registry.register(
    {
      type: "sink",
      className: "@test/ScriptedSinkConnector",
      version: "1.0.0",
      create: () => new ScriptedSinkConnector(),
    },
    "@test",
  );
});

afterEach(async () => {
  for (const task of running.splice(0)) {
    task.stop();
    await task.awaitStop(10_000);
  }
  for (const clients of clientSets.splice(0)) await clients.close();
});

interface Started {
  task: WorkerSinkTask;
  states: Array<{ state: TaskState; trace?: string }>;
  metrics: MetricsRegistry;
  name: string;
}

function startSinkTask(
  props: Record<string, string>,
  options: { name?: string; metrics?: MetricsRegistry; id?: number; flushIntervalMs?: number } = {},
): Started {
  const name = options.name ?? uniqueName("sink");
  const connectorConfig = ConnectorConfig.parse(
    { name, "connector.class": "@test/ScriptedSinkConnector", ...props },
    registry,
  );
  const worker = WorkerConfig.parse({
    "bootstrap.servers": kafkaBrokers(),
    "key.converter": "org.apache.kafka.connect.storage.StringConverter",
    "value.converter": "org.apache.kafka.connect.storage.StringConverter",
    "offset.flush.interval.ms": String(options.flushIntervalMs ?? 200),
  });
  const clients = testClients();
  clientSets.push(clients);
  const metrics = options.metrics ?? new MetricsRegistry();
  const states: Started["states"] = [];
  const task = new WorkerSinkTask({
    connector: name,
    id: options.id ?? 0,
    targetState: "STARTED",
    logger: silentLogger,
    onStateChange: (state, trace) => states.push({ state, ...(trace === undefined ? {} : { trace }) }),
    props: {},
    connectorConfig,
    worker,
    registry,
    clients,
    metrics,
    task: new ScriptedSinkTask(),
  });
  running.push(task);
  void task.run();
  return { task, states, metrics, name };
}

async function stopTask(task: WorkerSinkTask): Promise<void> {
  task.stop();
  expect(await task.awaitStop(15_000)).toBe(true);
  running.splice(running.indexOf(task), 1);
}

/** Waits until `check` returns true, polling; fails with `what` after `timeoutMs`. */
async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const putValues = () => script.puts.flat().map(([, value]) => value);

async function committedOffset(group: string, topic: string): Promise<bigint | undefined> {
  const clients = testClients();
  try {
    return (await clients.admin().groupOffsets(group)).get(TopicPartition.of(topic, 0));
  } finally {
    await clients.close();
  }
}

function headerText(message: IncomingMessage, key: string): string | null | undefined {
  const header = message.headers.find((h) => h.key === key);
  if (header === undefined) return undefined;
  return header.value === null ? null : Buffer.from(header.value).toString("utf8");
}

describeWithKafka("WorkerSinkTask on a real broker", () => {
  afterEach(() => {
    script = freshScript();
  });
  script = freshScript();

  it("puts whole fetched batches in order and commits what preCommit returns", async () => {
    script = freshScript();
    script.commitLag = 10;
    const topic = await createTestTopic("sink-batches");
    const lines = Array.from({ length: 500 }, (_, i) => `line-${i}`);
    await produce(topic, lines);
    const { task, name, metrics } = startSinkTask({ topics: topic });

    await eventually("500 records put", () => putValues().length >= 500);
    expect(putValues()).toEqual(lines);
    expect(Math.max(...script.puts.map((batch) => batch.length))).toBeGreaterThan(1);
    await eventually("the commit of preCommit's offsets", async () => {
      return (await committedOffset(WorkerSinkTask.groupId(name), topic)) === 490n;
    });
    expect(script.preCommits.at(-1)?.get(TopicPartition.of(topic, 0))).toBe(500n);

    const tags = { connector: name, task: "0" };
    expect(metrics.read("sink-task-metrics", tags, "sink-record-read-total")).toBe(500);
    expect(metrics.read("sink-task-metrics", tags, "sink-record-send-total")).toBe(500);
    expect(metrics.read("sink-task-metrics", tags, "partition-count")).toBe(1);
    expect(metrics.read("sink-task-metrics", tags, "offset-commit-completion-total")).toBeGreaterThanOrEqual(
      1,
    );
    expect(renderPrometheus(metrics)).toContain(
      `kafka_connect_sink_task_sink_record_read_total{connector="${name}",task="0"} 500`,
    );

    // A task of the same connector started later resumes at the committed offset: the ten uncommitted come again.
    await stopTask(task);
    script = freshScript();
    startSinkTask({ topics: topic }, { name });
    await eventually("the uncommitted records again", () => putValues().length >= 10);
    expect(putValues().slice(0, 10)).toEqual(lines.slice(490));
  });

  it("delivers the same batch again after a retriable put() failure, losing and repeating nothing else", async () => {
    script = freshScript();
    script.retriableFailures = 2;
    const topic = await createTestTopic("sink-retriable");
    const lines = Array.from({ length: 50 }, (_, i) => `r-${i}`);
    await produce(topic, lines);
    const { name } = startSinkTask({ topics: topic });

    await eventually(
      "every record put after the retries",
      () => script.puts.length >= 3 && putValues().length >= 50 + 2 * (script.puts[0]?.length ?? 0),
    );
    const [first, second, third] = script.puts;
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(
      script.puts
        .slice(2)
        .flat()
        .map(([, value]) => value),
    ).toEqual(lines);
    await eventually(
      "the commit",
      async () => (await committedOffset(WorkerSinkTask.groupId(name), topic)) === 50n,
    );
  });

  it("seeks to the offset the task gives in open(), and honours its pause and resume", async () => {
    script = freshScript();
    script.seekOnOpen = 5n;
    script.pauseAfterFirstPut = true;
    const topic = await createTestTopic("sink-seek-pause");
    await produce(
      topic,
      Array.from({ length: 10 }, (_, i) => `s-${i}`),
    );
    startSinkTask({ topics: topic });
    await eventually("the first batch", () => script.puts.length >= 1);
    expect(script.puts[0]?.[0]).toEqual([5n, "s-5"]);
    await produce(topic, ["after-pause"]);
    // Paused: the record waits on the broker until the task resumes.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(putValues()).not.toContain("after-pause");
    const context = script.context as SinkTaskContext;
    context.resume(...context.assignment());
    await eventually("the record produced while paused", () => putValues().includes("after-pause"));
    expect(putValues()).toEqual(["s-5", "s-6", "s-7", "s-8", "s-9", "after-pause"]);
  });

  it("commits the offset the task sought to in open() when preCommit() returns exactly that offset", async () => {
    script = freshScript();
    script.requestCommit = true;
    const topic = await createTestTopic("sink-seek-commit");
    await produce(
      topic,
      Array.from({ length: 10 }, (_, i) => `k-${i}`),
    );
    const first = startSinkTask({ topics: topic }, { flushIntervalMs: 600_000 });
    const group = WorkerSinkTask.groupId(first.name);
    await eventually("the first task's commit", async () => (await committedOffset(group, topic)) === 10n);
    await stopTask(first.task);

    // The next task goes back to offset 3 and, once it has put what follows, says offset 3 is what to commit.
    script = freshScript();
    script.requestCommit = true;
    script.seekOnOpen = 3n;
    script.commitAt = 3n;
    startSinkTask({ topics: topic }, { name: first.name, flushIntervalMs: 600_000 });
    await eventually("the records after the seek", () => putValues().length >= 7);
    expect(putValues()).toEqual(Array.from({ length: 7 }, (_, i) => `k-${i + 3}`));
    await eventually(
      "the commit of the sought offset",
      async () => (await committedOffset(group, topic)) === 3n,
    );
  });

  it("sends a record the value converter refuses to the dead letter queue with Kafka's context headers, and the rest on", async () => {
    script = freshScript();
    const topic = await createTestTopic("sink-poison");
    const dlq = uniqueName("sink-poison-dlq");
    await produce(topic, [
      '{"id":1}',
      { key: "k-2", value: "{not json", headers: [{ key: "trace", value: Buffer.from("abc") }] },
      '{"id":3}',
    ]);
    const { name, metrics } = startSinkTask({
      topics: topic,
      "value.converter": "org.apache.kafka.connect.json.JsonConverter",
      "value.converter.schemas.enable": "false",
      "errors.tolerance": "all",
      "errors.deadletterqueue.topic.name": dlq,
      "errors.deadletterqueue.topic.replication.factor": "1",
      "errors.deadletterqueue.context.headers.enable": "true",
    });

    await eventually("the good records put", () => putValues().length >= 2);
    expect(putValues()).toEqual([new Map([["id", 1n]]), new Map([["id", 3n]])]);
    const [dead] = await consume(dlq, { count: 1 });
    expect(dead).toBeDefined();
    const message = dead as IncomingMessage;
    expect(text(message)).toBe("{not json");
    expect(message.key === null ? null : Buffer.from(message.key).toString()).toBe("k-2");
    expect(message.headers[0]?.key).toBe("trace");
    expect(headerText(message, DEAD_LETTER_QUEUE_HEADERS.topic)).toBe(topic);
    expect(headerText(message, DEAD_LETTER_QUEUE_HEADERS.partition)).toBe("0");
    expect(headerText(message, DEAD_LETTER_QUEUE_HEADERS.offset)).toBe("1");
    expect(headerText(message, DEAD_LETTER_QUEUE_HEADERS.connectorName)).toBe(name);
    expect(headerText(message, DEAD_LETTER_QUEUE_HEADERS.taskId)).toBe("0");
    expect(headerText(message, DEAD_LETTER_QUEUE_HEADERS.stage)).toBe("VALUE_CONVERTER");
    expect(headerText(message, DEAD_LETTER_QUEUE_HEADERS.className)).toBe(
      "org.apache.kafka.connect.json.JsonConverter",
    );
    expect(headerText(message, DEAD_LETTER_QUEUE_HEADERS.exceptionClassName)).toBe("DataError");
    expect(headerText(message, DEAD_LETTER_QUEUE_HEADERS.exceptionMessage)).toMatch(/JSON/i);
    expect(headerText(message, DEAD_LETTER_QUEUE_HEADERS.exceptionStacktrace)).toContain("DataError");
    expect(message.headers.map((h) => h.key).filter((k) => k.startsWith("__connect.errors."))).toEqual(
      Object.values(DEAD_LETTER_QUEUE_HEADERS),
    );

    const tags = { connector: name, task: "0" };
    expect(metrics.read("task-error-metrics", tags, "total-records-skipped")).toBe(1);
    expect(metrics.read("task-error-metrics", tags, "deadletterqueue-produce-requests")).toBe(1);
    await eventually("the commit past the poison record", async () => {
      return (await committedOffset(WorkerSinkTask.groupId(name), topic)) === 3n;
    });
  });

  it("sends a record reported through the errant record reporter to the dead letter queue before committing", async () => {
    script = freshScript();
    script.errantValue = "reject-me";
    const topic = await createTestTopic("sink-errant");
    const dlq = uniqueName("sink-errant-dlq");
    await produce(topic, ["fine-1", "reject-me", "fine-2"]);
    const { name, metrics } = startSinkTask({
      topics: topic,
      "errors.tolerance": "all",
      "errors.deadletterqueue.topic.name": dlq,
      "errors.deadletterqueue.topic.replication.factor": "1",
      "errors.deadletterqueue.context.headers.enable": "true",
    });
    await eventually("the report", () => {
      const tags = { connector: name, task: "0" };
      return metrics.read("task-error-metrics", tags, "deadletterqueue-produce-requests") === 1;
    });
    expect(putValues()).toEqual(["fine-1", "reject-me", "fine-2"]);
    const [dead] = await consume(dlq, { count: 1 });
    const message = dead as IncomingMessage;
    expect(text(message)).toBe("reject-me");
    expect(headerText(message, DEAD_LETTER_QUEUE_HEADERS.stage)).toBe("TASK_PUT");
    expect(headerText(message, DEAD_LETTER_QUEUE_HEADERS.offset)).toBe("1");
    expect(headerText(message, DEAD_LETTER_QUEUE_HEADERS.className)).toBe("ScriptedSinkTask");
    expect(headerText(message, DEAD_LETTER_QUEUE_HEADERS.exceptionMessage)).toBe(
      "rejected by the destination",
    );
    await eventually(
      "the commit",
      async () => (await committedOffset(WorkerSinkTask.groupId(name), topic)) === 3n,
    );
  });

  it("never sends records of a put() that failed with a retriable error to the dead letter queue, even under errors.tolerance=all", async () => {
    script = freshScript();
    script.retriableFailures = 2;
    script.errantValue = "reject-me";
    const topic = await createTestTopic("sink-retriable-dlq");
    const dlq = uniqueName("sink-retriable-dlq-dlq");
    await produce(topic, ["ok-0", "ok-1", "reject-me"]);
    const { name, metrics } = startSinkTask({
      topics: topic,
      "errors.tolerance": "all",
      "errors.deadletterqueue.topic.name": dlq,
      "errors.deadletterqueue.topic.replication.factor": "1",
    });
    await eventually(
      "the commit after the retries",
      async () => (await committedOffset(WorkerSinkTask.groupId(name), topic)) === 3n,
    );
    // put() threw RetriableError twice for the whole batch; only the record the task itself reported is dead.
    expect(script.puts.length).toBeGreaterThanOrEqual(3);
    expect(script.puts.slice(0, 3).map((batch) => batch[0]?.[1])).toEqual(["ok-0", "ok-0", "ok-0"]);
    const dead = await consume(dlq, { count: 1, lingerMs: 1000 });
    expect(dead.map(text)).toEqual(["reject-me"]);
    const tags = { connector: name, task: "0" };
    expect(metrics.read("task-error-metrics", tags, "deadletterqueue-produce-requests")).toBe(1);
  });

  it("fails the task with its stack trace on a put() error that is not retriable, keeping its metrics", async () => {
    script = freshScript();
    script.fatalValue = "boom";
    const topic = await createTestTopic("sink-fatal");
    await produce(topic, ["ok", "boom"]);
    const { task, states, metrics, name } = startSinkTask({ topics: topic });
    await eventually("the failure", () => task.state === "FAILED");
    const failed = states.find((s) => s.state === "FAILED");
    expect(failed?.trace).toContain("cannot write boom");
    await task.awaitStop(15_000);
    expect(metrics.read("sink-task-metrics", { connector: name, task: "0" }, "sink-record-read-total")).toBe(
      2,
    );
    expect(await committedOffset(WorkerSinkTask.groupId(name), topic)).toBeUndefined();
  });

  it("runs as the Worker's sink tasks by default, whose metrics show a failure until the task is stopped", async () => {
    script = freshScript();
    script.fatalValue = "boom";
    const topic = await createTestTopic("sink-worker");
    await produce(topic, ["w-0", "w-1", "w-2"]);
    const clients = testClients();
    const worker = new Worker({
      config: WorkerConfig.parse({
        "bootstrap.servers": kafkaBrokers(),
        "key.converter": "org.apache.kafka.connect.storage.StringConverter",
        "value.converter": "org.apache.kafka.connect.storage.StringConverter",
        "offset.flush.interval.ms": "200",
      }),
      registry,
      offsetStore: new MemoryOffsetBackingStore(),
      clients,
    });
    await worker.start();
    try {
      const name = uniqueName("sink-worker");
      const states: string[] = [];
      const listener = {
        onConnectorState: () => {},
        onTaskState: (_c: string, _t: number, state: TaskState) => void states.push(state),
        onTaskReconfigurationRequested: () => {},
      };
      await worker.startConnector(
        name,
        { name, "connector.class": "@test/ScriptedSinkConnector", topics: topic },
        listener,
      );
      const [taskProps] = await worker.taskConfigs(name);
      await worker.startTask(name, 0, taskProps ?? {});
      await eventually("the records put", () => putValues().length >= 3);
      expect(putValues()).toEqual(["w-0", "w-1", "w-2"]);
      expect(states).toContain("RUNNING");
      expect(script.context?.configs().topics).toBe(topic);

      await produce(topic, ["boom"]);
      await eventually("the failure", () => worker.taskState(name, 0)?.state === "FAILED");
      const text = renderPrometheus(worker.metrics);
      expect(text).toContain(
        `kafka_connect_connector_task_status{connector="${name}",task="0",state="failed"} 1`,
      );
      expect(text).toContain(
        `kafka_connect_sink_task_sink_record_read_total{connector="${name}",task="0"} 4`,
      );
      await worker.stopTask(name, 0);
      expect(renderPrometheus(worker.metrics)).not.toContain(`connector="${name}",task="0"`);
    } finally {
      await worker.stop();
    }
  });

  it("opens and closes partitions as the group's assignment changes between two tasks", async () => {
    script = freshScript();
    const topic = await createTestTopic("sink-rebalance", { partitions: 2 });
    await produce(topic, [
      { value: "a-0", partition: 0 },
      { value: "a-1", partition: 1 },
    ]);
    const first = startSinkTask({ topics: topic });
    await eventually("the first task's records", () => putValues().length >= 2);
    const firstTask = instances;
    expect(script.assignments).toEqual([`${firstTask}+0,1`]);
    await eventually("the first commit", async () => {
      const clients = testClients();
      try {
        return (await clients.admin().groupOffsets(WorkerSinkTask.groupId(first.name))).size === 2;
      } finally {
        await clients.close();
      }
    });

    startSinkTask({ topics: topic }, { name: first.name, id: 1 });
    const secondTask = firstTask + 1;
    await eventually("the rebalance", () => script.assignments.some((a) => a.startsWith(`${secondTask}+`)));
    const [revoked] = script.assignments.filter((a) => a.startsWith(`${firstTask}-`));
    const [added] = script.assignments.filter((a) => a.startsWith(`${secondTask}+`));
    expect(revoked).toBeDefined();
    const partitionsOf = (event: string | undefined) => event?.split(/[+-]/)[1];
    expect(partitionsOf(added)).toBe(partitionsOf(revoked));
    expect(["0", "1"]).toContain(partitionsOf(added));

    await produce(topic, [
      { value: "b-0", partition: 0 },
      { value: "b-1", partition: 1 },
    ]);
    await eventually("the records after the rebalance", () => {
      const values = putValues();
      return values.includes("b-0") && values.includes("b-1");
    });
    const moved = `b-${partitionsOf(added)}`;
    expect(script.putBy.get(secondTask)).toContain(moved);
    expect(script.putBy.get(firstTask)).not.toContain(moved);
  });

  it("goes back to the last committed offsets when preCommit() throws, so those records come again", async () => {
    script = freshScript();
    script.preCommitFailures = 1;
    const topic = await createTestTopic("sink-precommit-fails");
    await produce(topic, ["p-0", "p-1", "p-2"]);
    const { name, metrics } = startSinkTask({ topics: topic });
    await eventually("the records again", () => putValues().length >= 6);
    expect(putValues()).toEqual(["p-0", "p-1", "p-2", "p-0", "p-1", "p-2"]);
    await eventually(
      "the commit",
      async () => (await committedOffset(WorkerSinkTask.groupId(name), topic)) === 3n,
    );
    const failure = metrics.read(
      "connector-task-metrics",
      { connector: name, task: "0" },
      "offset-commit-failure-percentage",
    );
    expect(failure).toBeGreaterThan(0);
  });

  it("keeps retrying a put() that fails with retriable errors when errors.retry.timeout is 0, the default", async () => {
    script = freshScript();
    script.retriableFailures = Number.POSITIVE_INFINITY;
    const topic = await createTestTopic("sink-retry-forever");
    await produce(topic, ["f-0"]);
    const { task, states } = startSinkTask({ topics: topic });
    // 20 attempts 50 ms apart: well past the point where a 0 ms timeout would have failed the task.
    await eventually("many attempts", () => script.puts.length >= 20);
    expect(task.state).toBe("RUNNING");
    expect(states.map((s) => s.state)).not.toContain("FAILED");
  });

  it("fails the task once retriable put() failures outlast a positive errors.retry.timeout", async () => {
    script = freshScript();
    script.retriableFailures = Number.POSITIVE_INFINITY;
    const topic = await createTestTopic("sink-retry-timeout");
    await produce(topic, ["t-0"]);
    const { task, states } = startSinkTask({ topics: topic, "errors.retry.timeout": "300" });
    await eventually("the failure", () => task.state === "FAILED");
    expect(script.puts.length).toBeGreaterThan(1);
    expect(states.find((s) => s.state === "FAILED")?.trace).toContain("beyond errors.retry.timeout=300");
  });

  it("fails the task, naming the setting, when its dead letter queue topic cannot be created", async () => {
    script = freshScript();
    const topic = await createTestTopic("sink-dlq-rf");
    const { task, states } = startSinkTask({
      topics: topic,
      "errors.tolerance": "all",
      "errors.deadletterqueue.topic.name": uniqueName("sink-dlq-rf-dlq"),
      "errors.deadletterqueue.topic.replication.factor": "3",
    });
    await eventually("the failure", () => task.state === "FAILED");
    expect(states.find((s) => s.state === "FAILED")?.trace).toContain(
      "check errors.deadletterqueue.topic.replication.factor against the number of brokers",
    );
  });

  it("reads every topic whose whole name matches topics.regex", async () => {
    script = freshScript();
    const prefix = uniqueName("sink-regex");
    const clients = testClients();
    try {
      await clients.admin().createTopics(
        ["a", "b", "a-old"].map((suffix) => ({
          name: `${prefix}-${suffix}`,
          partitions: 1,
          replicationFactor: 1,
        })),
      );
    } finally {
      await clients.close();
    }
    await produce(`${prefix}-a`, ["from-a"]);
    await produce(`${prefix}-b`, ["from-b"]);
    await produce(`${prefix}-a-old`, ["from-a-old"]);
    startSinkTask({ "topics.regex": `${prefix.replace(/[-]/g, "\\-")}-[ab]` });
    await eventually("both topics' records", () => putValues().length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect([...putValues()].sort()).toEqual(["from-a", "from-b"]);
  });

  it("commits soon after the task asks with requestCommit(), long before the flush interval", async () => {
    script = freshScript();
    script.requestCommit = true;
    const topic = await createTestTopic("sink-request-commit");
    await produce(topic, ["c-0", "c-1"]);
    const { name } = startSinkTask({ topics: topic }, { flushIntervalMs: 600_000 });
    await eventually("the requested commit", async () => {
      return (await committedOffset(WorkerSinkTask.groupId(name), topic)) === 2n;
    });
    expect(script.preCommits.at(-1)?.get(TopicPartition.of(topic, 0))).toBe(2n);
  });
});
