import { type ConfigType, type ConnectRecord, defineConfig, type Transformation } from "@tributary/api";

/** The configuration of {@link Filter}: it has no keys. */
export const FilterConfig = defineConfig({});

/** The parsed configuration of {@link Filter}. */
export type FilterConfigType = ConfigType<typeof FilterConfig>;

/**
 * Drops every record it is applied to, so later transformations and the connector never see it, as Kafka's
 * `org.apache.kafka.connect.transforms.Filter` does; meant to be used with a predicate, which decides which records
 * it is applied to.
 *
 * It holds no state: `apply` may be called at any time, before `configure` too. A dropped source record is
 * acknowledged to its task; a dropped sink record counts as written.
 *
 * @example
 * ```properties
 * # drop everything from topics other than orders-*
 * transforms=onlyOrders
 * transforms.onlyOrders.type=org.apache.kafka.connect.transforms.Filter
 * transforms.onlyOrders.predicate=isOrders
 * transforms.onlyOrders.negate=true
 * predicates=isOrders
 * predicates.isOrders.type=org.apache.kafka.connect.transforms.predicates.TopicNameMatches
 * predicates.isOrders.pattern=orders-.*
 * ```
 */
export class Filter<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  /** Accepts any properties; there is nothing to configure. */
  configure(props: Readonly<Record<string, unknown>>): void {
    FilterConfig.parse(props);
  }

  /** Always `null`: the record is dropped. */
  apply(_record: R): R | null {
    return null;
  }

  /** The (empty) definition of its configuration. */
  config(): typeof FilterConfig {
    return FilterConfig;
  }

  /** Nothing to release. */
  close(): void {}
}
