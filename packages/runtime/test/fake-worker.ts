// An in-memory worker and admin client for herder and REST tests: no Kafka, no tasks, only the states a real worker
// reports, so that the herder's bookkeeping and the REST API's shapes and status codes can be checked quickly.
import type { TopicPartition } from "@tributary/api";
import type { HerderWorker, HerderWorkerListener } from "../src/herder/herder-worker.js";
import type { KafkaAdmin } from "../src/kafka/kafka-clients.js";
import type { TargetState } from "../src/worker/target-state.js";

interface FakeConnector {
  readonly props: Readonly<Record<string, string>>;
  readonly listener: HerderWorkerListener;
  target: TargetState;
}

/**
 * A {@link HerderWorker} that runs nothing: a connector reports the state of its target state at once (FAILED when
 * its config has `fail=true`), its task configs are `tasks.max` copies of `{task.index: i}` (or `taskCount` when
 * set), and tasks report RUNNING or PAUSED. `calls` records what the herder asked for, as readable strings.
 */
export class FakeWorker implements HerderWorker {
  readonly calls: string[] = [];
  readonly connectors = new Map<string, FakeConnector>();
  readonly tasks = new Map<string, Readonly<Record<string, string>>>();
  /** Overrides the number of task configs connectors return. */
  taskCount: number | undefined;
  started = false;
  stopped = false;

  async start(): Promise<void> {
    this.started = true;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const key of [...this.tasks.keys()]) {
      const [connector = "", id = "0"] = key.split("#");
      await this.stopTask(connector, Number(id));
    }
    for (const name of [...this.connectors.keys()]) await this.stopConnector(name);
  }

  async startConnector(
    name: string,
    props: Readonly<Record<string, string>>,
    listener: HerderWorkerListener,
    targetState: TargetState = "STARTED",
  ): Promise<void> {
    this.calls.push(`startConnector ${name} ${targetState}`);
    if (this.connectors.has(name)) throw new Error(`Connector ${name} is already running on this worker`);
    this.connectors.set(name, { props, listener, target: targetState });
    if (props.fail === "true") listener.onConnectorState(name, "FAILED", "Error: boom\n    at start");
    else listener.onConnectorState(name, stateOf(targetState));
  }

  async stopConnector(name: string): Promise<void> {
    const connector = this.connectors.get(name);
    if (connector === undefined) return;
    this.calls.push(`stopConnector ${name}`);
    this.connectors.delete(name);
    connector.listener.onConnectorState(name, "UNASSIGNED");
  }

  async taskConfigs(name: string): Promise<Record<string, string>[]> {
    const connector = this.connectors.get(name);
    if (connector === undefined) throw new Error(`Connector ${name} does not run on this worker.`);
    if (connector.target !== "STARTED" || connector.props.fail === "true") {
      throw new Error(`Connector ${name} is not running.`);
    }
    const count = this.taskCount ?? Number(connector.props["tasks.max"] ?? "1");
    return Array.from({ length: count }, (_, i) => ({ "task.index": String(i), secret: "s3cret" }));
  }

  async startTask(
    connector: string,
    id: number,
    props: Readonly<Record<string, string>>,
    options: { readonly targetState?: TargetState } = {},
  ): Promise<void> {
    this.calls.push(`startTask ${connector}-${id}`);
    const key = `${connector}#${id}`;
    if (this.tasks.has(key)) throw new Error(`Task ${connector}-${id} is already running on this worker`);
    this.tasks.set(key, props);
    const owner = this.connectors.get(connector);
    owner?.listener.onTaskState(connector, id, options.targetState === "PAUSED" ? "PAUSED" : "RUNNING");
  }

  async stopTask(connector: string, id: number): Promise<void> {
    const key = `${connector}#${id}`;
    if (!this.tasks.delete(key)) return;
    this.calls.push(`stopTask ${connector}-${id}`);
    this.connectors.get(connector)?.listener.onTaskState(connector, id, "UNASSIGNED");
  }

  async setTargetState(name: string, state: TargetState): Promise<void> {
    this.calls.push(`setTargetState ${name} ${state}`);
    const connector = this.connectors.get(name);
    if (connector === undefined) return;
    connector.target = state;
    connector.listener.onConnectorState(name, stateOf(state));
    for (const id of this.taskIds(name)) {
      if (state !== "STOPPED") connector.listener.onTaskState(name, id, stateOf(state));
    }
  }

  taskIds(connector: string): number[] {
    return [...this.tasks.keys()]
      .map((key) => key.split("#"))
      .filter(([name]) => name === connector)
      .map(([, id]) => Number(id))
      .sort((a, b) => a - b);
  }

  /** Makes a running task report FAILED, as a task whose poll threw would. */
  failTask(connector: string, id: number): void {
    this.connectors
      .get(connector)
      ?.listener.onTaskState(connector, id, "FAILED", "Error: task boom\n    at poll");
  }
}

function stateOf(target: TargetState): "RUNNING" | "PAUSED" | "STOPPED" {
  return target === "STARTED" ? "RUNNING" : target;
}

/** A {@link KafkaAdmin} holding consumer group offsets in memory; other calls do nothing. */
export class FakeAdmin implements KafkaAdmin {
  readonly groups = new Map<string, Map<TopicPartition, bigint>>();
  closed = false;

  async createTopics(): Promise<string[]> {
    return [];
  }
  async listTopics(): Promise<string[]> {
    return [];
  }
  async partitionCounts(): Promise<Map<string, number>> {
    return new Map();
  }
  async describeCluster() {
    return { clusterId: "fake-cluster-id", controllerId: 1, brokers: [] };
  }
  async topicOffsets() {
    return [];
  }
  async groupOffsets(groupId: string): Promise<Map<TopicPartition, bigint>> {
    return new Map(this.groups.get(groupId) ?? []);
  }
  async alterGroupOffsets(groupId: string, offsets: ReadonlyMap<TopicPartition, bigint>): Promise<void> {
    const group = this.groups.get(groupId) ?? new Map<TopicPartition, bigint>();
    for (const [tp, offset] of offsets) group.set(tp, offset);
    this.groups.set(groupId, group);
  }
  async deleteGroupOffsets(groupId: string, partitions: readonly TopicPartition[]): Promise<void> {
    for (const tp of partitions) this.groups.get(groupId)?.delete(tp);
  }
  async deleteGroups(groupIds: readonly string[]): Promise<void> {
    for (const id of groupIds) this.groups.delete(id);
  }
  async deleteTopics(): Promise<void> {}
  async close(): Promise<void> {
    this.closed = true;
  }
}
