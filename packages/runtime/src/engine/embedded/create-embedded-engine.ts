import {
  Config,
  defineConfig,
  FileOffsetBackingStore,
  MemoryOffsetBackingStore,
  type OffsetBackingStore,
  type SinkConnector,
  type SourceConnector,
} from "@tributary/api";
import { compileJavaRegex } from "@tributary/transforms";
import { ConfigTransformer } from "../../config/config-transformer.js";
import { ConnectorConfig } from "../../config/connector-config.js";
import { WorkerConfig } from "../../config/worker-config.js";
import { type Logger, silentLogger } from "../../logging/logger.js";
import { discoverPlugins } from "../../plugin/discover-plugins.js";
import type { PluginRegistry } from "../../plugin/plugin-registry.js";
import type { ConnectorDeployment } from "./connector-deployment.js";
import { EmbeddedEngine } from "./embedded-engine.js";
import { handlerDeployment, type RecordHandler } from "./record-handler.js";
import { createSinkPipeline, createSourcePipeline, type PipelineContext } from "./task-pipelines.js";

/** Worker settings that only the embedded engine reads, beside Kafka's worker keys. */
export const EmbeddedWorkerConfig = defineConfig({
  "embedded.buffer.max.records": Config.int({
    default: 10_000,
    minimum: 1,
    importance: "MEDIUM",
    documentation:
      "The most records that may wait between sources and sinks. When it is reached, sources wait for the sinks to catch up, so memory stays bounded.",
  }),
  "consumer.max.poll.records": Config.int({
    default: 500,
    minimum: 1,
    importance: "MEDIUM",
    documentation: "The most records handed to a sink task's put() at once, as Kafka's consumer setting.",
  }),
});

/** What {@link createEmbeddedEngine} builds an engine from. */
export interface EmbeddedEngineConfig {
  /** The worker settings, as read from `worker.properties`. */
  readonly worker: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /** Each connector's settings, unresolved (config provider references intact). */
  readonly connectors: ReadonlyArray<Readonly<Record<string, string>>>;
  /** Application code that receives records as sinks do; see {@link recordStream} for a `for await` loop. */
  readonly handlers?: readonly RecordHandler[];
  /** The plugins to use; discovered from installed packages and `plugin.path` when left out. */
  readonly registry?: PluginRegistry;
  readonly logger?: Logger;
}

/**
 * Builds an {@link EmbeddedEngine} from worker and connector configs the way a Kafka Connect worker reads them:
 * plugins found by name, config providers resolved (for the connectors only), converters, transformations and
 * error handling wired per task, and offsets kept in `offset.storage.file.filename` (in memory when unset).
 * @throws ConfigError or ConfigValidationError naming what is wrong in which config.
 */
export async function createEmbeddedEngine(config: EmbeddedEngineConfig): Promise<EmbeddedEngine> {
  const logger = config.logger ?? silentLogger;
  const worker = WorkerConfig.parse(config.worker);
  const embedded = EmbeddedWorkerConfig.parse(worker.originals);
  const registry =
    config.registry ?? (await discoverPlugins({ pluginPath: worker.values["plugin.path"], logger }));
  const transformer = ConfigTransformer.fromWorkerConfig(worker.originals);
  const stopSignal = new AbortController();

  const deployments: ConnectorDeployment[] = [];
  for (const raw of config.connectors) {
    const resolved = await transformer.transform(raw);
    const connectorConfig = ConnectorConfig.parse(resolved, registry);
    const name = connectorConfig.values.name;
    const context = (taskId: number): PipelineContext => ({
      registry,
      worker,
      connector: connectorConfig,
      taskId,
      logger,
      signal: stopSignal.signal,
    });
    const tasksMax = Number(connectorConfig.values["tasks.max"]);
    if (connectorConfig.type === "source") {
      deployments.push({
        type: "source",
        name,
        config: resolved,
        tasksMax,
        // The registry resolved connector.class to a plugin of type "source".
        connector: connectorConfig.connector.create() as SourceConnector,
        createPipeline: (taskId) => ({ processor: createSourcePipeline(context(taskId)) }),
      });
    } else {
      deployments.push({
        type: "sink",
        name,
        config: resolved,
        tasksMax,
        connector: connectorConfig.connector.create() as SinkConnector,
        subscribes: topicSubscription(resolved),
        createPipeline: (taskId) => createSinkPipeline(context(taskId)),
      });
    }
  }

  for (const handler of config.handlers ?? []) deployments.push(handlerDeployment(handler));

  const offsetFile = worker.values["offset.storage.file.filename"];
  let offsetStore: OffsetBackingStore;
  if (offsetFile === undefined || offsetFile === "") {
    logger.warn(
      {},
      "offset.storage.file.filename is not set: source offsets are kept in memory only, so a restart reads every source from the beginning",
    );
    offsetStore = new MemoryOffsetBackingStore();
  } else {
    offsetStore = new FileOffsetBackingStore({ file: offsetFile });
  }

  const engine = new EmbeddedEngine({
    connectors: deployments,
    offsetStore,
    offsetFlushIntervalMs: Number(worker.values["offset.flush.interval.ms"]),
    shutdownTimeoutMs: Number(worker.values["task.shutdown.graceful.timeout.ms"]),
    bufferCapacity: embedded["embedded.buffer.max.records"],
    maxBatch: embedded["consumer.max.poll.records"],
    logger,
    // A task waiting out a retry backoff must not hold the stop up.
    onStopping: () => stopSignal.abort(),
  });
  void engine.done
    .finally(() => {
      void transformer.close();
    })
    .catch(() => {});
  return engine;
}

/** Which topics a sink reads: its `topics` list, or every topic its `topics.regex` (a Java regex) matches whole. */
function topicSubscription(config: Readonly<Record<string, string>>): (topic: string) => boolean {
  const regex = config["topics.regex"]?.trim();
  if (regex !== undefined && regex !== "") {
    const pattern = compileJavaRegex(regex);
    return (topic) => pattern.test(topic);
  }
  const topics = new Set(
    (config.topics ?? "")
      .split(",")
      .map((topic) => topic.trim())
      .filter((topic) => topic !== ""),
  );
  return (topic) => topics.has(topic);
}
