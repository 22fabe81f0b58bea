import {
  Config,
  type ConfigType,
  ConnectError,
  type ConnectRecord,
  defineConfig,
  type Predicate,
} from "@tributary/api";

/** The configuration of {@link HasHeaderKey}: `name`, the header key to look for (required, not empty). */
export const HasHeaderKeyConfig = defineConfig({
  name: Config.string({
    nonEmpty: true,
    importance: "MEDIUM",
    documentation: "The header key; the predicate is true for records with at least one header of this key.",
  }),
});

/** The parsed configuration of {@link HasHeaderKey}. */
export type HasHeaderKeyConfigType = ConfigType<typeof HasHeaderKeyConfig>;

/**
 * True for records that have at least one header with the configured key (`name`), whatever its value, as Kafka's
 * `org.apache.kafka.connect.transforms.predicates.HasHeaderKey` is.
 *
 * Configure once before `test`; `test` may then be called any number of times (not concurrently). `negate` is
 * applied by the worker's transformation chain, not here.
 *
 * @example
 * ```properties
 * predicates=hasTrace
 * predicates.hasTrace.type=org.apache.kafka.connect.transforms.predicates.HasHeaderKey
 * predicates.hasTrace.name=trace-id
 * ```
 */
export class HasHeaderKey<R extends ConnectRecord = ConnectRecord> implements Predicate<R> {
  #name: string | undefined;

  /**
   * Reads `name`.
   * @throws ConfigError when `name` is missing or empty.
   */
  configure(props: Readonly<Record<string, unknown>>): void {
    this.#name = HasHeaderKeyConfig.parse(props).name;
  }

  /** True when the record has a header whose key is exactly `name` (case matters). */
  test(record: R): boolean {
    const name = this.#name;
    if (name === undefined) {
      throw new ConnectError("HasHeaderKey has not been configured: call configure() first.");
    }
    return record.headers.lastWithName(name) !== undefined;
  }

  /** The definition of `name`. */
  config(): typeof HasHeaderKeyConfig {
    return HasHeaderKeyConfig;
  }

  /** Nothing to release. */
  close(): void {}

  /** `HasHeaderKey{name='…'}`, for logs. */
  toString(): string {
    return `HasHeaderKey{name='${this.#name ?? ""}'}`;
  }
}
