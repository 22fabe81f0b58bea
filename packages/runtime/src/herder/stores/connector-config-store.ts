import type { TargetState } from "../../worker/target-state.js";

export type { TargetState };

/** A connector's or task's config: the text of every key, unresolved (config provider references intact). */
export type ConnectorProps = Readonly<Record<string, string>>;

/**
 * A consistent, immutable view of a {@link ConnectorConfigStore} at one moment (Kafka Connect's
 * `ClusterConfigState`): later writes to the store do not change it.
 */
export interface ConnectorConfigSnapshot {
  /** The names of every connector, sorted. */
  readonly connectors: readonly string[];
  /** True when a connector of that name exists. */
  contains(name: string): boolean;
  /** A connector's config, or `undefined` when it does not exist. */
  connectorConfig(name: string): ConnectorProps | undefined;
  /** A connector's task configs by task number; empty when it has none (or does not exist). */
  taskConfigs(name: string): readonly ConnectorProps[];
  /** A connector's target state, or `undefined` when it does not exist. */
  targetState(name: string): TargetState | undefined;
}

/** What a {@link ConnectorConfigStore} tells about writes, its own and (for a shared store) other workers'. */
export interface ConnectorConfigStoreListener {
  /** A connector was created or its config replaced. */
  onConnectorConfigUpdate(name: string): void;
  /** A connector was removed, with its task configs and target state. */
  onConnectorConfigRemove(name: string): void;
  /** A connector's task configs were replaced. */
  onTaskConfigUpdate(name: string): void;
  /** A connector's target state changed. */
  onTargetStateChange(name: string): void;
}

/**
 * Where a worker keeps connector configs, task configs and target states (Kafka Connect's `ConfigBackingStore`). A
 * standalone worker keeps them in memory ({@link MemoryConnectorConfigStore}); a distributed worker will keep them in
 * Kafka's config topic (`connector-<name>`, `task-<name>-<n>`, `commit-<name>`, `target-state-<name>`), shared with
 * the other workers of its group, behind this same contract.
 *
 * Lifecycle: `start()` once before any other call, `stop()` at the end. Writes resolve once they are durable (for
 * a durable store) and visible in {@link ConnectorConfigStore.snapshot}; the listener is told about each write after
 * that. Writes may be called concurrently and are applied in call order.
 */
export interface ConnectorConfigStore {
  /** Opens the store (a Kafka store reads its topic to the end). */
  start(): Promise<void>;
  /** Closes the store. Calling it twice does nothing. */
  stop(): Promise<void>;
  /** The state now, which later writes leave unchanged. */
  snapshot(): ConnectorConfigSnapshot;
  /**
   * Creates a connector or replaces its config. A new connector gets `targetState` (default STARTED) and no task
   * configs; an existing one keeps its target state unless `targetState` is given, and its task configs.
   */
  putConnectorConfig(name: string, config: ConnectorProps, targetState?: TargetState): Promise<void>;
  /** Removes a connector, its task configs and its target state; nothing happens when it does not exist. */
  removeConnectorConfig(name: string): Promise<void>;
  /**
   * Replaces all of a connector's task configs at once (an empty list removes them).
   * @throws NotFoundError when the connector does not exist.
   */
  putTaskConfigs(name: string, configs: readonly ConnectorProps[]): Promise<void>;
  /**
   * Sets a connector's target state.
   * @throws NotFoundError when the connector does not exist.
   */
  putTargetState(name: string, state: TargetState): Promise<void>;
  /** Sets the one listener told about writes; replaces any earlier one. */
  setListener(listener: ConnectorConfigStoreListener): void;
}
