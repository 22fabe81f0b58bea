import type { PluginDescriptor, Predicate, Transformation } from "@tributary/api";
import { CastKey, CastValue } from "./cast/cast.js";
import { DropHeaders } from "./drop-headers/drop-headers.js";
import { ExtractFieldKey, ExtractFieldValue } from "./extract-field/extract-field.js";
import { Filter } from "./filter/filter.js";
import { FlattenKey, FlattenValue } from "./flatten/flatten.js";
import { HeaderFromKey, HeaderFromValue } from "./header-from/header-from.js";
import { HoistFieldKey, HoistFieldValue } from "./hoist-field/hoist-field.js";
import { InsertFieldKey, InsertFieldValue } from "./insert-field/insert-field.js";
import { InsertHeader } from "./insert-header/insert-header.js";
import { MaskFieldKey, MaskFieldValue } from "./mask-field/mask-field.js";
import { HasHeaderKey } from "./predicates/has-header-key.js";
import { RecordIsTombstone } from "./predicates/record-is-tombstone.js";
import { TopicNameMatches } from "./predicates/topic-name-matches.js";
import { RegexRouter } from "./regex-router/regex-router.js";
import { ReplaceFieldKey, ReplaceFieldValue } from "./replace-field/replace-field.js";
import { SetSchemaMetadataKey, SetSchemaMetadataValue } from "./set-schema-metadata/set-schema-metadata.js";
import { TimestampConverterKey, TimestampConverterValue } from "./timestamp-converter/timestamp-converter.js";
import { TimestampRouter } from "./timestamp-router/timestamp-router.js";
import { ValueToKey } from "./value-to-key/value-to-key.js";

/** This package's version, reported for each of its plugins; a test keeps it equal to package.json's. */
const VERSION = "0.1.0";
const PACKAGE = "@tributary/transforms";
const KAFKA_TRANSFORMS = "org.apache.kafka.connect.transforms.";
const KAFKA_PREDICATES = "org.apache.kafka.connect.transforms.predicates.";

/** A transformation known as `name` (such as `InsertField$Value`), and as Kafka's class of that name. */
function transformation(name: string, create: () => Transformation): PluginDescriptor<Transformation> {
  return {
    type: "transformation",
    className: `${PACKAGE}/${name}`,
    aliases: [`${KAFKA_TRANSFORMS}${name}`, name],
    version: VERSION,
    create,
  };
}

/** A predicate known as `name` (such as `TopicNameMatches`), and as Kafka's class of that name. */
function predicate(name: string, create: () => Predicate): PluginDescriptor<Predicate> {
  return {
    type: "predicate",
    className: `${PACKAGE}/${name}`,
    aliases: [`${KAFKA_PREDICATES}${name}`, name],
    version: VERSION,
    create,
  };
}

/** The `$Key` and `$Value` variants of a transformation, as Kafka names its nested classes. */
function variants(
  name: string,
  key: () => Transformation,
  value: () => Transformation,
): PluginDescriptor<Transformation>[] {
  return [transformation(`${name}$Key`, key), transformation(`${name}$Value`, value)];
}

/**
 * The transformations and predicates this package offers, named so that a worker finds each by Tributary's class
 * name (`@tributary/transforms/InsertField$Value`), by its short name (`InsertField$Value`) and by Kafka Connect's
 * Java class name (`org.apache.kafka.connect.transforms.InsertField$Value`,
 * `org.apache.kafka.connect.transforms.predicates.TopicNameMatches`), so existing connector configs work unchanged.
 *
 * Transformations with Key and Value variants are listed once per variant, as Kafka lists `Cast$Key` and
 * `Cast$Value`. Each `create()` returns a new, unconfigured instance.
 */
export const tributaryPlugins: readonly PluginDescriptor[] = Object.freeze([
  ...variants(
    "Cast",
    () => new CastKey(),
    () => new CastValue(),
  ),
  ...variants(
    "ExtractField",
    () => new ExtractFieldKey(),
    () => new ExtractFieldValue(),
  ),
  ...variants(
    "Flatten",
    () => new FlattenKey(),
    () => new FlattenValue(),
  ),
  ...variants(
    "HoistField",
    () => new HoistFieldKey(),
    () => new HoistFieldValue(),
  ),
  ...variants(
    "InsertField",
    () => new InsertFieldKey(),
    () => new InsertFieldValue(),
  ),
  ...variants(
    "MaskField",
    () => new MaskFieldKey(),
    () => new MaskFieldValue(),
  ),
  ...variants(
    "ReplaceField",
    () => new ReplaceFieldKey(),
    () => new ReplaceFieldValue(),
  ),
  ...variants(
    "SetSchemaMetadata",
    () => new SetSchemaMetadataKey(),
    () => new SetSchemaMetadataValue(),
  ),
  transformation("ValueToKey", () => new ValueToKey()),
  transformation("RegexRouter", () => new RegexRouter()),
  transformation("TimestampRouter", () => new TimestampRouter()),
  ...variants(
    "TimestampConverter",
    () => new TimestampConverterKey(),
    () => new TimestampConverterValue(),
  ),
  transformation("Filter", () => new Filter()),
  transformation("DropHeaders", () => new DropHeaders()),
  transformation("InsertHeader", () => new InsertHeader()),
  ...variants(
    "HeaderFrom",
    () => new HeaderFromKey(),
    () => new HeaderFromValue(),
  ),
  predicate("TopicNameMatches", () => new TopicNameMatches()),
  predicate("HasHeaderKey", () => new HasHeaderKey()),
  predicate("RecordIsTombstone", () => new RecordIsTombstone()),
]);
