import {
  AlreadyExistsError,
  type ConfigDef,
  type ConfigInfos,
  type ConfigKeyInfo,
  ConnectError,
  type Connector,
  NotFoundError,
  type OffsetBackingStore,
  Password,
  redactConfig,
  type SinkConnector,
  type SourceConnector,
} from "@tributary/api";
import { closeQuietly } from "../config/close-quietly.js";
import { ConfigTransformer } from "../config/config-transformer.js";
import { validateConnectorConfig } from "../config/validate-connector-config.js";
import type { TaskState } from "../engine/task-state.js";
import type { KafkaAdmin } from "../kafka/kafka-clients.js";
import { type Logger, silentLogger } from "../logging/logger.js";
import type { PluginInfo, PluginRegistry } from "../plugin/plugin-registry.js";
import { ConnectRestError } from "../rest/connect-rest-error.js";
import type { activeTopicsClients } from "./active-topics-clients.js";
import {
  parseSinkOffsets,
  parseSourceOffsets,
  readSinkOffsets,
  readSourceOffsets,
  sinkGroupId,
  writeSinkOffsets,
  writeSourceOffsets,
} from "./connector-offsets.js";
import {
  type ConnectorInfo,
  type ConnectorOffsets,
  type ConnectorStateInfo,
  type ConnectorType,
  type Herder,
  type InitialState,
  type PutConnectorResult,
  type RestartRequest,
  type TaskInfo,
  type TaskStateInfo,
  targetStateOf,
} from "./herder.js";
import type { HerderWorker, HerderWorkerListener } from "./herder-worker.js";
import type { ConnectorConfigStore, ConnectorProps, TargetState } from "./stores/connector-config-store.js";
import { MemoryConnectorConfigStore } from "./stores/memory-connector-config-store.js";
import { MemoryStatusStore } from "./stores/memory-status-store.js";
import type { StatusStore } from "./stores/status-store.js";

/** What a {@link StandaloneHerder} runs with. */
export interface StandaloneHerderOptions {
  /** The worker that runs connectors and tasks in this process; the herder starts and stops it. */
  readonly worker: HerderWorker;
  /** The plugins, for connector types, config definitions and validation. */
  readonly registry: PluginRegistry;
  /** This worker's id in statuses: its REST `host:port`. */
  readonly workerId: string;
  /** The worker's source offset store (the very instance the worker uses; the worker starts and stops it). */
  readonly offsetStore: OffsetBackingStore;
  /** An admin client, for sink connectors' consumer group offsets and the cluster id; the herder closes it. */
  readonly admin: KafkaAdmin;
  /** Where connector and task configs and target states are kept; in memory when left out. */
  readonly configStore?: ConnectorConfigStore;
  /** Where statuses are kept; in memory when left out. */
  readonly statusStore?: StatusStore;
  /** Resolves config provider references for validation; the worker's `config.providers`, or `env` and `file`. */
  readonly configTransformer?: ConfigTransformer;
  readonly logger?: Logger;
}

const GENERATION = 0;

/**
 * The herder of a standalone worker (Kafka Connect's `StandaloneHerder`): everything runs in this process, so it
 * decides alone what the {@link HerderWorker} runs. It keeps configs, task configs and target states in a
 * {@link ConnectorConfigStore} and the states the worker reports in a {@link StatusStore}.
 *
 * - Creating or updating a connector validates its config, (re)starts the connector in its target state, then asks
 *   it for task configs and (re)starts the tasks when they changed. A connector's request for reconfiguration does
 *   the same.
 * - PAUSED keeps the tasks, doing nothing; STOPPED stops the connector and removes its tasks, after which its offsets
 *   may be read, altered and reset (a source's in the offset store, a sink's in its consumer group).
 *
 * Changes are applied one at a time, in the order requested; reads do not wait for them.
 */
export class StandaloneHerder implements Herder {
  readonly #worker: HerderWorker;
  readonly #registry: PluginRegistry;
  readonly #workerId: string;
  readonly #offsetStore: OffsetBackingStore;
  readonly #admin: KafkaAdmin;
  readonly #configs: ConnectorConfigStore;
  readonly #statuses: StatusStore;
  readonly #transformer: ConfigTransformer;
  readonly #ownsTransformer: boolean;
  readonly #logger: Logger;
  readonly #listener: HerderWorkerListener;
  /** The tail of the queue of changes; each change runs after the previous one settled. */
  #queue: Promise<unknown> = Promise.resolve();
  #phase: "new" | "running" | "stopping" | "stopped" = "new";
  #stopPromise: Promise<void> | undefined;
  #clusterId: string | undefined;
  /** The topics recorded per connector, so that the hot path of {@link StandaloneHerder.recordActiveTopic} is a lookup. */
  readonly #activeTopics = new Map<string, Set<string>>();

  constructor(options: StandaloneHerderOptions) {
    this.#worker = options.worker;
    this.#registry = options.registry;
    this.#workerId = options.workerId;
    this.#offsetStore = options.offsetStore;
    this.#admin = options.admin;
    this.#configs = options.configStore ?? new MemoryConnectorConfigStore();
    this.#statuses = options.statusStore ?? new MemoryStatusStore();
    this.#ownsTransformer = options.configTransformer === undefined;
    this.#transformer = options.configTransformer ?? ConfigTransformer.fromWorkerConfig({});
    this.#logger = options.logger ?? silentLogger;
    this.#listener = {
      onConnectorState: (name, state, trace) => this.#recordConnector(name, state, trace),
      onTaskState: (connector, task, state, trace) => this.#recordTask(connector, task, state, trace),
      onTaskReconfigurationRequested: (name) => {
        void this.#enqueue(() => this.#updateTasks(name)).catch((error: unknown) =>
          this.#logger.error({ err: error, connector: name }, "Task reconfiguration failed"),
        );
      },
      onTopicActive: (connector, topic) => this.recordActiveTopic(connector, topic),
    };
  }

  /**
   * Records that a connector's task used a topic, for `GET /connectors/{name}/topics`; for a worker that reports
   * topics through its clients (see {@link activeTopicsClients}). Cheap when the topic is recorded already.
   */
  recordActiveTopic(connector: string, topic: string): void {
    // Called for every batch a task sends or receives: answer from memory unless the topic is new.
    const known = this.#activeTopics.get(connector);
    if (known?.has(topic) === true) return;
    if (!this.#configs.snapshot().contains(connector)) return;
    if (known === undefined) this.#activeTopics.set(connector, new Set([topic]));
    else known.add(topic);
    this.#statuses
      .putTopic(connector, topic)
      .catch((error: unknown) =>
        this.#logger.warn({ err: error, connector, topic }, "Active topic not recorded"),
      );
  }

  get ready(): boolean {
    return this.#phase === "running";
  }

  async start(): Promise<void> {
    await this.#configs.start();
    await this.#statuses.start();
    await this.#worker.start();
    // A durable config store may hold connectors from an earlier run.
    for (const name of this.#configs.snapshot().connectors) {
      await this.#enqueue(() => this.#startConnector(name));
    }
    this.#phase = "running";
    this.#logger.info({ workerId: this.#workerId }, "Herder started");
  }

  stop(): Promise<void> {
    this.#stopPromise ??= this.#stop();
    return this.#stopPromise;
  }

  async #stop(): Promise<void> {
    this.#phase = "stopping";
    // Changes already accepted finish first; the worker then stops every task within its shutdown timeout.
    await this.#queue.catch(() => {});
    await this.#worker.stop();
    await this.#admin
      .close()
      .catch((error: unknown) => this.#logger.warn({ err: error }, "Closing the admin client failed"));
    await this.#statuses.stop();
    await this.#configs.stop();
    if (this.#ownsTransformer) await this.#transformer.close();
    this.#phase = "stopped";
    this.#logger.info({}, "Herder stopped");
  }

  async kafkaClusterId(): Promise<string> {
    this.#clusterId ??= (await this.#admin.describeCluster()).clusterId;
    return this.#clusterId;
  }

  async connectors(): Promise<string[]> {
    return [...this.#configs.snapshot().connectors];
  }

  async connectorInfo(name: string): Promise<ConnectorInfo> {
    const config = this.#config(name);
    const tasks = this.#configs.snapshot().taskConfigs(name);
    return {
      name,
      config: this.#redact(config),
      tasks: tasks.map((_, task) => ({ connector: name, task })),
      type: this.#typeOf(config),
    };
  }

  async connectorConfig(name: string): Promise<Record<string, string>> {
    return this.#redact(this.#config(name));
  }

  putConnectorConfig(
    name: string,
    config: Readonly<Record<string, string>>,
    options: { allowReplace: boolean; initialState?: InitialState },
  ): Promise<PutConnectorResult> {
    return this.#enqueue(() => this.#putConnectorConfig(name, config, options));
  }

  patchConnectorConfig(name: string, patch: Readonly<Record<string, string | null>>): Promise<ConnectorInfo> {
    // Read and write in one change, so that two patches at once both apply.
    return this.#enqueue(async () => {
      const patched: Record<string, string> = { ...this.#config(name) };
      for (const [key, value] of Object.entries(patch)) {
        if (value === null) delete patched[key];
        else patched[key] = value;
      }
      const { info } = await this.#putConnectorConfig(name, patched, { allowReplace: true });
      return info;
    });
  }

  deleteConnector(name: string): Promise<void> {
    return this.#enqueue(async () => {
      this.#config(name);
      await this.#stopConnectorAndTasks(name);
      await this.#configs.removeConnectorConfig(name);
      await this.#statuses.deleteConnector(name);
      this.#activeTopics.delete(name);
      this.#logger.info({ connector: name }, "Connector deleted");
    });
  }

  async connectorStatus(name: string): Promise<ConnectorStateInfo> {
    const config = this.#config(name);
    const connector = this.#statuses.connector(name);
    return {
      name,
      connector: {
        state: connector?.state ?? "UNASSIGNED",
        worker_id: connector?.workerId ?? this.#workerId,
        ...(connector?.trace === undefined ? {} : { trace: connector.trace }),
      },
      tasks: this.#statuses.tasks(name).map((task) => ({
        id: task.task,
        state: task.state,
        worker_id: task.workerId,
        ...(task.trace === undefined ? {} : { trace: task.trace }),
      })),
      type: this.#typeOf(config),
    };
  }

  async taskStatus(name: string, task: number): Promise<TaskStateInfo> {
    this.#config(name);
    const status = this.#statuses.task(name, task);
    if (status === undefined) throw new NotFoundError(`No status found for task ${name}-${task}`);
    return {
      id: task,
      state: status.state,
      worker_id: status.workerId,
      ...(status.trace === undefined ? {} : { trace: status.trace }),
    };
  }

  async taskConfigs(name: string): Promise<TaskInfo[]> {
    this.#config(name);
    return this.#configs
      .snapshot()
      .taskConfigs(name)
      .map((config, task) => ({ id: { connector: name, task }, config: this.#redact(config) }));
  }

  restartConnector(name: string): Promise<void> {
    return this.#enqueue(async () => {
      this.#config(name);
      await this.#worker.stopConnector(name);
      await this.#startConnector(name);
    });
  }

  restartConnectorAndTasks(request: RestartRequest): Promise<ConnectorStateInfo> {
    return this.#enqueue(async () => {
      const { connector: name, includeTasks, onlyFailed } = request;
      const before = await this.connectorStatus(name);
      const connector = !onlyFailed || before.connector.state === "FAILED";
      const tasks = includeTasks
        ? before.tasks.filter((task) => !onlyFailed || task.state === "FAILED").map((task) => task.id)
        : [];
      if (connector) this.#recordConnector(name, "RESTARTING");
      for (const task of tasks) this.#recordTask(name, task, "RESTARTING");
      const accepted = await this.connectorStatus(name);
      for (const task of tasks) await this.#worker.stopTask(name, task);
      if (connector) {
        await this.#worker.stopConnector(name);
        await this.#startConnector(name);
      }
      // Starting the connector may have started new tasks already (when their configs changed).
      const running = new Set(this.#worker.taskIds(name));
      const configs = this.#configs.snapshot().taskConfigs(name);
      for (const task of tasks) {
        const props = configs[task];
        if (props !== undefined && !running.has(task)) await this.#startTask(name, task, props);
      }
      return accepted;
    });
  }

  restartTask(name: string, task: number): Promise<void> {
    return this.#enqueue(async () => {
      this.#config(name);
      const props = this.#configs.snapshot().taskConfigs(name)[task];
      if (props === undefined) throw new NotFoundError(`Task ${name}-${task} not found`);
      await this.#worker.stopTask(name, task);
      await this.#startTask(name, task, props);
    });
  }

  pauseConnector(name: string): Promise<void> {
    return this.#setTargetState(name, "PAUSED");
  }

  resumeConnector(name: string): Promise<void> {
    return this.#setTargetState(name, "STARTED");
  }

  stopConnector(name: string): Promise<void> {
    return this.#setTargetState(name, "STOPPED");
  }

  async connectorActiveTopics(name: string): Promise<string[]> {
    this.#config(name);
    return this.#statuses.topics(name);
  }

  async resetConnectorActiveTopics(name: string): Promise<void> {
    this.#config(name);
    this.#activeTopics.delete(name);
    await this.#statuses.deleteTopics(name);
  }

  async connectorOffsets(name: string): Promise<ConnectorOffsets> {
    const config = this.#config(name);
    const offsets =
      this.#typeOf(config) === "sink"
        ? await readSinkOffsets(this.#admin, sinkGroupId(name, config))
        : await readSourceOffsets(this.#offsetStore, name);
    return { offsets };
  }

  alterConnectorOffsets(name: string, offsets: ConnectorOffsets): Promise<string> {
    return this.#enqueue(async () => {
      const config = this.#requireStopped(name);
      if (offsets.offsets.length === 0) {
        throw new ConnectRestError(
          400,
          "The offsets to alter are empty: give at least one partition and its offset.",
        );
      }
      const handled = await this.#applyOffsets(name, config, offsets);
      return handled
        ? "The offsets for this connector have been altered successfully"
        : "The Connect framework-managed offsets for this connector have been altered successfully. However, if this connector manages offsets externally, they will need to be manually altered in the system that the connector uses.";
    });
  }

  resetConnectorOffsets(name: string): Promise<string> {
    return this.#enqueue(async () => {
      const config = this.#requireStopped(name);
      const current = await this.connectorOffsets(name);
      const handled = await this.#applyOffsets(name, config, {
        offsets: current.offsets.map(({ partition }) => ({ partition, offset: null })),
      });
      return handled
        ? "The offsets for this connector have been reset successfully"
        : "The Connect framework-managed offsets for this connector have been reset successfully. However, if this connector manages offsets externally, they will need to be manually reset in the system that the connector uses.";
    });
  }

  plugins(connectorsOnly: boolean): PluginInfo[] {
    return this.#registry.list(connectorsOnly ? ["source", "sink"] : undefined);
  }

  pluginConfig(plugin: string): ConfigKeyInfo[] {
    const descriptor = this.#registry.resolve(plugin);
    const instance = descriptor.create() as { config?: () => ConfigDef<unknown> };
    try {
      const definition = instance.config?.();
      if (definition === undefined) return [];
      return definition
        .validate({})
        .configs.map((config) => config.definition)
        .filter((definition) => definition !== null);
    } finally {
      closeQuietly(instance);
    }
  }

  validateConnectorConfig(config: Readonly<Record<string, string>>): Promise<ConfigInfos> {
    return validateConnectorConfig(config, this.#registry, { configTransformer: this.#transformer });
  }

  // --- changes, run one at a time through #enqueue ---

  #enqueue<T>(change: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(change, change);
    this.#queue = run.catch(() => {});
    return run;
  }

  async #putConnectorConfig(
    name: string,
    config: Readonly<Record<string, string>>,
    options: { allowReplace: boolean; initialState?: InitialState },
  ): Promise<PutConnectorResult> {
    this.#checkRunning();
    const stored = this.#configs.snapshot().connectorConfig(name);
    const props = await this.#validated(name, keepHiddenSecrets(config, stored));
    const exists = stored !== undefined;
    if (exists && !options.allowReplace) throw new AlreadyExistsError(`Connector ${name} already exists`);
    if (exists) await this.#stopConnectorAndTasks(name);
    await this.#configs.putConnectorConfig(
      name,
      props,
      exists ? undefined : targetStateOf(options.initialState),
    );
    this.#logger.info(
      { connector: name, config: redactConfig(props) },
      exists ? "Connector updated" : "Connector created",
    );
    await this.#startConnector(name);
    return { created: !exists, info: await this.connectorInfo(name) };
  }

  /** The config with its name set, validated as creating the connector would; throws 400 listing the errors. */
  async #validated(name: string, config: Readonly<Record<string, string>>): Promise<ConnectorProps> {
    if (config.name !== undefined && config.name !== name) {
      throw new ConnectRestError(
        400,
        `Connector name configuration (${config.name}) doesn't match connector name in the URL (${name})`,
      );
    }
    const props = { ...config, name };
    let infos: ConfigInfos;
    try {
      infos = await this.validateConnectorConfig(props);
    } catch (error) {
      if (ConnectError.isConnectError(error) && (error.code === "NOT_FOUND" || error.code === "CONFIG")) {
        throw new ConnectRestError(400, error.message, { cause: error });
      }
      throw error;
    }
    if (infos.error_count > 0) {
      const errors = infos.configs.flatMap(({ value }) =>
        value.errors.map((message) => `${value.name}: ${message}`),
      );
      throw new ConnectRestError(
        400,
        `Connector configuration is invalid and contains the following ${errors.length} error(s):\n${errors.join("\n")}\nYou can also find the above list of errors at the endpoint \`/connector-plugins/{connectorType}/config/validate\``,
      );
    }
    return props;
  }

  /** Starts a stored connector in its target state, then its tasks (none when STOPPED). */
  async #startConnector(name: string): Promise<void> {
    const snapshot = this.#configs.snapshot();
    const config = snapshot.connectorConfig(name);
    const target = snapshot.targetState(name);
    if (config === undefined || target === undefined) return;
    await this.#worker.startConnector(name, config, this.#listener, target);
    await this.#updateTasks(name);
  }

  /**
   * Asks the connector for task configs and, when they differ from the stored ones, replaces its tasks; otherwise
   * starts the stored tasks that are not running. A STOPPED connector has no tasks; a connector that is not running
   * (PAUSED, FAILED) keeps the tasks it has.
   */
  async #updateTasks(name: string): Promise<void> {
    const snapshot = this.#configs.snapshot();
    const target = snapshot.targetState(name);
    if (target === undefined) return;
    const stored = snapshot.taskConfigs(name);
    if (target === "STOPPED") {
      await this.#removeTasks(name, stored.length);
      return;
    }
    let configs: Record<string, string>[];
    try {
      configs = await this.#unresolved(name, await this.#worker.taskConfigs(name));
    } catch (error) {
      this.#logger.info(
        { connector: name, reason: error instanceof Error ? error.message : String(error) },
        "Task configs not computed: the connector is not running; its tasks are kept as they are",
      );
      await this.#startMissingTasks(name, stored);
      return;
    }
    if (sameConfigs(configs, stored)) {
      await this.#startMissingTasks(name, stored);
      return;
    }
    await this.#removeTasks(name, stored.length);
    await this.#configs.putTaskConfigs(name, configs);
    this.#logger.info({ connector: name, tasks: configs.length }, "Task configs updated");
    for (const [id, props] of configs.entries()) await this.#startTask(name, id, props);
  }

  /**
   * Task configs with the values a config provider resolved put back as the references the connector config has
   * (Kafka's reverse transformation), so that resolved secrets are neither stored nor shown; the worker resolves
   * them again when it starts each task.
   */
  async #unresolved(name: string, configs: Record<string, string>[]): Promise<Record<string, string>[]> {
    const raw = this.#configs.snapshot().connectorConfig(name) ?? {};
    const referenced = Object.keys(raw).filter((key) => raw[key]?.includes("${") === true);
    if (referenced.length === 0) return configs;
    const resolved = await this.#transformer.transform(raw);
    return configs.map((config) => {
      const copy = { ...config };
      for (const key of referenced) {
        const original = raw[key];
        if (original !== undefined && copy[key] !== undefined && copy[key] === resolved[key])
          copy[key] = original;
      }
      return copy;
    });
  }

  async #startMissingTasks(name: string, stored: readonly ConnectorProps[]): Promise<void> {
    const running = new Set(this.#worker.taskIds(name));
    for (const [id, props] of stored.entries()) {
      if (!running.has(id)) await this.#startTask(name, id, props);
    }
  }

  async #startTask(name: string, id: number, props: ConnectorProps): Promise<void> {
    const targetState = this.#configs.snapshot().targetState(name) ?? "STARTED";
    await this.#worker.startTask(name, id, props, {
      targetState: targetState === "PAUSED" ? "PAUSED" : "STARTED",
    });
  }

  /** Stops a connector's tasks, forgets their configs and statuses. */
  async #removeTasks(name: string, count: number): Promise<void> {
    const ids = new Set([...this.#worker.taskIds(name), ...Array.from({ length: count }, (_, id) => id)]);
    for (const id of ids) await this.#worker.stopTask(name, id);
    if (count > 0) await this.#configs.putTaskConfigs(name, []);
    for (const status of this.#statuses.tasks(name)) await this.#statuses.deleteTask(name, status.task);
  }

  async #stopConnectorAndTasks(name: string): Promise<void> {
    for (const id of this.#worker.taskIds(name)) await this.#worker.stopTask(name, id);
    await this.#worker.stopConnector(name);
  }

  #setTargetState(name: string, state: TargetState): Promise<void> {
    return this.#enqueue(async () => {
      this.#config(name);
      await this.#configs.putTargetState(name, state);
      if (state === "STOPPED") {
        await this.#removeTasks(name, this.#configs.snapshot().taskConfigs(name).length);
        await this.#worker.setTargetState(name, "STOPPED");
      } else {
        await this.#worker.setTargetState(name, state);
        // Coming back from STOPPED, or created PAUSED, the connector has no tasks yet.
        if (state === "STARTED") await this.#updateTasks(name);
      }
      this.#logger.info({ connector: name, targetState: state }, "Connector target state changed");
    });
  }

  /** The connector's config, checking that it is STOPPED with no tasks left, as altering offsets requires. */
  #requireStopped(name: string): ConnectorProps {
    const config = this.#config(name);
    const snapshot = this.#configs.snapshot();
    if (snapshot.targetState(name) !== "STOPPED") {
      throw new ConnectRestError(
        400,
        `Connectors must be in the STOPPED state before their offsets can be modified. This can be done for the specified connector by issuing a 'PUT' request to the '/connectors/${name}/stop' endpoint`,
      );
    }
    if (snapshot.taskConfigs(name).length > 0 || this.#worker.taskIds(name).length > 0) {
      throw new ConnectRestError(
        409,
        `Connector ${name} still has tasks: it is in the process of stopping. Try again in a moment.`,
      );
    }
    return config;
  }

  /** Lets the connector check (and apply) the change, then writes the offsets; resolves with its `alterOffsets`. */
  async #applyOffsets(name: string, config: ConnectorProps, offsets: ConnectorOffsets): Promise<boolean> {
    const descriptor = this.#registry.resolve<Connector>(config["connector.class"] ?? "", ["source", "sink"]);
    const connector = descriptor.create();
    const resolved = await this.#transformer.transform(config);
    try {
      if (descriptor.type === "sink") {
        const parsed = parseSinkOffsets(offsets.offsets);
        const handled = await this.#alterOffsets(() =>
          (connector as SinkConnector).alterOffsets(resolved, parsed),
        );
        await writeSinkOffsets(this.#admin, sinkGroupId(name, config), parsed);
        return handled;
      }
      const parsed = parseSourceOffsets(offsets.offsets);
      const handled = await this.#alterOffsets(() =>
        (connector as SourceConnector).alterOffsets(resolved, parsed),
      );
      await writeSourceOffsets(this.#offsetStore, name, parsed);
      return handled;
    } finally {
      closeQuietly(connector);
    }
  }

  async #alterOffsets(call: () => boolean | Promise<boolean>): Promise<boolean> {
    try {
      return await call();
    } catch (error) {
      throw new ConnectRestError(
        400,
        `The connector refused the offsets: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }

  #recordConnector(name: string, state: TaskState, trace?: string): void {
    // A late report of a deleted connector must not bring its status back.
    if (!this.#configs.snapshot().contains(name)) return;
    this.#statuses
      .putConnector({
        connector: name,
        state,
        workerId: this.#workerId,
        generation: GENERATION,
        ...(trace === undefined ? {} : { trace }),
      })
      .catch((error: unknown) => this.#logger.warn({ err: error, connector: name }, "Status not recorded"));
  }

  #recordTask(connector: string, task: number, state: TaskState, trace?: string): void {
    if (!this.#configs.snapshot().contains(connector)) return;
    this.#statuses
      .putTask({
        connector,
        task,
        state,
        workerId: this.#workerId,
        generation: GENERATION,
        ...(trace === undefined ? {} : { trace }),
      })
      .catch((error: unknown) => this.#logger.warn({ err: error, connector, task }, "Status not recorded"));
  }

  #config(name: string): ConnectorProps {
    const config = this.#configs.snapshot().connectorConfig(name);
    if (config === undefined) throw new NotFoundError(`Connector ${name} not found`);
    return config;
  }

  #typeOf(config: ConnectorProps): ConnectorType {
    try {
      const type = this.#registry.find(config["connector.class"] ?? "", ["source", "sink"])?.type;
      return type === "source" || type === "sink" ? type : "unknown";
    } catch {
      return "unknown";
    }
  }

  /** A config with secrets hidden: keys the connector declares as PASSWORD, and keys whose names look secret. */
  #redact(config: ConnectorProps): Record<string, string> {
    let definition: ConfigDef<unknown> | undefined;
    try {
      const instance = this.#registry.find(config["connector.class"] ?? "", ["source", "sink"])?.create() as
        | { config?: () => ConfigDef<unknown> }
        | undefined;
      definition = instance?.config?.();
      closeQuietly(instance);
    } catch {
      definition = undefined; // names that look secret are hidden all the same
    }
    return redactConfig(config, definition) as Record<string, string>;
  }

  #checkRunning(): void {
    if (this.#phase !== "running") {
      throw new ConnectRestError(
        503,
        `The worker is ${this.#phase === "new" ? "still starting" : "stopping"}.`,
      );
    }
  }
}

function sameConfigs(a: readonly ConnectorProps[], b: readonly ConnectorProps[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((config, i) => {
    const other = b[i] ?? {};
    const keys = Object.keys(config);
    return keys.length === Object.keys(other).length && keys.every((key) => config[key] === other[key]);
  });
}

/**
 * A config sent back as it was shown keeps its secrets: a value of `[hidden]` where the stored config has a value is
 * the stored value, so that editing a config fetched from the REST API does not overwrite its passwords.
 */
function keepHiddenSecrets(
  config: Readonly<Record<string, string>>,
  stored: ConnectorProps | undefined,
): Readonly<Record<string, string>> {
  if (stored === undefined) return config;
  let kept: Record<string, string> | undefined;
  for (const [key, value] of Object.entries(config)) {
    const previous = stored[key];
    if (value === Password.HIDDEN && previous !== undefined) {
      kept ??= { ...config };
      kept[key] = previous;
    }
  }
  return kept ?? config;
}
