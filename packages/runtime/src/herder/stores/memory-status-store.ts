import { IllegalWorkerStateError } from "@tributary/api";
import type { ConnectorStatusRecord, StatusStore, TaskStatusRecord } from "./status-store.js";

/**
 * A {@link StatusStore} in memory, for a standalone worker, whose statuses only matter while it runs. Records are
 * frozen copies, so callers cannot change what the store holds.
 */
export class MemoryStatusStore implements StatusStore {
  readonly #connectors = new Map<string, ConnectorStatusRecord>();
  readonly #tasks = new Map<string, Map<number, TaskStatusRecord>>();
  readonly #topics = new Map<string, Set<string>>();
  #started = false;

  async start(): Promise<void> {
    this.#started = true;
  }

  async stop(): Promise<void> {
    this.#started = false;
  }

  async putConnector(status: ConnectorStatusRecord): Promise<void> {
    this.#requireStarted();
    const current = this.#connectors.get(status.connector);
    if (current !== undefined && current.generation > status.generation) return;
    this.#connectors.set(status.connector, Object.freeze({ ...status }));
  }

  async putTask(status: TaskStatusRecord): Promise<void> {
    this.#requireStarted();
    let tasks = this.#tasks.get(status.connector);
    if (tasks === undefined) {
      tasks = new Map();
      this.#tasks.set(status.connector, tasks);
    }
    const current = tasks.get(status.task);
    if (current !== undefined && current.generation > status.generation) return;
    tasks.set(status.task, Object.freeze({ ...status }));
  }

  connector(name: string): ConnectorStatusRecord | undefined {
    return this.#connectors.get(name);
  }

  task(connector: string, task: number): TaskStatusRecord | undefined {
    return this.#tasks.get(connector)?.get(task);
  }

  tasks(connector: string): TaskStatusRecord[] {
    return [...(this.#tasks.get(connector)?.values() ?? [])].sort((a, b) => a.task - b.task);
  }

  connectors(): string[] {
    return [...this.#connectors.keys()].sort();
  }

  async deleteTask(connector: string, task: number): Promise<void> {
    this.#requireStarted();
    this.#tasks.get(connector)?.delete(task);
  }

  async deleteConnector(connector: string): Promise<void> {
    this.#requireStarted();
    this.#connectors.delete(connector);
    this.#tasks.delete(connector);
    this.#topics.delete(connector);
  }

  async putTopic(connector: string, topic: string): Promise<void> {
    this.#requireStarted();
    let topics = this.#topics.get(connector);
    if (topics === undefined) {
      topics = new Set();
      this.#topics.set(connector, topics);
    }
    topics.add(topic);
  }

  topics(connector: string): string[] {
    return [...(this.#topics.get(connector) ?? [])].sort();
  }

  async deleteTopics(connector: string): Promise<void> {
    this.#requireStarted();
    this.#topics.delete(connector);
  }

  #requireStarted(): void {
    if (!this.#started) {
      throw new IllegalWorkerStateError(
        "Cannot write a status: the status store is not started; call start() first.",
      );
    }
  }
}
