import type {
  AlreadyExistsError,
  ConfigError,
  ConfigInfos,
  ConfigKeyInfo,
  ConfigValidationError,
  NotFoundError,
} from "@tributary/api";
import type { TaskState } from "../engine/task-state.js";
import type { PluginInfo } from "../plugin/plugin-registry.js";
import type { ConnectRestError } from "../rest/connect-rest-error.js";
import type { TargetState } from "./stores/connector-config-store.js";

/** A task's identity, as the REST API shows it: `{connector, task}`. */
export interface ConnectorTaskId {
  readonly connector: string;
  readonly task: number;
}

/** Whether a connector reads into Kafka or writes out of it; `unknown` when its class cannot be loaded. */
export type ConnectorType = "source" | "sink" | "unknown";

/** `GET /connectors/{name}`: the connector's config (secrets hidden), its tasks and its type. */
export interface ConnectorInfo {
  readonly name: string;
  readonly config: Readonly<Record<string, string>>;
  readonly tasks: readonly ConnectorTaskId[];
  readonly type: ConnectorType;
}

/** The state of a connector or task as the REST API shows it, with the worker that runs it. */
export interface StateInfo {
  readonly state: TaskState;
  /** The REST address (`host:port`) of the worker that runs it. */
  readonly worker_id: string;
  /** The stack trace of the error that failed it; only for FAILED. */
  readonly trace?: string;
}

/** One task of {@link ConnectorStateInfo}. */
export interface TaskStateInfo extends StateInfo {
  readonly id: number;
}

/** `GET /connectors/{name}/status`. */
export interface ConnectorStateInfo {
  readonly name: string;
  readonly connector: StateInfo;
  readonly tasks: readonly TaskStateInfo[];
  readonly type: ConnectorType;
}

/** `GET /connectors/{name}/tasks`: one task and its config (secrets hidden). */
export interface TaskInfo {
  readonly id: ConnectorTaskId;
  readonly config: Readonly<Record<string, string>>;
}

/**
 * One partition's offset, as `GET /connectors/{name}/offsets` shows it and `PATCH` takes it. For a source, the
 * connector's own source partition and offset maps; for a sink, `{kafka_topic, kafka_partition}` and
 * `{kafka_offset}`. A `null` offset (only in a `PATCH`) removes the stored offset.
 */
export interface ConnectorOffset {
  readonly partition: Readonly<Record<string, unknown>>;
  readonly offset: Readonly<Record<string, unknown>> | null;
}

/** `{offsets: [...]}`, the body of the offsets endpoints. */
export interface ConnectorOffsets {
  readonly offsets: readonly ConnectorOffset[];
}

/** What `POST /connectors/{name}/restart` asks for. */
export interface RestartRequest {
  readonly connector: string;
  /** Restart the tasks too, not only the connector. */
  readonly includeTasks: boolean;
  /** Restart only the instances (connector, tasks) that are FAILED. */
  readonly onlyFailed: boolean;
}

/**
 * The state a connector created through the REST API starts in (`initial_state` of `POST /connectors`); RUNNING is
 * the target state STARTED.
 */
export type InitialState = "RUNNING" | "PAUSED" | "STOPPED";

/** The outcome of {@link Herder.putConnectorConfig}. */
export interface PutConnectorResult {
  /** True when the connector did not exist before (REST answers 201), false when its config was replaced (200). */
  readonly created: boolean;
  readonly info: ConnectorInfo;
}

/**
 * The one interface the REST API talks to, the counterpart of Kafka Connect's `Herder`: it keeps connector configs,
 * task configs and target states in a {@link ConnectorConfigStore}, statuses in a {@link StatusStore}, and has a
 * worker run what it assigns. A standalone worker's herder runs everything in its process; a distributed one will
 * share the stores with other workers through Kafka and forward requests to the leader, behind this same interface.
 *
 * Every method may be called concurrently (several REST requests at once); a herder serialises the changes it must.
 * Configs returned are unresolved (config provider references intact) with secrets hidden.
 *
 * Errors: {@link NotFoundError} for an unknown connector, task or plugin (REST 404), {@link AlreadyExistsError}
 * for a connector that exists (409), {@link ConfigError} / {@link ConfigValidationError} for a bad config (400),
 * {@link ConnectRestError} for anything with a status of its own (such as 400 when offsets are altered while the
 * connector is not STOPPED).
 */
export interface Herder {
  /** Starts the stores and every connector they hold, in its target state. */
  start(): Promise<void>;
  /** Stops every connector and task gracefully, then the stores. Safe to call twice. */
  stop(): Promise<void>;
  /** True once {@link Herder.start} has finished and until {@link Herder.stop} begins. */
  readonly ready: boolean;

  /** The Kafka cluster's id, for `GET /`. */
  kafkaClusterId(): Promise<string>;
  /** The names of every connector, sorted. */
  connectors(): Promise<string[]>;
  /** A connector's config, tasks and type. @throws NotFoundError */
  connectorInfo(name: string): Promise<ConnectorInfo>;
  /** A connector's config (secrets hidden). @throws NotFoundError */
  connectorConfig(name: string): Promise<Record<string, string>>;
  /**
   * Creates a connector, or replaces its config when `allowReplace` (which restarts it and its tasks). The config is
   * validated first.
   * @throws AlreadyExistsError when it exists and `allowReplace` is false.
   * @throws ConnectRestError 400 when the config is invalid, listing every error.
   */
  putConnectorConfig(
    name: string,
    config: Readonly<Record<string, string>>,
    options: { allowReplace: boolean; initialState?: InitialState },
  ): Promise<PutConnectorResult>;
  /**
   * Changes some keys of a connector's config: a `null` value removes its key. The result is validated and applied
   * as {@link Herder.putConnectorConfig} would. @throws NotFoundError
   */
  patchConnectorConfig(name: string, patch: Readonly<Record<string, string | null>>): Promise<ConnectorInfo>;
  /** Stops a connector and its tasks and forgets it (its offsets are kept). @throws NotFoundError */
  deleteConnector(name: string): Promise<void>;
  /** A connector's state and its tasks'. @throws NotFoundError */
  connectorStatus(name: string): Promise<ConnectorStateInfo>;
  /** One task's state. @throws NotFoundError */
  taskStatus(name: string, task: number): Promise<TaskStateInfo>;
  /** A connector's task configs (secrets hidden). @throws NotFoundError */
  taskConfigs(name: string): Promise<TaskInfo[]>;
  /** Restarts the connector instance only (not its tasks). @throws NotFoundError */
  restartConnector(name: string): Promise<void>;
  /**
   * Restarts the connector and/or its tasks as the request says, and resolves with the status taken when the
   * restart began, in which the instances being restarted show RESTARTING. @throws NotFoundError
   */
  restartConnectorAndTasks(request: RestartRequest): Promise<ConnectorStateInfo>;
  /** Restarts one task. @throws NotFoundError */
  restartTask(name: string, task: number): Promise<void>;
  /** Pauses a connector and its tasks (target state PAUSED). @throws NotFoundError */
  pauseConnector(name: string): Promise<void>;
  /** Resumes a paused or stopped connector (target state STARTED). @throws NotFoundError */
  resumeConnector(name: string): Promise<void>;
  /** Stops a connector and removes its tasks, keeping its config (target state STOPPED). @throws NotFoundError */
  stopConnector(name: string): Promise<void>;
  /** The topics a connector has used since it was created or its topics were last reset. @throws NotFoundError */
  connectorActiveTopics(name: string): Promise<string[]>;
  /** Forgets a connector's active topics. @throws NotFoundError */
  resetConnectorActiveTopics(name: string): Promise<void>;
  /** A connector's committed offsets. @throws NotFoundError */
  connectorOffsets(name: string): Promise<ConnectorOffsets>;
  /**
   * Changes a STOPPED connector's offsets; resolves with the message for the user (which says whether offsets kept
   * outside Kafka must be changed by hand).
   * @throws ConnectRestError 400 when the connector is not STOPPED or an offset is malformed.
   */
  alterConnectorOffsets(name: string, offsets: ConnectorOffsets): Promise<string>;
  /** Removes every offset of a STOPPED connector; resolves with the message for the user. */
  resetConnectorOffsets(name: string): Promise<string>;
  /** The installed plugins: connectors only, or every kind. */
  plugins(connectorsOnly: boolean): PluginInfo[];
  /** The config definitions of a plugin. @throws NotFoundError */
  pluginConfig(plugin: string): ConfigKeyInfo[];
  /** Validates a connector config as creating it would. */
  validateConnectorConfig(config: Readonly<Record<string, string>>): Promise<ConfigInfos>;
}

/** The target state a connector created with `initialState` starts in. */
export function targetStateOf(initial: InitialState | undefined): TargetState {
  return initial === "PAUSED" ? "PAUSED" : initial === "STOPPED" ? "STOPPED" : "STARTED";
}
