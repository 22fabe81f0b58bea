import type { Converter, HeaderConverter, PluginDescriptor } from "@tributary/api";
import { ByteArrayConverter } from "./byte-array-converter.js";
import { SimpleHeaderConverter } from "./header/simple-header-converter.js";
import { JsonConverter } from "./json/json-converter.js";
import { BooleanConverter } from "./number/boolean-converter.js";
import { DoubleConverter } from "./number/double-converter.js";
import { FloatConverter } from "./number/float-converter.js";
import { IntegerConverter } from "./number/integer-converter.js";
import { LongConverter } from "./number/long-converter.js";
import { ShortConverter } from "./number/short-converter.js";
import { StringConverter } from "./string/string-converter.js";

/** This package's version, reported for each of its plugins; a runtime test keeps it equal to package.json's. */
const VERSION = "0.1.0";
const PACKAGE = "@tributary/converters";

/** Both roles of a class that is a converter and a header converter, as most of Kafka's converters are. */
function bothRoles(
  name: string,
  kafkaName: string,
  create: () => Converter & HeaderConverter,
): PluginDescriptor[] {
  const common = { className: `${PACKAGE}/${name}`, aliases: [kafkaName], version: VERSION, create };
  return [
    { type: "converter", ...common },
    { type: "header_converter", ...common },
  ];
}

/**
 * The converters and header converters this package offers, named so that a worker finds them by Tributary's
 * class name (`@tributary/converters/JsonConverter`), by the simple name (`JsonConverter`) and by Kafka Connect's
 * Java class name (`org.apache.kafka.connect.json.JsonConverter`), so existing worker and connector configs work
 * unchanged.
 *
 * A class that serves both as a converter and as a header converter, as Kafka's do, is listed once per role.
 */
export const tributaryPlugins: readonly PluginDescriptor[] = Object.freeze([
  ...bothRoles("JsonConverter", "org.apache.kafka.connect.json.JsonConverter", () => new JsonConverter()),
  ...bothRoles(
    "StringConverter",
    "org.apache.kafka.connect.storage.StringConverter",
    () => new StringConverter(),
  ),
  ...bothRoles(
    "ByteArrayConverter",
    "org.apache.kafka.connect.converters.ByteArrayConverter",
    () => new ByteArrayConverter(),
  ),
  ...bothRoles(
    "ShortConverter",
    "org.apache.kafka.connect.converters.ShortConverter",
    () => new ShortConverter(),
  ),
  ...bothRoles(
    "IntegerConverter",
    "org.apache.kafka.connect.converters.IntegerConverter",
    () => new IntegerConverter(),
  ),
  ...bothRoles(
    "LongConverter",
    "org.apache.kafka.connect.converters.LongConverter",
    () => new LongConverter(),
  ),
  ...bothRoles(
    "FloatConverter",
    "org.apache.kafka.connect.converters.FloatConverter",
    () => new FloatConverter(),
  ),
  ...bothRoles(
    "DoubleConverter",
    "org.apache.kafka.connect.converters.DoubleConverter",
    () => new DoubleConverter(),
  ),
  ...bothRoles(
    "BooleanConverter",
    "org.apache.kafka.connect.converters.BooleanConverter",
    () => new BooleanConverter(),
  ),
  {
    type: "header_converter",
    className: `${PACKAGE}/SimpleHeaderConverter`,
    aliases: ["org.apache.kafka.connect.storage.SimpleHeaderConverter"],
    version: VERSION,
    create: () => new SimpleHeaderConverter(),
  },
]);
