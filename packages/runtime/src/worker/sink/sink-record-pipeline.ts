import {
  ConfigError,
  type Converter,
  type HeaderConverter,
  Headers,
  type SchemaAndValue,
  SinkRecord,
} from "@tributary/api";
import type { ConnectorConfig } from "../../config/connector-config.js";
import type { WorkerConfig } from "../../config/worker-config.js";
import type { ErrorStage } from "../../errors/error-stage.js";
import type { RetryWithToleranceOperator, StageOutcome } from "../../errors/retry-with-tolerance-operator.js";
import type { IncomingMessage, KafkaHeader } from "../../kafka/kafka-clients.js";
import { createConverter, createHeaderConverter } from "../../plugin/create-converter.js";
import type { PluginRegistry } from "../../plugin/plugin-registry.js";
import { TransformationChain } from "../../transforms/transformation-chain.js";
import type { ConsumedBytes } from "../dead-letter-queue/dead-letter-queue-reporter.js";

/** What a {@link SinkRecordPipeline} is built from. */
export interface SinkRecordPipelineOptions {
  readonly registry: PluginRegistry;
  readonly worker: WorkerConfig;
  readonly connector: ConnectorConfig;
  /** The task's error operator: every stage runs under it, so failures are retried, skipped or fail the task. */
  readonly operator: RetryWithToleranceOperator;
}

/** One transformation of the chain, applied on its own so a failure names its class. */
interface TransformStep {
  readonly className: string;
  readonly chain: TransformationChain<SinkRecord>;
}

/**
 * Turns consumed Kafka messages into the records a sink task's `put` receives, as Kafka Connect's
 * `WorkerSinkTask` does: headers, key and value through the converters (stages `HEADER_CONVERTER`,
 * `KEY_CONVERTER`, `VALUE_CONVERTER`), then each transformation in turn (stage `TRANSFORMATION`), every stage under
 * the connector's `errors.*` rules. A record whose stage failed and was tolerated is skipped (`null`), after the
 * operator's reporters (log, dead letter queue) had it.
 *
 * One pipeline serves one task; calls to {@link SinkRecordPipeline.process} do not overlap.
 */
export class SinkRecordPipeline {
  readonly #operator: RetryWithToleranceOperator;
  readonly #key: Converter;
  readonly #value: Converter;
  readonly #header: HeaderConverter;
  readonly #classNames: { readonly key: string; readonly value: string; readonly header: string };
  readonly #chain: TransformationChain<SinkRecord>;
  readonly #steps: readonly TransformStep[];
  #processing: IncomingMessage | undefined;

  /**
   * Creates the converters and transformations the connector and worker configs name.
   * @throws ConfigError when a converter is missing or refuses its settings, or a transformation is unknown.
   */
  constructor(options: SinkRecordPipelineOptions) {
    const { registry, worker, connector } = options;
    this.#operator = options.operator;
    const key = createConverter(registry, worker, connector, "key");
    const value = createConverter(registry, worker, connector, "value");
    if (key === undefined || value === undefined) {
      throw new ConfigError(
        `Connector ${connector.name} has no ${key === undefined ? "key" : "value"}.converter: set key.converter and value.converter in the worker config (or in the connector config), such as org.apache.kafka.connect.json.JsonConverter; the Kafka worker needs them to read records.`,
      );
    }
    this.#key = key;
    this.#value = value;
    this.#header = createHeaderConverter(registry, worker, connector);
    const className = (role: string, fallback: string) =>
      connector.originals[`${role}.converter`]?.trim() ||
      worker.originals[`${role}.converter`]?.trim() ||
      fallback;
    this.#classNames = {
      key: className("key", key.constructor.name),
      value: className("value", value.constructor.name),
      header: className("header", String(worker.values["header.converter"])),
    };
    this.#chain = TransformationChain.fromConfig<SinkRecord>(connector, registry);
    this.#steps = this.#chain.stages.map((stage) => ({
      className: stage.className,
      chain: new TransformationChain([stage]),
    }));
  }

  /** The message being converted or transformed right now, which a failure report is about. */
  get processing(): IncomingMessage | undefined {
    return this.#processing;
  }

  /**
   * Converts and transforms one message.
   * @returns the record for `put`, or `null` when a transformation dropped it or a tolerated failure skipped it;
   *   a promise only when a stage retried or a reporter was asynchronous.
   * @throws ConnectError when a failure is not tolerated.
   */
  process(message: IncomingMessage): SinkRecord | null | Promise<SinkRecord | null> {
    this.#processing = message;
    // Most records carry no headers: there is nothing the header converter could fail on.
    const headers =
      message.headers.length === 0
        ? new Headers()
        : this.#stage("HEADER_CONVERTER", this.#classNames.header, () =>
            this.#convertHeaders(message.topic, message.headers),
          );
    // Each step goes on synchronously unless its stage answered with a promise (a retry or an asynchronous report),
    // so the usual record costs no closure per step.
    if (headers instanceof Promise) return headers.then((converted) => this.#withHeaders(message, converted));
    return this.#withHeaders(message, headers);
  }

  #withHeaders(
    message: IncomingMessage,
    headers: Headers | null,
  ): SinkRecord | null | Promise<SinkRecord | null> {
    if (headers === null) return this.#done(null);
    const key = this.#stage("KEY_CONVERTER", this.#classNames.key, () =>
      this.#key.toConnectData(message.topic, headers, message.key),
    );
    if (key instanceof Promise) return key.then((keyData) => this.#withKey(message, headers, keyData));
    return this.#withKey(message, headers, key);
  }

  #withKey(
    message: IncomingMessage,
    headers: Headers,
    keyData: SchemaAndValue | null,
  ): SinkRecord | null | Promise<SinkRecord | null> {
    if (keyData === null) return this.#done(null);
    const value = this.#stage("VALUE_CONVERTER", this.#classNames.value, () =>
      this.#value.toConnectData(message.topic, headers, message.value),
    );
    if (value instanceof Promise)
      return value.then((valueData) => this.#withValue(message, headers, keyData, valueData));
    return this.#withValue(message, headers, keyData, value);
  }

  #withValue(
    message: IncomingMessage,
    headers: Headers,
    keyData: SchemaAndValue,
    valueData: SchemaAndValue | null,
  ): SinkRecord | null | Promise<SinkRecord | null> {
    if (valueData === null) return this.#done(null);
    const record = new SinkRecord({
      topic: message.topic,
      kafkaPartition: message.partition,
      kafkaOffset: message.offset,
      keySchema: keyData.schema,
      key: keyData.value,
      valueSchema: valueData.schema,
      value: valueData.value,
      timestamp: message.timestamp >= 0 ? message.timestamp : null,
      timestampType:
        message.timestamp < 0
          ? "NO_TIMESTAMP_TYPE"
          : message.timestampType === "LogAppendTime"
            ? "LOG_APPEND_TIME"
            : "CREATE_TIME",
      headers,
    });
    if (this.#steps.length === 0) return this.#done(record);
    const transformed = this.#transform(record, 0);
    if (transformed instanceof Promise) return transformed.then((result) => this.#done(result));
    return this.#done(transformed);
  }

  /**
   * The bytes of a record as the converters write it, for a dead letter queue report about a record the pipeline
   * no longer holds the consumed bytes of; coordinates are the original ones.
   */
  toBytes(record: SinkRecord): ConsumedBytes {
    const { topic } = record;
    const headers: KafkaHeader[] = [];
    for (const header of record.headers) {
      headers.push({
        key: header.key,
        value: this.#header.fromConnectHeader(topic, header.key, header.schema, header.value),
      });
    }
    return {
      topic: record.originalTopic,
      partition: record.originalKafkaPartition,
      offset: record.originalKafkaOffset,
      timestamp: record.timestamp ?? -1,
      key: this.#key.fromConnectData(topic, record.headers, record.keySchema, record.key),
      value: this.#value.fromConnectData(topic, record.headers, record.valueSchema, record.value),
      headers,
    };
  }

  /** Closes the transformations and converters; the first failure is rethrown after all were tried. */
  async close(): Promise<void> {
    let failure: unknown;
    for (const close of [
      () => this.#chain.close(),
      () => this.#key.close?.(),
      () => this.#value.close?.(),
      () => this.#header.close?.(),
    ]) {
      try {
        await close();
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== undefined) throw failure;
  }

  #transform(record: SinkRecord, from: number): SinkRecord | null | Promise<SinkRecord | null> {
    let current = record;
    for (let index = from; index < this.#steps.length; index++) {
      const step = this.#steps[index] as TransformStep;
      const input = current;
      const outcome = this.#operator.execute("TRANSFORMATION", () => step.chain.apply(input), {
        record: input,
        executingClass: step.className,
      });
      if (outcome instanceof Promise) {
        return outcome.then((settled) => {
          const next = outcomeValue(settled);
          return next === null ? null : this.#transform(next, index + 1);
        });
      }
      const next = outcomeValue(outcome);
      if (next === null) return null;
      current = next;
    }
    return current;
  }

  #stage<T>(stage: ErrorStage, executingClass: string, run: () => T): T | null | Promise<T | null> {
    const outcome = this.#operator.execute(stage, run, { executingClass });
    return outcome instanceof Promise ? outcome.then(outcomeValue) : outcomeValue(outcome);
  }

  #convertHeaders(topic: string, raw: readonly KafkaHeader[]): Headers {
    const headers = new Headers();
    for (const { key, value } of raw) {
      const data: SchemaAndValue = this.#header.toConnectHeader(topic, key, value);
      headers.add(key, data);
    }
    return headers;
  }

  #done<T>(result: T): T {
    this.#processing = undefined;
    return result;
  }
}

function outcomeValue<T>(outcome: StageOutcome<T>): T | null {
  return outcome.ok ? outcome.value : null;
}
