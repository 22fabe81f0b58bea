import {
  Config,
  type ConfigType,
  ConnectError,
  type ConnectRecord,
  defineConfig,
  type SchemaAndValue,
  type Transformation,
  Values,
} from "@tributary/api";

/**
 * The configuration of {@link InsertHeader}: `header`, the key of the header to add, and `value.literal`, its value
 * as text. Both are required (either may be empty).
 */
export const InsertHeaderConfig = defineConfig({
  header: Config.string({
    importance: "HIGH",
    documentation: "The key of the header added to each record.",
  }),
  "value.literal": Config.string({
    importance: "HIGH",
    documentation:
      'The value of the header, as text read the way Kafka\'s Values.parseString reads it: 42 is an INT8, true a BOOLEAN, [1,2] an ARRAY, {"a":1} a MAP, 2024-01-17 a Date, anything else a STRING.',
  }),
});

/** The parsed configuration of {@link InsertHeader}. */
export type InsertHeaderConfigType = ConfigType<typeof InsertHeaderConfig>;

/**
 * Adds one header with a fixed value to each record, after the headers it already has (an existing header with the
 * same key stays), as Kafka's `org.apache.kafka.connect.transforms.InsertHeader` does.
 *
 * `value.literal` is read once, in `configure`, with `Values.parseString`, which gives the header its schema and
 * value: `42` becomes an INT8 header, `true` a BOOLEAN, `null` a header with no schema and a null value, plain text
 * a STRING. Configure once before `apply`; `apply` must not be called concurrently (it is not, by the worker).
 *
 * @example
 * ```properties
 * transforms=origin
 * transforms.origin.type=org.apache.kafka.connect.transforms.InsertHeader
 * transforms.origin.header=origin
 * transforms.origin.value.literal=eu-west-1
 * ```
 */
export class InsertHeader<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  #header: string | undefined;
  #value: SchemaAndValue = { schema: null, value: null };

  /**
   * Reads `header` and parses `value.literal`.
   * @throws ConfigError when either is missing.
   */
  configure(props: Readonly<Record<string, unknown>>): void {
    const config = InsertHeaderConfig.parse(props);
    this.#value = Values.parseString(config["value.literal"]);
    this.#header = config.header;
  }

  /** The record with the header added at the end of its headers. */
  apply(record: R): R {
    const header = this.#header;
    if (header === undefined) {
      throw new ConnectError("InsertHeader has not been configured: call configure() first.");
    }
    return record.newRecord({ headers: record.headers.duplicate().add(header, this.#value) });
  }

  /** The definition of `header` and `value.literal`. */
  config(): typeof InsertHeaderConfig {
    return InsertHeaderConfig;
  }

  /** Nothing to release. */
  close(): void {}
}
