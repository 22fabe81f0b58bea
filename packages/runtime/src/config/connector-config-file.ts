import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { ConfigError } from "@tributary/api";
import { parseProperties } from "./properties-file.js";

/**
 * Reads a connector config file: Java `.properties`, as Kafka's standalone worker takes them, or `.json`, either as
 * the REST API takes it (`{"name": "...", "config": {...}}`) or as a flat map of settings. Values are returned
 * unresolved: `${provider:path:key}` references are left for the config providers.
 *
 * @throws ConfigError naming the file when it cannot be read, is not valid, or has another extension.
 */
export async function loadConnectorConfigFile(path: string): Promise<Record<string, string>> {
  const extension = extname(path).toLowerCase();
  if (extension !== ".properties" && extension !== ".json") {
    throw new ConfigError(
      `Connector config file ${path} has ${extension === "" ? "no extension" : `the extension ${extension}`}: name it *.properties (Java properties) or *.json (as the REST API takes it).`,
    );
  }
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new ConfigError(`Cannot read connector config file ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return extension === ".json"
    ? parseConnectorConfigJson(text, path)
    : Object.fromEntries(parseProperties(text, path));
}

/**
 * Parses a connector config in JSON: `{"name": "...", "config": {...}}` as the REST API's `POST /connectors` takes
 * it (the name is added to the settings), or a flat object of settings. Numbers and booleans are taken as their
 * text, as the REST API does.
 *
 * @param source - where the text came from, named in messages
 * @throws ConfigError naming the source on invalid JSON, a value that is null, an object or an array, or a `name`
 *   that differs from `config.name`.
 */
export function parseConnectorConfigJson(text: string, source = "JSON config"): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${source} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (!isObject(parsed)) {
    throw new ConfigError(
      `${source} must hold a JSON object: {"name": "...", "config": {...}} or a flat object of settings.`,
    );
  }
  if (!("config" in parsed)) return settingsOf(parsed, source);
  const { name, config, ...rest } = parsed;
  const extra = Object.keys(rest).filter((key) => key !== "initial_state");
  if (extra.length > 0) {
    throw new ConfigError(
      `${source} has "config" and also ${extra.map((key) => `"${key}"`).join(", ")} at the top level: put every setting inside "config".`,
    );
  }
  if (!isObject(config)) throw new ConfigError(`${source}: "config" must be an object of settings.`);
  const settings = settingsOf(config, `${source} (config)`);
  if (name !== undefined) {
    if (typeof name !== "string" || name.trim() === "")
      throw new ConfigError(`${source}: "name" must be a non-empty string.`);
    if (settings.name !== undefined && settings.name !== name) {
      throw new ConfigError(
        `${source} names the connector "${name}" but its config says name=${settings.name}: make them the same.`,
      );
    }
    settings.name = name;
  }
  return settings;
}

function settingsOf(object: Record<string, unknown>, source: string): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const [key, value] of Object.entries(object)) {
    if (typeof value === "string") settings[key] = value;
    else if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean")
      settings[key] = String(value);
    else {
      const what = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
      throw new ConfigError(
        `${source}: the value of "${key}" is ${what}; settings are strings (write lists as comma-separated text, and leave out a key to use its default).`,
      );
    }
  }
  return settings;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
