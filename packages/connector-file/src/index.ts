/**
 * File source and sink connectors for Tributary, compatible with Kafka's FileStreamSource and FileStreamSink.
 *
 * @packageDocumentation
 * @module @tributary/connector-file
 */

export { tributaryPlugins } from "./plugins.js";
export {
  FileStreamSinkConfig,
  type FileStreamSinkConfigValues,
} from "./sink/file-stream-sink-config.js";
export { FileStreamSinkConnector } from "./sink/file-stream-sink-connector.js";
export { FileStreamSinkTask } from "./sink/file-stream-sink-task.js";
export {
  FileStreamSourceConfig,
  type FileStreamSourceConfigValues,
} from "./source/file-stream-source-config.js";
export { FileStreamSourceConnector } from "./source/file-stream-source-connector.js";
export { FileStreamSourceTask } from "./source/file-stream-source-task.js";
export { VERSION } from "./version.js";
