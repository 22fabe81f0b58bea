import type { ErrorContext } from "../../errors/error-reporter.js";
import type { KafkaHeader } from "../../kafka/kafka-clients.js";

/**
 * The names of the headers a dead letter queue record carries with `errors.deadletterqueue.context.headers.enable`,
 * exactly as Kafka Connect writes them, so tools written for Kafka's dead letter queues read Tributary's too.
 */
export const DEAD_LETTER_QUEUE_HEADERS = Object.freeze({
  /** The topic the record was consumed from. */
  topic: "__connect.errors.topic",
  /** The partition it was consumed from, as decimal text. */
  partition: "__connect.errors.partition",
  /** Its offset in that partition, as decimal text. */
  offset: "__connect.errors.offset",
  /** The connector's name. */
  connectorName: "__connect.errors.connector.name",
  /** The task's number, as decimal text. */
  taskId: "__connect.errors.task.id",
  /** The stage that failed, such as `VALUE_CONVERTER` or `TASK_PUT`. */
  stage: "__connect.errors.stage",
  /** The class of the plugin that failed: the converter, the transformation or the sink task. */
  className: "__connect.errors.class.name",
  /** The error's class name, such as `DataError`. */
  exceptionClassName: "__connect.errors.exception.class.name",
  /** The error's message; a null value when it has none. */
  exceptionMessage: "__connect.errors.exception.message",
  /** The error's stack trace. */
  exceptionStacktrace: "__connect.errors.exception.stacktrace",
});

/** Where a failed record was consumed from: what the context headers say about it. */
export interface ConsumedCoordinates {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
}

const encoder = new TextEncoder();

/**
 * The context headers for one failure, in Kafka's order: the record's coordinates, the connector and task, the stage
 * and failing class, then the error's class, message (a null value when empty) and stack trace. Values are UTF-8 text.
 * @internal
 */
export function deadLetterQueueContextHeaders(
  context: ErrorContext,
  consumed: ConsumedCoordinates,
  fallbackClassName: string,
): KafkaHeader[] {
  const headers: KafkaHeader[] = [];
  const add = (key: string, value: string) => headers.push({ key, value: encoder.encode(value) });
  add(DEAD_LETTER_QUEUE_HEADERS.topic, consumed.topic);
  add(DEAD_LETTER_QUEUE_HEADERS.partition, String(consumed.partition));
  add(DEAD_LETTER_QUEUE_HEADERS.offset, consumed.offset.toString());
  add(DEAD_LETTER_QUEUE_HEADERS.connectorName, context.connector);
  add(DEAD_LETTER_QUEUE_HEADERS.taskId, String(context.task));
  add(DEAD_LETTER_QUEUE_HEADERS.stage, context.stage);
  add(DEAD_LETTER_QUEUE_HEADERS.className, context.executingClass ?? fallbackClassName);
  const { error } = context;
  if (error !== undefined && error !== null) {
    add(DEAD_LETTER_QUEUE_HEADERS.exceptionClassName, errorClassName(error));
    const message = error instanceof Error ? error.message : String(error);
    headers.push({
      key: DEAD_LETTER_QUEUE_HEADERS.exceptionMessage,
      value: message === "" ? null : encoder.encode(message),
    });
    add(DEAD_LETTER_QUEUE_HEADERS.exceptionStacktrace, stackOf(error));
  }
  return headers;
}

function errorClassName(error: unknown): string {
  if (error instanceof Error) {
    const constructorName = (error.constructor as { name?: unknown } | undefined)?.name;
    return typeof constructorName === "string" && constructorName !== "" ? constructorName : error.name;
  }
  return typeof error;
}

/** The stack, followed by each cause's, as Java prints `Caused by:` chains. */
function stackOf(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 10; depth++) {
    const text =
      current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : String(current);
    parts.push(depth === 0 ? text : `Caused by: ${text}`);
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join("\n");
}
