import { ConfigError } from "@tributary/api";
import {
  type ConfigProvider,
  DirectoryConfigProvider,
  EnvVarConfigProvider,
  FileConfigProvider,
} from "./config-provider.js";

/** `${provider:path:key}` or `${provider:key}`, as Kafka's ConfigTransformer matches them. */
const VARIABLE = /\$\{([^}:]*?):(?:([^}]*?):)?([^}:]*?)\}/g;

const KNOWN_PROVIDERS: Readonly<Record<string, () => ConfigProvider>> = {
  "org.apache.kafka.common.config.provider.EnvVarConfigProvider": () => new EnvVarConfigProvider(),
  "org.apache.kafka.common.config.provider.FileConfigProvider": () => new FileConfigProvider(),
  "org.apache.kafka.common.config.provider.DirectoryConfigProvider": () => new DirectoryConfigProvider(),
  EnvVarConfigProvider: () => new EnvVarConfigProvider(),
  FileConfigProvider: () => new FileConfigProvider(),
  DirectoryConfigProvider: () => new DirectoryConfigProvider(),
};

/**
 * Resolves `${provider:path:key}` references in connector configs with the worker's config providers.
 *
 * Providers come from the worker's `config.providers` list (`config.providers.<name>.class` and
 * `config.providers.<name>.param.*`, with Kafka's class names). When the worker sets no `config.providers`, `env` and
 * `file` are available. Resolved values are handed to the connector only: callers keep the unresolved config for
 * storage, status and REST so that secrets are never written back or shown.
 */
export class ConfigTransformer {
  readonly #providers: ReadonlyMap<string, ConfigProvider>;

  constructor(providers: ReadonlyMap<string, ConfigProvider>) {
    this.#providers = providers;
  }

  /**
   * Creates the providers a worker config declares.
   * @throws ConfigError when a provider's class is unknown.
   */
  static fromWorkerConfig(
    worker: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
  ): ConfigTransformer {
    const get = (key: string): string | undefined =>
      worker instanceof Map ? worker.get(key) : (worker as Record<string, string>)[key];
    const entries = worker instanceof Map ? [...worker] : Object.entries(worker);
    const declared = get("config.providers");
    if (declared === undefined) {
      return new ConfigTransformer(
        new Map<string, ConfigProvider>([
          ["env", configured(new EnvVarConfigProvider(), {})],
          ["file", configured(new FileConfigProvider(), {})],
        ]),
      );
    }
    const providers = new Map<string, ConfigProvider>();
    for (const name of declared
      .split(",")
      .map((entry) => entry.trim())
      .filter((entry) => entry !== "")) {
      const className = get(`config.providers.${name}.class`);
      const create = className === undefined ? undefined : KNOWN_PROVIDERS[className];
      if (create === undefined) {
        throw new ConfigError(
          `config.providers.${name}.class is ${className === undefined ? "missing" : `"${className}", which is not a known config provider`}: use one of ${Object.keys(
            KNOWN_PROVIDERS,
          )
            .filter((key) => key.includes("."))
            .join(", ")}.`,
        );
      }
      const prefix = `config.providers.${name}.param.`;
      const params = Object.fromEntries(
        entries
          .filter(([key]) => key.startsWith(prefix))
          .map(([key, value]) => [key.slice(prefix.length), value]),
      );
      providers.set(name, configured(create(), params));
    }
    return new ConfigTransformer(providers);
  }

  /**
   * Returns a copy of `config` with every reference replaced by its value. References to a provider that is not
   * configured are left as written, as Kafka does.
   * @throws ConfigError naming the config key and the reference when a configured provider has no such value (the
   *   value itself is never part of a message).
   */
  async transform(config: Readonly<Record<string, string>>): Promise<Record<string, string>> {
    const wanted = new Map<
      string,
      { provider: ConfigProvider; path: string | undefined; keys: Set<string> }
    >();
    for (const value of Object.values(config)) {
      for (const match of value.matchAll(VARIABLE)) {
        const [, name = "", path, key = ""] = match;
        const provider = this.#providers.get(name);
        if (provider === undefined) continue;
        const id = `${name}\u0000${path ?? ""}`;
        const entry = wanted.get(id) ?? { provider, path, keys: new Set<string>() };
        entry.keys.add(key);
        wanted.set(id, entry);
      }
    }
    if (wanted.size === 0) return { ...config };
    const lookups = new Map<string, ReadonlyMap<string, string>>();
    for (const [id, { provider, path, keys }] of wanted) lookups.set(id, await provider.get(path, [...keys]));

    const result: Record<string, string> = {};
    for (const [configKey, value] of Object.entries(config)) {
      result[configKey] = value.replace(
        VARIABLE,
        (reference, name: string, path: string | undefined, key: string) => {
          if (!this.#providers.has(name)) return reference;
          const found = lookups.get(`${name}\u0000${path ?? ""}`)?.get(key);
          if (found === undefined) {
            throw new ConfigError(
              `Config "${configKey}" refers to ${reference}, but the ${name} config provider has no value for "${key}"${path === undefined ? "" : ` in "${path}"`}.`,
            );
          }
          return found;
        },
      );
    }
    return result;
  }

  /** Closes every provider. */
  async close(): Promise<void> {
    for (const provider of this.#providers.values()) await provider.close?.();
  }
}

function configured(provider: ConfigProvider, params: Readonly<Record<string, string>>): ConfigProvider {
  provider.configure(params);
  return provider;
}
