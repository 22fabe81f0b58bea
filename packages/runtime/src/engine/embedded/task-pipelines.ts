import type {
  ConnectRecord,
  Converter,
  ErrantRecordReporter,
  HeaderConverter,
  Schema,
  SinkRecord,
  SourceRecord,
} from "@tributary/api";
import { Headers } from "@tributary/api";
import type { ConnectorConfig } from "../../config/connector-config.js";
import type { WorkerConfig } from "../../config/worker-config.js";
import type { ErrorStage } from "../../errors/error-stage.js";
import { RetryWithToleranceOperator, type StageOutcome } from "../../errors/retry-with-tolerance-operator.js";
import type { Logger } from "../../logging/logger.js";
import { createConverter, createHeaderConverter } from "../../plugin/create-converter.js";
import type { PluginRegistry } from "../../plugin/plugin-registry.js";
import { TransformationChain } from "../../transforms/transformation-chain.js";
import type { TaskPipeline } from "./connector-deployment.js";
import type { RecordProcessor } from "./record-processor.js";

/** What a task's pipeline is built from. */
export interface PipelineContext {
  readonly registry: PluginRegistry;
  readonly worker: WorkerConfig;
  readonly connector: ConnectorConfig;
  readonly taskId: number;
  readonly logger: Logger;
  /** Aborted when the task stops, so a retry backoff ends at once. */
  readonly signal: AbortSignal;
}

/** The converters of a round trip; present only when a key and a value converter are configured. */
interface RoundTrip {
  readonly key: Converter;
  readonly value: Converter;
  readonly header: HeaderConverter;
}

/**
 * Builds a source task's processor: the connector's transformation chain, then, when converters are configured,
 * a round trip through them (to bytes and back) so the sinks receive exactly what they would read from Kafka.
 * Each stage runs under the connector's `errors.*` rules.
 */
export function createSourcePipeline(context: PipelineContext): RecordProcessor<SourceRecord> {
  return createPipeline<SourceRecord>(context, createRoundTrip(context));
}

/**
 * Builds a sink task's pipeline: the connector's transformation chain under its `errors.*` rules and, under
 * `errors.tolerance=all`, an errant-record reporter that logs (with `errors.log.enable`) and skips the records a
 * task reports from `put()`.
 */
export function createSinkPipeline(context: PipelineContext): TaskPipeline<SinkRecord> {
  const processor = createPipeline<SinkRecord>(context, undefined);
  if (context.connector.values["errors.tolerance"] !== "all")
    return { processor, errantRecordReporter: null };
  const operator = createErrorOperator(context);
  const errantRecordReporter: ErrantRecordReporter = {
    report: async (record, error) => {
      await operator.executeFailed("TASK_PUT", error, { record });
    },
  };
  return {
    processor: {
      process: (record) => processor.process(record),
      close: async () => {
        await processor.close();
        await operator.close();
      },
    },
    errantRecordReporter,
  };
}

/** The operator enforcing a connector's error-handling settings for one task. */
export function createErrorOperator(context: PipelineContext): RetryWithToleranceOperator {
  const values = context.connector.values;
  return new RetryWithToleranceOperator({
    connector: context.connector.values.name,
    task: context.taskId,
    errorHandling: {
      retryTimeoutMs: Number(values["errors.retry.timeout"]),
      retryDelayMaxMs: Number(values["errors.retry.delay.max.ms"]),
      tolerance: values["errors.tolerance"],
      logEnable: values["errors.log.enable"],
      logIncludeMessages: values["errors.log.include.messages"],
    },
    logger: context.logger,
    signal: context.signal,
  });
}

function createRoundTrip(context: PipelineContext): RoundTrip | undefined {
  const key = createConverter(context.registry, context.worker, context.connector, "key");
  const value = createConverter(context.registry, context.worker, context.connector, "value");
  if (key === undefined || value === undefined) return undefined;
  return { key, value, header: createHeaderConverter(context.registry, context.worker, context.connector) };
}

function createPipeline<R extends ConnectRecord>(
  context: PipelineContext,
  roundTrip: RoundTrip | undefined,
): RecordProcessor<R> {
  const chain = TransformationChain.fromConfig<R>(context.connector, context.registry);
  const operator = createErrorOperator(context);
  const transform = (record: R): R | null => chain.apply(record);

  /** Runs one stage; null means the record is dropped (by the stage, or tolerated failure). */
  function stage<T>(name: ErrorStage, record: R, run: () => T): T | null | Promise<T | null> {
    const outcome = operator.execute(name, run, { record });
    return outcome instanceof Promise ? outcome.then(outcomeValue) : outcomeValue(outcome);
  }

  function convert(record: R): R | null | Promise<R | null> {
    if (roundTrip === undefined) return record;
    const converted = stage("VALUE_CONVERTER", record, () => roundTripRecord(roundTrip, record));
    return converted;
  }

  return {
    process(record: R): R | null | Promise<R | null> {
      const transformed =
        chain.stages.length === 0 ? record : stage("TRANSFORMATION", record, () => transform(record));
      if (transformed instanceof Promise) return transformed.then((r) => (r === null ? null : convert(r)));
      return transformed === null ? null : convert(transformed);
    },
    async close(): Promise<void> {
      await chain.close();
      await operator.close();
      if (roundTrip !== undefined) {
        await roundTrip.key.close?.();
        await roundTrip.value.close?.();
        await roundTrip.header.close?.();
      }
    },
  };
}

function outcomeValue<T>(outcome: StageOutcome<T>): T | null {
  return outcome.ok ? outcome.value : null;
}

/** Converts a record's key, value and headers to bytes and back, as a Kafka producer and consumer would. */
function roundTripRecord<R extends ConnectRecord>(converters: RoundTrip, record: R): R {
  const { topic } = record;
  const headers = record.headers;
  const keyBytes = converters.key.fromConnectData(topic, headers, record.keySchema, record.key);
  const valueBytes = converters.value.fromConnectData(topic, headers, record.valueSchema, record.value);
  let convertedHeaders: Headers = headers;
  if (!headers.isEmpty()) {
    convertedHeaders = new Headers();
    for (const header of headers) {
      const bytes = converters.header.fromConnectHeader(topic, header.key, header.schema, header.value);
      const back = converters.header.toConnectHeader(topic, header.key, bytes);
      convertedHeaders.add(header.key, { schema: back.schema, value: back.value });
    }
  }
  const key = converters.key.toConnectData(topic, convertedHeaders, keyBytes);
  const value = converters.value.toConnectData(topic, convertedHeaders, valueBytes);
  // Strings and numbers come back identical; keep the record rather than copy it.
  if (
    convertedHeaders === headers &&
    key.value === record.key &&
    value.value === record.value &&
    sameSchema(key.schema, record.keySchema) &&
    sameSchema(value.schema, record.valueSchema)
  ) {
    return record;
  }
  return record.newRecord({
    keySchema: key.schema,
    key: key.value,
    valueSchema: value.schema,
    value: value.value,
    headers: convertedHeaders,
  });
}

function sameSchema(a: Schema | null, b: Schema | null): boolean {
  return a === b || (a !== null && b !== null && a.equals(b));
}
