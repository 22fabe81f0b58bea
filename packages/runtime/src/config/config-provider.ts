import { readdir, readFile } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import { ConfigError } from "@tributary/api";
import { parseProperties } from "./properties-file.js";

/**
 * Supplies values for `${provider:path:key}` references in configs, as Kafka's `ConfigProvider` does, so secrets
 * can stay out of config files. A provider is created and configured once per worker; `get` may be called
 * concurrently for different connectors.
 */
export interface ConfigProvider {
  /** Applies the provider's own settings (`config.providers.<name>.param.*`). */
  configure(params: Readonly<Record<string, string>>): void;
  /**
   * Returns the values of `keys` under `path` (a file, a directory; undefined when the reference has no path).
   * A key with no value is left out of the result.
   */
  get(path: string | undefined, keys: readonly string[]): Promise<ReadonlyMap<string, string>>;
  /** Releases anything the provider holds. */
  close?(): void | Promise<void>;
}

/** Parses Kafka's `allowed.paths` (comma-separated absolute directories); undefined allows every path. */
function parseAllowedPaths(params: Readonly<Record<string, string>>, provider: string): string[] | undefined {
  const raw = params["allowed.paths"];
  if (raw === undefined || raw.trim() === "") return undefined;
  return raw.split(",").map((entry) => {
    const path = entry.trim();
    if (!isAbsolute(path)) {
      throw new ConfigError(`${provider}: allowed.paths entry "${path}" must be an absolute directory path.`);
    }
    return resolve(path);
  });
}

function checkAllowed(path: string, allowed: string[] | undefined, provider: string): string {
  const absolute = resolve(path);
  if (allowed === undefined || allowed.some((dir) => absolute === dir || absolute.startsWith(`${dir}/`))) {
    return absolute;
  }
  throw new ConfigError(
    `${provider}: path "${path}" is not under any of allowed.paths (${allowed.join(", ")}).`,
  );
}

/** `${env:NAME}`: the process's environment variables, optionally limited by the `allowlist.pattern` regex. */
export class EnvVarConfigProvider implements ConfigProvider {
  #allowlist: RegExp | undefined;

  configure(params: Readonly<Record<string, string>>): void {
    const pattern = params["allowlist.pattern"];
    this.#allowlist = pattern === undefined ? undefined : new RegExp(`^(?:${pattern})$`);
  }

  async get(path: string | undefined, keys: readonly string[]): Promise<ReadonlyMap<string, string>> {
    if (path !== undefined && path !== "") {
      throw new ConfigError(
        `The env config provider takes no path: write \${env:NAME}, not \${env:${path}:NAME}.`,
      );
    }
    const values = new Map<string, string>();
    for (const key of keys) {
      const value = process.env[key];
      if (value !== undefined && (this.#allowlist === undefined || this.#allowlist.test(key)))
        values.set(key, value);
    }
    return values;
  }
}

/** `${file:/path/to/file.properties:key}`: a key of a `.properties` file. */
export class FileConfigProvider implements ConfigProvider {
  #allowed: string[] | undefined;

  configure(params: Readonly<Record<string, string>>): void {
    this.#allowed = parseAllowedPaths(params, "FileConfigProvider");
  }

  async get(path: string | undefined, keys: readonly string[]): Promise<ReadonlyMap<string, string>> {
    if (path === undefined || path === "") {
      throw new ConfigError(
        "The file config provider needs a file: write ${file:/path/to/file.properties:key}.",
      );
    }
    const file = checkAllowed(path, this.#allowed, "FileConfigProvider");
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      throw new ConfigError(`FileConfigProvider cannot read "${file}": ${(error as Error).message}`, {
        cause: error,
      });
    }
    const all = parseProperties(text, file);
    return new Map(keys.flatMap((key) => (all.has(key) ? [[key, all.get(key) as string] as const] : [])));
  }
}

/** `${dir:/path/to/dir:name}`: the content of the file `name` in a directory (as Kubernetes mounts secrets). */
export class DirectoryConfigProvider implements ConfigProvider {
  #allowed: string[] | undefined;

  configure(params: Readonly<Record<string, string>>): void {
    this.#allowed = parseAllowedPaths(params, "DirectoryConfigProvider");
  }

  async get(path: string | undefined, keys: readonly string[]): Promise<ReadonlyMap<string, string>> {
    if (path === undefined || path === "") {
      throw new ConfigError(
        "The directory config provider needs a directory: write ${dir:/path/to/dir:file}.",
      );
    }
    const dir = checkAllowed(path, this.#allowed, "DirectoryConfigProvider");
    const names = new Set(await readdir(dir).catch(() => [] as string[]));
    const values = new Map<string, string>();
    for (const key of keys) {
      if (names.has(key) && !key.includes("/")) values.set(key, await readFile(join(dir, key), "utf8"));
    }
    return values;
  }
}
