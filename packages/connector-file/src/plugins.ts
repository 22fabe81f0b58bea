import type { PluginDescriptor } from "@tributary/api";
import { FileStreamSinkConnector } from "./sink/file-stream-sink-connector.js";
import { FileStreamSourceConnector } from "./source/file-stream-source-connector.js";
import { VERSION } from "./version.js";

/**
 * The plugins of `@tributary/connector-file`, found by a worker under their full names, their simple names
 * (`FileStreamSourceConnector`), their short aliases (`FileStreamSource`) and Kafka's Java class names, so a Kafka
 * Connect configuration naming them works unchanged.
 */
export const tributaryPlugins: readonly PluginDescriptor[] = Object.freeze([
  {
    type: "source",
    className: "@tributary/connector-file/FileStreamSourceConnector",
    aliases: ["org.apache.kafka.connect.file.FileStreamSourceConnector"],
    version: VERSION,
    create: () => new FileStreamSourceConnector(),
  },
  {
    type: "sink",
    className: "@tributary/connector-file/FileStreamSinkConnector",
    aliases: ["org.apache.kafka.connect.file.FileStreamSinkConnector"],
    version: VERSION,
    create: () => new FileStreamSinkConnector(),
  },
]);
