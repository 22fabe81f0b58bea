import { Config, type ConfigType, defineConfig } from "@tributary/api";

/**
 * Worker settings only `tributary standalone` reads, besides the shared worker keys and the Kafka worker's: where
 * source offsets go when they should live in Kafka rather than in `offset.storage.file.filename`. Kafka's standalone
 * worker always uses the file; Tributary's may use Kafka Connect's offsets topic instead, which exactly-once sources
 * need (their offsets are written in the same transaction as their records) and which Kafka Connect's own tools read.
 */
export const StandaloneWorkerConfig = defineConfig({
  "offset.storage.topic": Config.string({
    optional: true,
    importance: "MEDIUM",
    documentation:
      "The compacted topic to keep source offsets in, in Kafka Connect's offsets-topic format (such as `connect-offsets`). When set, `offset.storage.file.filename` is not used. Needed for `exactly.once.source.support=enabled`.",
  }),
  "offset.storage.partitions": Config.int({
    default: 25,
    minimum: 1,
    importance: "LOW",
    documentation: "The partitions of `offset.storage.topic` when the worker creates it.",
  }),
  "offset.storage.replication.factor": Config.int({
    default: 3,
    minimum: -1,
    importance: "LOW",
    documentation:
      "The replicas of `offset.storage.topic` when the worker creates it; -1 takes the broker's default. Use 1 for a single-broker development cluster.",
  }),
});

/** The parsed {@link StandaloneWorkerConfig} settings. */
export type StandaloneWorkerConfigValues = ConfigType<typeof StandaloneWorkerConfig>;
