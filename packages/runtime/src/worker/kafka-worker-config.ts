import { Config, type ConfigType, defineConfig } from "@tributary/api";

/**
 * Worker settings the Kafka worker reads besides the shared {@link WorkerConfigDefinition} keys: the cluster's
 * `group.id` (which names exactly-once transactional ids), exactly-once source support, and the automatic restart of
 * failed tasks, which Kafka Connect lacks.
 *
 * Automatic restart: with `task.restart.automatic.enable=true`, a task that fails is started again with the same
 * configuration after `task.restart.backoff.initial.ms`, doubling after each failure up to
 * `task.restart.backoff.max.ms`; a task that then runs for `task.restart.backoff.max.ms` without failing starts over
 * from the initial backoff. The task shows FAILED, with its stack trace, while it waits.
 *
 * Parse it from the worker's originals: `KafkaWorkerConfig.parse(worker.originals)`.
 */
export const KafkaWorkerConfig = defineConfig({
  "group.id": Config.string({
    default: "connect-cluster",
    nonEmpty: true,
    importance: "HIGH",
    documentation:
      "The Connect cluster this worker belongs to. Exactly-once source tasks use it in their transactional ids (`<group.id>-<connector>-<task>`), so two clusters writing to one Kafka cluster need different group ids.",
  }),
  "exactly.once.source.support": Config.enum(["disabled", "preparing", "enabled"], {
    default: "disabled",
    caseInsensitive: true,
    importance: "HIGH",
    documentation:
      "Whether source tasks write their records and offsets in Kafka transactions, so each record lands exactly once (KIP-618). `enabled` does so for every source connector (and requires the offsets to be kept in a Kafka topic); `disabled` and `preparing` do not.",
  }),
  "task.restart.automatic.enable": Config.boolean({
    default: false,
    importance: "MEDIUM",
    documentation:
      "Whether a failed task is restarted automatically, after an exponential backoff; off by default, as in Kafka Connect, where a failed task waits for a restart through the REST API.",
  }),
  "task.restart.backoff.initial.ms": Config.long({
    default: 1000,
    minimum: 0,
    importance: "LOW",
    documentation:
      "With automatic restarts, how long, in milliseconds, to wait before restarting a task after its first failure; the wait doubles after each further failure.",
  }),
  "task.restart.backoff.max.ms": Config.long({
    default: 300_000,
    minimum: 0,
    importance: "LOW",
    documentation:
      "With automatic restarts, the longest wait, in milliseconds, before restarting a failed task; a task that runs this long without failing starts again from the initial wait.",
  }),
});

/** The parsed {@link KafkaWorkerConfig} settings. */
export type KafkaWorkerConfigValues = ConfigType<typeof KafkaWorkerConfig>;
