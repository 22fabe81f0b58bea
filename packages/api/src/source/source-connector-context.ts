import type { ConnectorContext } from "../connector/connector-context.js";
import type { OffsetStorageReader } from "../storage/offset-storage-reader.js";

/**
 * What a {@link SourceConnector} may ask of the worker: a {@link ConnectorContext} that can also read the offsets
 * its tasks stored, for example to assign only unfinished files to tasks in `taskConfigs()`.
 *
 * Its methods may be called at any time from `initialize()` until `stop()` returns.
 */
export interface SourceConnectorContext extends ConnectorContext {
  /** Reads the offsets stored for this connector's source partitions, as flushed by its tasks. */
  offsetStorageReader(): OffsetStorageReader;
}
