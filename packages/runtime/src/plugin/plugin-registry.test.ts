import { readFileSync } from "node:fs";
import {
  AlreadyExistsError,
  ConfigError,
  ConnectError,
  NotFoundError,
  type PluginDescriptor,
  type PluginType,
} from "@tributary/api";
import { tributaryPlugins as converterPlugins } from "@tributary/converters";
import { describe, expect, it } from "vitest";
import { builtinPackages } from "./builtin-plugins.js";
import { PluginRegistry } from "./plugin-registry.js";

function plugin(type: PluginType, className: string, aliases: string[] = []): PluginDescriptor {
  return { type, className, aliases, version: "1.0.0", create: () => ({ className }) };
}

function builtins(): PluginRegistry {
  const registry = new PluginRegistry();
  for (const pkg of builtinPackages())
    for (const descriptor of pkg.plugins) registry.register(descriptor, pkg.name);
  return registry;
}

const fileSource = plugin("source", "@tributary/connector-file/FileStreamSourceConnector", [
  "org.apache.kafka.connect.file.FileStreamSourceConnector",
]);
const fileSink = plugin("sink", "@tributary/connector-file/FileStreamSinkConnector", [
  "org.apache.kafka.connect.file.FileStreamSinkConnector",
]);
const insertValue = plugin("transformation", "@tributary/transforms/InsertField$Value", [
  "org.apache.kafka.connect.transforms.InsertField$Value",
]);
const insertKey = plugin("transformation", "@tributary/transforms/InsertField$Key", [
  "org.apache.kafka.connect.transforms.InsertField$Key",
]);

describe("PluginRegistry.resolve", () => {
  it("finds the built-in converters by Kafka's class names, simple names and pruned names", () => {
    const registry = builtins();
    const json = "@tributary/converters/JsonConverter";
    for (const name of ["org.apache.kafka.connect.json.JsonConverter", json, "JsonConverter", "Json"]) {
      expect(registry.resolve(name, "converter").className).toBe(json);
    }
    expect(registry.resolve("org.apache.kafka.connect.storage.StringConverter", "converter").className).toBe(
      "@tributary/converters/StringConverter",
    );
    expect(
      registry.resolve("org.apache.kafka.connect.converters.ByteArrayConverter", "converter").className,
    ).toBe("@tributary/converters/ByteArrayConverter");
    expect(
      registry.resolve("org.apache.kafka.connect.converters.IntegerConverter", "converter").className,
    ).toBe("@tributary/converters/IntegerConverter");
    const header = registry.resolve(
      "org.apache.kafka.connect.storage.SimpleHeaderConverter",
      "header_converter",
    );
    expect(header.className).toBe("@tributary/converters/SimpleHeaderConverter");
    expect(registry.resolve("SimpleHeaderConverter", "header_converter")).toBe(header);
    // A converter that is also a header converter is found in both roles.
    expect(registry.resolve("JsonConverter", "header_converter").type).toBe("header_converter");
  });

  it("finds the built-in transformations by Kafka's class names and simple names", () => {
    const registry = builtins();
    const insert = registry.resolve(
      "org.apache.kafka.connect.transforms.InsertField$Value",
      "transformation",
    );
    expect(insert.className).toBe("@tributary/transforms/InsertField$Value");
    expect(registry.resolve("InsertField$Value", "transformation")).toBe(insert);
    expect(registry.resolve("@tributary/transforms/InsertField$Value")).toBe(insert);
    expect(() => registry.resolve("InsertField", "transformation")).toThrow(
      /Did you mean: .*InsertField\$Key.*InsertField\$Value|Did you mean: .*InsertField\$Value.*InsertField\$Key/,
    );
  });

  it("finds connectors by full name, Kafka's name, simple name and the name without Connector", () => {
    const registry = new PluginRegistry();
    registry.register(fileSource, "@tributary/connector-file");
    registry.register(fileSink, "@tributary/connector-file");
    for (const name of [
      "@tributary/connector-file/FileStreamSourceConnector",
      "org.apache.kafka.connect.file.FileStreamSourceConnector",
      "FileStreamSourceConnector",
      "FileStreamSource",
      "  FileStreamSource  ",
    ]) {
      expect(registry.resolve(name, ["source", "sink"])).toBe(fileSource);
    }
    expect(registry.resolve("FileStreamSink", ["source", "sink"])).toBe(fileSink);
  });

  it("takes the whole name after the last dot or slash as the simple name, $ included", () => {
    const registry = new PluginRegistry();
    registry.register(insertValue);
    registry.register(insertKey);
    expect(registry.resolve("InsertField$Value", "transformation")).toBe(insertValue);
    expect(registry.resolve("org.apache.kafka.connect.transforms.InsertField$Key")).toBe(insertKey);
    expect(() => registry.resolve("Value", "transformation")).toThrow(NotFoundError);
  });

  it("refuses a short name several plugins share, listing them, but accepts their full names", () => {
    const registry = new PluginRegistry();
    const a = plugin("transformation", "@acme/smts/Mask");
    const b = plugin("transformation", "@other/smts/Mask");
    registry.register(a);
    registry.register(b);
    expect(() => registry.resolve("Mask", "transformation")).toThrow(ConfigError);
    expect(() => registry.resolve("Mask")).toThrow(
      '"Mask" names several plugins: @acme/smts/Mask, @other/smts/Mask. Use the full class name of the one you mean.',
    );
    expect(registry.resolve("@other/smts/Mask")).toBe(b);
    // Restricting the type can remove the ambiguity.
    const predicate = plugin("predicate", "@x/p/Mask");
    const only = new PluginRegistry();
    only.register(a);
    only.register(predicate);
    expect(only.resolve("Mask", "predicate")).toBe(predicate);
  });

  it("prefers a full name or alias over another plugin's short name", () => {
    const registry = new PluginRegistry();
    const bare = plugin("transformation", "Router");
    const scoped = plugin("transformation", "@acme/smts/Router");
    registry.register(scoped);
    registry.register(bare);
    expect(registry.resolve("Router")).toBe(bare);
  });

  it("names up to five close matches when nothing fits", () => {
    const registry = builtins();
    registry.register(fileSource);
    registry.register(fileSink);
    const attempt = () => registry.resolve("FileStreamSorce", ["source", "sink"]);
    expect(attempt).toThrow(NotFoundError);
    expect(attempt).toThrow(
      'No connector is named "FileStreamSorce". Did you mean: FileStreamSource (@tributary/connector-file/FileStreamSourceConnector), FileStreamSink (@tributary/connector-file/FileStreamSinkConnector)?',
    );

    const converter = () => registry.resolve("Converter", "converter");
    const message = errorMessage(converter);
    const suggested = message.slice(message.indexOf("Did you mean: ") + 14, message.indexOf("?"));
    expect(suggested.split(", ")).toHaveLength(5);

    // Nothing is close: the message lists what there is of that type instead.
    expect(() => registry.resolve("com.example.Nothing", "predicate")).toThrow(
      /^No predicate is named "com\.example\.Nothing"\. Known predicate plugins: .*TopicNameMatches/,
    );
    expect(() => new PluginRegistry().resolve("com.example.Nothing", "predicate")).toThrow(
      'No predicate is named "com.example.Nothing". No predicate plugins are installed.',
    );
    expect(() => registry.resolve("JsonConverter", "source")).toThrow(
      'No source connector is named "JsonConverter".',
    );
  });

  it("finds plugins case-sensitively but suggests the other case", () => {
    const registry = builtins();
    expect(registry.find("jsonconverter", "converter")).toBeUndefined();
    expect(() => registry.resolve("jsonconverter", "converter")).toThrow(/Did you mean: JsonConverter/);
  });
});

describe("PluginRegistry.register", () => {
  it("keeps the first of two plugins with the same type and class name", () => {
    const registry = new PluginRegistry();
    registry.register(fileSource, "@tributary/connector-file@0.1.0");
    registry.register(fileSource, "again");
    const copy = { ...fileSource };
    expect(() => registry.register(copy, "/opt/plugins/connector-file")).toThrow(AlreadyExistsError);
    expect(() => registry.register(copy, "/opt/plugins/connector-file")).toThrow(
      "The source connector @tributary/connector-file/FileStreamSourceConnector from /opt/plugins/connector-file is already registered from @tributary/connector-file@0.1.0",
    );
    expect(registry.size).toBe(1);
    expect(registry.originOf(fileSource)).toBe("@tributary/connector-file@0.1.0");
  });

  it("refuses malformed descriptors, naming where they came from", () => {
    const registry = new PluginRegistry();
    const bad = { type: "connector", className: "X", version: "1", create: () => ({}) };
    expect(() => registry.register(bad as unknown as PluginDescriptor, "@acme/bad")).toThrow(ConnectError);
    expect(() => registry.register(bad as unknown as PluginDescriptor, "@acme/bad")).toThrow(
      'A plugin descriptor from @acme/bad is invalid: its type (X) is "connector"; use one of source, sink',
    );
    const noCreate = { type: "sink", className: "Y", version: "1" };
    expect(() => registry.register(noCreate as unknown as PluginDescriptor)).toThrow(
      "the create of Y must be a function",
    );
  });
});

describe("PluginRegistry.list", () => {
  it("lists plugins as GET /connector-plugins does, sorted by class and type", () => {
    const registry = new PluginRegistry();
    registry.register(fileSink);
    registry.register(fileSource);
    registry.register(plugin("header_converter", "@acme/c/Avro"));
    registry.register(plugin("converter", "@acme/c/Avro"));
    expect(registry.list()).toEqual([
      { class: "@acme/c/Avro", type: "converter", version: "1.0.0" },
      { class: "@acme/c/Avro", type: "header_converter", version: "1.0.0" },
      { class: "@tributary/connector-file/FileStreamSinkConnector", type: "sink", version: "1.0.0" },
      { class: "@tributary/connector-file/FileStreamSourceConnector", type: "source", version: "1.0.0" },
    ]);
    expect(registry.list(["source", "sink"]).map((info) => info.type)).toEqual(["sink", "source"]);
    expect(JSON.stringify(registry.list("converter"))).toBe(
      '[{"class":"@acme/c/Avro","type":"converter","version":"1.0.0"}]',
    );
  });

  it("reports the built-in converters with their package's version", () => {
    const version = JSON.parse(
      readFileSync(new URL("../../../converters/package.json", import.meta.url), "utf8"),
    ).version;
    expect(converterPlugins.length).toBeGreaterThan(0);
    for (const descriptor of converterPlugins) expect(descriptor.version).toBe(version);
  });
});

function errorMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected a failure");
}
