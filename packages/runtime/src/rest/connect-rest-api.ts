import { ConnectError, NotFoundError } from "@tributary/api";
import type { Herder, RestartRequest } from "../herder/herder.js";
import type { LoggerLevels } from "../logging/logger-levels.js";
import { ConnectRestError } from "./connect-rest-error.js";
import {
  bodyValidator,
  ConnectorConfigBody,
  ConnectorConfigPatchBody,
  ConnectorOffsetsBody,
  CreateConnectorBody,
  configStrings,
  LoggerLevelBody,
} from "./request-schemas.js";
import type { RestRequest } from "./rest-router.js";
import { RestRouter } from "./rest-router.js";

/** What the REST API serves besides the herder. */
export interface ConnectRestApiOptions {
  readonly herder: Herder;
  /** The version `GET /` reports. */
  readonly version: string;
  /** The source commit `GET /` reports. */
  readonly commit: string;
  /** The levels `/admin/loggers` shows and sets; the endpoints answer 404 without them. */
  readonly loggerLevels?: LoggerLevels;
  /** Renders `GET /metrics` (Prometheus text) with its content type; the endpoint answers 404 without it. */
  readonly metrics?: { readonly render: () => string; readonly contentType: string };
}

const validCreate = bodyValidator(CreateConnectorBody, "a connector: {name, config, initial_state?}");
const validConfig = bodyValidator(ConnectorConfigBody, "a connector config: an object of strings");
const validPatch = bodyValidator(ConnectorConfigPatchBody, "a config patch: an object of strings or nulls");
const validOffsets = bodyValidator(ConnectorOffsetsBody, "offsets: {offsets: [{partition, offset}]}");
const validLevel = bodyValidator(LoggerLevelBody, 'a log level: {"level": "DEBUG"}');

/**
 * Kafka Connect's REST API for one worker, as routes over a {@link Herder}: the same paths, query parameters, JSON
 * shapes and status codes, so that tools written for Kafka Connect work unchanged. Errors are thrown and turned into
 * `{"error_code", "message"}` by the server.
 */
export function connectRestApi(options: ConnectRestApiOptions): RestRouter {
  const { herder } = options;
  const router = new RestRouter();
  const ok = (body: unknown) => ({ status: 200, body });

  router.add("GET", "/", async () =>
    ok({ version: options.version, commit: options.commit, kafka_cluster_id: await herder.kafkaClusterId() }),
  );
  router.add("GET", "/health", () =>
    herder.ready
      ? ok({ status: "healthy", message: "Worker has completed startup and is ready to handle requests." })
      : { status: 503, body: { status: "starting", message: "Worker is still starting up." } },
  );

  router.add("GET", "/connectors", async ({ query }) => {
    const names = await herder.connectors();
    const expand = new Set(query.getAll("expand"));
    if (!expand.has("status") && !expand.has("info")) return ok(names);
    const expanded: Record<string, Record<string, unknown>> = {};
    for (const name of names) {
      const entry: Record<string, unknown> = {};
      try {
        if (expand.has("status")) entry.status = await herder.connectorStatus(name);
        if (expand.has("info")) entry.info = await herder.connectorInfo(name);
      } catch (error) {
        if (isNotFound(error)) continue; // deleted while listing
        throw error;
      }
      expanded[name] = entry;
    }
    return ok(expanded);
  });
  router.add("POST", "/connectors", async ({ body }) => {
    const request = validCreate(body);
    const name = request.name;
    if (name.trim() !== name) {
      throw new ConnectRestError(
        400,
        "Connector name should not be empty or contain leading or trailing whitespace",
      );
    }
    const { info } = await herder.putConnectorConfig(name, configStrings(request.config), {
      allowReplace: false,
      ...(request.initial_state === undefined ? {} : { initialState: request.initial_state }),
    });
    return { status: 201, body: info, headers: { location: `/connectors/${encodeURIComponent(name)}` } };
  });

  router.add("GET", "/connectors/{name}", async ({ params }) => ok(await herder.connectorInfo(name(params))));
  router.add("DELETE", "/connectors/{name}", async ({ params }) => {
    await herder.deleteConnector(name(params));
    return { status: 204 };
  });
  router.add("GET", "/connectors/{name}/config", async ({ params }) =>
    ok(await herder.connectorConfig(name(params))),
  );
  router.add("PUT", "/connectors/{name}/config", async ({ params, body }) => {
    const result = await herder.putConnectorConfig(name(params), configStrings(validConfig(body)), {
      allowReplace: true,
    });
    return { status: result.created ? 201 : 200, body: result.info };
  });
  router.add("PATCH", "/connectors/{name}/config", async ({ params, body }) => {
    const patch = Object.fromEntries(
      Object.entries(validPatch(body)).map(([key, value]) => [key, value === null ? null : String(value)]),
    );
    return ok(await herder.patchConnectorConfig(name(params), patch));
  });
  router.add("GET", "/connectors/{name}/status", async ({ params }) =>
    ok(await herder.connectorStatus(name(params))),
  );
  router.add("POST", "/connectors/{name}/restart", async ({ params, query }) => {
    const request: RestartRequest = {
      connector: name(params),
      includeTasks: flag(query, "includeTasks"),
      onlyFailed: flag(query, "onlyFailed"),
    };
    if (!request.includeTasks && !request.onlyFailed) {
      // Kafka's older form: the connector instance only, and no body.
      await herder.restartConnector(request.connector);
      return { status: 204 };
    }
    return { status: 202, body: await herder.restartConnectorAndTasks(request) };
  });
  router.add("PUT", "/connectors/{name}/pause", async ({ params }) => {
    await herder.pauseConnector(name(params));
    return { status: 202 };
  });
  router.add("PUT", "/connectors/{name}/resume", async ({ params }) => {
    await herder.resumeConnector(name(params));
    return { status: 202 };
  });
  router.add("PUT", "/connectors/{name}/stop", async ({ params }) => {
    await herder.stopConnector(name(params));
    return { status: 204 };
  });

  router.add("GET", "/connectors/{name}/tasks", async ({ params }) =>
    ok(await herder.taskConfigs(name(params))),
  );
  router.add("GET", "/connectors/{name}/tasks/{task}/status", async ({ params }) =>
    ok(await herder.taskStatus(name(params), taskId(params))),
  );
  router.add("POST", "/connectors/{name}/tasks/{task}/restart", async ({ params }) => {
    await herder.restartTask(name(params), taskId(params));
    return { status: 204 };
  });

  router.add("GET", "/connectors/{name}/topics", async ({ params }) => {
    const connector = name(params);
    return ok({ [connector]: { topics: await herder.connectorActiveTopics(connector) } });
  });
  router.add("PUT", "/connectors/{name}/topics/reset", async ({ params }) => {
    await herder.resetConnectorActiveTopics(name(params));
    return { status: 202 };
  });

  router.add("GET", "/connectors/{name}/offsets", async ({ params }) =>
    ok(await herder.connectorOffsets(name(params))),
  );
  router.add("PATCH", "/connectors/{name}/offsets", async ({ params, body }) =>
    ok({ message: await herder.alterConnectorOffsets(name(params), validOffsets(body)) }),
  );
  router.add("DELETE", "/connectors/{name}/offsets", async ({ params }) =>
    ok({ message: await herder.resetConnectorOffsets(name(params)) }),
  );

  router.add("GET", "/connector-plugins", ({ query }) =>
    ok(herder.plugins(query.get("connectorsOnly")?.toLowerCase() !== "false")),
  );
  router.add("GET", "/connector-plugins/{plugin}/config", ({ params }) =>
    ok(herder.pluginConfig(params.plugin ?? "")),
  );
  router.add("PUT", "/connector-plugins/{plugin}/config/validate", async ({ params, body }) => {
    const plugin = params.plugin ?? "";
    const config = configStrings(validConfig(body));
    const included = config["connector.class"];
    if (included === undefined) config["connector.class"] = plugin;
    else if (simpleName(included) !== simpleName(plugin)) {
      throw new ConnectRestError(
        400,
        `Included connector type ${included} does not match request type ${plugin}`,
      );
    }
    return ok(await herder.validateConnectorConfig(config));
  });

  const levels = options.loggerLevels;
  if (levels !== undefined) {
    router.add("GET", "/admin/loggers", () => ok(levels.levels()));
    router.add("GET", "/admin/loggers/{logger}", ({ params }) => {
      const logger = params.logger ?? "";
      const level = levels.level(logger);
      if (level === undefined) throw new NotFoundError(`Logger ${logger} not found.`);
      return ok({ level: level.level });
    });
    router.add("PUT", "/admin/loggers/{logger}", ({ params, body, query }) => {
      const scope = query.get("scope") ?? "worker";
      if (scope !== "worker" && scope !== "cluster") {
        throw new ConnectRestError(400, `Invalid scope '${scope}'; use worker or cluster.`);
      }
      const { level } = validLevel(body);
      try {
        // A standalone worker is its own cluster: both scopes set this worker's levels.
        return ok(levels.setLevel(params.logger ?? "", level));
      } catch (error) {
        throw new ConnectRestError(400, error instanceof Error ? error.message : String(error));
      }
    });
  }

  const metrics = options.metrics;
  if (metrics !== undefined) {
    router.add("GET", "/metrics", () => ({
      status: 200,
      text: metrics.render(),
      contentType: metrics.contentType,
    }));
  }
  return router;
}

function name(params: RestRequest["params"]): string {
  return params.name ?? "";
}

function taskId(params: RestRequest["params"]): number {
  const raw = params.task ?? "";
  if (!/^\d+$/.test(raw)) throw new NotFoundError(`Task ${params.name}-${raw} not found`);
  return Number(raw);
}

/** A boolean query parameter, false when absent, as Kafka's `@DefaultValue("false")`. */
function flag(query: URLSearchParams, key: string): boolean {
  const value = query.get(key);
  if (value === null || value === "") return false;
  if (value.toLowerCase() === "true") return true;
  if (value.toLowerCase() === "false") return false;
  throw new ConnectRestError(400, `Query parameter ${key} must be true or false, not "${value}".`);
}

/** `FileStreamSource` for `org.apache.kafka.connect.file.FileStreamSourceConnector` or `.../FileStreamSource`. */
function simpleName(className: string): string {
  const last = className.slice(Math.max(className.lastIndexOf("."), className.lastIndexOf("/")) + 1);
  return last.endsWith("Connector") ? last.slice(0, -"Connector".length) : last;
}

function isNotFound(error: unknown): boolean {
  return ConnectError.isConnectError(error) && error.code === "NOT_FOUND";
}
