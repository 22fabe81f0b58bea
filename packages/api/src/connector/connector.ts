import type { ConfigDef, ConfigValidation } from "../config/index.js";
import { IllegalWorkerStateError } from "../errors/connect-error.js";
import type { Versioned } from "../plugin/versioned.js";
import type { ConnectorContext } from "./connector-context.js";
import type { Task, TaskClass } from "./task.js";

/**
 * The entry point of a plugin that moves data between Kafka and another system: it splits the work into task
 * configurations and watches the other system for changes that need a new split. Extend {@link SourceConnector} or
 * {@link SinkConnector}, not this class.
 *
 * Lifecycle, as the worker drives it:
 * 1. `new` with no arguments.
 * 2. {@link Connector.initialize} once, then {@link Connector.start} with the connector's configuration.
 * 3. {@link Connector.taskConfigs}, and again whenever the connector calls
 *    {@link ConnectorContext.requestTaskReconfiguration}; {@link Connector.reconfigure} when its configuration
 *    changes.
 * 4. {@link Connector.stop}, also after `start()` failed; the worker does not use the instance afterwards.
 *
 * The worker awaits each of these calls before making the next, so they never overlap. `version()`, `config()` and
 * `validate()` are different: they may be called at any time, also on an instance that is never started and is
 * kept only to check configurations for the REST API, and several `validate()` calls may be in flight at once, so
 * they must not depend on or change instance state.
 *
 * The connector's own callbacks and timers run between these calls; they may use the context at any time until
 * `stop()` returns. Tasks run separately, in this or other worker processes, so a connector shares no memory with
 * its tasks: everything a task needs goes into its configuration.
 */
export abstract class Connector implements Versioned {
  #context: ConnectorContext | undefined;

  /** The connector's version, reported by `GET /connector-plugins`; it must not depend on configuration. */
  abstract version(): string;

  /**
   * Gives the connector its context. The worker calls it once, before `start()`; override it only to keep a
   * narrower context, and call `super.initialize(context)`.
   */
  initialize(context: ConnectorContext): void {
    this.#context = context;
  }

  /**
   * The context given to {@link Connector.initialize}.
   * @throws IllegalWorkerStateError when read before `initialize()`.
   */
  protected get context(): ConnectorContext {
    if (this.#context === undefined) {
      throw new IllegalWorkerStateError(
        `${this.constructor.name} has no context yet: the worker calls initialize() before start(); do not read the context in the constructor.`,
      );
    }
    return this.#context;
  }

  /**
   * Starts the connector with its configuration: parse it (with `config().parse(props)`), connect to the other
   * system if the split of work depends on it, and start any monitoring. Called on a fresh or stopped instance only;
   * when it throws, the connector is marked FAILED.
   */
  abstract start(props: Readonly<Record<string, string>>): void | Promise<void>;

  /**
   * Applies a new configuration to a running connector. The default stops and starts it; override it to keep
   * connections open across the change.
   */
  reconfigure(props: Readonly<Record<string, string>>): void | Promise<void> {
    return this.#restart(props);
  }

  /** The class of this connector's tasks; the worker creates them with `new` and no arguments. */
  abstract taskClass(): TaskClass<Task>;

  /**
   * Splits the work into at most `maxTasks` task configurations, one per task to run (fewer when there is less
   * work to share). Each map is handed to one task's `start()`; include everything the task needs, as tasks share
   * no memory with the connector. Called after `start()` resolved.
   */
  abstract taskConfigs(
    maxTasks: number,
  ): Readonly<Record<string, string>>[] | Promise<Readonly<Record<string, string>>[]>;

  /**
   * Stops the connector and its monitoring and releases what `start()` opened. Called once per `start()`, also when
   * `start()` failed; its tasks are stopped separately.
   */
  abstract stop(): void | Promise<void>;

  /**
   * The definition of the connector's configuration keys, from {@link @tributary/api!defineConfig}; it documents them in the REST
   * API and validates and parses them. It may be called at any time, on an instance that was never started.
   */
  abstract config(): ConfigDef<unknown>;

  /**
   * Checks a proposed configuration without starting the connector and returns one result per key, with the errors
   * found; the worker combines it with its own checks into the REST API's answer ({@link @tributary/api!toConfigInfos}). The default
   * validates `props` against {@link Connector.config}; override it to add checks across keys or against the other
   * system (adding errors to the default's result with {@link @tributary/api!addConfigError}), which is why it may be async. It
   * must not throw for bad values: bad values are results, not exceptions.
   */
  validate(props: Readonly<Record<string, string>>): ConfigValidation | Promise<ConfigValidation> {
    return this.config().validate(props);
  }

  async #restart(props: Readonly<Record<string, string>>): Promise<void> {
    await this.stop();
    await this.start(props);
  }
}
