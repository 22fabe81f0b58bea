import { ConfigError } from "@tributary/api";
import type { Logger } from "./logger.js";

/** The levels `PUT /admin/loggers/{name}` accepts, Kafka's (log4j's), from most to least verbose. */
const LEVELS = ["ALL", "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "OFF"] as const;

/** A log level as Kafka Connect names it. */
export type LogLevelName = (typeof LEVELS)[number];

/** How a logger's level is shown by `GET /admin/loggers`. */
export interface LoggerLevelInfo {
  readonly level: LogLevelName;
  /** When it was last set through {@link LoggerLevels.setLevel}, in milliseconds since the epoch; null when never. */
  readonly last_modified: number | null;
}

const METHODS = ["debug", "info", "warn", "error"] as const;
/** The rank of each log method, comparable with the rank of a level (its index in LEVELS). */
const METHOD_RANK = { debug: 2, info: 3, warn: 4, error: 5 } as const;

/**
 * Log levels that can change while the worker runs (`/admin/loggers`), over one underlying logger. Loggers are named
 * hierarchically with dots, as Kafka's are named after packages: `tributary.worker`, `tributary.rest`; setting the
 * level of `tributary` also sets every logger below it, and a logger without a level of its own takes its nearest
 * ancestor's, or `root`'s.
 *
 * The underlying logger should let everything through (pino at `debug`): the filtering happens here.
 *
 * @example
 * ```ts
 * const levels = new LoggerLevels(pinoLogger, "INFO");
 * const logger = levels.logger("tributary.worker");
 * levels.setLevel("tributary", "DEBUG"); // ["tributary", "tributary.worker"]
 * ```
 */
export class LoggerLevels {
  readonly #base: Logger;
  /** Levels set explicitly, by logger name (`root` included). */
  readonly #levels = new Map<string, { level: LogLevelName; modified: number | null }>();
  /** Every logger name handed out or set, so that listings show them. */
  readonly #known = new Set<string>();

  constructor(base: Logger, rootLevel: string = "INFO") {
    this.#base = base;
    this.#levels.set("root", { level: parseLevel(rootLevel), modified: null });
  }

  /** A logger named `name`, whose calls pass when its effective level lets them. */
  logger(name: string): Logger {
    this.#known.add(name);
    const filtered = {} as Record<(typeof METHODS)[number], Logger["info"]>;
    for (const method of METHODS) {
      filtered[method] = (fields, message) => {
        if (METHOD_RANK[method] >= LEVELS.indexOf(this.effectiveLevel(name)))
          this.#base[method](fields, message);
      };
    }
    return filtered;
  }

  /** The level that applies to `name`: its own, else its nearest ancestor's, else root's. */
  effectiveLevel(name: string): LogLevelName {
    for (let current = name; ; current = current.slice(0, current.lastIndexOf("."))) {
      const own = this.#levels.get(current);
      if (own !== undefined) return own.level;
      if (!current.includes(".")) break;
    }
    return this.#levels.get("root")?.level ?? "INFO";
  }

  /** Every known logger with its effective level, sorted by name, `root` included. */
  levels(): Record<string, LoggerLevelInfo> {
    const names = [...new Set(["root", ...this.#known, ...this.#levels.keys()])].sort();
    return Object.fromEntries(names.map((name) => [name, this.#info(name)]));
  }

  /** One logger's level, or `undefined` for a name never used nor set. */
  level(name: string): LoggerLevelInfo | undefined {
    return name === "root" || this.#known.has(name) || this.#levels.has(name) ? this.#info(name) : undefined;
  }

  /**
   * Sets the level of `name` and of every known logger below it; resolves with the names affected, sorted.
   * @throws ConfigError when `level` is not one of Kafka's levels.
   */
  setLevel(name: string, level: string): string[] {
    const parsed = parseLevel(level);
    const now = Date.now();
    const affected = [...new Set([name, ...this.#known, ...this.#levels.keys()])].filter(
      (candidate) => name === "root" || candidate === name || candidate.startsWith(`${name}.`),
    );
    for (const candidate of affected) this.#levels.set(candidate, { level: parsed, modified: now });
    this.#known.add(name);
    return affected.sort();
  }

  #info(name: string): LoggerLevelInfo {
    const own = this.#levels.get(name);
    return { level: own?.level ?? this.effectiveLevel(name), last_modified: own?.modified ?? null };
  }
}

function parseLevel(level: string): LogLevelName {
  const upper = level.trim().toUpperCase();
  const found = LEVELS.find((candidate) => candidate === upper);
  if (found === undefined) {
    throw new ConfigError(`Invalid log level '${level}'; use one of ${LEVELS.join(", ")}.`);
  }
  return found;
}
