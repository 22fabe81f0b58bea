import { Connector } from "../connector/connector.js";
import type { ConnectorTransactionBoundaries } from "../connector/connector-transaction-boundaries.js";
import type { ExactlyOnceSupport } from "../connector/exactly-once-support.js";
import type { TaskClass } from "../connector/task.js";
import type { SourceOffset, SourcePartition } from "../storage/source-offset.js";
import type { SourceConnectorContext } from "./source-connector-context.js";
import type { SourceTask } from "./source-task.js";

/**
 * A connector that reads from another system into Kafka; its tasks are {@link SourceTask}s.
 *
 * Besides the lifecycle of {@link Connector}, the worker may ask three questions, each before `start()` and on an
 * instance that may never be started, so the answers must come from the properties alone:
 * {@link SourceConnector.exactlyOnceSupport}, {@link SourceConnector.canDefineTransactionBoundaries} and
 * {@link SourceConnector.alterOffsets}.
 *
 * @example
 * ```ts
 * export class LinesSourceConnector extends SourceConnector {
 *   #props: Readonly<Record<string, string>> = {};
 *   version() { return "1.0.0"; }
 *   config() { return LinesConfig; }
 *   start(props: Readonly<Record<string, string>>) { this.#props = props; }
 *   taskClass() { return LinesSourceTask; }
 *   taskConfigs() { return [{ ...this.#props }]; } // one file, one task
 *   stop() {}
 * }
 * ```
 */
export abstract class SourceConnector extends Connector {
  /** Gives the connector its context, which for a source connector can also read stored offsets. */
  override initialize(context: SourceConnectorContext): void {
    super.initialize(context);
  }

  /**
   * The context given to {@link SourceConnector.initialize}.
   * @throws IllegalWorkerStateError when read before `initialize()`.
   */
  protected override get context(): SourceConnectorContext {
    return super.context as SourceConnectorContext;
  }

  /** The class of this connector's tasks. */
  abstract override taskClass(): TaskClass<SourceTask>;

  /**
   * Whether the connector can deliver each record exactly once with the configuration `props`. Asked only when the
   * worker has exactly-once source support enabled, before `start()`. The default, `null`, counts as
   * `UNSUPPORTED`; connectors are encouraged to answer explicitly.
   */
  exactlyOnceSupport(
    _props: Readonly<Record<string, string>>,
  ): ExactlyOnceSupport | null | Promise<ExactlyOnceSupport | null> {
    return null;
  }

  /**
   * Whether the connector's tasks can define their own transaction boundaries with the configuration `props`, through
   * {@link @tributary/api!TransactionContext}. Asked only when exactly-once support is enabled and `props` set
   * `transaction.boundary=connector`, before `start()`. The default is `UNSUPPORTED`.
   */
  canDefineTransactionBoundaries(
    _props: Readonly<Record<string, string>>,
  ): ConnectorTransactionBoundaries | Promise<ConnectorTransactionBoundaries> {
    return "UNSUPPORTED";
  }

  /**
   * Accepts or refuses a user's request (through the REST API, while the connector is stopped) to change or reset
   * stored offsets; the worker writes the offsets itself once this resolves `true`, and tasks then see them through
   * their {@link OffsetStorageReader}.
   *
   * `offsets` maps each source partition to its new offset, or to `null` for a reset; it may be empty, never
   * absent. Its keys are the parsed request objects, so iterate it rather than look partitions up. Connectors that
   * keep offsets in the other system too should apply the change there; others may just check the format.
   * It may be called more than once with the same offsets (a user retrying), so it must be idempotent, and it may
   * be called on an instance that was never started.
   *
   * @returns `true` when the connector accepts the change. The default returns `false`, meaning "not implemented":
   * the worker still changes the offsets it stores, and tells the user that offsets kept outside it, if any, must
   * be changed by hand.
   * @throws ConnectError when the offsets are not acceptable, naming what is wrong; the change is then refused.
   */
  alterOffsets(
    _props: Readonly<Record<string, string>>,
    _offsets: ReadonlyMap<SourcePartition, SourceOffset | null>,
  ): boolean | Promise<boolean> {
    return false;
  }
}
