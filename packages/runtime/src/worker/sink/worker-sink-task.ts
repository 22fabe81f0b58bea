import {
  ConnectError,
  type SinkConnector,
  SinkRecord,
  type SinkTask,
  type SinkTaskContext,
  TopicPartition,
} from "@tributary/api";
import { abortableDelay } from "../../errors/abortable-delay.js";
import type { ErrorContext } from "../../errors/error-reporter.js";
import { RECORD_STAGES } from "../../errors/error-stage.js";
import { RetryWithToleranceOperator } from "../../errors/retry-with-tolerance-operator.js";
import type { GroupConsumer, IncomingMessage } from "../../kafka/kafka-clients.js";
import { ConnectorTaskMetrics } from "../../metrics/connector-task-metrics.js";
import { SinkTaskMetrics } from "../../metrics/sink-task-metrics.js";
import { TaskErrorMetrics } from "../../metrics/task-error-metrics.js";
import {
  type ConsumedBytes,
  DeadLetterQueueReporter,
} from "../dead-letter-queue/dead-letter-queue-reporter.js";
import { WorkerErrantRecordReporter } from "../dead-letter-queue/worker-errant-record-reporter.js";
import type { SinkTaskInit } from "../sink-task-factory.js";
import type { TargetState } from "../target-state.js";
import { WorkerTask } from "../worker-task.js";
import { SinkRecordPipeline } from "./sink-record-pipeline.js";

/** How long to wait before delivering a batch again after a retriable `put` failure when the task set no `timeout()`. */
const DEFAULT_RETRY_BACKOFF_MS = 1000;

/** What a Kafka worker sink task is created with: what the worker gives every sink task, and optionally the task. */
export interface WorkerSinkTaskInit extends SinkTaskInit {
  /** The connector's task instance; by default a new instance of the connector's `taskClass()`. */
  readonly task?: SinkTask;
}

/** The current batch: its partition and messages, kept so a report from `put` can send the consumed bytes. */
interface InFlightBatch {
  readonly partition: TopicPartition;
  readonly messages: readonly IncomingMessage[];
}

/**
 * Runs one sink task on a Kafka worker, as Kafka Connect's `WorkerSinkTask`:
 *
 * - a member of consumer group `connect-<connector>` (client id `connector-consumer-<connector>-<task>`, offsets
 *   reset to `earliest`, the connector's `consumer.override.*` settings) subscribed to `topics` or `topics.regex`;
 * - each fetched batch (one partition's, bounded by `max.poll.records` when set) is converted (key, value, header
 *   converters) and transformed, then handed to `put()` whole;
 * - `open()` / `close()` follow the group's assignment; on revocation and at shutdown the partitions' offsets are
 *   committed before `close()`;
 * - every `offset.flush.interval.ms` (and soon after `requestCommit()`), the worker waits for errant record reports,
 *   calls `preCommit()` with the offsets after the last records put, and commits what it returns unless it is the
 *   offset last committed (an offset the task sought to with `offset()` before any commit is always committed);
 *   when `preCommit()` throws, the task's partitions are rewound to the last committed offsets;
 * - a {@link @tributary/api!RetriableError} from `put()` pauses every partition, waits `timeout()` ms (1000 by default), delivers the
 *   same batch again and resumes. With `errors.retry.timeout` 0 (the default) or -1 this goes on FOREVER, as in
 *   Kafka Connect: the task stays RUNNING while the destination is down. With a positive `errors.retry.timeout` the
 *   task fails once retriable failures have lasted that many ms. Such failures never go to the dead letter queue,
 *   whatever `errors.tolerance` says. Any other error fails the task (FAILED, with the stack trace);
 * - conversion and transformation failures follow `errors.*`: under `errors.tolerance=all` the record is skipped,
 *   logged (`errors.log.enable`) and written to the dead letter queue (`errors.deadletterqueue.topic.name`) with its
 *   bytes as consumed; `context.errantRecordReporter()` sends records from `put()` the same way.
 *
 * Calls into the task never overlap: batches, assignment changes and commits take turns. It records the
 * `sink-task-metrics`, `connector-task-metrics` and `task-error-metrics` groups of its connector and task; the
 * worker registers the task's `status` and removes the groups when it stops the task, so a FAILED task's metrics
 * stay visible until then.
 *
 * @example
 * ```ts
 * const worker = new Worker({ ..., sinkTasks: createWorkerSinkTask });
 * ```
 */
export class WorkerSinkTask extends WorkerTask {
  readonly #init: WorkerSinkTaskInit;
  readonly #task: SinkTask;
  readonly #props: Readonly<Record<string, string>>;
  readonly #commonMetrics: ConnectorTaskMetrics;
  readonly #sinkMetrics: SinkTaskMetrics;
  readonly #errorMetrics: TaskErrorMetrics;
  /** Partitions opened with open() and not yet closed. */
  readonly #opened = new Set<TopicPartition>();
  /** Per partition, the next offset to read after the records put (or the offset the task sought to). */
  readonly #current = new Map<TopicPartition, bigint>();
  /** Per partition, the last offset committed, or the first offset read since assignment. */
  readonly #committed = new Map<TopicPartition, bigint>();
  /**
   * Partitions the task sought before anything was read or committed: their `#committed` entry is then where the
   * task sought to, not the group's committed offset, so it must not make a commit of that offset look redundant.
   */
  readonly #committedUnknown = new Set<TopicPartition>();
  readonly #pausedByTask = new Set<TopicPartition>();
  readonly #soughtDuringPut = new Set<TopicPartition>();
  #operator: RetryWithToleranceOperator | undefined;
  #pipeline: SinkRecordPipeline | undefined;
  #errantReporter: WorkerErrantRecordReporter | null = null;
  #consumer: GroupConsumer | undefined;
  #inFlight: InFlightBatch | undefined;
  #retryBackoffMs = DEFAULT_RETRY_BACKOFF_MS;
  #retrying = false;
  #commitRequested = false;
  #wakeLoop: (() => void) | undefined;
  /** The end of the chain of calls into the task, each waiting for the one before. */
  #turn: Promise<void> = Promise.resolve();

  constructor(init: WorkerSinkTaskInit) {
    super(init);
    this.#init = init;
    this.#task = init.task ?? createTask(init);
    this.#props = withTopics(init.props, init.connectorConfig.originals);
    // The worker registers the task's status metric and removes the task's metric groups when it stops the task.
    this.#commonMetrics = new ConnectorTaskMetrics(init.metrics, init.connector, init.id);
    this.#sinkMetrics = new SinkTaskMetrics(init.metrics, init.connector, init.id, () => this.#opened.size);
    this.#errorMetrics = new TaskErrorMetrics(init.metrics, init.connector, init.id);
  }

  /** The consumer group of a sink connector's tasks, as Kafka Connect names it. */
  static groupId(connector: string): string {
    return `connect-${connector}`;
  }

  /** Pauses or resumes the task; while paused every partition is paused in the consumer, assignment kept. */
  override setTargetState(state: TargetState): void {
    super.setTargetState(state);
    this.#applyPauses();
  }

  /** Builds the error handling, dead letter queue and converters, starts the task, then subscribes its consumer. */
  protected override async initializeAndStart(): Promise<void> {
    const { connectorConfig, registry, worker, clients, connector } = this.#init;
    const operator = new RetryWithToleranceOperator({
      connector,
      task: this.id,
      errorHandling: connectorConfig.errorHandling,
      logger: this.logger,
      signal: this.stopSignal,
    });
    this.#operator = operator;
    const clientId = `connector-consumer-${connector}-${this.id}`;
    const dlqTopic = stringSetting(connectorConfig.get("errors.deadletterqueue.topic.name"));
    if (dlqTopic !== "") {
      const reporter = await DeadLetterQueueReporter.create(clients, {
        clientId: `connector-dlq-producer-${connector}-${this.id}`,
        settings: {
          topic: dlqTopic,
          replicationFactor: Number(
            connectorConfig.get("errors.deadletterqueue.topic.replication.factor") ?? 3,
          ),
          contextHeaders: connectorConfig.get("errors.deadletterqueue.context.headers.enable") === true,
        },
        consumed: (context) => this.#consumedBytes(context),
        taskClassName: this.#task.constructor.name,
        metrics: this.#errorMetrics,
        logger: this.logger,
      });
      operator.addReporter(reporter);
    }
    this.#errorMetrics.track(operator);
    if (dlqTopic !== "" || connectorConfig.errorHandling.logEnable) {
      this.#errantReporter = new WorkerErrantRecordReporter(operator);
    }
    this.#pipeline = new SinkRecordPipeline({ registry, worker, connector: connectorConfig, operator });
    this.#task.initialize(this.#context());
    await this.#task.start(this.#props);
    const consumer = clients.consumer(WorkerSinkTask.groupId(connector), {
      clientId,
      overrides: connectorConfig.originalsWithPrefix("consumer.override."),
      autoOffsetReset: "earliest",
    });
    this.#consumer = consumer;
    const regex = connectorConfig.topicsRegex;
    await consumer.subscribe(regex ?? connectorConfig.topics);
  }

  /** Runs the consumer and commits every `offset.flush.interval.ms` or on request, until the task stops. */
  protected override async execute(): Promise<void> {
    if (this.stopping) return;
    const consumer = this.#consumer as GroupConsumer;
    await consumer.run({
      onAssigned: (partitions) => this.#inTurn(() => this.#onAssigned(partitions)),
      onRevoked: (partitions) => this.#inTurn(() => this.#onRevoked(partitions)),
      onBatch: (messages, partition) => this.#inTurn(() => this.#onBatch(messages, partition)),
      onError: (error) => {
        if (!this.stopping) this.fail(error);
      },
    });
    const interval = Math.max(10, Number(this.#init.worker.values["offset.flush.interval.ms"]));
    let nextCommit = Date.now() + interval;
    while (!this.stopping) {
      await new Promise<void>((resolve) => {
        const wait = this.#commitRequested ? 0 : Math.max(0, nextCommit - Date.now());
        const timer = setTimeout(resolve, wait);
        this.#wakeLoop = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wakeLoop = undefined;
      if (this.stopping) break;
      if (this.#commitRequested || Date.now() >= nextCommit) {
        this.#commitRequested = false;
        await this.#inTurn(() => this.#commit([...this.#opened]));
        nextCommit = Date.now() + interval;
      }
    }
  }

  /** Wakes the commit loop so it ends at once. */
  protected override onStop(): void {
    this.#wakeLoop?.();
  }

  /** Leaves the consumer group at once, committing nothing. */
  protected override onCancel(): void {
    void this.#consumer?.close().catch(() => {});
  }

  /**
   * Commits and closes the open partitions (unless the task failed or was abandoned), stops the task, then closes
   * the consumer, converters, transformations and dead letter queue producer. Its metrics stay: the worker removes
   * them when it stops the task for good, so a FAILED task's stay visible.
   */
  protected override async close(): Promise<void> {
    const graceful = this.state !== "FAILED" && !this.cancelled;
    if (graceful && this.#consumer !== undefined) {
      // The final commit and close() happen before the consumer leaves, so they do not depend on its callbacks.
      await this.#inTurn(async () => {
        const partitions = [...this.#opened];
        await this.#commit(partitions);
        await this.#closePartitions(partitions);
      }).catch((error: unknown) => this.fail(error));
    }
    const failures: unknown[] = [];
    const attempt = async (what: string, run: () => unknown) => {
      try {
        await run();
      } catch (error) {
        failures.push(error);
        this.logger.warn({ err: error, connector: this.connector, task: this.id }, `Could not ${what}`);
      }
    };
    await attempt("stop the sink task", () => this.#task.stop());
    await attempt("close the consumer", () => this.#consumer?.close());
    await attempt("close the converters and transformations", () => this.#pipeline?.close());
    await attempt("close the error reporters", () => this.#operator?.close());
  }

  /** Runs `call` once every call before it has finished, so calls into the task never overlap. */
  #inTurn<T>(call: () => Promise<T>): Promise<T> {
    const result = this.#turn.then(call);
    this.#turn = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  async #onAssigned(partitions: readonly TopicPartition[]): Promise<void> {
    if (this.stopping) return;
    for (const tp of partitions) this.#opened.add(tp);
    this.#applyPauses();
    try {
      await this.#task.open(partitions);
    } catch (error) {
      this.fail(error);
    }
  }

  async #onRevoked(partitions: readonly TopicPartition[]): Promise<void> {
    const owned = partitions.filter((tp) => this.#opened.has(tp));
    if (owned.length === 0) return;
    if (this.state === "FAILED" || this.cancelled) {
      this.#forget(owned);
      return;
    }
    try {
      await this.#commit(owned);
      await this.#closePartitions(owned);
    } catch (error) {
      this.fail(error);
    }
  }

  async #onBatch(messages: readonly IncomingMessage[], partition: TopicPartition): Promise<void> {
    const first = messages[0];
    const last = messages[messages.length - 1];
    if (first === undefined || last === undefined || this.stopping) return;
    if (!this.#opened.has(partition)) return;
    if (!this.processing || this.#pausedByTask.has(partition)) {
      // Fetched before the pause took effect: read it again once resumed.
      this.#consumer?.seek(partition, first.offset);
      return;
    }
    try {
      this.#sinkMetrics.recordRead(messages.length);
      this.#commonMetrics.recordBatchSize(messages.length);
      if (!this.#committed.has(partition)) this.#committed.set(partition, first.offset);
      this.#inFlight = { partition, messages };
      const records = await this.#convert(messages);
      if (!(await this.#put(records))) return;
      if (!this.#soughtDuringPut.has(partition)) this.#current.set(partition, last.offset + 1n);
      this.#soughtDuringPut.clear();
      this.#updateActiveCount();
    } catch (error) {
      this.fail(error);
      throw error;
    } finally {
      this.#inFlight = undefined;
    }
  }

  async #convert(messages: readonly IncomingMessage[]): Promise<SinkRecord[]> {
    const pipeline = this.#pipeline as SinkRecordPipeline;
    const records: SinkRecord[] = [];
    for (const message of messages) {
      let record = pipeline.process(message);
      if (record instanceof Promise) record = await record;
      if (record !== null) records.push(record);
    }
    return records;
  }

  /**
   * Puts the batch, again and again after retriable failures: forever when `errors.retry.timeout` is 0 (the default)
   * or negative, as Kafka's worker does; a positive timeout fails the task once it has passed.
   * @returns false when the task began stopping before the batch was put.
   */
  async #put(records: SinkRecord[]): Promise<boolean> {
    const retryTimeoutMs = Number(this.#init.connectorConfig.errorHandling.retryTimeoutMs);
    const firstAttempt = Date.now();
    this.#soughtDuringPut.clear();
    try {
      for (;;) {
        const start = Date.now();
        try {
          await this.#task.put(records);
          this.#sinkMetrics.recordPut(records.length, Date.now() - start);
          return true;
        } catch (error) {
          if (!(ConnectError.isConnectError(error) && error.retriable)) throw error;
          if (retryTimeoutMs > 0 && Date.now() - firstAttempt >= retryTimeoutMs) {
            throw new ConnectError(
              `Sink task ${this.connector}-${this.id} put() kept failing with retriable errors for ${Date.now() - firstAttempt} ms, beyond errors.retry.timeout=${retryTimeoutMs}; the last error was: ${error.message}`,
              { cause: error },
            );
          }
          this.logger.warn(
            { err: error, connector: this.connector, task: this.id, backoffMs: this.#retryBackoffMs },
            "Sink task put() failed with a retriable error; its partitions are paused and the same batch will be delivered again",
          );
          this.#retrying = true;
          this.#applyPauses();
          if (!(await abortableDelay(this.#retryBackoffMs, this.stopSignal))) return false;
        }
      }
    } finally {
      if (this.#retrying) {
        this.#retrying = false;
        this.#applyPauses();
      }
    }
  }

  /**
   * Waits for errant record reports, asks `preCommit()` what to commit for `partitions`, and commits it.
   * @throws the failure of a dead letter queue write, which fails the task.
   */
  async #commit(partitions: readonly TopicPartition[]): Promise<void> {
    await this.#errantReporter?.awaitPending();
    if (partitions.length === 0) return;
    const current = new Map<TopicPartition, bigint>();
    for (const tp of partitions) {
      const offset = this.#current.get(tp);
      if (offset !== undefined) current.set(tp, offset);
    }
    const start = Date.now();
    let committable: ReadonlyMap<TopicPartition, bigint>;
    try {
      committable = await this.#task.preCommit(current);
    } catch (error) {
      this.#commonMetrics.recordOffsetCommit(false, Date.now() - start);
      this.logger.error(
        { err: error, connector: this.connector, task: this.id },
        "Sink task preCommit() failed; its partitions go back to the last committed offsets and those records are delivered again",
      );
      this.#rewind(partitions);
      return;
    }
    const wanted = new Set(partitions);
    const offsets = new Map<TopicPartition, bigint>();
    for (const [tp, offset] of committable) {
      if (!wanted.has(tp)) {
        if (!this.#opened.has(tp)) {
          this.logger.warn(
            { connector: this.connector, task: this.id, topic: tp.topic, partition: tp.partition },
            "Sink task preCommit() returned an offset for a partition it is not assigned; it is ignored",
          );
        }
        continue;
      }
      if (this.#committed.get(tp) !== offset || this.#committedUnknown.has(tp)) offsets.set(tp, offset);
    }
    if (offsets.size === 0) {
      this.#sinkMetrics.recordCommitSkipped();
      return;
    }
    try {
      await (this.#consumer as GroupConsumer).commit(offsets);
    } catch (error) {
      this.#commonMetrics.recordOffsetCommit(false, Date.now() - start);
      this.logger.warn(
        { err: error, connector: this.connector, task: this.id },
        "Committing the sink task's offsets failed; a later commit will include them",
      );
      return;
    }
    for (const [tp, offset] of offsets) {
      this.#committed.set(tp, offset);
      this.#committedUnknown.delete(tp);
    }
    this.#commonMetrics.recordOffsetCommit(true, Date.now() - start);
    this.#sinkMetrics.recordCommitCompleted();
    this.#updateActiveCount();
  }

  #rewind(partitions: readonly TopicPartition[]): void {
    for (const tp of partitions) {
      const offset = this.#committed.get(tp);
      if (offset === undefined) continue;
      this.#consumer?.seek(tp, offset);
      this.#current.set(tp, offset);
    }
  }

  async #closePartitions(partitions: readonly TopicPartition[]): Promise<void> {
    if (partitions.length === 0) return;
    try {
      await this.#task.close(partitions);
    } finally {
      this.#forget(partitions);
    }
  }

  #forget(partitions: readonly TopicPartition[]): void {
    for (const tp of partitions) {
      this.#opened.delete(tp);
      this.#current.delete(tp);
      this.#committed.delete(tp);
      this.#committedUnknown.delete(tp);
      this.#pausedByTask.delete(tp);
    }
    this.#updateActiveCount();
  }

  /** Pauses every partition while the task is paused or a batch waits to be retried, else the task's own pauses. */
  #applyPauses(): void {
    const consumer = this.#consumer;
    if (consumer === undefined || this.#opened.size === 0) return;
    const all = [...this.#opened];
    if (!this.processing || this.#retrying) {
      consumer.pause(all);
      return;
    }
    const paused = all.filter((tp) => this.#pausedByTask.has(tp));
    const resumed = all.filter((tp) => !this.#pausedByTask.has(tp));
    if (paused.length > 0) consumer.pause(paused);
    if (resumed.length > 0) consumer.resume(resumed);
  }

  #updateActiveCount(): void {
    let active = 0n;
    for (const [tp, offset] of this.#current) {
      const committed = this.#committed.get(tp);
      if (committed !== undefined && offset > committed) active += offset - committed;
    }
    this.#sinkMetrics.recordActiveCount(Number(active));
  }

  /** The consumed bytes a failure report is about: the message being converted, or the one `put` reported. */
  #consumedBytes(context: ErrorContext): ConsumedBytes | undefined {
    if (RECORD_STAGES.has(context.stage)) return this.#pipeline?.processing;
    const sinkRecord = context.record;
    if (!SinkRecord.isSinkRecord(sinkRecord)) return undefined;
    const batch = this.#inFlight;
    if (
      batch !== undefined &&
      batch.partition.topic === sinkRecord.originalTopic &&
      batch.partition.partition === sinkRecord.originalKafkaPartition
    ) {
      const found = findByOffset(batch.messages, sinkRecord.originalKafkaOffset);
      if (found !== undefined) return found;
    }
    // Reported after its batch was done: write it as the converters do, as Kafka does then.
    return this.#pipeline?.toBytes(sinkRecord);
  }

  #context(): SinkTaskContext {
    const seek = (tp: TopicPartition, offset: bigint) => {
      this.#consumer?.seek(tp, offset);
      if (this.#opened.has(tp)) {
        this.#current.set(tp, offset);
        this.#soughtDuringPut.add(tp);
        if (!this.#committed.has(tp)) this.#committedUnknown.add(tp);
      }
    };
    return {
      configs: () => this.#props,
      offset: ((
        partitionOrOffsets: TopicPartition | ReadonlyMap<TopicPartition, bigint>,
        offset?: bigint,
      ) => {
        if (TopicPartition.isTopicPartition(partitionOrOffsets)) {
          if (offset === undefined) throw new ConnectError("offset(partition, offset) needs an offset.");
          seek(partitionOrOffsets, offset);
        } else {
          for (const [tp, target] of partitionOrOffsets) seek(tp, target);
        }
      }) as SinkTaskContext["offset"],
      timeout: (ms: number) => {
        this.#retryBackoffMs = Math.max(0, ms);
      },
      assignment: () => new Set(this.#opened),
      pause: (...partitions: TopicPartition[]) => {
        for (const tp of partitions) this.#pausedByTask.add(tp);
        this.#applyPauses();
      },
      resume: (...partitions: TopicPartition[]) => {
        for (const tp of partitions) this.#pausedByTask.delete(tp);
        this.#applyPauses();
      },
      requestCommit: () => {
        this.#commitRequested = true;
        this.#wakeLoop?.();
      },
      errantRecordReporter: () => this.#errantReporter,
    };
  }
}

/** The sink task factory of the Kafka worker, which the `Worker` uses unless `WorkerOptions.sinkTasks` names another. */
export function createWorkerSinkTask(init: SinkTaskInit): WorkerSinkTask {
  return new WorkerSinkTask(init);
}

function createTask(init: SinkTaskInit): SinkTask {
  const connector = init.connectorConfig.connector.create() as SinkConnector;
  const TaskClass = connector.taskClass();
  return new TaskClass();
}

/** The task's properties with the connector's `topics` / `topics.regex` added when missing, as Kafka's worker does. */
function withTopics(
  props: Readonly<Record<string, string>>,
  connector: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> {
  const extra: Record<string, string> = {};
  for (const key of ["topics", "topics.regex"]) {
    const value = connector[key];
    if (props[key] === undefined && value !== undefined) extra[key] = value;
  }
  return Object.keys(extra).length === 0 ? props : Object.freeze({ ...props, ...extra });
}

function stringSetting(value: unknown): string {
  return typeof value === "string" ? value.trim() : "";
}

function findByOffset(messages: readonly IncomingMessage[], offset: bigint): IncomingMessage | undefined {
  let low = 0;
  let high = messages.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const message = messages[middle] as IncomingMessage;
    if (message.offset === offset) return message;
    if (message.offset < offset) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}
