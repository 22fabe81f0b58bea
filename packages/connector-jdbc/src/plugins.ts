import type { PluginDescriptor } from "@tributary/api";
import { JdbcSinkConnector } from "./sink/jdbc-sink-connector.js";
import { JdbcSourceConnector } from "./source/jdbc-source-connector.js";
import { VERSION } from "./version.js";

/**
 * The plugins of `@tributary/connector-jdbc`, found by a worker under their full names, their simple names
 * (`JdbcSinkConnector`) and Confluent's Java class names, so a Kafka Connect configuration naming them works
 * unchanged.
 */
export const tributaryPlugins: readonly PluginDescriptor[] = Object.freeze([
  {
    type: "source",
    className: "@tributary/connector-jdbc/JdbcSourceConnector",
    aliases: ["io.confluent.connect.jdbc.JdbcSourceConnector"],
    version: VERSION,
    create: () => new JdbcSourceConnector(),
  },
  {
    type: "sink",
    className: "@tributary/connector-jdbc/JdbcSinkConnector",
    aliases: ["io.confluent.connect.jdbc.JdbcSinkConnector"],
    version: VERSION,
    create: () => new JdbcSinkConnector(),
  },
]);
