import { Config, type ConfigType, defineConfig } from "@tributary/api";

const CONNECTOR = "Connector";
const WRITES = "Writes";
const DATA = "Data Conversion";
const STREAMS = "Data Stream";
const SECURITY = "Security";

/** How a Decimal is mapped and written: exact text, an exact number in a scaled float, or a double. */
export type DecimalMapping = "keyword" | "scaled_float" | "double";

/**
 * The configuration of {@link ElasticsearchSinkConnector} and its tasks: the keys of Confluent's Elasticsearch sink
 * connector, plus `connection.api.key`, `decimal.mapping` and `external.version.*`. See
 * `docs/connectors/elasticsearch.md` for each key with examples.
 *
 * @example
 * ```ts
 * const config = ElasticsearchSinkConfig.parse({ "connection.url": "http://127.0.0.1:9200", topics: "orders" });
 * config["batch.size"]; // 2000
 * ```
 */
export const ElasticsearchSinkConfig = defineConfig({
  "connection.url": Config.list({
    importance: "HIGH",
    group: CONNECTOR,
    documentation:
      "The URLs of the Elasticsearch or OpenSearch nodes, comma-separated, such as http://es1:9200,http://es2:9200. Requests go to the first one that answers; on a connection failure the next one is tried.",
    validate: (urls) => {
      if (urls.length === 0) return "At least one URL is required, such as http://127.0.0.1:9200";
      const bad = urls.find((url) => !/^https?:\/\/[^/]/i.test(url));
      return bad === undefined ? undefined : `"${bad}" is not an http:// or https:// URL`;
    },
  }),
  "connection.username": Config.string({
    optional: true,
    importance: "MEDIUM",
    group: CONNECTOR,
    documentation: "The user name for HTTP basic authentication; leave unset for none.",
  }),
  "connection.password": Config.password({
    optional: true,
    importance: "MEDIUM",
    group: CONNECTOR,
    documentation: "The password for HTTP basic authentication.",
  }),
  "connection.api.key": Config.password({
    optional: true,
    importance: "MEDIUM",
    group: CONNECTOR,
    documentation:
      "An API key sent as 'Authorization: ApiKey <key>': the base64 'encoded' value the engine returned when the key was created. Use it instead of a user name and password.",
  }),
  "connection.timeout.ms": Config.int({
    default: 1000,
    minimum: 1,
    importance: "LOW",
    group: CONNECTOR,
    documentation: "How long to wait, in milliseconds, for a connection to a node to be established.",
  }),
  "read.timeout.ms": Config.int({
    default: 3000,
    minimum: 1,
    importance: "LOW",
    group: CONNECTOR,
    documentation:
      "How long to wait, in milliseconds, for a node to answer a request (and between parts of its answer); a request that times out is retried.",
  }),
  "connection.compression": Config.boolean({
    default: false,
    importance: "LOW",
    group: CONNECTOR,
    documentation: "Whether to gzip request bodies and accept gzipped answers.",
  }),
  "batch.size": Config.int({
    default: 2000,
    minimum: 1,
    maximum: 1000000,
    importance: "MEDIUM",
    group: WRITES,
    documentation: "The most records sent in one bulk request.",
  }),
  "bulk.size.bytes": Config.long({
    default: 5 * 1024 * 1024,
    minimum: 1,
    importance: "LOW",
    group: WRITES,
    documentation:
      "The most bytes of documents sent in one bulk request; a single larger document is sent alone.",
  }),
  "max.in.flight.requests": Config.int({
    default: 5,
    minimum: 1,
    maximum: 1000,
    importance: "MEDIUM",
    group: WRITES,
    documentation:
      "The most bulk requests a task has in flight at once; also the number of connections it keeps to each node.",
  }),
  "max.buffered.records": Config.int({
    default: 20000,
    minimum: 1,
    importance: "LOW",
    group: WRITES,
    documentation:
      "The most records a task holds before they are written; put() waits while this many are buffered or in flight.",
  }),
  "linger.ms": Config.long({
    default: 1,
    minimum: 0,
    maximum: 7 * 24 * 60 * 60 * 1000,
    importance: "LOW",
    group: WRITES,
    documentation:
      "How long to wait, in milliseconds, for more records before sending a bulk request that is not full.",
  }),
  "flush.timeout.ms": Config.long({
    default: 180000,
    minimum: 1,
    importance: "LOW",
    group: WRITES,
    documentation:
      "How long an offset commit waits, in milliseconds, for buffered records to be written (it then commits only what was written), and how long put() waits for room in a full buffer before failing the task.",
  }),
  "flush.synchronously": Config.boolean({
    default: false,
    importance: "LOW",
    group: WRITES,
    documentation:
      "Whether put() waits until every record it was given is written before it returns. Slower; offsets are safe either way.",
  }),
  "max.retries": Config.int({
    default: 5,
    minimum: 0,
    importance: "LOW",
    group: WRITES,
    documentation:
      "How many times a failed request, or the documents of a bulk request refused with 429 or 503, are sent again before the task fails.",
  }),
  "retry.backoff.ms": Config.long({
    default: 100,
    minimum: 0,
    importance: "LOW",
    group: WRITES,
    documentation:
      "The wait, in milliseconds, before the first retry; it doubles with each retry (with random jitter), up to one minute.",
  }),
  "write.method": Config.enum(["insert", "upsert"], {
    default: "insert",
    caseInsensitive: true,
    importance: "LOW",
    group: WRITES,
    documentation:
      "insert indexes each record as the whole document; upsert updates the document with the record's fields (doc_as_upsert), creating it when absent. External versioning applies to insert only.",
  }),
  "behavior.on.null.values": Config.enum(["ignore", "delete", "fail"], {
    default: "fail",
    caseInsensitive: true,
    importance: "LOW",
    group: WRITES,
    documentation:
      "What a record with a null value (a tombstone) does: ignore skips it, delete deletes the document of its id, fail fails the task.",
  }),
  "behavior.on.malformed.documents": Config.enum(["ignore", "warn", "fail"], {
    default: "fail",
    caseInsensitive: true,
    importance: "LOW",
    group: WRITES,
    documentation:
      "What a document the engine refuses as malformed (mapping or parse errors) does. With a dead-letter queue or error log configured, it is reported there in every case and the task goes on; otherwise ignore skips it, warn skips it with a warning, fail fails the task.",
  }),
  "drop.invalid.message": Config.boolean({
    default: false,
    importance: "LOW",
    group: WRITES,
    documentation:
      "Whether a record that cannot be made into a request (a null or struct key used as id, a value that is not an object) is skipped, after being reported to the dead-letter queue if there is one, instead of failing the task.",
  }),
  "key.ignore": Config.boolean({
    default: false,
    importance: "HIGH",
    group: DATA,
    documentation:
      "Whether document ids are topic+partition+offset instead of the record key (an integer or string).",
  }),
  "schema.ignore": Config.boolean({
    default: false,
    importance: "LOW",
    group: DATA,
    documentation:
      "Whether to leave mappings to the engine (dynamic mapping) instead of creating them from the records' value schemas.",
  }),
  "compact.map.entries": Config.boolean({
    default: true,
    importance: "LOW",
    group: DATA,
    documentation:
      'Whether maps with string keys are written as JSON objects; when false, and always for other keys, a map is an array of {"key":…,"value":…} objects.',
  }),
  "topic.key.ignore": Config.list({
    default: [],
    importance: "LOW",
    group: DATA,
    documentation: "Topics whose document ids are topic+partition+offset, as with key.ignore=true.",
  }),
  "topic.schema.ignore": Config.list({
    default: [],
    importance: "LOW",
    group: DATA,
    documentation: "Topics whose mappings are left to the engine, as with schema.ignore=true.",
  }),
  "decimal.mapping": Config.enum(["keyword", "scaled_float", "double"], {
    default: "keyword",
    caseInsensitive: true,
    importance: "LOW",
    group: DATA,
    documentation:
      "How a Decimal is mapped: keyword keeps the exact digits as a string; scaled_float stores the exact number scaled by 10^scale; double (the Elasticsearch connector's mapping) a double, which may round.",
  }),
  "external.version.source": Config.enum(["offset", "header", "none"], {
    default: "offset",
    caseInsensitive: true,
    importance: "LOW",
    group: DATA,
    documentation:
      "Where the external version of a document written with an id from its key comes from: offset (the Kafka offset, so a redelivered old record cannot overwrite newer data), header (the integer in the header named by external.version.header) or none (no versioning: the last write wins).",
  }),
  "external.version.header": Config.string({
    default: "",
    importance: "LOW",
    group: DATA,
    documentation:
      "The record header holding the external version (a non-negative integer) when external.version.source=header; setting it selects the header unless external.version.source=none.",
  }),
  "data.stream.type": Config.enum(["none", "logs", "metrics", "traces", "synthetics"], {
    default: "none",
    caseInsensitive: true,
    importance: "LOW",
    group: STREAMS,
    documentation:
      "The type of data stream to write to, with data.stream.dataset; none writes to an index per topic.",
  }),
  "data.stream.dataset": Config.string({
    default: "",
    importance: "LOW",
    group: STREAMS,
    documentation:
      'The dataset of the data streams, named <type>-<dataset>-<topic>; lower case, at most 100 characters, none of \\/*?"<>| ,#:-.',
    validate: (dataset) =>
      dataset.length > 100
        ? "The dataset must be at most 100 characters"
        : /[\\/*?"<>| ,#:\-A-Z]/.test(dataset)
          ? 'The dataset must be lower case and hold none of \\/*?"<>| ,#:-'
          : undefined,
  }),
  "data.stream.timestamp.field": Config.list({
    default: [],
    importance: "LOW",
    group: STREAMS,
    documentation:
      "Fields of the value, tried in order, whose value becomes a data stream document's @timestamp; when none is set the record's timestamp is used (unless the value has its own @timestamp).",
  }),
  "elastic.security.protocol": Config.enum(["PLAINTEXT", "SSL"], {
    default: "PLAINTEXT",
    caseInsensitive: true,
    importance: "MEDIUM",
    group: SECURITY,
    documentation:
      "SSL uses the elastic.https.ssl.* settings for https:// URLs; with PLAINTEXT, https:// URLs are checked against the system's certificate authorities.",
  }),
  "elastic.https.ssl.keystore.location": Config.string({
    default: "",
    importance: "MEDIUM",
    group: SECURITY,
    documentation:
      "A file with the client certificate and private key, for nodes that require client certificates: PEM (certificate and key in one file) or PKCS12.",
  }),
  "elastic.https.ssl.keystore.password": Config.password({
    optional: true,
    importance: "MEDIUM",
    group: SECURITY,
    documentation: "The password of a PKCS12 keystore.",
  }),
  "elastic.https.ssl.keystore.type": Config.enum(["PEM", "PKCS12", "JKS"], {
    default: "PKCS12",
    caseInsensitive: true,
    importance: "MEDIUM",
    group: SECURITY,
    documentation:
      "PEM or PKCS12. JKS cannot be read by Node.js: convert it with keytool -importkeystore -deststoretype PKCS12.",
  }),
  "elastic.https.ssl.key.password": Config.password({
    optional: true,
    importance: "MEDIUM",
    group: SECURITY,
    documentation: "The passphrase of an encrypted private key in a PEM keystore.",
  }),
  "elastic.https.ssl.truststore.location": Config.string({
    default: "",
    importance: "MEDIUM",
    group: SECURITY,
    documentation:
      "A PEM file of the certificate authorities to trust instead of the system's, such as the engine's http_ca.crt.",
  }),
  "elastic.https.ssl.truststore.password": Config.password({
    optional: true,
    importance: "LOW",
    group: SECURITY,
    documentation: "Accepted for compatibility; a PEM truststore has no password.",
  }),
  "elastic.https.ssl.truststore.type": Config.enum(["PEM", "PKCS12", "JKS"], {
    default: "PEM",
    caseInsensitive: true,
    importance: "LOW",
    group: SECURITY,
    documentation:
      "PEM only: export other truststores with keytool -exportcert -rfc or openssl pkcs12 -nokeys.",
  }),
  "elastic.https.ssl.endpoint.identification.algorithm": Config.string({
    default: "https",
    importance: "LOW",
    group: SECURITY,
    documentation: "https checks that the node's certificate names its host; empty turns the check off.",
  }),
});

/** The parsed configuration of an Elasticsearch sink. */
export type ElasticsearchSinkConfigValues = ConfigType<typeof ElasticsearchSinkConfig>;
