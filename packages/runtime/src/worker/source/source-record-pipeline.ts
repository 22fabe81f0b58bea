import { ConfigError, type Converter, type HeaderConverter, type SourceRecord } from "@tributary/api";
import { createErrorOperator, type PipelineContext } from "../../engine/embedded/task-pipelines.js";
import type { ErrorStage } from "../../errors/error-stage.js";
import type { RetryWithToleranceOperator, StageOutcome } from "../../errors/retry-with-tolerance-operator.js";
import type { KafkaHeader, OutgoingMessage } from "../../kafka/kafka-clients.js";
import { createConverter, createHeaderConverter } from "../../plugin/create-converter.js";
import { TransformationChain } from "../../transforms/transformation-chain.js";

/**
 * What happens to a source record between `poll()` and the producer in the Kafka worker: the connector's
 * transformation chain, then the key, value and header converters, which turn it into the bytes Kafka stores. Each
 * stage runs under the connector's `errors.*` rules (retries, `errors.tolerance`, `errors.log.*`).
 *
 * `process` returns the message to produce, or `null` when the record was dropped (a transformation filtered it,
 * or it failed and the failure is tolerated). It throws (or rejects) when a failure must fail the task. It answers
 * synchronously unless a retry with backoff is under way, which saves a promise per record.
 * @internal
 */
export class SourceRecordPipeline {
  readonly #chain: TransformationChain<SourceRecord>;
  readonly #operator: RetryWithToleranceOperator;
  readonly #key: Converter;
  readonly #value: Converter;
  readonly #header: HeaderConverter;

  /**
   * @throws ConfigError when no key or value converter is configured (neither the connector nor the worker names
   *   one), or a converter or transformation cannot be created.
   */
  constructor(context: PipelineContext) {
    const key = createConverter(context.registry, context.worker, context.connector, "key");
    const value = createConverter(context.registry, context.worker, context.connector, "value");
    if (key === undefined || value === undefined) {
      throw new ConfigError(
        `Connector ${context.connector.name} has no ${key === undefined ? "key" : "value"} converter: set ` +
          `${key === undefined ? "key" : "value"}.converter in the worker config (such as org.apache.kafka.connect.json.JsonConverter) or in the connector config.`,
      );
    }
    this.#key = key;
    this.#value = value;
    this.#header = createHeaderConverter(context.registry, context.worker, context.connector);
    this.#chain = TransformationChain.fromConfig<SourceRecord>(context.connector, context.registry);
    this.#operator = createErrorOperator(context);
  }

  /** The operator enforcing the `errors.*` rules, for its counters and for failures met elsewhere. */
  get operator(): RetryWithToleranceOperator {
    return this.#operator;
  }

  /** Transforms and converts one record; see the class documentation. */
  process(record: SourceRecord): OutgoingMessage | null | Promise<OutgoingMessage | null> {
    if (this.#chain.stages.length === 0) return this.#convert(record);
    const transformed = this.#stage("TRANSFORMATION", record, () => this.#chain.apply(record));
    if (transformed instanceof Promise)
      return transformed.then((r) => (r === null ? null : this.#convert(r)));
    return transformed === null ? null : this.#convert(transformed);
  }

  /** Releases the transformations, converters and error reporters. */
  async close(): Promise<void> {
    await this.#chain.close();
    await this.#operator.close();
    await this.#key.close?.();
    await this.#value.close?.();
    await this.#header.close?.();
  }

  #convert(record: SourceRecord): OutgoingMessage | null | Promise<OutgoingMessage | null> {
    // Most records have no headers: skip the stage (and its closure) for them.
    if (record.headers.isEmpty()) return this.#convertKey(record, NO_HEADERS);
    // Headers first, as Kafka's worker does.
    const headers = this.#stage("HEADER_CONVERTER", record, () => this.#headers(record));
    if (headers instanceof Promise)
      return headers.then((h) => (h === null ? null : this.#convertKey(record, h)));
    return headers === null ? null : this.#convertKey(record, headers);
  }

  #convertKey(
    record: SourceRecord,
    headers: readonly KafkaHeader[],
  ): OutgoingMessage | null | Promise<OutgoingMessage | null> {
    // Converter results are boxed: null bytes (a tombstone) are a result, not a dropped record.
    const key = this.#stage("KEY_CONVERTER", record, () => ({
      bytes: this.#key.fromConnectData(record.topic, record.headers, record.keySchema, record.key),
    }));
    if (key instanceof Promise)
      return key.then((k) => (k === null ? null : this.#convertValue(record, headers, k.bytes)));
    return key === null ? null : this.#convertValue(record, headers, key.bytes);
  }

  #convertValue(
    record: SourceRecord,
    headers: readonly KafkaHeader[],
    key: Uint8Array | null,
  ): OutgoingMessage | null | Promise<OutgoingMessage | null> {
    const value = this.#stage("VALUE_CONVERTER", record, () => ({
      bytes: this.#value.fromConnectData(record.topic, record.headers, record.valueSchema, record.value),
    }));
    if (value instanceof Promise)
      return value.then((v) => (v === null ? null : message(record, headers, key, v.bytes)));
    return value === null ? null : message(record, headers, key, value.bytes);
  }

  #headers(record: SourceRecord): KafkaHeader[] {
    const out: KafkaHeader[] = [];
    for (const header of record.headers) {
      out.push({
        key: header.key,
        value: this.#header.fromConnectHeader(record.topic, header.key, header.schema, header.value),
      });
    }
    return out;
  }

  /** Runs one stage under the error rules; null means the record is dropped (filtered, or failed and tolerated). */
  #stage<T>(name: ErrorStage, record: SourceRecord, run: () => T): T | null | Promise<T | null> {
    const outcome = this.#operator.execute(name, run, { record });
    return outcome instanceof Promise ? outcome.then(outcomeValue) : outcomeValue(outcome);
  }
}

/** The headers of a record without any; shared, since messages never change their headers. */
const NO_HEADERS: readonly KafkaHeader[] = Object.freeze([]);

function outcomeValue<T>(outcome: StageOutcome<T>): T | null {
  return outcome.ok ? outcome.value : null;
}

function message(
  record: SourceRecord,
  headers: readonly KafkaHeader[],
  key: Uint8Array | null,
  value: Uint8Array | null,
): OutgoingMessage {
  const partition = record.kafkaPartition;
  const timestamp = record.timestamp;
  return {
    topic: record.topic,
    ...(partition === null || partition === undefined ? {} : { partition }),
    key,
    value,
    headers,
    ...(timestamp === null || timestamp === undefined ? {} : { timestamp }),
  };
}
