import { ConnectError } from "@tributary/api";
import type { WorkerConfig } from "../../config/worker-config.js";
import type { Logger } from "../../logging/logger.js";
import type { KafkaClients } from "../kafka-clients.js";

/**
 * Kafka clients of one worker, on kafkajs: `bootstrap.servers`, security settings and `producer.*` / `consumer.*` /
 * `admin.*` from the worker's settings; kafkajs's own log lines go to `logger`.
 */
export function createKafkaClients(worker: WorkerConfig, logger: Logger): KafkaClients {
  void worker;
  void logger;
  throw new ConnectError("The Kafka clients are not available yet.");
}
