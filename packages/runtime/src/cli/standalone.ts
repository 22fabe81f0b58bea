import { ConfigError, ConnectError, FileOffsetBackingStore, redactConfig } from "@tributary/api";
import { ConfigTransformer } from "../config/config-transformer.js";
import { loadConnectorConfigFile } from "../config/connector-config-file.js";
import { WorkerConfig } from "../config/worker-config.js";
import { activeTopicsClients } from "../herder/active-topics-clients.js";
import { StandaloneHerder } from "../herder/standalone-herder.js";
import { createKafkaClients } from "../kafka/kafka-clients.js";
import { KafkaOffsetBackingStore } from "../kafka/kafka-offset-backing-store.js";
import { LoggerLevels } from "../logging/logger-levels.js";
import { MetricsRegistry } from "../metrics/metrics-registry.js";
import { PROMETHEUS_CONTENT_TYPE, renderPrometheus } from "../metrics/prometheus-text.js";
import { discoverPlugins } from "../plugin/discover-plugins.js";
import { connectRestApi } from "../rest/connect-rest-api.js";
import { ConnectRestError } from "../rest/connect-rest-error.js";
import { RestServer } from "../rest/rest-server.js";
import { Worker } from "../worker/worker.js";
import { ExitCode, readWorkerProperties } from "./commands.js";
import { createCliLogger } from "./create-logger.js";
import { StandaloneWorkerConfig } from "./standalone-worker-config.js";

/** The version `GET /` reports. */
const VERSION = "0.1.0";

/**
 * `tributary standalone worker.properties connector.properties…`: a standalone Kafka worker, as Kafka's
 * `connect-standalone`: the REST API on `listeners`, source offsets in `offset.storage.file.filename`, the
 * connectors of the given files created at start (more through the REST API), until SIGINT or SIGTERM stops it
 * gracefully. Resolves with the exit code: 0 after a clean stop, 1 when the worker could not run (Kafka or the
 * REST port unreachable), 2 when a config is wrong.
 */
export async function runStandalone(workerFile: string, connectorFiles: readonly string[]): Promise<number> {
  const levels = new LoggerLevels(
    createCliLogger({ level: "debug" }),
    process.env.TRIBUTARY_LOG_LEVEL?.toUpperCase() ?? "INFO",
  );
  const logger = levels.logger("tributary.standalone");
  let stopping: Promise<void> | undefined;
  let stop: () => Promise<void> = async () => {};
  let signals = 0;
  let resolveSignal!: () => void;
  const signalled = new Promise<void>((resolve) => {
    resolveSignal = resolve;
  });
  const onSignal = (signal: NodeJS.Signals): void => {
    signals++;
    if (signals > 1) {
      logger.warn({ signal }, "Second signal: exiting without waiting for the graceful stop");
      process.exit(ExitCode.FAILED);
    }
    logger.info({ signal }, "Stopping: tasks stop, offsets are committed, connectors stop");
    resolveSignal();
  };
  // Signals are taken from the first moment, so one that comes while the worker starts still stops it gracefully.
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    const worker = WorkerConfig.parse(await readWorkerProperties(workerFile));
    const standalone = StandaloneWorkerConfig.parse(worker.originals);
    const offsetFile = worker.values["offset.storage.file.filename"]?.trim() ?? "";
    const offsetTopic = standalone["offset.storage.topic"]?.trim() ?? "";
    if (offsetFile === "" && offsetTopic === "") {
      throw new ConfigError(
        "offset.storage.file.filename is not set: a standalone worker keeps its source offsets in that file (or, with offset.storage.topic, in a Kafka topic). Set it in the worker config, for example offset.storage.file.filename=/var/lib/tributary/connect.offsets.",
      );
    }
    const connectors = await Promise.all(connectorFiles.map((file) => loadConnectorConfigFile(file)));
    const registry = await discoverPlugins({
      pluginPath: worker.values["plugin.path"],
      logger: levels.logger("tributary.plugins"),
    });

    const server = new RestServer({
      listeners: worker.values.listeners,
      logger: levels.logger("tributary.rest"),
    });
    await server.start();
    stop = () => server.stop();
    const bound = server.bound[0];
    const workerId = bound === undefined ? "unknown" : `${bound.host}:${bound.port}`;

    const metrics = new MetricsRegistry();
    // Tasks' clients report the topics they use, for GET /connectors/{name}/topics.
    let herder: StandaloneHerder | undefined;
    const clients = activeTopicsClients(
      createKafkaClients(worker, levels.logger("tributary.kafka")),
      (connector, topic) => herder?.recordActiveTopic(connector, topic),
    );
    const offsetStore =
      offsetTopic === ""
        ? new FileOffsetBackingStore({ file: offsetFile })
        : new KafkaOffsetBackingStore({
            clients,
            topic: offsetTopic,
            partitions: standalone["offset.storage.partitions"],
            replicationFactor: standalone["offset.storage.replication.factor"],
            logger: levels.logger("tributary.offsets"),
          });
    herder = new StandaloneHerder({
      worker: new Worker({
        config: worker,
        registry,
        offsetStore,
        clients,
        metrics,
        logger: levels.logger("tributary.worker"),
      }),
      registry,
      workerId,
      offsetStore,
      admin: clients.admin(),
      configTransformer: ConfigTransformer.fromWorkerConfig(worker.originals),
      logger: levels.logger("tributary.herder"),
    });
    stop = async () => {
      await server.stop();
      await herder.stop();
    };
    await herder.start();
    server.setRouter(
      connectRestApi({
        herder,
        version: VERSION,
        commit: process.env.TRIBUTARY_COMMIT ?? "unknown",
        loggerLevels: levels,
        metrics: { render: () => renderPrometheus(metrics), contentType: PROMETHEUS_CONTENT_TYPE },
      }),
    );
    for (const props of connectors) {
      const name = props.name ?? "";
      logger.info(
        { connector: name, config: redactConfig(props) },
        "Creating connector from its config file",
      );
      await herder.putConnectorConfig(name, props, { allowReplace: false });
    }
    logger.info(
      { workerId, rest: bound?.url, connectors: connectors.map((props) => props.name) },
      "Standalone worker started",
    );
    await signalled;
    stopping = stop();
    await stopping;
    return ExitCode.OK;
  } catch (error) {
    logger.error({ err: error }, "The standalone worker stopped because of an error");
    await (stopping ?? stop()).catch(() => {});
    const code = exitCodeOf(error);
    process.stderr.write(`tributary standalone: ${error instanceof Error ? error.message : String(error)}\n`);
    return code;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/** 2 for a config problem (bad file, invalid connector config), 1 for anything else. */
function exitCodeOf(error: unknown): number {
  if (ConnectRestError.isConnectRestError(error))
    return error.status === 400 ? ExitCode.USAGE : ExitCode.FAILED;
  if (ConnectError.isConnectError(error) && (error.code === "CONFIG" || error.code === "NOT_FOUND")) {
    return ExitCode.USAGE;
  }
  if (ConnectError.isConnectError(error) && error.code === "ALREADY_EXISTS") return ExitCode.USAGE;
  return ExitCode.FAILED;
}
