/**
 * Tributary's runtime: config files and providers, the plugin registry, connector config wiring and the engines that
 * run connectors.
 *
 * @packageDocumentation
 * @module @tributary/runtime
 */

export {
  type ConfigProvider,
  DirectoryConfigProvider,
  EnvVarConfigProvider,
  FileConfigProvider,
} from "./config/config-provider.js";
export { ConfigTransformer } from "./config/config-transformer.js";
export { ConnectorConfig } from "./config/connector-config.js";
export {
  CommonConnectorConfig,
  type CommonConnectorConfigValues,
  SinkConnectorConfig,
  type SinkConnectorConfigValues,
  SourceConnectorConfig,
  type SourceConnectorConfigValues,
} from "./config/connector-config-definitions.js";
export { loadConnectorConfigFile, parseConnectorConfigJson } from "./config/connector-config-file.js";
export { parseProperties } from "./config/properties-file.js";
export {
  type ValidateConnectorConfigOptions,
  validateConnectorConfig,
} from "./config/validate-connector-config.js";
export { WorkerConfig, WorkerConfigDefinition, type WorkerConfigValues } from "./config/worker-config.js";
export type {
  ConnectorDeployment,
  SinkDeployment,
  SourceDeployment,
  TaskPipeline,
} from "./engine/embedded/connector-deployment.js";
export {
  createEmbeddedEngine,
  type EmbeddedEngineConfig,
  EmbeddedWorkerConfig,
} from "./engine/embedded/create-embedded-engine.js";
export { EmbeddedEngine, type EmbeddedEngineOptions } from "./engine/embedded/embedded-engine.js";
export { handlerDeployment, type RecordHandler, recordStream } from "./engine/embedded/record-handler.js";
export { identityProcessor, type RecordProcessor } from "./engine/embedded/record-processor.js";
export type { ConnectorStatus, TaskState, TaskStatus } from "./engine/task-state.js";
export type { ErrorContext, ErrorReporter } from "./errors/error-reporter.js";
export type { ErrorStage } from "./errors/error-stage.js";
export { LogErrorReporter } from "./errors/log-error-reporter.js";
export {
  type ErrorHandlingOptions,
  type OperationContext,
  RetryWithToleranceOperator,
  type RetryWithToleranceOperatorOptions,
  type StageOutcome,
} from "./errors/retry-with-tolerance-operator.js";
export { activeTopicsClients } from "./herder/active-topics-clients.js";
export {
  type ListableOffsetStore,
  sinkGroupId,
} from "./herder/connector-offsets.js";
export type {
  ConnectorInfo,
  ConnectorOffset,
  ConnectorOffsets,
  ConnectorStateInfo,
  ConnectorTaskId,
  ConnectorType,
  Herder,
  InitialState,
  PutConnectorResult,
  RestartRequest,
  StateInfo,
  TaskInfo,
  TaskStateInfo,
} from "./herder/herder.js";
export type { HerderWorker, HerderWorkerListener } from "./herder/herder-worker.js";
export { StandaloneHerder, type StandaloneHerderOptions } from "./herder/standalone-herder.js";
export type {
  ConnectorConfigSnapshot,
  ConnectorConfigStore,
  ConnectorConfigStoreListener,
  ConnectorProps,
} from "./herder/stores/connector-config-store.js";
export { MemoryConnectorConfigStore } from "./herder/stores/memory-connector-config-store.js";
export { MemoryStatusStore } from "./herder/stores/memory-status-store.js";
export type { ConnectorStatusRecord, StatusStore, TaskStatusRecord } from "./herder/stores/status-store.js";
export {
  type ClientOptions,
  type ClusterDescription,
  type ConsumerOptions,
  createKafkaClients,
  type GroupConsumer,
  type GroupConsumerHandler,
  type IncomingMessage,
  type KafkaAdmin,
  type KafkaClients,
  type KafkaHeader,
  type KafkaProducer,
  type MessageAck,
  type OutgoingMessage,
  type PartitionOffsets,
  ProducerFencedError,
  type TopicSpec,
  type TransactionalProducer,
} from "./kafka/kafka-clients.js";
export {
  KafkaOffsetBackingStore,
  type KafkaOffsetBackingStoreOptions,
  offsetMessages,
} from "./kafka/kafka-offset-backing-store.js";
export { type Logger, type LogMethod, silentLogger } from "./logging/logger.js";
export {
  type LoggerLevelInfo,
  LoggerLevels,
  type LogLevelName,
} from "./logging/logger-levels.js";
export {
  CONNECTOR_METRICS,
  CONNECTOR_TASK_METRICS,
  SINK_TASK_METRICS,
  SOURCE_TASK_METRICS,
  STATUS_METRIC_STATES,
  TASK_ERROR_METRICS,
  WORKER_METRICS,
} from "./metrics/connect-metric-names.js";
export { ConnectorTaskMetrics } from "./metrics/connector-task-metrics.js";
export {
  type Counter,
  type Gauge,
  type Meter,
  MetricGroup,
  type MetricKind,
  type MetricName,
  type MetricReading,
  MetricsRegistry,
  type MetricsRegistryOptions,
  type Outcomes,
  type RegisteredMetric,
  type Stats,
} from "./metrics/metrics-registry.js";
export { PROMETHEUS_CONTENT_TYPE, prometheusName, renderPrometheus } from "./metrics/prometheus-text.js";
export { SinkTaskMetrics } from "./metrics/sink-task-metrics.js";
export { SourceTaskMetrics } from "./metrics/source-task-metrics.js";
export { TaskErrorMetrics } from "./metrics/task-error-metrics.js";
export { taskMetricTags } from "./metrics/task-metric-tags.js";
export { createConverter, createHeaderConverter } from "./plugin/create-converter.js";
export { type DiscoverPluginsOptions, discoverPlugins } from "./plugin/discover-plugins.js";
export { type PluginInfo, PluginRegistry } from "./plugin/plugin-registry.js";
export { type ConnectRestApiOptions, connectRestApi } from "./rest/connect-rest-api.js";
export { ConnectRestError } from "./rest/connect-rest-error.js";
export type { RestHandler, RestRequest, RestResponse, RouteMatch } from "./rest/rest-router.js";
export { RestRouter } from "./rest/rest-router.js";
export { type BoundListener, RestServer, type RestServerOptions } from "./rest/rest-server.js";
export { TransformationChain, type TransformationStage } from "./transforms/transformation-chain.js";
export {
  type ConsumedCoordinates,
  DEAD_LETTER_QUEUE_HEADERS,
} from "./worker/dead-letter-queue/dead-letter-queue-headers.js";
export {
  type ConsumedBytes,
  DeadLetterQueueReporter,
  type DeadLetterQueueReporterOptions,
  type DeadLetterQueueSettings,
} from "./worker/dead-letter-queue/dead-letter-queue-reporter.js";
export { WorkerErrantRecordReporter } from "./worker/dead-letter-queue/worker-errant-record-reporter.js";
export { KafkaWorkerConfig, type KafkaWorkerConfigValues } from "./worker/kafka-worker-config.js";
export { SinkRecordPipeline, type SinkRecordPipelineOptions } from "./worker/sink/sink-record-pipeline.js";
export { createWorkerSinkTask, type WorkerSinkTaskInit } from "./worker/sink/worker-sink-task.js";
export type { SinkTaskFactory, SinkTaskInit } from "./worker/sink-task-factory.js";
export {
  ExactlyOnceWorkerSourceTask,
  type ExactlyOnceWorkerSourceTaskInit,
  type TransactionBoundary,
} from "./worker/source/exactly-once/exactly-once-worker-source-task.js";
export {
  type PreparedBatch,
  WorkerSourceTask,
  type WorkerSourceTaskInit,
} from "./worker/source/worker-source-task.js";
export type { TargetState } from "./worker/target-state.js";
export { type StartTaskOptions, Worker, type WorkerOptions } from "./worker/worker.js";
export type { WorkerStatusListener } from "./worker/worker-status-listener.js";
export { type TaskStateListener, WorkerTask, type WorkerTaskInit } from "./worker/worker-task.js";
