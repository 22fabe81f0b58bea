import {
  Config,
  type ConfigType,
  ConnectError,
  type ConnectRecord,
  defineConfig,
  Headers,
  type Transformation,
} from "@tributary/api";

/** The configuration of {@link DropHeaders}: `headers`, the keys of the headers to remove (at least one). */
export const DropHeadersConfig = defineConfig({
  headers: Config.list({
    importance: "HIGH",
    documentation:
      "The keys of the headers to remove from each record; every header with one of these keys goes.",
    validate: (headers) => (headers.length === 0 ? "give at least one header key to remove." : undefined),
  }),
});

/** The parsed configuration of {@link DropHeadersConfig}. */
export type DropHeadersConfigType = ConfigType<typeof DropHeadersConfig>;

/**
 * Removes every header whose key is one of `headers` from each record, as Kafka's
 * `org.apache.kafka.connect.transforms.DropHeaders` does; the other headers keep their order, and the rest of the
 * record is unchanged. Keys are compared exactly (case matters).
 *
 * Configure once before `apply`; `apply` must not be called concurrently (it is not, by the worker).
 *
 * @example
 * ```properties
 * transforms=dropTracing
 * transforms.dropTracing.type=org.apache.kafka.connect.transforms.DropHeaders
 * transforms.dropTracing.headers=traceparent,tracestate
 * ```
 */
export class DropHeaders<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  #keys: ReadonlySet<string> | undefined;

  /**
   * Reads `headers`.
   * @throws ConfigError when `headers` is missing or empty.
   */
  configure(props: Readonly<Record<string, unknown>>): void {
    this.#keys = new Set(DropHeadersConfig.parse(props).headers);
  }

  /** The record without the configured headers; the record itself when it has none of them. */
  apply(record: R): R {
    const keys = this.#keys;
    if (keys === undefined) {
      throw new ConnectError("DropHeaders has not been configured: call configure() first.");
    }
    const kept = [...record.headers].filter((header) => !keys.has(header.key));
    if (kept.length === record.headers.size) return record;
    return record.newRecord({ headers: new Headers(kept) });
  }

  /** The definition of `headers`. */
  config(): typeof DropHeadersConfig {
    return DropHeadersConfig;
  }

  /** Nothing to release. */
  close(): void {}
}
