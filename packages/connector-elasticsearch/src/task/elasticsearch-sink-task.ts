import { debuglog } from "node:util";
import { ConnectError, DataError, type SinkRecord, SinkTask, type TopicPartition } from "@tributary/api";
import { backoffMs, sleep } from "../bulk/backoff.js";
import { bulkActionText } from "../bulk/bulk-action.js";
import { BULK_PATH, type BulkOperation } from "../bulk/bulk-response.js";
import { type BulkItem, BulkWriter, describeRecord } from "../bulk/bulk-writer.js";
import {
  ElasticsearchSinkConfig,
  type ElasticsearchSinkConfigValues,
} from "../config/elasticsearch-sink-config.js";
import { requireConsistent, versionSourceOf } from "../config/sink-settings.js";
import { documentIdOf, externalVersionOf } from "../document/document-id.js";
import { dataStreamNameFor, indexNameFor } from "../document/index-name.js";
import { JsonWriter } from "../document/json-writer.js";
import { type EngineInfo, engineInfoOf, engineName, supportsDataStreams } from "../http/engine-info.js";
import { SearchClient } from "../http/search-client.js";
import { tlsOptionsOf } from "../http/tls-options.js";
import { mappingFor } from "../mapping/schema-mapping.js";
import { VERSION } from "../version.js";
import { IndexManager } from "./index-manager.js";
import { type OffsetSlot, OffsetTracker } from "./offset-tracker.js";

const debug = debuglog("tributary-elasticsearch");

/** Where the records of one topic go, worked out once per topic. */
interface Target {
  /** The index or data stream name. */
  readonly name: string;
  /** Its name as JSON, for action lines. */
  readonly nameJson: string;
  readonly ignoreKey: boolean;
  readonly ignoreSchema: boolean;
  /** Whether insert actions carry an external version. */
  readonly versioned: boolean;
}

/**
 * Writes records to Elasticsearch 7–9 or OpenSearch 1–3 with the bulk API: the task of
 * {@link ElasticsearchSinkConnector}, configured with {@link ElasticsearchSinkConfig}.
 *
 * `put()` turns each record into a bulk action (index, create for data streams, update for upserts, delete for
 * tombstones) and hands it to a writer that batches (`batch.size`, `bulk.size.bytes`, `linger.ms`) and sends up to
 * `max.in.flight.requests` requests at once; it returns as soon as the records are buffered, and waits only while
 * `max.buffered.records` are buffered or in flight. `preCommit()` sends what is buffered, waits up to
 * `flush.timeout.ms` for it to be written, and returns per original topic-partition only the offset below which every
 * record is written, so offsets are never committed past unwritten data. A failure in the background (a refused
 * document that is not a record error, or retries exhausted) fails the next `put()` or `preCommit()`.
 *
 * Records that cannot become documents (a null key used as id, a value that is not an object) and documents the
 * engine refuses as malformed go to the dead-letter queue when the connector has one (or an error log); without
 * one, `drop.invalid.message` and `behavior.on.malformed.documents` decide whether they are skipped or fail the task.
 */
export class ElasticsearchSinkTask extends SinkTask {
  #config: ElasticsearchSinkConfigValues | undefined;
  #client: SearchClient | undefined;
  #writer: BulkWriter | undefined;
  #indexes: IndexManager | undefined;
  #json: JsonWriter | undefined;
  #engine: EngineInfo | undefined;
  readonly #tracker = new OffsetTracker();
  readonly #targets = new Map<string, Target>();
  #versionHeader: string | undefined;
  #conflicts = 0;

  version(): string {
    return VERSION;
  }

  /** The engine the task talks to, read from `GET /` at start; `undefined` before. */
  get engine(): EngineInfo | undefined {
    return this.#engine;
  }

  /** How many documents were not written because the engine held a newer version (external versioning). */
  get versionConflicts(): number {
    return this.#conflicts;
  }

  /**
   * Reads the configuration, connects and reads the engine's flavour and version from `GET /`.
   * @throws ConfigValidationError when the configuration is invalid; ConnectError when no node answers as a served
   * engine, or the engine lacks what the configuration needs (data streams before Elasticsearch 7.9).
   */
  async start(props: Readonly<Record<string, string>>): Promise<void> {
    const config = ElasticsearchSinkConfig.parse(props);
    requireConsistent(config);
    this.#config = config;
    const versionSource = versionSourceOf(config);
    this.#versionHeader = versionSource === "header" ? config["external.version.header"] : undefined;
    const client = new SearchClient({
      urls: config["connection.url"],
      authorization: authorizationOf(config),
      connectTimeoutMs: config["connection.timeout.ms"],
      readTimeoutMs: config["read.timeout.ms"],
      compression: config["connection.compression"],
      connections: config["max.in.flight.requests"] + 1,
      tls: tlsOptionsOf(config),
    });
    this.#client = client;
    const engine = await readEngine(client, config);
    this.#engine = engine;
    if (config["data.stream.type"] !== "none" && !supportsDataStreams(engine)) {
      throw new ConnectError(
        `${engineName(engine)} has no data streams (Elasticsearch has them from 7.9): unset data.stream.type and data.stream.dataset to write to indices.`,
      );
    }
    this.#json = new JsonWriter({
      compactMapEntries: config["compact.map.entries"],
      decimalMapping: config["decimal.mapping"],
    });
    this.#indexes = new IndexManager(client, {
      engine,
      maxRetries: config["max.retries"],
      retryBackoffMs: config["retry.backoff.ms"],
    });
    this.#writer = new BulkWriter({
      batchSize: config["batch.size"],
      bulkSizeBytes: config["bulk.size.bytes"],
      maxInFlight: config["max.in.flight.requests"],
      lingerMs: config["linger.ms"],
      maxRetries: config["max.retries"],
      retryBackoffMs: config["retry.backoff.ms"],
      send: (body) => client.request("POST", BULK_PATH, body, "application/x-ndjson"),
      onMalformed: (item, error) => this.#malformed(item, error),
      onConflict: (item, error) => {
        this.#conflicts++;
        debug("%s was not written: the index holds a newer version (%s)", describeRecord(item.record), error);
      },
    });
  }

  /**
   * Turns the records into bulk actions and buffers them; waits while `max.buffered.records` are buffered or in
   * flight (and, with `flush.synchronously=true`, until these records are written).
   * Records of this batch handed on before a throw are written anyway; when the worker delivers the batch again
   * they are sent again with the same ids and versions, which leaves the index as if each were written once
   * (with external versioning the second copy is refused as a version conflict and counted as one).
   * @throws RetriableError when the buffer stays full for `flush.timeout.ms`: the worker pauses and delivers the
   * batch again.
   * @throws ConnectError when the writer failed, or a record cannot be written and there is no dead-letter queue.
   */
  async put(records: readonly SinkRecord[]): Promise<void> {
    const config = this.#requireStarted();
    const writer = this.#writer!;
    if (writer.failure !== undefined) throw writer.failure;
    const maxBuffered = config["max.buffered.records"];
    for (const record of records) {
      const slot = this.#tracker.track(record);
      try {
        // A promise only when the record has to wait (a new index, a full buffer), so a stream of records costs
        // no promise each.
        const waiting = this.#accept(record, slot, writer, maxBuffered, config["flush.timeout.ms"]);
        if (waiting !== undefined) await waiting;
      } catch (error) {
        // The worker delivers this record again (after a retriable error) or the task fails: either way this slot
        // will never be written, and must not hold the partition's commits back.
        this.#tracker.untrack(record, slot);
        throw error;
      }
    }
    // A request that failed while this batch was being buffered fails the task now rather than at the next call.
    if (writer.failure !== undefined) throw writer.failure;
    if (config["flush.synchronously"]) await this.#flushWithin(config["flush.timeout.ms"]);
  }

  /**
   * Sends everything buffered and waits up to `flush.timeout.ms` for it to be written, then returns per original
   * partition the offset below which every record is written (less than `currentOffsets` when some are not).
   * @throws ConnectError when the writer failed.
   */
  override async preCommit(
    currentOffsets: ReadonlyMap<TopicPartition, bigint>,
  ): Promise<ReadonlyMap<TopicPartition, bigint>> {
    const config = this.#requireStarted();
    await this.#flushWithin(config["flush.timeout.ms"]);
    return this.#tracker.committable(currentOffsets.keys());
  }

  /**
   * Sends everything buffered and waits up to `flush.timeout.ms` for it to be written.
   * @throws ConnectError when the writer failed.
   */
  override async flush(): Promise<void> {
    const config = this.#requireStarted();
    await this.#flushWithin(config["flush.timeout.ms"]);
  }

  /** Forgets the offsets of partitions the task no longer has; their records in flight are still written. */
  override close(partitions: readonly TopicPartition[]): void {
    this.#tracker.forget(partitions);
  }

  /** Stops sending, waits briefly for requests in flight, and closes the connections. */
  async stop(): Promise<void> {
    await this.#writer?.stop(this.#config?.["read.timeout.ms"] ?? 0);
    await this.#client?.close();
  }

  /**
   * Turns one record into a bulk item and hands it to the writer; returns a promise only when it must first wait for
   * its index or for room in the buffer.
   */
  #accept(
    record: SinkRecord,
    slot: OffsetSlot,
    writer: BulkWriter,
    maxBuffered: number,
    flushTimeoutMs: number,
  ): Promise<void> | undefined {
    let item: BulkItem | undefined;
    try {
      item = this.#itemOf(record, slot);
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      this.#invalid(record, error, slot);
      return undefined;
    }
    if (item === undefined) {
      slot.done = true;
      return undefined;
    }
    const target = item.operation === "delete" ? undefined : this.#targetOf(record.topic);
    if ((target !== undefined && !this.#indexes!.isReady(target.name)) || writer.pending >= maxBuffered) {
      return this.#acceptLater(item, target, writer, maxBuffered, flushTimeoutMs);
    }
    writer.add(item);
    return undefined;
  }

  async #acceptLater(
    item: BulkItem,
    target: Target | undefined,
    writer: BulkWriter,
    maxBuffered: number,
    flushTimeoutMs: number,
  ): Promise<void> {
    if (target !== undefined && !this.#indexes!.isReady(target.name))
      await this.#ensureTarget(target, item.record);
    if (writer.pending >= maxBuffered) {
      await writer.waitFor(
        () => writer.pending < maxBuffered,
        flushTimeoutMs,
        `${maxBuffered} records (max.buffered.records) stayed buffered for ${flushTimeoutMs} ms (flush.timeout.ms): the engine at ${this.#client!.currentUrl} is not keeping up. The worker pauses and delivers this batch again; raise flush.timeout.ms or max.buffered.records, or check the engine's health, if this repeats.`,
      );
    }
    writer.add(item);
  }

  async #flushWithin(timeoutMs: number): Promise<void> {
    const writer = this.#writer!;
    const done = await writer.flush(timeoutMs);
    if (!done) {
      debug("%d records still unwritten after flush.timeout.ms; committing what is written", writer.pending);
    }
  }

  #itemOf(record: SinkRecord, slot: OffsetSlot): BulkItem | undefined {
    const config = this.#config!;
    const target = this.#targetOf(record.topic);
    const value = record.value;
    if (value === null || value === undefined) {
      switch (config["behavior.on.null.values"]) {
        case "ignore":
          return undefined;
        case "fail":
          throw new DataError(
            `${capitalized(describeRecord(record))} has a null value (a tombstone); set behavior.on.null.values to ignore or delete to accept tombstones.`,
          );
        case "delete": {
          const text = bulkActionText("delete", {
            indexJson: target.nameJson,
            id: documentIdOf(record, target.ignoreKey),
            version: this.#versionOf(record, target),
            document: undefined,
          });
          return { operation: "delete", text, bytes: Buffer.byteLength(text), record, slot };
        }
      }
    }
    const id = documentIdOf(record, target.ignoreKey);
    const document = this.#documentOf(record);
    const operation: BulkOperation =
      config["data.stream.type"] !== "none"
        ? "create"
        : config["write.method"] === "upsert"
          ? "update"
          : "index";
    const version = operation === "index" ? this.#versionOf(record, target) : undefined;
    const text = bulkActionText(operation, { indexJson: target.nameJson, id, version, document });
    return { operation, text, bytes: Buffer.byteLength(text), record, slot };
  }

  #versionOf(record: SinkRecord, target: Target): string | undefined {
    return target.versioned ? externalVersionOf(record, this.#versionHeader) : undefined;
  }

  /** The record's value as a JSON object, exact, on one line. */
  #documentOf(record: SinkRecord): string {
    const config = this.#config!;
    const json = this.#json!;
    const value = record.value;
    let document: string;
    if (typeof value === "string" || value instanceof Uint8Array) {
      document = jsonObjectText(record, value);
    } else if (config["data.stream.type"] !== "none") {
      const timestamp = this.#timestampOf(record);
      document =
        timestamp === undefined
          ? json.write(value, record.valueSchema)
          : json.writeDocument(value, record.valueSchema, { key: "@timestamp", json: timestamp });
    } else {
      document = json.write(value, record.valueSchema);
    }
    if (document.charCodeAt(0) !== 123 /* { */) {
      throw new DataError(
        `${capitalized(describeRecord(record))} has a value of ${record.valueSchema?.type ?? typeof value}, but a document must be an object (a Struct, a Map or JSON object text).`,
      );
    }
    return document;
  }

  /**
   * The JSON of the first `data.stream.timestamp.field` present in the value, else the record's timestamp; or
   * `undefined` when the value's own `@timestamp` should stay.
   */
  #timestampOf(record: SinkRecord): string | undefined {
    const fields = this.#config!["data.stream.timestamp.field"];
    for (const name of fields) {
      const found = fieldOf(record.value, record.valueSchema, name);
      if (found !== undefined && found.value !== null && found.value !== undefined) {
        if (name === "@timestamp") return undefined;
        return this.#json!.write(found.value, found.schema);
      }
    }
    if (fields.length === 0 && fieldOf(record.value, record.valueSchema, "@timestamp") !== undefined) {
      return undefined;
    }
    if (record.timestamp === null) {
      throw new DataError(
        `${capitalized(describeRecord(record))} has no timestamp and none of data.stream.timestamp.field (${fields.join(", ") || "none set"}), but a data stream document needs an @timestamp.`,
      );
    }
    return String(record.timestamp);
  }

  async #ensureTarget(target: Target, record: SinkRecord): Promise<void> {
    const indexes = this.#indexes!;
    const config = this.#config!;
    const mapping =
      target.ignoreSchema || record.valueSchema === null
        ? undefined
        : mappingFor(record.valueSchema, {
            decimalMapping: config["decimal.mapping"],
            compactMapEntries: config["compact.map.entries"],
          });
    if (config["data.stream.type"] === "none") await indexes.ensureIndex(target.name, mapping);
    else await indexes.ensureDataStream(target.name, mapping);
  }

  #targetOf(topic: string): Target {
    let target = this.#targets.get(topic);
    if (target === undefined) {
      const config = this.#config!;
      const streamType = config["data.stream.type"];
      const name =
        streamType === "none"
          ? indexNameFor(topic)
          : dataStreamNameFor(streamType, config["data.stream.dataset"], topic);
      const ignoreKey = config["key.ignore"] || config["topic.key.ignore"].includes(topic);
      target = {
        name,
        nameJson: JSON.stringify(name),
        ignoreKey,
        ignoreSchema: config["schema.ignore"] || config["topic.schema.ignore"].includes(topic),
        versioned:
          !ignoreKey &&
          versionSourceOf(config) !== "none" &&
          config["write.method"] === "insert" &&
          streamType === "none",
      };
      this.#targets.set(topic, target);
    }
    return target;
  }

  #invalid(record: SinkRecord, error: DataError, slot: OffsetSlot): void {
    const reporter = this.context.errantRecordReporter();
    if (reporter !== null) {
      void reporter.report(record, error);
    } else if (this.#config!["drop.invalid.message"]) {
      process.emitWarning(`Skipped: ${error.message}`, {
        type: "TributaryWarning",
        code: "TRIBUTARY_ELASTICSEARCH_INVALID_RECORD",
      });
    } else {
      throw new DataError(
        `${error.message} (Set drop.invalid.message=true to skip such records, or configure a dead-letter queue.)`,
        { cause: error },
      );
    }
    slot.done = true;
  }

  #malformed(item: BulkItem, reason: string): void {
    const message = `The engine refused the document for ${describeRecord(item.record)} as malformed: ${reason}`;
    const reporter = this.context.errantRecordReporter();
    if (reporter !== null) {
      void reporter.report(item.record, new DataError(message));
      return;
    }
    switch (this.#config!["behavior.on.malformed.documents"]) {
      case "ignore":
        debug("%s", message);
        return;
      case "warn":
        process.emitWarning(`Skipped: ${message}`, {
          type: "TributaryWarning",
          code: "TRIBUTARY_ELASTICSEARCH_MALFORMED_DOCUMENT",
        });
        return;
      case "fail":
        throw new DataError(
          `${message}. Fix the data or the index mapping, set behavior.on.malformed.documents to warn or ignore to skip such documents, or configure a dead-letter queue.`,
        );
    }
  }

  #requireStarted(): ElasticsearchSinkConfigValues {
    if (this.#config === undefined || this.#writer === undefined) {
      throw new ConnectError("The Elasticsearch sink task is not started: call start() first.");
    }
    return this.#config;
  }
}

function authorizationOf(config: ElasticsearchSinkConfigValues): string | undefined {
  const apiKey = config["connection.api.key"];
  if (apiKey !== undefined) return `ApiKey ${apiKey.value()}`;
  const user = config["connection.username"];
  const password = config["connection.password"];
  if (user === undefined || user === "" || password === undefined) return undefined;
  return `Basic ${Buffer.from(`${user}:${password.value()}`).toString("base64")}`;
}

/** Reads the engine from `GET /`, retrying while no node answers. */
async function readEngine(client: SearchClient, config: ElasticsearchSinkConfigValues): Promise<EngineInfo> {
  for (let retry = 0; ; retry++) {
    try {
      const response = await client.request("GET", "/");
      return engineInfoOf(response, client.currentUrl);
    } catch (error) {
      if (!(error instanceof ConnectError && error.retriable) || retry >= config["max.retries"]) throw error;
    }
    await sleep(backoffMs(retry + 1, config["retry.backoff.ms"]));
  }
}

/** A string or bytes value holding a JSON object, checked, on one line. */
function jsonObjectText(record: SinkRecord, value: string | Uint8Array): string {
  const text = typeof value === "string" ? value : Buffer.from(value).toString("utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new DataError(
      `${capitalized(describeRecord(record))} has a value that is not JSON (${(error as Error).message}); a document must be an object.`,
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new DataError(
      `${capitalized(describeRecord(record))} has JSON text that is not an object; a document must be an object.`,
    );
  }
  // Outside strings, line ends in valid JSON are white space; NDJSON needs the document on one line.
  return text.trim().replace(/[\r\n]+/g, " ");
}

/** A top-level field of a Struct, Map or object value, with its schema when there is one. */
function fieldOf(
  value: unknown,
  schema: SinkRecord["valueSchema"],
  name: string,
): { value: unknown; schema: SinkRecord["valueSchema"] } | undefined {
  if (schema !== null && schema.type === "STRUCT") {
    const field = schema.field(name);
    if (field === undefined) return undefined;
    return { value: (value as { get(f: typeof field): unknown }).get(field), schema: field.schema };
  }
  if (value instanceof Map) return value.has(name) ? { value: value.get(name), schema: null } : undefined;
  if (typeof value === "object" && value !== null && Object.hasOwn(value, name)) {
    return { value: (value as Record<string, unknown>)[name], schema: null };
  }
  return undefined;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
