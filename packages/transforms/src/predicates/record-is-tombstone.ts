import { type ConfigType, type ConnectRecord, defineConfig, type Predicate } from "@tributary/api";

/** The configuration of {@link RecordIsTombstone}: it has no keys. */
export const RecordIsTombstoneConfig = defineConfig({});

/** The parsed configuration of {@link RecordIsTombstone}. */
export type RecordIsTombstoneConfigType = ConfigType<typeof RecordIsTombstoneConfig>;

/**
 * True for tombstones, records whose value is null (whatever their value schema), as Kafka's
 * `org.apache.kafka.connect.transforms.predicates.RecordIsTombstone` is.
 *
 * It holds no state, so `test` may be called at any time, before `configure` too. `negate` is applied by the
 * worker's transformation chain, not here.
 *
 * @example
 * ```properties
 * transforms=dropTombstones
 * transforms.dropTombstones.type=org.apache.kafka.connect.transforms.Filter
 * transforms.dropTombstones.predicate=isTombstone
 * predicates=isTombstone
 * predicates.isTombstone.type=org.apache.kafka.connect.transforms.predicates.RecordIsTombstone
 * ```
 */
export class RecordIsTombstone<R extends ConnectRecord = ConnectRecord> implements Predicate<R> {
  /** Accepts any properties; there is nothing to configure. */
  configure(props: Readonly<Record<string, unknown>>): void {
    RecordIsTombstoneConfig.parse(props);
  }

  /** True when the record's value is null. */
  test(record: R): boolean {
    return record.value === null || record.value === undefined;
  }

  /** The (empty) definition of its configuration. */
  config(): typeof RecordIsTombstoneConfig {
    return RecordIsTombstoneConfig;
  }

  /** Nothing to release. */
  close(): void {}

  /** `RecordIsTombstone{}`, for logs. */
  toString(): string {
    return "RecordIsTombstone{}";
  }
}
