import { ConfigError, type Converter, type HeaderConverter, type PluginType } from "@tributary/api";
import type { ConnectorConfig } from "../config/connector-config.js";
import type { WorkerConfig } from "../config/worker-config.js";
import type { PluginRegistry } from "./plugin-registry.js";

/** Where a converter's class and settings come from. */
interface ConverterSource {
  readonly className: string;
  readonly props: Record<string, string>;
  readonly where: string;
}

/**
 * Creates and configures a task's key or value converter, as Kafka's worker does: the connector's
 * `key.converter` / `value.converter` with the connector's `key.converter.*` / `value.converter.*` settings when the
 * connector sets one, else the worker's with the worker's settings. The settings reach `configure(props, isKey)`
 * with the prefix removed.
 *
 * @returns the configured converter, or `undefined` when neither config names one (the embedded engine then passes
 *   records unconverted).
 * @throws ConfigError naming the key and the config it is in, when the class is unknown (with close matches) or
 *   the converter refuses its settings.
 */
export function createConverter(
  registry: PluginRegistry,
  worker: WorkerConfig,
  connector: ConnectorConfig,
  role: "key" | "value",
): Converter | undefined {
  const source = converterSource(worker, connector, `${role}.converter`);
  if (source === undefined) return undefined;
  const converter = instantiate<Converter>(registry, source, "converter", `${role} converter`);
  configure(source, `${role} converter`, () => converter.configure(source.props, role === "key"));
  return converter;
}

/**
 * Creates and configures a task's header converter: the connector's `header.converter` with its
 * `header.converter.*` settings, else the worker's (by default `SimpleHeaderConverter`). `converter.type=header` is
 * added to the settings, as Kafka does.
 * @throws ConfigError naming the key and the config it is in, when the class is unknown or refuses its settings.
 */
export function createHeaderConverter(
  registry: PluginRegistry,
  worker: WorkerConfig,
  connector: ConnectorConfig,
): HeaderConverter {
  const source = converterSource(worker, connector, "header.converter") ?? {
    className: worker.values["header.converter"],
    props: worker.originalsWithPrefix("header.converter."),
    where: "the worker config (default)",
  };
  const converter = instantiate<HeaderConverter>(registry, source, "header_converter", "header converter");
  const props = { ...source.props, "converter.type": "header" };
  configure(source, "header converter", () => converter.configure(props));
  return converter;
}

function converterSource(
  worker: WorkerConfig,
  connector: ConnectorConfig,
  key: string,
): ConverterSource | undefined {
  const own = connector.originals[key]?.trim();
  if (own !== undefined && own !== "") {
    return {
      className: own,
      props: connector.originalsWithPrefix(`${key}.`),
      where: `${key} in the connector config`,
    };
  }
  const fromWorker = worker.originals[key]?.trim();
  if (fromWorker !== undefined && fromWorker !== "") {
    return {
      className: fromWorker,
      props: worker.originalsWithPrefix(`${key}.`),
      where: `${key} in the worker config`,
    };
  }
  return undefined;
}

function instantiate<T>(
  registry: PluginRegistry,
  source: ConverterSource,
  type: PluginType,
  role: string,
): T {
  try {
    return registry.resolve(source.className, type).create() as T;
  } catch (error) {
    throw new ConfigError(`Cannot create the ${role} named by ${source.where}: ${messageOf(error)}`, {
      cause: error,
    });
  }
}

function configure(source: ConverterSource, role: string, apply: () => void): void {
  try {
    apply();
  } catch (error) {
    throw new ConfigError(
      `The ${role} ${source.className} (${source.where}) refused its settings: ${messageOf(error)}`,
      { cause: error },
    );
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
