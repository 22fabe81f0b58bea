import { ConnectError, type ConnectErrorOptions } from "@tributary/api";

/**
 * An error with the HTTP status the REST API answers it with, as Kafka Connect's `ConnectRestException`: the body
 * is `{"error_code": status, "message": message}`. The herder throws it for outcomes that have a status of their own,
 * such as 400 when offsets are altered while the connector is running, or 409 while a rebalance is under way.
 */
export class ConnectRestError extends ConnectError {
  /** The HTTP status of the response. */
  readonly status: number;

  constructor(status: number, message: string, options?: ConnectErrorOptions) {
    super(message, options);
    this.status = status;
  }

  /** True for a {@link ConnectRestError}, also one from another copy of this package. */
  static isConnectRestError(error: unknown): error is ConnectRestError {
    return ConnectError.isConnectError(error) && typeof (error as { status?: unknown }).status === "number";
  }
}
