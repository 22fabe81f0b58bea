import type { ConnectorConfig } from "../config/connector-config.js";
import type { WorkerConfig } from "../config/worker-config.js";
import type { KafkaClients } from "../kafka/kafka-clients.js";
import type { MetricsRegistry } from "../metrics/metrics-registry.js";
import type { PluginRegistry } from "../plugin/plugin-registry.js";
import type { WorkerTask, WorkerTaskInit } from "./worker-task.js";

/** Everything a sink task runner is built from by the {@link Worker}. */
export interface SinkTaskInit extends WorkerTaskInit {
  /** The task's properties, config providers resolved. */
  readonly props: Readonly<Record<string, string>>;
  /** The connector's parsed config (converters, transformations, `errors.*`, topics). */
  readonly connectorConfig: ConnectorConfig;
  readonly worker: WorkerConfig;
  readonly registry: PluginRegistry;
  readonly clients: KafkaClients;
  readonly metrics: MetricsRegistry;
}

/** Builds the {@link WorkerTask} that runs one sink task; the worker then calls its `run()`. */
export type SinkTaskFactory = (init: SinkTaskInit) => WorkerTask | Promise<WorkerTask>;
