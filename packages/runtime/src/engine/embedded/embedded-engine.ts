import {
  BackingStoreOffsetStorageReader,
  type ConnectorContext,
  IllegalWorkerStateError,
  MemoryOffsetBackingStore,
  type OffsetBackingStore,
  type SinkTask,
  type SourceConnectorContext,
  type SourceTask,
} from "@tributary/api";
import { type Logger, silentLogger } from "../../logging/logger.js";
import { type ConnectorStatus, type TaskState, traceOf } from "../task-state.js";
import type { ConnectorDeployment, SinkDeployment, SourceDeployment } from "./connector-deployment.js";
import { SinkTaskRunner } from "./sink-task-runner.js";
import { SourceTaskRunner } from "./source-task-runner.js";
import { TopicBus } from "./topic-bus.js";

/** How an {@link EmbeddedEngine} runs. */
export interface EmbeddedEngineOptions {
  /** The connectors to run, sinks and sources alike. */
  readonly connectors: readonly ConnectorDeployment[];
  /** Where source offsets are kept; in memory (lost on exit) when left out. */
  readonly offsetStore?: OffsetBackingStore;
  /** How often sinks commit and source offsets are written (`offset.flush.interval.ms`). Default 60000. */
  readonly offsetFlushIntervalMs?: number;
  /** How long a graceful stop may take before tasks are stopped anyway (`task.shutdown.graceful.timeout.ms`). */
  readonly shutdownTimeoutMs?: number;
  /** The most records waiting between sources and sinks before sources are slowed down. Default 10000. */
  readonly bufferCapacity?: number;
  /** The most records in one `put` (`consumer.max.poll.records`). Default 500. */
  readonly maxBatch?: number;
  /** Stop the whole engine when any task fails (default), rather than keep the others running. */
  readonly stopOnTaskFailure?: boolean;
  readonly logger?: Logger;
  /** Called once when a stop begins, before tasks are asked to stop (to end retry backoffs, say). */
  readonly onStopping?: () => void;
}

interface RunningConnector {
  readonly deployment: ConnectorDeployment;
  state: TaskState;
  trace?: string;
  readonly sources: SourceTaskRunner[];
  readonly sinks: SinkTaskRunner[];
}

/**
 * Runs source and sink connectors in one process with no Kafka: records flow from sources through their
 * transformations onto in-memory topics, and from there to every sink connector whose `topics` or `topics.regex`
 * names the topic, as they would through Kafka.
 *
 * Delivery is at least once: a source offset is written only after every sink that receives the records before it
 * has committed them (`preCommit`). After a crash, sources resume from the last written offsets, so the records
 * polled since the last offset flush are delivered again. Memory is bounded by `bufferCapacity`: a slow sink slows
 * its sources.
 *
 * Lifecycle: {@link EmbeddedEngine.start} once, then {@link EmbeddedEngine.stop} once; `done` settles when the
 * engine has stopped, rejecting with the first task failure when one stopped it.
 */
export class EmbeddedEngine {
  readonly #options: Required<Omit<EmbeddedEngineOptions, "offsetStore" | "onStopping">> & {
    offsetStore: OffsetBackingStore;
    onStopping?: () => void;
  };
  readonly #bus: TopicBus;
  readonly #connectors: RunningConnector[] = [];
  #phase: "new" | "starting" | "running" | "stopping" | "stopped" = "new";
  #flushTimer: NodeJS.Timeout | undefined;
  #commitCycle: Promise<void> = Promise.resolve();
  #failure: unknown;
  #stopPromise: Promise<void> | undefined;
  #resolveDone!: () => void;
  #rejectDone!: (error: unknown) => void;
  /** Settles once the engine has stopped: rejects with the task failure that stopped it, if one did. */
  readonly done: Promise<void>;

  constructor(options: EmbeddedEngineOptions) {
    this.#options = {
      connectors: options.connectors,
      offsetStore: options.offsetStore ?? new MemoryOffsetBackingStore(),
      offsetFlushIntervalMs: options.offsetFlushIntervalMs ?? 60_000,
      shutdownTimeoutMs: options.shutdownTimeoutMs ?? 5_000,
      bufferCapacity: options.bufferCapacity ?? 10_000,
      maxBatch: options.maxBatch ?? 500,
      stopOnTaskFailure: options.stopOnTaskFailure ?? true,
      logger: options.logger ?? silentLogger,
      ...(options.onStopping === undefined ? {} : { onStopping: options.onStopping }),
    };
    this.#bus = new TopicBus(this.#options.bufferCapacity);
    this.done = new Promise<void>((resolve, reject) => {
      this.#resolveDone = resolve;
      this.#rejectDone = reject;
    });
    // A caller that only awaits stop() must not see an unhandled rejection from `done`.
    this.done.catch(() => {});
  }

  /**
   * Starts the offset store, every sink connector and its tasks, then every source connector and its tasks (sinks
   * first, so that no record is published before its consumers exist).
   * @throws the first error of a connector or task that cannot start; everything started is stopped again.
   */
  async start(): Promise<void> {
    if (this.#phase !== "new")
      throw new IllegalWorkerStateError(`The engine cannot start: it is ${this.#phase}.`);
    this.#phase = "starting";
    try {
      await this.#options.offsetStore.start();
      const ordered = [
        ...this.#options.connectors.filter((d) => d.type === "sink"),
        ...this.#options.connectors.filter((d) => d.type === "source"),
      ];
      for (const deployment of ordered) await this.#startConnector(deployment);
    } catch (error) {
      this.#failure ??= error;
      await this.stop();
      throw error;
    }
    this.#phase = "running";
    this.#flushTimer = setInterval(() => void this.flush(), this.#options.offsetFlushIntervalMs);
    this.#flushTimer.unref();
    this.#options.logger.info(
      { connectors: this.#connectors.map((c) => c.deployment.name) },
      "Embedded engine started",
    );
  }

  /**
   * Commits now: every sink task's `preCommit`, then the source offsets of everything the sinks committed. Runs on
   * the flush interval by itself; calls never overlap.
   */
  flush(): Promise<void> {
    this.#commitCycle = this.#commitCycle.then(async () => {
      const sinks = this.#connectors.flatMap((c) => c.sinks);
      await Promise.all(sinks.map((runner) => runner.commit().catch(() => {})));
      const sources = this.#connectors.flatMap((c) => c.sources);
      await Promise.all(sources.map((runner) => runner.commitOffsets()));
    });
    return this.#commitCycle;
  }

  /**
   * Stops gracefully: sources stop polling, sinks write what is on the way (for at most the shutdown timeout),
   * sinks commit, source offsets are written, then every task and connector stops. Safe to call more than once.
   */
  stop(): Promise<void> {
    this.#stopPromise ??= this.#stop();
    return this.#stopPromise;
  }

  /** The state of every connector and task, in Kafka Connect's terms. */
  status(): ConnectorStatus[] {
    return this.#connectors.map((running) => ({
      name: running.deployment.name,
      type: running.deployment.type,
      state: running.state,
      ...(running.trace === undefined ? {} : { trace: running.trace }),
      tasks: [...running.sources, ...running.sinks].map((runner) => runner.status()),
    }));
  }

  /** Records waiting between sources and sinks. */
  get buffered(): number {
    return this.#bus.buffered;
  }

  async #stop(): Promise<void> {
    this.#phase = "stopping";
    clearInterval(this.#flushTimer);
    this.#options.onStopping?.();
    const { logger, shutdownTimeoutMs } = this.#options;
    const sources = this.#connectors.flatMap((c) => c.sources);
    const sinks = this.#connectors.flatMap((c) => c.sinks);
    await Promise.all(sources.map((runner) => runner.stop()));

    const deadline = Date.now() + shutdownTimeoutMs;
    while (!sinks.every((runner) => runner.drained) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    if (!sinks.every((runner) => runner.drained)) {
      logger.warn(
        { buffered: this.#bus.buffered, timeoutMs: shutdownTimeoutMs },
        "Sinks did not write every record within the shutdown timeout; those records will be delivered again after a restart",
      );
    }
    await this.flush();
    await Promise.all(sinks.map((runner) => runner.stop()));
    await Promise.all(sources.map((runner) => runner.close()));
    for (const running of this.#connectors) {
      try {
        await running.deployment.connector.stop();
      } catch (error) {
        logger.warn({ err: error, connector: running.deployment.name }, "Connector stop() failed");
      }
      if (running.state !== "FAILED") running.state = "STOPPED";
    }
    this.#bus.close();
    await this.#options.offsetStore.stop();
    this.#phase = "stopped";
    logger.info({}, "Embedded engine stopped");
    if (this.#failure === undefined) this.#resolveDone();
    else this.#rejectDone(this.#failure);
  }

  async #startConnector(deployment: ConnectorDeployment): Promise<void> {
    const running: RunningConnector = { deployment, state: "UNASSIGNED", sources: [], sinks: [] };
    this.#connectors.push(running);
    const context: ConnectorContext = {
      requestTaskReconfiguration: () => {
        this.#options.logger.warn(
          { connector: deployment.name },
          "The connector asked for task reconfiguration; the embedded engine applies new task configs at its next start",
        );
      },
      raiseError: (error: Error) => {
        running.state = "FAILED";
        running.trace = traceOf(error);
        this.#onFailure(running, error);
      },
    };
    if (deployment.type === "source") {
      const reader = new BackingStoreOffsetStorageReader(this.#options.offsetStore, deployment.name);
      deployment.connector.initialize({
        ...context,
        offsetStorageReader: () => reader,
      } as SourceConnectorContext);
    } else {
      deployment.connector.initialize(context);
    }
    await deployment.connector.start(deployment.config);
    const taskConfigs = await deployment.connector.taskConfigs(deployment.tasksMax);
    if (taskConfigs.length > deployment.tasksMax) {
      throw new IllegalWorkerStateError(
        `Connector ${deployment.name} returned ${taskConfigs.length} task configs, more than tasks.max=${deployment.tasksMax}.`,
      );
    }
    running.state = "RUNNING";
    if (deployment.type === "source") await this.#startSourceTasks(running, deployment, taskConfigs);
    else await this.#startSinkTasks(running, deployment, taskConfigs);
  }

  async #startSourceTasks(
    running: RunningConnector,
    deployment: SourceDeployment,
    taskConfigs: readonly Readonly<Record<string, string>>[],
  ): Promise<void> {
    const TaskClass = deployment.connector.taskClass();
    for (const [id, config] of taskConfigs.entries()) {
      const pipeline = await deployment.createPipeline(id);
      const runner = new SourceTaskRunner({
        connector: deployment.name,
        id,
        task: new TaskClass() as SourceTask,
        config,
        processor: pipeline.processor,
        bus: this.#bus,
        offsetStore: this.#options.offsetStore,
        logger: this.#options.logger,
        onFailure: (error) => this.#onFailure(running, error),
      });
      running.sources.push(runner);
      await runner.start();
    }
  }

  async #startSinkTasks(
    running: RunningConnector,
    deployment: SinkDeployment,
    taskConfigs: readonly Readonly<Record<string, string>>[],
  ): Promise<void> {
    const TaskClass = deployment.connector.taskClass();
    const consumer = this.#bus.subscribe(deployment.name, deployment.subscribes);
    const taskCount = taskConfigs.length;
    for (const [id, config] of taskConfigs.entries()) {
      const pipeline = await deployment.createPipeline(id);
      const runner = new SinkTaskRunner({
        connector: deployment.name,
        id,
        task: new TaskClass() as SinkTask,
        config,
        processor: pipeline.processor,
        consumer,
        owns: (topic, partition) => ownerOf(topic, partition, taskCount) === id,
        maxBatch: this.#options.maxBatch,
        commitEveryRecords: this.#options.bufferCapacity,
        errantRecordReporter: pipeline.errantRecordReporter ?? null,
        logger: this.#options.logger,
        onFailure: (error) => this.#onFailure(running, error),
      });
      running.sinks.push(runner);
      await runner.start();
    }
  }

  #onFailure(running: RunningConnector, error: unknown): void {
    this.#failure ??= error;
    if (this.#options.stopOnTaskFailure && this.#phase === "running") {
      this.#options.logger.error(
        { connector: running.deployment.name, err: error },
        "A task failed; stopping the engine (records not yet committed will be delivered again after a restart)",
      );
      void this.stop();
    }
  }
}

/** Spreads partitions over a connector's tasks: every partition has exactly one owner, stable for the run. */
function ownerOf(topic: string, partition: number, tasks: number): number {
  let hash = partition;
  for (let i = 0; i < topic.length; i++) hash = (hash * 31 + topic.charCodeAt(i)) | 0;
  return Math.abs(hash) % tasks;
}
