import {
  BackingStoreOffsetStorageReader,
  type Connector,
  type ConnectorContext,
  IllegalWorkerStateError,
  type OffsetBackingStore,
  type SourceConnectorContext,
} from "@tributary/api";
import type { ConnectorConfig } from "../config/connector-config.js";
import { type TaskState, traceOf } from "../engine/task-state.js";
import type { Logger } from "../logging/logger.js";
import type { TargetState } from "./target-state.js";
import type { WorkerStatusListener } from "./worker-status-listener.js";

/** What a {@link WorkerConnector} is created with. */
export interface WorkerConnectorInit {
  /** The parsed connector config (config providers resolved). */
  readonly config: ConnectorConfig;
  /** The resolved properties handed to the connector's `start()`. */
  readonly props: Readonly<Record<string, string>>;
  /** The worker's offset store, read by a source connector's offset reader. */
  readonly offsetStore: OffsetBackingStore;
  readonly listener: WorkerStatusListener;
  readonly logger: Logger;
}

/**
 * One connector instance on a worker (Kafka Connect's `WorkerConnector`): created through the plugin registry,
 * initialized with a context, and moved between target states. `STARTED` calls `start(props)`; `PAUSED` and
 * `STOPPED` call `stop()` (a paused connector is not running either; its tasks are paused separately) and report
 * PAUSED or STOPPED. `raiseError` from the connector, or a throw from `start()`, reports FAILED with the stack trace
 * and stops the instance.
 *
 * Calls are applied one after another, so a target-state change, a `taskConfigs()` call and a failure never
 * overlap in the connector.
 */
export class WorkerConnector {
  /** The connector's name. */
  readonly name: string;
  /** The parsed connector config. */
  readonly config: ConnectorConfig;
  readonly #props: Readonly<Record<string, string>>;
  readonly #connector: Connector;
  readonly #listener: WorkerStatusListener;
  readonly #logger: Logger;
  #state: TaskState = "UNASSIGNED";
  #trace: string | undefined;
  /** Whether `start()` has been called without a matching `stop()`. */
  #started = false;
  #shutdown = false;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(init: WorkerConnectorInit) {
    this.config = init.config;
    this.name = init.config.name;
    this.#props = init.props;
    this.#listener = init.listener;
    this.#logger = init.logger;
    this.#connector = init.config.connector.create();
    const context: ConnectorContext = {
      requestTaskReconfiguration: () => {
        if (!this.#started || this.#shutdown) return;
        this.#notify(() => this.#listener.onTaskReconfigurationRequested(this.name));
      },
      raiseError: (error: Error) => {
        void this.#enqueue(() => this.#failed(error));
      },
    };
    if (init.config.type === "source") {
      const reader = new BackingStoreOffsetStorageReader(init.offsetStore, this.name);
      const sourceContext: SourceConnectorContext = { ...context, offsetStorageReader: () => reader };
      this.#connector.initialize(sourceContext);
    } else {
      this.#connector.initialize(context);
    }
  }

  /** The connector's reported state. */
  get state(): TaskState {
    return this.#state;
  }

  /** The stack trace of the failure, when FAILED. */
  get trace(): string | undefined {
    return this.#trace;
  }

  /** Whether the connector instance is running (started, not failed). */
  get running(): boolean {
    return this.#started && this.#state === "RUNNING";
  }

  /** The connector instance, for the questions a worker may ask before or without starting it. */
  get instance(): Connector {
    return this.#connector;
  }

  /**
   * Moves the connector to `target`: starts it, or stops it and reports PAUSED or STOPPED. A FAILED connector stays
   * FAILED until it is restarted (stopped and created anew). A failing `start()` is reported, not thrown.
   */
  transitionTo(target: TargetState): Promise<void> {
    return this.#enqueue(async () => {
      if (this.#shutdown || this.#state === "FAILED") return;
      if (target === "STARTED") {
        if (this.#started) return;
        try {
          this.#started = true;
          await this.#connector.start(this.#props);
        } catch (error) {
          await this.#failed(error);
          return;
        }
        this.#setState("RUNNING");
      } else {
        await this.#stopInstance();
        this.#setState(target === "PAUSED" ? "PAUSED" : "STOPPED");
      }
    });
  }

  /**
   * The connector's task configurations for at most `tasks.max` tasks; sinks get `topics` / `topics.regex` added,
   * as Kafka's worker does.
   * @throws IllegalWorkerStateError when the connector is not running, or returned more configs than `tasks.max`.
   */
  taskConfigs(): Promise<Record<string, string>[]> {
    return this.#enqueue(async () => {
      if (!this.running) {
        throw new IllegalWorkerStateError(
          `Connector ${this.name} is ${this.#state}, not RUNNING, so it cannot give task configurations; resume or restart it first.`,
        );
      }
      const max = this.config.tasksMax;
      const configs = await this.#connector.taskConfigs(max);
      if (configs.length > max) {
        throw new IllegalWorkerStateError(
          `Connector ${this.name} returned ${configs.length} task configurations, more than tasks.max=${max}; this is a bug in the connector.`,
        );
      }
      return configs.map((config) => {
        const copy: Record<string, string> = { ...config };
        if (this.config.type === "sink") {
          for (const key of ["topics", "topics.regex"]) {
            const value = this.#props[key];
            if (value !== undefined) copy[key] = value;
          }
        }
        return copy;
      });
    });
  }

  /** Stops the connector for good and reports UNASSIGNED (unless it FAILED); later calls do nothing. */
  shutdown(): Promise<void> {
    return this.#enqueue(async () => {
      if (this.#shutdown) return;
      this.#shutdown = true;
      await this.#stopInstance();
      if (this.#state !== "FAILED") this.#setState("UNASSIGNED");
    });
  }

  async #failed(error: unknown): Promise<void> {
    if (this.#shutdown) return;
    this.#trace = traceOf(error);
    this.#logger.error({ err: error, connector: this.name }, "Connector failed");
    this.#setState("FAILED");
    await this.#stopInstance();
  }

  async #stopInstance(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    try {
      await this.#connector.stop();
    } catch (error) {
      this.#logger.warn({ err: error, connector: this.name }, "Connector stop() failed");
    }
  }

  #setState(state: TaskState): void {
    this.#state = state;
    if (state !== "FAILED") this.#trace = undefined;
    const trace = this.#trace;
    this.#notify(() => this.#listener.onConnectorState(this.name, state, trace));
  }

  #notify(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.#logger.warn({ err: error, connector: this.name }, "A status listener failed");
    }
  }

  #enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(operation);
    this.#queue = result.catch(() => {});
    return result;
  }
}
