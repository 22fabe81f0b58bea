import { readFile } from "node:fs/promises";
import { ConfigError, ConnectError, renderConfig } from "@tributary/api";
import { ConfigTransformer } from "../config/config-transformer.js";
import { loadConnectorConfigFile } from "../config/connector-config-file.js";
import { parseProperties } from "../config/properties-file.js";
import { validateConnectorConfig } from "../config/validate-connector-config.js";
import { WorkerConfig } from "../config/worker-config.js";
import { createEmbeddedEngine } from "../engine/embedded/create-embedded-engine.js";
import type { EmbeddedEngine } from "../engine/embedded/embedded-engine.js";
import { discoverPlugins } from "../plugin/discover-plugins.js";
import { createCliLogger } from "./create-logger.js";
import { StatusLine } from "./status-line.js";

/** Exit codes of the `tributary` command. */
export const ExitCode = Object.freeze({
  /** Stopped cleanly. */
  OK: 0,
  /** A task or connector failed. */
  FAILED: 1,
  /** The command line or a config is wrong. */
  USAGE: 2,
});

/** Reads a worker `.properties` file into a map, naming the file in any error. */
export async function readWorkerProperties(path: string): Promise<Map<string, string>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new ConfigError(`Cannot read the worker config "${path}": ${(error as Error).message}`, {
      cause: error,
    });
  }
  return parseProperties(text, path);
}

/**
 * `tributary embedded worker.properties connector.properties…`: runs the connectors in this process until SIGINT
 * or SIGTERM, then stops gracefully. Resolves with the exit code.
 */
export async function runEmbedded(workerFile: string, connectorFiles: readonly string[]): Promise<number> {
  const status = process.stderr.isTTY ? new StatusLine() : undefined;
  const logger = createCliLogger(status === undefined ? {} : { onTerminalLine: (line) => status.log(line) });
  // Signals are taken from the first moment, so one that comes while configs load still stops gracefully.
  let engine: EmbeddedEngine | undefined;
  let running: EmbeddedEngine | undefined;
  let stopRequested = false;
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    signals++;
    if (signals > 1) {
      logger.warn({ signal }, "Second signal: exiting without waiting for the graceful stop");
      process.exit(ExitCode.FAILED);
    }
    logger.info({ signal }, "Stopping: sources stop polling, sinks flush, offsets are committed");
    stopRequested = true;
    void running?.stop(); // before the engine has started, the flag stops it once start() returns
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  let ticker: NodeJS.Timeout | undefined;
  try {
    const worker = await readWorkerProperties(workerFile);
    const connectors = await Promise.all(connectorFiles.map((file) => loadConnectorConfigFile(file)));
    for (const connector of connectors) {
      logger.info({ connector: connector.name, config: renderConfig(connector) }, "Connector config loaded");
    }
    const created = await createEmbeddedEngine({ worker, connectors, logger });
    engine = created;
    if (stopRequested) return ExitCode.OK;
    ticker = status === undefined ? undefined : setInterval(() => status.update(created.status()), 500);
    await created.start();
    running = created;
    if (stopRequested) await created.stop();
    await created.done;
    return ExitCode.OK;
  } catch (error) {
    if (engine === undefined) throw error;
    logger.error({ err: error }, "The embedded engine stopped because a task failed");
    return ExitCode.FAILED;
  } finally {
    clearInterval(ticker);
    if (status !== undefined && engine !== undefined) {
      status.update(engine.status());
      status.finish();
    }
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/** `tributary plugins`: lists every plugin found, with its type and version. */
export async function listPlugins(options: {
  workerFile?: string | undefined;
  json?: boolean;
}): Promise<number> {
  const pluginPath =
    options.workerFile === undefined
      ? undefined
      : WorkerConfig.parse(await readWorkerProperties(options.workerFile)).values["plugin.path"];
  const registry = await discoverPlugins({ pluginPath, logger: createCliLogger({ level: "warn" }) });
  const plugins = registry.list();
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify(plugins, null, 2)}\n`);
    return ExitCode.OK;
  }
  const width = Math.max(...plugins.map((plugin) => plugin.class.length), 5);
  process.stdout.write(`${"CLASS".padEnd(width)}  ${"TYPE".padEnd(16)}  VERSION\n`);
  for (const plugin of plugins) {
    process.stdout.write(`${plugin.class.padEnd(width)}  ${plugin.type.padEnd(16)}  ${plugin.version}\n`);
  }
  return ExitCode.OK;
}

/**
 * `tributary validate connector.properties`: validates a connector config as `PUT
 * /connector-plugins/{p}/config/validate` does and prints each error readably (or the ConfigInfos JSON).
 */
export async function validateConfig(
  connectorFile: string,
  options: { workerFile?: string | undefined; json?: boolean },
): Promise<number> {
  const worker =
    options.workerFile === undefined
      ? new Map<string, string>()
      : await readWorkerProperties(options.workerFile);
  const workerConfig = WorkerConfig.parse(worker);
  const registry = await discoverPlugins({
    pluginPath: workerConfig.values["plugin.path"],
    logger: createCliLogger({ level: "warn" }),
  });
  const props = await loadConnectorConfigFile(connectorFile);
  const infos = await validateConnectorConfig(props, registry, {
    configTransformer: ConfigTransformer.fromWorkerConfig(workerConfig.originals),
  });
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify(infos, null, 2)}\n`);
  } else if (infos.error_count === 0) {
    process.stdout.write(`${connectorFile}: valid (${infos.name})\n`);
  } else {
    process.stdout.write(`${connectorFile}: ${infos.error_count} error(s) (${infos.name})\n`);
    for (const { value } of infos.configs) {
      for (const message of value.errors) process.stdout.write(`  ${value.name}: ${message}\n`);
    }
  }
  return infos.error_count === 0 ? ExitCode.OK : ExitCode.USAGE;
}

/** One clear line for an error that ends the command, and the exit code it deserves. */
export function describeFatal(error: unknown): { line: string; code: number } {
  if (ConnectError.isConnectError(error) && (error.code === "CONFIG" || error.code === "NOT_FOUND")) {
    return { line: `tributary: ${error.message}`, code: ExitCode.USAGE };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { line: `tributary: ${message}`, code: ExitCode.FAILED };
}
