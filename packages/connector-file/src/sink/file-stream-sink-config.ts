import { Config, type ConfigType, defineConfig } from "@tributary/api";

/**
 * The configuration of {@link FileStreamSinkConnector} and its task: Kafka's `file`. The topics to read come from
 * the worker's common sink keys, `topics` or `topics.regex`.
 *
 * @example
 * ```ts
 * FileStreamSinkConfig.parse({ file: "/tmp/out.txt", topics: "lines" }).file; // "/tmp/out.txt"
 * ```
 */
export const FileStreamSinkConfig = defineConfig({
  file: Config.string({
    optional: true,
    importance: "HIGH",
    documentation: "Destination filename. If not specified, the standard output will be used",
  }),
});

/** The parsed configuration of a file sink. */
export type FileStreamSinkConfigValues = ConfigType<typeof FileStreamSinkConfig>;
