import {
  ConfigError,
  type Converter,
  defineConfig,
  type HeaderConverter,
  Headers,
  type PluginDescriptor,
  Schema,
} from "@tributary/api";
import { describe, expect, it } from "vitest";
import { testRegistry } from "../../test/fake-plugins.js";
import { ConnectorConfig } from "../config/connector-config.js";
import { WorkerConfig } from "../config/worker-config.js";
import { createConverter, createHeaderConverter } from "./create-converter.js";

/** A converter that remembers how it was configured. */
class Recording implements Converter, HeaderConverter {
  static calls: { props: Readonly<Record<string, unknown>>; isKey: boolean | undefined }[] = [];
  configure(props: Readonly<Record<string, unknown>>, isKey?: boolean) {
    if (props.fail === "yes") throw new ConfigError("fail=yes is not allowed");
    Recording.calls.push({ props, isKey });
  }
  fromConnectData() {
    return null;
  }
  toConnectData() {
    return { schema: null, value: null };
  }
  fromConnectHeader() {
    return null;
  }
  toConnectHeader() {
    return { schema: null, value: null };
  }
  config() {
    return defineConfig({});
  }
}

const registry = await testRegistry();
for (const type of ["converter", "header_converter"] as const) {
  const descriptor: PluginDescriptor = {
    type,
    className: "@test/c/Recording",
    version: "1",
    create: () => new Recording(),
  };
  registry.register(descriptor);
}

const connectorProps = { name: "lines", "connector.class": "LinesSource", topic: "t" };
const text = (bytes: Uint8Array | null) => (bytes === null ? null : new TextDecoder().decode(bytes));

describe("createConverter", () => {
  it("uses the worker's converter with the worker's prefixed settings", () => {
    const worker = WorkerConfig.parse({
      "value.converter": "org.apache.kafka.connect.json.JsonConverter",
      "value.converter.schemas.enable": "false",
    });
    const converter = createConverter(
      registry,
      worker,
      ConnectorConfig.parse(connectorProps, registry),
      "value",
    );
    expect(text(converter?.fromConnectData("t", new Headers(), Schema.INT32_SCHEMA, 7) ?? null)).toBe("7");
  });

  it("prefers the connector's converter, configured with the connector's settings only", () => {
    const worker = WorkerConfig.parse({
      "value.converter": "StringConverter",
      "value.converter.schemas.enable": "false",
    });
    const connector = ConnectorConfig.parse(
      { ...connectorProps, "value.converter": "JsonConverter" },
      registry,
    );
    const converter = createConverter(registry, worker, connector, "value");
    // The worker's schemas.enable=false belongs to the worker's converter, so the envelope stays.
    expect(text(converter?.fromConnectData("t", new Headers(), Schema.INT32_SCHEMA, 7) ?? null)).toBe(
      '{"schema":{"type":"int32","optional":false},"payload":7}',
    );
  });

  it("passes the settings without their prefix and tells keys from values", () => {
    Recording.calls = [];
    const worker = WorkerConfig.parse({
      "key.converter": "Recording",
      "key.converter.a": "1",
      "value.converter.b": "2",
    });
    const connector = ConnectorConfig.parse(
      { ...connectorProps, "value.converter": "Recording", "value.converter.c": "3" },
      registry,
    );
    createConverter(registry, worker, connector, "key");
    createConverter(registry, worker, connector, "value");
    expect(Recording.calls).toEqual([
      { props: { a: "1" }, isKey: true },
      { props: { c: "3" }, isKey: false },
    ]);
  });

  it("returns undefined when no converter is set anywhere", () => {
    const connector = ConnectorConfig.parse(connectorProps, registry);
    expect(createConverter(registry, WorkerConfig.parse({}), connector, "key")).toBeUndefined();
  });

  it("names the config and key at fault", () => {
    const connector = ConnectorConfig.parse(connectorProps, registry);
    const unknown = () =>
      createConverter(registry, WorkerConfig.parse({ "value.converter": "Jsn" }), connector, "value");
    expect(unknown).toThrow(ConfigError);
    expect(unknown).toThrow(
      /^Cannot create the value converter named by value.converter in the worker config: No converter is named "Jsn". Did you mean: Json/,
    );
    const refused = () =>
      createConverter(
        registry,
        WorkerConfig.parse({ "key.converter": "Recording", "key.converter.fail": "yes" }),
        connector,
        "key",
      );
    expect(refused).toThrow(
      "The key converter Recording (key.converter in the worker config) refused its settings: fail=yes is not allowed",
    );
  });
});

describe("createHeaderConverter", () => {
  it("defaults to SimpleHeaderConverter", () => {
    const converter = createHeaderConverter(
      registry,
      WorkerConfig.parse({}),
      ConnectorConfig.parse(connectorProps, registry),
    );
    expect(text(converter.fromConnectHeader("t", "h", Schema.INT32_SCHEMA, 42))).toBe("42");
    expect(converter.toConnectHeader("t", "h", new TextEncoder().encode("true")).value).toBe(true);
  });

  it("uses the connector's header converter with converter.type=header", () => {
    Recording.calls = [];
    const connector = ConnectorConfig.parse(
      { ...connectorProps, "header.converter": "Recording", "header.converter.x": "y" },
      registry,
    );
    createHeaderConverter(registry, WorkerConfig.parse({ "header.converter": "JsonConverter" }), connector);
    expect(Recording.calls).toEqual([{ props: { x: "y", "converter.type": "header" }, isKey: undefined }]);
  });
});
