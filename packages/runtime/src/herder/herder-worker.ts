import type { TargetState } from "../worker/target-state.js";
import type { Worker } from "../worker/worker.js";
import type { WorkerStatusListener } from "../worker/worker-status-listener.js";

/**
 * What a herder hears from its worker: the worker's {@link WorkerStatusListener}, and the topics connectors use when
 * the worker reports them.
 */
export interface HerderWorkerListener extends WorkerStatusListener {
  /** A connector's task produced to or consumed from `topic` for the first time since it started. */
  onTopicActive?(connector: string, topic: string): void;
}

/**
 * The part of the {@link Worker} a herder drives: it starts and stops connectors and tasks of this process and moves
 * them between target states; the herder decides what runs. Tests drive a herder with an in-memory fake of it.
 *
 * Calls for one connector come one at a time (the herder serialises them). Properties are given unresolved (config
 * provider references intact); the worker resolves them.
 */
export interface HerderWorker {
  /** Starts the worker (and its offset store). */
  start(): Promise<void>;
  /** Stops every task and connector within the shutdown timeout, then the offset store and the Kafka clients. */
  stop(): Promise<void>;
  /**
   * Creates a connector and moves it to `targetState`; a connector that cannot start is reported FAILED through the
   * listener, not thrown.
   */
  startConnector(
    name: string,
    props: Readonly<Record<string, string>>,
    listener: HerderWorkerListener,
    targetState?: TargetState,
  ): Promise<void>;
  /** Stops a connector running here; unknown names do nothing. */
  stopConnector(name: string): Promise<void>;
  /**
   * Asks a running connector for its task configs.
   * @throws IllegalWorkerStateError when it is not RUNNING; NotFoundError when it does not run here.
   */
  taskConfigs(name: string): Promise<Record<string, string>[]>;
  /** Starts a task of a connector running here; a task that cannot start is reported FAILED, not thrown. */
  startTask(
    connector: string,
    id: number,
    props: Readonly<Record<string, string>>,
    options?: { readonly targetState?: TargetState },
  ): Promise<void>;
  /** Stops a task (gracefully, within the timeout); unknown tasks do nothing. */
  stopTask(connector: string, id: number): Promise<void>;
  /** Moves a connector and its tasks to `state`. */
  setTargetState(name: string, state: TargetState): Promise<void>;
  /** The ids of the tasks of `connector` running here, in order. */
  taskIds(connector: string): number[];
}
