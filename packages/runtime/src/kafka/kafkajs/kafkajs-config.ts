import { readFileSync } from "node:fs";
import type { ConnectionOptions } from "node:tls";
import { ConfigError } from "@tributary/api";
import type { ConsumerConfig, KafkaConfig, ProducerConfig, RetryOptions, SASLOptions } from "kafkajs";
import type { Logger } from "../../logging/logger.js";

/** Kafka client settings as text, keyed without prefix (`acks`, `sasl.mechanism`). */
export type ClientProps = Readonly<Record<string, string>>;

/**
 * Keys every Kafka client reads, taken from the worker's top level as Kafka Connect does (a worker's `sasl.*` applies
 * to all its clients), then from the client's own prefix.
 */
const COMMON_KEYS = new Set([
  "bootstrap.servers",
  "client.id",
  "security.protocol",
  "sasl.mechanism",
  "sasl.jaas.config",
  "ssl.truststore.type",
  "ssl.truststore.location",
  "ssl.truststore.certificates",
  "ssl.keystore.type",
  "ssl.keystore.location",
  "ssl.keystore.key",
  "ssl.keystore.certificate.chain",
  "ssl.key.password",
  "ssl.endpoint.identification.algorithm",
  "request.timeout.ms",
  "socket.connection.setup.timeout.ms",
  "retries",
  "retry.backoff.ms",
  "retry.backoff.max.ms",
]);

/** Kafka client keys that kafkajs has no equivalent for and that change nothing essential: warned about, ignored. */
const IGNORED_KEYS: Readonly<Record<string, string>> = {
  "linger.ms": "kafkajs sends each batch the worker hands it at once; batching comes from the worker",
  "batch.size": "kafkajs sends each batch the worker hands it as one request",
  "buffer.memory": "kafkajs does not buffer outside the worker's batches",
  "delivery.timeout.ms": "kafkajs bounds a send by request.timeout.ms and retries instead",
  "max.block.ms": "kafkajs never blocks the event loop",
  "partitioner.class":
    "records with a key use Java's murmur2 partitioner, records without one stick to a partition per batch",
  "partition.assignment.strategy": "kafkajs assigns partitions round robin",
  "group.instance.id": "kafkajs has no static group membership",
  "reconnect.backoff.ms": "kafkajs reconnects with its retry backoff",
  "reconnect.backoff.max.ms": "kafkajs reconnects with its retry backoff",
  "connections.max.idle.ms": "kafkajs keeps connections open",
  "send.buffer.bytes": "kafkajs uses the socket defaults",
  "receive.buffer.bytes": "kafkajs uses the socket defaults",
  "client.dns.lookup": "kafkajs resolves host names with Node's resolver",
  "auto.commit.interval.ms": "the worker commits offsets itself",
  "check.crcs": "kafkajs always checks CRCs",
  "metric.reporters": "Tributary serves its own metrics",
  "metrics.sample.window.ms": "Tributary serves its own metrics",
  "metrics.num.samples": "Tributary serves its own metrics",
  "metrics.recording.level": "Tributary serves its own metrics",
  "default.api.timeout.ms": "kafkajs bounds each request by request.timeout.ms",
};

/** Keys the worker sets itself, so a user's value is dropped without a word, as Kafka Connect does. */
const WORKER_OWNED_KEYS = new Set([
  "key.serializer",
  "value.serializer",
  "key.deserializer",
  "value.deserializer",
  "transactional.id",
  "group.id",
]);

const PRODUCER_KEYS = new Set([
  "acks",
  "enable.idempotence",
  "transaction.timeout.ms",
  "max.in.flight.requests.per.connection",
  "compression.type",
  "metadata.max.age.ms",
  "allow.auto.create.topics",
  "max.request.size",
]);

const CONSUMER_KEYS = new Set([
  "auto.offset.reset",
  "isolation.level",
  "session.timeout.ms",
  "heartbeat.interval.ms",
  "max.poll.interval.ms",
  "max.partition.fetch.bytes",
  "fetch.max.bytes",
  "fetch.min.bytes",
  "fetch.max.wait.ms",
  "max.poll.records",
  "enable.auto.commit",
  "allow.auto.create.topics",
  "metadata.max.age.ms",
  "client.rack",
]);

/** The kind of client whose settings are being mapped, for the keys it knows and the messages it writes. */
export type ClientKind = "producer" | "consumer" | "admin";

const KIND_KEYS: Readonly<Record<ClientKind, ReadonlySet<string>>> = {
  producer: PRODUCER_KEYS,
  consumer: CONSUMER_KEYS,
  admin: new Set(),
};

/**
 * Merges the worker's top-level client keys, its `<kind>.*` settings and per-client overrides, in that order of
 * precedence (later wins), and warns once per unknown or ignored key through `logger`.
 */
export function mergeClientProps(
  originals: Readonly<Record<string, string>>,
  kind: ClientKind,
  overrides: ClientProps | undefined,
  logger: Logger,
): ClientProps {
  const merged: Record<string, string> = {};
  for (const [key, value] of Object.entries(originals)) {
    if (COMMON_KEYS.has(key)) merged[key] = value;
  }
  const prefix = `${kind}.`;
  const scoped: Record<string, string> = {};
  for (const [key, value] of Object.entries(originals)) {
    if (key.startsWith(prefix)) scoped[key.slice(prefix.length)] = value;
  }
  for (const [source, props] of [
    [`worker setting ${prefix}`, scoped],
    [`${kind} override `, overrides ?? {}],
  ] as const) {
    for (const [key, value] of Object.entries(props)) {
      if (WORKER_OWNED_KEYS.has(key)) continue;
      if (COMMON_KEYS.has(key) || KIND_KEYS[kind].has(key)) {
        merged[key] = value;
        continue;
      }
      const reason = IGNORED_KEYS[key];
      logger.warn(
        { key: `${source}${key}` },
        reason === undefined
          ? `Ignoring Kafka ${kind} setting ${source}${key}: the kafkajs client has no such setting. Remove it, or check its spelling.`
          : `Ignoring Kafka ${kind} setting ${source}${key}: ${reason}.`,
      );
    }
  }
  return merged;
}

function intSetting(props: ClientProps, key: string, minimum = 0): number | undefined {
  const text = props[key];
  if (text === undefined || text.trim() === "") return undefined;
  const value = Number(text.trim());
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new ConfigError(
      `Kafka client setting ${key}=${text} is invalid: give an integer of at least ${minimum}.`,
    );
  }
  return value;
}

function boolSetting(props: ClientProps, key: string): boolean | undefined {
  const text = props[key]?.trim().toLowerCase();
  if (text === undefined || text === "") return undefined;
  if (text === "true" || text === "false") return text === "true";
  throw new ConfigError(`Kafka client setting ${key}=${props[key]} is invalid: give true or false.`);
}

function choice<T extends string>(props: ClientProps, key: string, allowed: readonly T[]): T | undefined {
  const text = props[key]?.trim();
  if (text === undefined || text === "") return undefined;
  const found = allowed.find((option) => option.toLowerCase() === text.toLowerCase());
  if (found === undefined) {
    throw new ConfigError(
      `Kafka client setting ${key}=${text} is not supported by Tributary's Kafka client: use one of ${allowed.join(", ")}.`,
    );
  }
  return found;
}

/** `bootstrap.servers` as kafkajs wants it; `host:port` entries, an optional `PLAINTEXT://`-like scheme removed. */
export function brokerList(props: ClientProps): string[] {
  const brokers = (props["bootstrap.servers"] ?? "localhost:9092")
    .split(",")
    .map((entry) => entry.trim().replace(/^[A-Za-z_]+:\/\//, ""))
    .filter((entry) => entry.length > 0);
  if (brokers.length === 0) {
    throw new ConfigError("bootstrap.servers is empty: give the Kafka brokers as host1:port1,host2:port2.");
  }
  return brokers;
}

/** Reads `username="…"` and `password="…"` from a JAAS line such as PlainLoginModule's. */
function jaasCredentials(jaas: string | undefined): { username: string; password: string } {
  const field = (name: string) => jaas?.match(new RegExp(`\\b${name}\\s*=\\s*"((?:[^"\\\\]|\\\\.)*)"`))?.[1];
  const username = field("username");
  const password = field("password");
  if (username === undefined || password === undefined) {
    throw new ConfigError(
      'sasl.jaas.config must name a username and a password, as in org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="p";',
    );
  }
  return { username: username.replace(/\\(.)/g, "$1"), password: password.replace(/\\(.)/g, "$1") };
}

function pem(props: ClientProps, typeKey: string, locationKey: string): string | undefined {
  const location = props[locationKey]?.trim();
  if (location === undefined || location === "") return undefined;
  const type = (props[typeKey] ?? "JKS").trim().toUpperCase();
  if (type !== "PEM") {
    throw new ConfigError(
      `${locationKey} points to a ${type} store, which Tributary's Kafka client cannot read: convert it to PEM and set ${typeKey}=PEM.`,
    );
  }
  try {
    return readFileSync(location, "utf8");
  } catch (error) {
    throw new ConfigError(`Cannot read ${locationKey}=${location}: ${(error as Error).message}.`, {
      cause: error,
    });
  }
}

function tlsOptions(props: ClientProps): ConnectionOptions {
  const options: ConnectionOptions = {};
  const ca =
    props["ssl.truststore.certificates"] ?? pem(props, "ssl.truststore.type", "ssl.truststore.location");
  if (ca !== undefined) options.ca = ca;
  const keystore = pem(props, "ssl.keystore.type", "ssl.keystore.location");
  const key = props["ssl.keystore.key"] ?? keystore;
  const cert = props["ssl.keystore.certificate.chain"] ?? keystore;
  if (key !== undefined) options.key = key;
  if (cert !== undefined) options.cert = cert;
  if (props["ssl.key.password"] !== undefined) options.passphrase = props["ssl.key.password"];
  if (props["ssl.endpoint.identification.algorithm"]?.trim() === "")
    options.checkServerIdentity = () => undefined;
  return options;
}

function retryOptions(props: ClientProps): RetryOptions {
  const retry: RetryOptions = {};
  const retries = intSetting(props, "retries");
  // Java's default is "retry until delivery.timeout.ms"; kafkajs's 5 attempts over ~30 s is the closest default.
  if (retries !== undefined) retry.retries = Math.min(retries, 100);
  const initial = intSetting(props, "retry.backoff.ms");
  if (initial !== undefined) retry.initialRetryTime = Math.max(initial, 1);
  const max = intSetting(props, "retry.backoff.max.ms");
  if (max !== undefined) retry.maxRetryTime = Math.max(max, 1);
  return retry;
}

/** The kafkajs client settings (connection, security, retries) from merged client settings. */
export function kafkaConfig(props: ClientProps): Omit<KafkaConfig, "logCreator" | "logLevel"> {
  const config: KafkaConfig = { brokers: brokerList(props) };
  const clientId = props["client.id"]?.trim();
  if (clientId) config.clientId = clientId;
  const protocol =
    choice(props, "security.protocol", ["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] as const) ??
    "PLAINTEXT";
  if (protocol === "SSL" || protocol === "SASL_SSL") config.ssl = tlsOptions(props);
  if (protocol === "SASL_PLAINTEXT" || protocol === "SASL_SSL") {
    const mechanism =
      choice(props, "sasl.mechanism", ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] as const) ?? "PLAIN";
    const credentials = jaasCredentials(props["sasl.jaas.config"]);
    const kafkajsMechanism = mechanism.toLowerCase() as "plain" | "scram-sha-256" | "scram-sha-512";
    config.sasl = { mechanism: kafkajsMechanism, ...credentials } as SASLOptions;
  }
  const requestTimeout = intSetting(props, "request.timeout.ms", 1);
  if (requestTimeout !== undefined) config.requestTimeout = requestTimeout;
  const connectionTimeout = intSetting(props, "socket.connection.setup.timeout.ms", 1);
  if (connectionTimeout !== undefined) config.connectionTimeout = connectionTimeout;
  config.retry = retryOptions(props);
  return config;
}

/** How a producer sends: its kafkajs settings and the per-send options. */
export interface ProducerSettings {
  readonly config: ProducerConfig;
  readonly acks: -1 | 0 | 1;
  /** kafkajs compression code: 0 none, 1 gzip. */
  readonly compression: 0 | 1;
  readonly timeout: number | undefined;
  /** `max.request.size`: sends are cut into requests of about this many bytes at most. */
  readonly maxRequestBytes: number;
}

/**
 * The producer's settings: acks=all and idempotence unless `acks` or `enable.idempotence` say otherwise. Only
 * `none` and `gzip` compression are available without native codecs, so the others are refused.
 */
export function producerSettings(props: ClientProps, transactional: boolean): ProducerSettings {
  const acksText = props.acks?.trim().toLowerCase() ?? "all";
  const acks = ({ all: -1, "-1": -1, "1": 1, "0": 0 } as const)[acksText];
  if (acks === undefined)
    throw new ConfigError(`Kafka producer setting acks=${props.acks} is invalid: use all, 1 or 0.`);
  const idempotent = transactional || (boolSetting(props, "enable.idempotence") ?? acks === -1);
  if (idempotent && acks !== -1) {
    throw new ConfigError(
      `Kafka producer setting acks=${props.acks} needs enable.idempotence=false: an idempotent producer waits for all replicas.`,
    );
  }
  const config: ProducerConfig = {
    idempotent,
    allowAutoTopicCreation: boolSetting(props, "allow.auto.create.topics") ?? true,
  };
  const inFlight = intSetting(props, "max.in.flight.requests.per.connection", 1);
  // kafkajs keeps sequence numbers per partition only for one request in flight, so an idempotent producer needs 1.
  if (inFlight !== undefined && !idempotent) config.maxInFlightRequests = inFlight;
  if (idempotent) config.maxInFlightRequests = 1;
  const transactionTimeout = intSetting(props, "transaction.timeout.ms", 1);
  if (transactionTimeout !== undefined) config.transactionTimeout = transactionTimeout;
  const metadataMaxAge = intSetting(props, "metadata.max.age.ms");
  if (metadataMaxAge !== undefined) config.metadataMaxAge = metadataMaxAge;
  const retry = retryOptions(props);
  if (Object.keys(retry).length > 0) config.retry = retry;
  const compressionName = choice(props, "compression.type", [
    "none",
    "gzip",
    "snappy",
    "lz4",
    "zstd",
  ] as const);
  if (compressionName !== undefined && compressionName !== "none" && compressionName !== "gzip") {
    throw new ConfigError(
      `Kafka producer setting compression.type=${compressionName} is not available in Tributary's Kafka client: use none or gzip.`,
    );
  }
  return {
    config,
    acks,
    compression: compressionName === "gzip" ? 1 : 0,
    timeout: intSetting(props, "request.timeout.ms", 1),
    // Kafka's default, 1 MiB, which the broker's default message.max.bytes also allows.
    maxRequestBytes: intSetting(props, "max.request.size", 1024) ?? 1_048_576,
  };
}

/** How a consumer fetches: its kafkajs settings, where it starts, and the batch bound. */
export interface ConsumerSettings {
  readonly config: Omit<ConsumerConfig, "groupId">;
  readonly fromBeginning: boolean;
  /** `max.poll.records` when given: batches are cut to at most this many messages. */
  readonly maxBatchRecords: number | undefined;
}

/** The consumer's settings, the worker's explicit choices (isolation, reset) winning over the client settings. */
export function consumerSettings(
  props: ClientProps,
  explicit: {
    isolationLevel?: "read_committed" | "read_uncommitted";
    autoOffsetReset?: "earliest" | "latest";
  },
  logger: Logger,
): ConsumerSettings {
  if (boolSetting(props, "enable.auto.commit") === true) {
    logger.warn(
      { key: "enable.auto.commit" },
      "Ignoring Kafka consumer setting enable.auto.commit=true: the worker commits offsets itself, after the records are processed.",
    );
  }
  const isolation =
    explicit.isolationLevel ??
    choice(props, "isolation.level", ["read_committed", "read_uncommitted"] as const) ??
    "read_uncommitted";
  const reset =
    explicit.autoOffsetReset ?? choice(props, "auto.offset.reset", ["earliest", "latest", "none"] as const);
  if (reset === "none") {
    throw new ConfigError(
      "Kafka consumer setting auto.offset.reset=none is not supported by Tributary's Kafka client: use earliest or latest.",
    );
  }
  const config: Omit<ConsumerConfig, "groupId"> = {
    readUncommitted: isolation === "read_uncommitted",
    // Java's consumer default: subscribing to a topic that does not exist yet creates it (when the broker's
    // auto.create.topics.enable allows), where kafkajs would fail the subscription.
    allowAutoTopicCreation: boolSetting(props, "allow.auto.create.topics") ?? true,
    // Kafka's fetch.max.wait.ms default; kafkajs waits 5 s, which also holds up every close by as much.
    maxWaitTimeInMs: 500,
  };
  const mapped: readonly [string, keyof ConsumerConfig, number][] = [
    ["session.timeout.ms", "sessionTimeout", 1],
    ["heartbeat.interval.ms", "heartbeatInterval", 1],
    ["max.poll.interval.ms", "rebalanceTimeout", 1],
    ["max.partition.fetch.bytes", "maxBytesPerPartition", 1],
    ["fetch.max.bytes", "maxBytes", 1],
    ["fetch.min.bytes", "minBytes", 0],
    ["fetch.max.wait.ms", "maxWaitTimeInMs", 0],
    ["metadata.max.age.ms", "metadataMaxAge", 0],
  ];
  for (const [key, field, minimum] of mapped) {
    const value = intSetting(props, key, minimum);
    if (value !== undefined) (config as Record<string, unknown>)[field] = value;
  }
  const rack = props["client.rack"]?.trim();
  if (rack) config.rackId = rack;
  const retry = retryOptions(props);
  if (Object.keys(retry).length > 0) config.retry = retry;
  return {
    config,
    fromBeginning: (reset ?? "latest") === "earliest",
    maxBatchRecords: intSetting(props, "max.poll.records", 1),
  };
}
