import { ConnectError, RetriableError } from "@tributary/api";
import { ProducerFencedError } from "../producer-fenced-error.js";

/** Kafka error types that mean a newer producer with the same transactional.id took over. */
const FENCED_TYPES = new Set([
  "PRODUCER_FENCED",
  "INVALID_PRODUCER_EPOCH",
  "TRANSACTIONAL_ID_AUTHORIZATION_FAILED",
]);

function kafkaErrorType(error: unknown): string | undefined {
  let current: unknown = error;
  // kafkajs wraps the broker's error in retry errors (KafkaJSNumberOfRetriesExceeded); the type sits on a cause.
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const type = (current as { type?: unknown }).type;
    if (typeof type === "string") return type;
    current =
      (current as { originalError?: unknown; cause?: unknown }).originalError ??
      (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** kafkajs marks its retry wrapper not retriable even when what failed (a lost connection) may pass on a new try. */
function anyRetriable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    if ((current as { retriable?: unknown }).retriable === true) return true;
    current =
      (current as { originalError?: unknown; cause?: unknown }).originalError ??
      (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * A kafkajs failure as a {@link ConnectError} saying what was being done: a {@link ProducerFencedError} when the
 * producer was fenced, a {@link RetriableError} when kafkajs calls the failure retriable, else a plain one.
 */
export function toConnectError(error: unknown, doing: string): ConnectError {
  if (ConnectError.isConnectError(error)) return error;
  const type = kafkaErrorType(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (type !== undefined && FENCED_TYPES.has(type)) {
    return new ProducerFencedError(
      `${doing} failed: this producer was fenced by a newer one with the same transactional.id (${detail}). The task it belongs to has been replaced.`,
      { cause: error },
    );
  }
  const message = `${doing} failed: ${detail}`;
  const retriable = anyRetriable(error);
  return retriable
    ? new RetriableError(message, { cause: error })
    : new ConnectError(message, { cause: error });
}
