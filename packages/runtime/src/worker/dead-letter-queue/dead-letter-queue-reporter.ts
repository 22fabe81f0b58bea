import { ConnectError } from "@tributary/api";
import type { ErrorContext, ErrorReporter } from "../../errors/error-reporter.js";
import type { KafkaClients, KafkaHeader, KafkaProducer } from "../../kafka/kafka-clients.js";
import type { Logger } from "../../logging/logger.js";
import type { TaskErrorMetrics } from "../../metrics/task-error-metrics.js";
import { type ConsumedCoordinates, deadLetterQueueContextHeaders } from "./dead-letter-queue-headers.js";

/** A record as it was consumed from Kafka: its coordinates and its bytes, which go to the dead letter queue as they were. */
export interface ConsumedBytes extends ConsumedCoordinates {
  readonly timestamp: number;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers: readonly KafkaHeader[];
}

/** A sink connector's dead letter queue settings (`errors.deadletterqueue.*`). */
export interface DeadLetterQueueSettings {
  /** `errors.deadletterqueue.topic.name`. */
  readonly topic: string;
  /** `errors.deadletterqueue.topic.replication.factor`, used when the topic is created. */
  readonly replicationFactor: number;
  /** `errors.deadletterqueue.context.headers.enable`. */
  readonly contextHeaders: boolean;
}

/** Everything a {@link DeadLetterQueueReporter} needs. */
export interface DeadLetterQueueReporterOptions {
  readonly settings: DeadLetterQueueSettings;
  /** The producer writing to the queue; the reporter closes it. */
  readonly producer: KafkaProducer;
  /**
   * The consumed bytes of the record a failure is about, or `undefined` when the failure concerns no consumed
   * record (nothing is then written). The sink task knows which record each failure is about.
   */
  readonly consumed: (
    context: ErrorContext,
  ) => ConsumedBytes | undefined | Promise<ConsumedBytes | undefined>;
  /** The class named in the `class.name` header when the failure names none: the sink task's. */
  readonly taskClassName: string;
  readonly metrics: TaskErrorMetrics;
  readonly logger: Logger;
}

/**
 * Writes the records a sink skips under `errors.tolerance=all` to its dead letter queue topic, as Kafka Connect's
 * `DeadLetterQueueReporter`: the key, value, headers and timestamp exactly as consumed, plus (with
 * `errors.deadletterqueue.context.headers.enable`) the `__connect.errors.*` context headers.
 *
 * Only records that are skipped are written: a failure that fails the task (not tolerated, or an infrastructure
 * failure such as the destination being down) is not the record's fault and never goes to the queue. A report
 * resolves once the broker acknowledged the record; when the record cannot be written the report rejects, which
 * fails the task rather than losing the record.
 */
export class DeadLetterQueueReporter implements ErrorReporter {
  readonly #options: DeadLetterQueueReporterOptions;

  constructor(options: DeadLetterQueueReporterOptions) {
    this.#options = options;
  }

  /**
   * Creates the queue's topic when it does not exist (one partition, the configured replication factor, as Kafka
   * does) and a reporter writing to it.
   * @throws ConnectError when the topic cannot be created, naming the topic and the setting to check.
   */
  static async create(
    clients: KafkaClients,
    options: Omit<DeadLetterQueueReporterOptions, "producer"> & { readonly clientId: string },
  ): Promise<DeadLetterQueueReporter> {
    const { topic, replicationFactor } = options.settings;
    const admin = clients.admin({ clientId: `${options.clientId}-admin` });
    try {
      await admin.createTopics([{ name: topic, partitions: 1, replicationFactor }]);
    } catch (error) {
      throw new ConnectError(
        `Could not create the dead letter queue topic ${topic} with replication factor ${replicationFactor}: ${messageOf(error)}. Create it yourself, or check errors.deadletterqueue.topic.replication.factor against the number of brokers.`,
        { cause: error },
      );
    } finally {
      await admin.close().catch(() => {});
    }
    return new DeadLetterQueueReporter({
      ...options,
      producer: clients.producer({ clientId: options.clientId }),
    });
  }

  report(context: ErrorContext): Promise<void> | undefined {
    // Synchronous when there is nothing to write, so a failure that fails the task is thrown at once.
    if (!context.tolerated) return undefined;
    return this.#write(context);
  }

  async #write(context: ErrorContext): Promise<void> {
    const consumed = await this.#options.consumed(context);
    if (consumed === undefined) return;
    const { settings, producer, metrics, logger, taskClassName } = this.#options;
    const headers = settings.contextHeaders
      ? [...consumed.headers, ...deadLetterQueueContextHeaders(context, consumed, taskClassName)]
      : consumed.headers;
    metrics.recordDeadLetterQueueRequest();
    try {
      await producer.send([
        {
          topic: settings.topic,
          key: consumed.key,
          value: consumed.value,
          headers,
          ...(consumed.timestamp >= 0 ? { timestamp: consumed.timestamp } : {}),
        },
      ]);
    } catch (error) {
      metrics.recordDeadLetterQueueFailure();
      logger.error(
        {
          err: error,
          connector: context.connector,
          task: context.task,
          topic: consumed.topic,
          partition: consumed.partition,
          offset: consumed.offset.toString(),
          deadLetterQueue: settings.topic,
        },
        "Could not write a record to the dead letter queue",
      );
      throw new ConnectError(
        `Could not write the record at ${consumed.topic}-${consumed.partition}@${consumed.offset} to the dead letter queue topic ${settings.topic}: ${messageOf(error)}. The task fails rather than lose the record; check that the topic exists and the worker may write to it.`,
        { cause: error },
      );
    }
  }

  /** Closes the producer after the writes in progress. */
  async close(): Promise<void> {
    await this.#options.producer.close();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
