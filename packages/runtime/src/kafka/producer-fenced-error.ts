import { ConnectError, type ConnectErrorOptions } from "@tributary/api";

/**
 * A transactional producer was fenced: a newer producer with the same `transactional.id` initialised transactions,
 * so this one can neither send nor commit any more. Its open transaction is not committed. Not retriable: the task
 * that owns this producer has been replaced and must stop.
 */
export class ProducerFencedError extends ConnectError {
  constructor(message: string, options?: ConnectErrorOptions) {
    super(message, options);
    this.name = "ProducerFencedError";
  }

  /** True for a {@link ProducerFencedError}, also one from another copy of this package. */
  static isProducerFenced(error: unknown): error is ProducerFencedError {
    return error instanceof Error && error.name === "ProducerFencedError";
  }
}
