import type { TaskState } from "../../engine/task-state.js";

/**
 * The state of a connector instance as a worker reported it (the value of Kafka's `status-connector-<name>`
 * record: `{state, trace, worker_id, generation}`).
 */
export interface ConnectorStatusRecord {
  readonly connector: string;
  readonly state: TaskState;
  /** The stack trace of the error that failed it; only for FAILED. */
  readonly trace?: string;
  /** The worker that runs it: its REST `host:port`. */
  readonly workerId: string;
  /** The group generation the worker had when it reported; 0 for a standalone worker. */
  readonly generation: number;
}

/** The state of one task as a worker reported it (Kafka's `status-task-<name>-<n>` record). */
export interface TaskStatusRecord extends ConnectorStatusRecord {
  readonly task: number;
}

/**
 * Where a worker keeps the states of connectors and tasks, and the topics each connector used (Kafka Connect's
 * `StatusBackingStore`). A standalone worker keeps them in memory ({@link MemoryStatusStore}); a distributed worker
 * will keep them in Kafka's status topic, where every worker reports its own, behind this same contract.
 *
 * Lifecycle: `start()` once before any other call, `stop()` at the end. Reads are synchronous, from what the store
 * holds now (a Kafka store's cache of its topic); writes are applied in call order. A record is replaced only by a
 * record of the same or a newer generation, so a slow report of a worker that lost its work cannot hide the state
 * reported by its successor.
 */
export interface StatusStore {
  /** Opens the store (a Kafka store reads its topic to the end). */
  start(): Promise<void>;
  /** Closes the store. Calling it twice does nothing. */
  stop(): Promise<void>;
  /** Records a connector's state. */
  putConnector(status: ConnectorStatusRecord): Promise<void>;
  /** Records a task's state. */
  putTask(status: TaskStatusRecord): Promise<void>;
  /** A connector's last recorded state, or `undefined` when none. */
  connector(name: string): ConnectorStatusRecord | undefined;
  /** A task's last recorded state, or `undefined` when none. */
  task(connector: string, task: number): TaskStatusRecord | undefined;
  /** Every recorded task state of a connector, by task number. */
  tasks(connector: string): TaskStatusRecord[];
  /** The names of every connector with a recorded state, sorted. */
  connectors(): string[];
  /** Forgets one task's state (its task no longer exists). */
  deleteTask(connector: string, task: number): Promise<void>;
  /** Forgets a connector's state, its tasks' and its active topics (the connector was deleted). */
  deleteConnector(connector: string): Promise<void>;
  /** Records that a connector used a topic (produced to it or consumed from it). Recording it again does nothing. */
  putTopic(connector: string, topic: string): Promise<void>;
  /** The topics a connector used since it was created or they were last reset, sorted. */
  topics(connector: string): string[];
  /** Forgets a connector's topics (`PUT /connectors/{name}/topics/reset`). */
  deleteTopics(connector: string): Promise<void>;
}
