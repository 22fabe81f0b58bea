import {
  ConfigError,
  IllegalWorkerStateError,
  NotFoundError,
  type OffsetBackingStore,
  type SourceConnector,
  type SourceTask,
} from "@tributary/api";
import { ConfigTransformer } from "../config/config-transformer.js";
import { ConnectorConfig } from "../config/connector-config.js";
import type { WorkerConfig } from "../config/worker-config.js";
import { type TaskState, traceOf } from "../engine/task-state.js";
import type { KafkaClients } from "../kafka/kafka-clients.js";
import { type Logger, silentLogger } from "../logging/logger.js";
import {
  CONNECTOR_METRICS,
  CONNECTOR_TASK_METRICS,
  SINK_TASK_METRICS,
  SOURCE_TASK_METRICS,
  STATUS_METRIC_STATES,
  TASK_ERROR_METRICS,
  WORKER_METRICS,
} from "../metrics/connect-metric-names.js";
import { MetricsRegistry } from "../metrics/metrics-registry.js";
import type { PluginRegistry } from "../plugin/plugin-registry.js";
import { KafkaWorkerConfig, type KafkaWorkerConfigValues } from "./kafka-worker-config.js";
import { createWorkerSinkTask } from "./sink/worker-sink-task.js";
import type { SinkTaskFactory } from "./sink-task-factory.js";
import { ExactlyOnceWorkerSourceTask } from "./source/exactly-once/exactly-once-worker-source-task.js";
import { WorkerSourceTask } from "./source/worker-source-task.js";
import type { TargetState } from "./target-state.js";
import { type TaskRestartPolicy, TaskRestarts } from "./task-restarts.js";
import { WorkerConnector } from "./worker-connector.js";
import type { WorkerStatusListener } from "./worker-status-listener.js";
import type { WorkerTask } from "./worker-task.js";

/** What a {@link Worker} runs with. */
export interface WorkerOptions {
  /** The worker's settings (`worker.properties`). */
  readonly config: WorkerConfig;
  /** The plugins connectors, converters and transformations are found in. */
  readonly registry: PluginRegistry;
  /**
   * Where source offsets are kept: a `FileOffsetBackingStore` on `offset.storage.file.filename` for a standalone
   * worker, or the Kafka offsets-topic store. The worker starts and stops it.
   */
  readonly offsetStore: OffsetBackingStore;
  /** The Kafka clients of this worker; the worker closes them when it stops. */
  readonly clients: KafkaClients;
  /** Where task and worker metrics are recorded; a private registry when left out. */
  readonly metrics?: MetricsRegistry;
  /** Builds sink tasks; by default the Kafka worker's own sink tasks ({@link createWorkerSinkTask}). */
  readonly sinkTasks?: SinkTaskFactory;
  /** Receives the state of tasks started without a listener of their own (see {@link Worker.startTask}). */
  readonly listener?: WorkerStatusListener;
  readonly logger?: Logger;
}

/** Options of {@link Worker.startTask}. */
export interface StartTaskOptions {
  /**
   * The connector's properties (unresolved), needed when the connector does not run on this worker; by default
   * those of the connector started here.
   */
  readonly connectorProps?: Readonly<Record<string, string>>;
  /** Where the task's state goes; by default its connector's listener, else the worker's. */
  readonly listener?: WorkerStatusListener;
  /** `STARTED` (default) or `PAUSED`. */
  readonly targetState?: TargetState;
}

interface ConnectorEntry {
  readonly connector: WorkerConnector;
  readonly props: Readonly<Record<string, string>>;
  readonly listener: WorkerStatusListener;
  targetState: TargetState;
}

interface TaskEntry {
  readonly connector: string;
  readonly id: number;
  /** The task's properties, unresolved, for restarts. */
  readonly props: Readonly<Record<string, string>>;
  readonly connectorProps: Readonly<Record<string, string>>;
  readonly listener: WorkerStatusListener;
  targetState: TargetState;
  task: WorkerTask | undefined;
  /** Bumped by each (re)start, so a replaced instance's late reports are ignored. */
  generation: number;
}

const NO_LISTENER: WorkerStatusListener = {
  onConnectorState: () => {},
  onTaskState: () => {},
  onTaskReconfigurationRequested: () => {},
};

/**
 * Runs the connectors and tasks of one worker process against Kafka (Kafka Connect's `Worker`). It does not decide
 * what runs where: a herder calls it, and records what it reports through a {@link WorkerStatusListener}.
 *
 * - Connectors are created through the plugin registry from their (config-provider-resolved) properties,
 *   initialized with a context whose `requestTaskReconfiguration()` reaches the listener and whose `raiseError()`
 *   fails the connector, then moved between target states (STARTED, PAUSED, STOPPED).
 * - {@link Worker.taskConfigs} asks a running connector for its task configurations.
 * - Source tasks poll, transform, convert and produce to Kafka, committing offsets every `offset.flush.interval.ms`;
 *   with `exactly.once.source.support=enabled` they write records and offsets in transactions. Sink tasks (by default
 *   {@link createWorkerSinkTask}) read their topics in batches through a consumer group and commit what
 *   `preCommit()` returns.
 * - A task that fails reports FAILED with its stack trace; with `task.restart.automatic.enable=true` it is started
 *   again after an exponential backoff (see {@link KafkaWorkerConfig}).
 * - {@link Worker.stop} stops every task within `task.shutdown.graceful.timeout.ms` (one budget for all; tasks still
 *   running then are abandoned), then the connectors, the offset store and the Kafka clients.
 *
 * Calls for one connector or task are expected one at a time (the herder serialises them); calls for different ones
 * may overlap.
 *
 * @example
 * ```ts
 * const worker = new Worker({ config, registry, offsetStore, clients });
 * await worker.start();
 * await worker.startConnector("file-source", props, listener);
 * const configs = await worker.taskConfigs("file-source");
 * for (const [id, taskProps] of configs.entries()) await worker.startTask("file-source", id, taskProps);
 * ```
 */
export class Worker {
  readonly #config: WorkerConfig;
  readonly #kafkaConfig: KafkaWorkerConfigValues;
  readonly #registry: PluginRegistry;
  readonly #offsetStore: OffsetBackingStore;
  readonly #clients: KafkaClients;
  readonly #metrics: MetricsRegistry;
  readonly #sinkTasks: SinkTaskFactory;
  readonly #listener: WorkerStatusListener;
  readonly #logger: Logger;
  readonly #transformer: ConfigTransformer;
  readonly #restarts: TaskRestarts;
  readonly #connectors = new Map<string, ConnectorEntry>();
  readonly #tasks = new Map<string, TaskEntry>();
  #phase: "new" | "running" | "stopping" | "stopped" = "new";
  #stopping: Promise<void> | undefined;

  /**
   * @throws ConfigValidationError when a Kafka worker setting (such as `task.restart.backoff.max.ms`) is invalid.
   * @throws ConfigError when a config provider the worker declares is unknown.
   */
  constructor(options: WorkerOptions) {
    this.#config = options.config;
    this.#kafkaConfig = KafkaWorkerConfig.parse(options.config.originals);
    this.#registry = options.registry;
    this.#offsetStore = options.offsetStore;
    this.#clients = options.clients;
    this.#metrics = options.metrics ?? new MetricsRegistry();
    this.#sinkTasks = options.sinkTasks ?? createWorkerSinkTask;
    this.#listener = options.listener ?? NO_LISTENER;
    this.#logger = options.logger ?? silentLogger;
    this.#transformer = ConfigTransformer.fromWorkerConfig(options.config.originals);
    this.#restarts = new TaskRestarts(restartPolicy(this.#kafkaConfig), this.#logger);
    const group = this.#metrics.group(WORKER_METRICS.connectorCount.group);
    group.readGauge(WORKER_METRICS.connectorCount, () => this.#connectors.size);
    group.readGauge(WORKER_METRICS.taskCount, () => this.#tasks.size);
  }

  /** The worker's settings. */
  get config(): WorkerConfig {
    return this.#config;
  }

  /** The metrics registry tasks record into. */
  get metrics(): MetricsRegistry {
    return this.#metrics;
  }

  /** Starts the offset store; call once before anything else. */
  async start(): Promise<void> {
    if (this.#phase !== "new")
      throw new IllegalWorkerStateError(`The worker cannot start: it is ${this.#phase}.`);
    await this.#offsetStore.start();
    this.#phase = "running";
    this.#logger.info({}, "Worker started");
  }

  /** The names of the connectors running on this worker. */
  connectorNames(): string[] {
    return [...this.#connectors.keys()];
  }

  /** The ids of the tasks of `connector` running on this worker, in order. */
  taskIds(connector: string): number[] {
    return [...this.#tasks.values()]
      .filter((entry) => entry.connector === connector)
      .map((entry) => entry.id)
      .sort((a, b) => a - b);
  }

  /** The state a connector on this worker reports, or undefined when it does not run here. */
  connectorState(name: string): { state: TaskState; trace?: string } | undefined {
    const entry = this.#connectors.get(name);
    if (entry === undefined) return undefined;
    const { state, trace } = entry.connector;
    return trace === undefined ? { state } : { state, trace };
  }

  /** The state a task on this worker reports, or undefined when it does not run here. */
  taskState(connector: string, id: number): { state: TaskState; trace?: string } | undefined {
    const entry = this.#tasks.get(taskKey(connector, id));
    if (entry === undefined) return undefined;
    const task = entry.task;
    if (task === undefined) return { state: "RESTARTING" };
    return task.trace === undefined ? { state: task.state } : { state: task.state, trace: task.trace };
  }

  /**
   * Creates a connector from its properties and moves it to `targetState` (started unless PAUSED or STOPPED). A
   * connector that cannot be created or started is reported FAILED with the stack trace, not thrown.
   * @param props the connector's properties as stored (config provider references unresolved).
   * @throws AlreadyExistsError-like IllegalWorkerStateError when a connector of that name already runs here.
   */
  async startConnector(
    name: string,
    props: Readonly<Record<string, string>>,
    listener: WorkerStatusListener,
    targetState: TargetState = "STARTED",
  ): Promise<void> {
    this.#checkRunning();
    if (this.#connectors.has(name)) {
      throw new IllegalWorkerStateError(
        `Connector ${name} is already running on this worker; stop it first.`,
      );
    }
    const group = this.#metrics.group(WORKER_METRICS.connectorStartupAttemptsTotal.group);
    group.counter(WORKER_METRICS.connectorStartupAttemptsTotal).increment();
    let connector: WorkerConnector;
    try {
      const resolved = await this.#transformer.transform(props);
      const config = ConnectorConfig.parse(resolved, this.#registry);
      if (config.name !== name) {
        throw new ConfigError(`The connector config names connector "${config.name}", not "${name}".`);
      }
      connector = new WorkerConnector({
        config,
        props: resolved,
        offsetStore: this.#offsetStore,
        listener,
        logger: this.#logger,
      });
      await this.#checkExactlyOnce(connector);
    } catch (error) {
      group.counter(WORKER_METRICS.connectorStartupFailureTotal).increment();
      this.#logger.error({ err: error, connector: name }, "Connector could not be created");
      notify(this.#logger, () => listener.onConnectorState(name, "FAILED", traceOf(error)));
      return;
    }
    const entry: ConnectorEntry = { connector, props, listener, targetState };
    this.#connectors.set(name, entry);
    this.#metrics
      .group(CONNECTOR_METRICS.status.group, { connector: name })
      .stateGauge(CONNECTOR_METRICS.status, STATUS_METRIC_STATES, () => connector.state.toLowerCase());
    await connector.transitionTo(targetState);
    group
      .counter(
        connector.state === "FAILED"
          ? WORKER_METRICS.connectorStartupFailureTotal
          : WORKER_METRICS.connectorStartupSuccessTotal,
      )
      .increment();
  }

  /**
   * The task configurations of a connector running here, at most its `tasks.max`.
   * @throws NotFoundError when the connector does not run here.
   * @throws IllegalWorkerStateError when it is not RUNNING (paused, stopped or failed).
   */
  taskConfigs(name: string): Promise<Record<string, string>[]> {
    return this.#connectorEntry(name).connector.taskConfigs();
  }

  /** Stops a connector running here and forgets it (its tasks are stopped separately); unknown names do nothing. */
  async stopConnector(name: string): Promise<void> {
    const entry = this.#connectors.get(name);
    if (entry === undefined) return;
    await entry.connector.shutdown();
    this.#connectors.delete(name);
    this.#metrics.removeGroup(CONNECTOR_METRICS.status.group, { connector: name });
  }

  /**
   * Starts task `id` of `connector` with its properties (as the connector's `taskConfigs()` returned them, stored
   * unresolved). The task runs in the background; its state goes to the listener. A task that cannot be created is
   * reported FAILED, not thrown.
   * @throws IllegalWorkerStateError when that task already runs here.
   */
  async startTask(
    connector: string,
    id: number,
    props: Readonly<Record<string, string>>,
    options: StartTaskOptions = {},
  ): Promise<void> {
    this.#checkRunning();
    const key = taskKey(connector, id);
    if (this.#tasks.has(key)) {
      throw new IllegalWorkerStateError(
        `Task ${connector}-${id} is already running on this worker; stop it first.`,
      );
    }
    const owner = this.#connectors.get(connector);
    const connectorProps = options.connectorProps ?? owner?.props;
    const listener = options.listener ?? owner?.listener ?? this.#listener;
    if (connectorProps === undefined) {
      throw new NotFoundError(
        `Connector ${connector} does not run on this worker, so task ${id} needs its connector's properties (connectorProps).`,
      );
    }
    const entry: TaskEntry = {
      connector,
      id,
      props,
      connectorProps,
      listener,
      targetState: options.targetState ?? owner?.targetState ?? "STARTED",
      task: undefined,
      generation: 0,
    };
    this.#tasks.set(key, entry);
    this.#metrics
      .group(CONNECTOR_TASK_METRICS.status.group, taskTags(connector, id))
      .stateGauge(CONNECTOR_TASK_METRICS.status, STATUS_METRIC_STATES, () =>
        (entry.task?.state ?? "RESTARTING").toLowerCase(),
      );
    await this.#launch(entry);
  }

  /**
   * Stops a task within `task.shutdown.graceful.timeout.ms` (abandoning it after that), commits its offsets and
   * forgets it; unknown tasks do nothing.
   */
  async stopTask(connector: string, id: number): Promise<void> {
    const entry = this.#tasks.get(taskKey(connector, id));
    if (entry === undefined) return;
    this.#tasks.delete(taskKey(connector, id));
    this.#restarts.forget(connector, id);
    const task = entry.task;
    if (task !== undefined) {
      task.stop();
      if (!(await task.awaitStop(this.#gracefulTimeoutMs))) task.cancel();
    }
    this.#removeTaskMetrics(connector, id);
  }

  #removeTaskMetrics(connector: string, id: number): void {
    for (const group of TASK_METRIC_GROUPS) this.#metrics.removeGroup(group, taskTags(connector, id));
  }

  /** Moves a connector running here and its tasks here to `state`. */
  async setTargetState(name: string, state: TargetState): Promise<void> {
    const entry = this.#connectors.get(name);
    if (entry !== undefined) {
      entry.targetState = state;
      await entry.connector.transitionTo(state);
    }
    for (const task of this.#tasks.values()) {
      if (task.connector !== name) continue;
      task.targetState = state;
      task.task?.setTargetState(state);
    }
  }

  /**
   * Stops everything: every task (one `task.shutdown.graceful.timeout.ms` budget for all; their final offset
   * commits included), then every connector, the offset store and the Kafka clients. Calling it again waits for
   * the same stop.
   */
  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #stop(): Promise<void> {
    this.#phase = "stopping";
    this.#restarts.close();
    const tasks = [...this.#tasks.values()];
    this.#tasks.clear();
    const running = tasks.map((entry) => entry.task).filter((task) => task !== undefined);
    for (const task of running) task.stop();
    const deadline = Date.now() + this.#gracefulTimeoutMs;
    for (const task of running) {
      if (!(await task.awaitStop(deadline - Date.now()))) task.cancel();
    }
    for (const entry of tasks) this.#removeTaskMetrics(entry.connector, entry.id);
    for (const name of [...this.#connectors.keys()]) await this.stopConnector(name);
    await closeQuietly(this.#logger, "offset store", () => this.#offsetStore.stop());
    await closeQuietly(this.#logger, "Kafka clients", () => this.#clients.close());
    await closeQuietly(this.#logger, "config providers", () => this.#transformer.close());
    this.#phase = "stopped";
    this.#logger.info({}, "Worker stopped");
  }

  get #exactlyOnce(): boolean {
    return this.#kafkaConfig["exactly.once.source.support"] === "enabled";
  }

  /**
   * With exactly-once support enabled, a source connector must be able to run that way when its config requires it
   * (`exactly.once.support=required`), and must define transaction boundaries when asked to
   * (`transaction.boundary=connector`), as Kafka's worker checks.
   * @throws ConfigError naming what the connector cannot do.
   */
  async #checkExactlyOnce(connector: WorkerConnector): Promise<void> {
    if (!this.#exactlyOnce || connector.config.type !== "source") return;
    const instance = connector.instance as SourceConnector;
    const props = connector.config.originals;
    if (connector.config.get("exactly.once.support") === "required") {
      const support = await instance.exactlyOnceSupport(props);
      if (support !== "SUPPORTED") {
        throw new ConfigError(
          `Connector ${connector.name} has exactly.once.support=required, but it does not declare exactly-once support for this configuration; set exactly.once.support=requested to run it anyway.`,
        );
      }
    }
    if (connector.config.get("transaction.boundary") === "connector") {
      const boundaries = await instance.canDefineTransactionBoundaries(props);
      if (boundaries !== "SUPPORTED") {
        throw new ConfigError(
          `Connector ${connector.name} has transaction.boundary=connector, but it cannot define transaction boundaries; use transaction.boundary=poll or interval.`,
        );
      }
    }
  }

  get #gracefulTimeoutMs(): number {
    return Number(this.#config.values["task.shutdown.graceful.timeout.ms"]);
  }

  /** Creates and runs the task of `entry`; a failure to create it is reported as FAILED. */
  async #launch(entry: TaskEntry): Promise<void> {
    const { connector, id, listener } = entry;
    const startup = this.#metrics.group(WORKER_METRICS.taskStartupAttemptsTotal.group);
    startup.counter(WORKER_METRICS.taskStartupAttemptsTotal).increment();
    const generation = ++entry.generation;
    const onStateChange = (state: TaskState, trace?: string): void => {
      if (entry.generation !== generation) return;
      notify(this.#logger, () => listener.onTaskState(connector, id, state, trace));
      if (!this.#isCurrent(entry)) return;
      if (state === "FAILED") this.#restarts.failed(connector, id, () => this.#restart(entry));
      else if (state === "RUNNING") this.#restarts.running(connector, id);
    };
    let task: WorkerTask;
    try {
      task = await this.#createTask(entry, onStateChange);
    } catch (error) {
      startup.counter(WORKER_METRICS.taskStartupFailureTotal).increment();
      this.#logger.error({ err: error, connector, task: id }, "Task could not be created");
      onStateChange("FAILED", traceOf(error));
      return;
    }
    // The task may have been stopped, or the worker stopped, while it was being created.
    if (!this.#isCurrent(entry)) return;
    startup.counter(WORKER_METRICS.taskStartupSuccessTotal).increment();
    entry.task = task;
    void task.run();
  }

  #isCurrent(entry: TaskEntry): boolean {
    return this.#phase === "running" && this.#tasks.get(taskKey(entry.connector, entry.id)) === entry;
  }

  /** An automatic restart: the failed instance is released, then a new one starts with the same properties. */
  async #restart(entry: TaskEntry): Promise<void> {
    if (!this.#isCurrent(entry)) return;
    notify(this.#logger, () => entry.listener.onTaskState(entry.connector, entry.id, "RESTARTING"));
    const previous = entry.task;
    entry.task = undefined;
    if (previous !== undefined && !(await previous.awaitStop(this.#gracefulTimeoutMs))) previous.cancel();
    if (!this.#isCurrent(entry)) return;
    await this.#launch(entry);
  }

  async #createTask(
    entry: TaskEntry,
    onStateChange: (state: TaskState, trace?: string) => void,
  ): Promise<WorkerTask> {
    const connectorProps = await this.#transformer.transform(entry.connectorProps);
    const connectorConfig = ConnectorConfig.parse(connectorProps, this.#registry);
    const props = await this.#transformer.transform(entry.props);
    const init = {
      connector: entry.connector,
      id: entry.id,
      targetState: entry.targetState,
      logger: this.#logger,
      onStateChange,
    };
    if (connectorConfig.type === "sink") {
      return this.#sinkTasks({
        ...init,
        props,
        connectorConfig,
        worker: this.#config,
        registry: this.#registry,
        clients: this.#clients,
        metrics: this.#metrics,
      });
    }
    const connectorInstance = connectorConfig.connector.create() as SourceConnector;
    const TaskClass = connectorInstance.taskClass();
    const sourceInit = {
      ...init,
      task: new TaskClass() as SourceTask,
      props,
      connectorConfig,
      worker: this.#config,
      registry: this.#registry,
      clients: this.#clients,
      offsetStore: this.#offsetStore,
      metrics: this.#metrics,
    };
    if (this.#exactlyOnce) {
      return new ExactlyOnceWorkerSourceTask({ ...sourceInit, groupId: this.#kafkaConfig["group.id"] });
    }
    return new WorkerSourceTask(sourceInit);
  }

  #connectorEntry(name: string): ConnectorEntry {
    const entry = this.#connectors.get(name);
    if (entry === undefined) throw new NotFoundError(`Connector ${name} does not run on this worker.`);
    return entry;
  }

  #checkRunning(): void {
    if (this.#phase !== "running") {
      throw new IllegalWorkerStateError(
        this.#phase === "new"
          ? "The worker has not been started: call start() first."
          : `The worker is ${this.#phase} and takes no new connectors or tasks.`,
      );
    }
  }
}

/** The metric groups of one task, removed when it is stopped (not when it fails, so a FAILED task's stay). */
const TASK_METRIC_GROUPS = [
  CONNECTOR_TASK_METRICS.status.group,
  SOURCE_TASK_METRICS.sourceRecordPollRate.group,
  SINK_TASK_METRICS.sinkRecordReadRate.group,
  TASK_ERROR_METRICS.totalRecordFailures.group,
];

function taskTags(connector: string, id: number): Record<string, string> {
  return { connector, task: String(id) };
}

function taskKey(connector: string, id: number): string {
  return `${connector}\u0000${id}`;
}

function restartPolicy(config: KafkaWorkerConfigValues): TaskRestartPolicy {
  return {
    enabled: config["task.restart.automatic.enable"],
    initialBackoffMs: Number(config["task.restart.backoff.initial.ms"]),
    maxBackoffMs: Number(config["task.restart.backoff.max.ms"]),
  };
}

function notify(logger: Logger, call: () => void): void {
  try {
    call();
  } catch (error) {
    logger.warn({ err: error }, "A status listener failed");
  }
}

async function closeQuietly(logger: Logger, what: string, close: () => Promise<void>): Promise<void> {
  try {
    await close();
  } catch (error) {
    logger.warn({ err: error }, `Closing the ${what} failed`);
  }
}
