import { Config, type ConfigType, defineConfig } from "@tributary/api";

/**
 * The configuration of {@link FileStreamSourceConnector} and its task: Kafka's `file`, `topic` and `batch.size`,
 * plus `poll.idle.ms`, how long a poll waits when there is no new data (Kafka waits one second, fixed).
 *
 * @example
 * ```ts
 * const config = FileStreamSourceConfig.parse({ file: "/var/log/app.log", topic: "app-log" });
 * config["batch.size"]; // 2000
 * ```
 */
export const FileStreamSourceConfig = defineConfig({
  file: Config.string({
    optional: true,
    importance: "HIGH",
    documentation:
      "Source filename. If not specified, the standard input will be used. Lines are read from the byte position " +
      "stored for this file, or from its start.",
  }),
  topic: Config.string({
    nonEmpty: true,
    importance: "HIGH",
    documentation: "The topic to publish data to",
  }),
  "batch.size": Config.int({
    default: 2000,
    minimum: 1,
    importance: "LOW",
    documentation:
      "The maximum number of records the source task can read from the file each time it is polled",
  }),
  "poll.idle.ms": Config.int({
    default: 1000,
    minimum: 0,
    importance: "LOW",
    documentation:
      "How long, in milliseconds, a poll waits when the file has no new complete line (or does not exist yet) " +
      "before it returns nothing. Stopping the task ends the wait at once.",
  }),
});

/** The parsed configuration of a file source. */
export type FileStreamSourceConfigValues = ConfigType<typeof FileStreamSourceConfig>;
