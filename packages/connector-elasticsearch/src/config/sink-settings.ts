import { type ConfigProblem, ConfigValidationError } from "@tributary/api";
import type { ElasticsearchSinkConfigValues } from "./elasticsearch-sink-config.js";

/** Where document versions come from, once `external.version.*` are read together. */
export type VersionSource = "offset" | "header" | "none";

/**
 * The problems across keys that each key's own check cannot see: a user name without a password, an API key beside
 * a user name, a data stream half configured or combined with writes data streams refuse, and so on.
 * @internal
 */
export function crossKeyProblems(config: ElasticsearchSinkConfigValues): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const problem = (key: string, value: string | undefined, message: string): void => {
    problems.push({
      key,
      value,
      reason: message,
      message: `Invalid value ${value ?? "null"} for configuration ${key}: ${message}`,
    });
  };
  const user = config["connection.username"];
  const hasUser = user !== undefined && user !== "";
  const hasPassword = config["connection.password"] !== undefined;
  if (hasUser && !hasPassword) {
    problem(
      "connection.password",
      undefined,
      "connection.username is set, so connection.password is required too.",
    );
  }
  if (!hasUser && hasPassword) {
    problem(
      "connection.username",
      undefined,
      "connection.password is set, so connection.username is required too.",
    );
  }
  if (config["connection.api.key"] !== undefined && hasUser) {
    problem(
      "connection.api.key",
      "[hidden]",
      "use either an API key or connection.username and connection.password, not both.",
    );
  }
  const ssl = config["elastic.security.protocol"] === "SSL";
  if (
    ssl &&
    config["elastic.https.ssl.keystore.location"] !== "" &&
    config["elastic.https.ssl.keystore.type"] === "JKS"
  ) {
    problem(
      "elastic.https.ssl.keystore.type",
      '"JKS"',
      "Node.js cannot read JKS keystores; convert it with keytool -importkeystore -deststoretype PKCS12 and set PKCS12, or use PEM.",
    );
  }
  if (
    ssl &&
    config["elastic.https.ssl.truststore.location"] !== "" &&
    config["elastic.https.ssl.truststore.type"] !== "PEM"
  ) {
    problem(
      "elastic.https.ssl.truststore.type",
      `"${config["elastic.https.ssl.truststore.type"]}"`,
      "the truststore must be a PEM file of certificates; export it with keytool -exportcert -rfc or openssl pkcs12 -nokeys.",
    );
  }
  const streamType = config["data.stream.type"];
  const dataset = config["data.stream.dataset"];
  if (streamType !== "none" && dataset === "") {
    problem("data.stream.dataset", '""', `data.stream.type is ${streamType}, so a dataset is required too.`);
  }
  if (streamType === "none" && dataset !== "") {
    problem(
      "data.stream.type",
      '"none"',
      "data.stream.dataset is set, so a data stream type (logs, metrics, …) is required too.",
    );
  }
  if (streamType !== "none") {
    if (config["write.method"] === "upsert") {
      problem("write.method", '"upsert"', "data streams are append-only: use write.method=insert.");
    }
    if (config["behavior.on.null.values"] === "delete") {
      problem("behavior.on.null.values", '"delete"', "data streams are append-only: use ignore or fail.");
    }
  }
  if (config["external.version.source"] === "header" && config["external.version.header"] === "") {
    problem("external.version.header", '""', "external.version.source is header, so name the header here.");
  }
  return problems;
}

/**
 * Throws when {@link crossKeyProblems} finds any.
 * @throws ConfigValidationError naming every problem.
 * @internal
 */
export function requireConsistent(config: ElasticsearchSinkConfigValues): void {
  const problems = crossKeyProblems(config);
  if (problems.length > 0) throw new ConfigValidationError(problems);
}

/**
 * The version source the keys select: `external.version.header` set selects the header unless the source is `none`.
 * @internal
 */
export function versionSourceOf(config: ElasticsearchSinkConfigValues): VersionSource {
  const source = config["external.version.source"];
  if (source === "none") return "none";
  return config["external.version.header"] !== "" ? "header" : source;
}
