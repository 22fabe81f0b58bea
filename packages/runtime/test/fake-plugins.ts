// Small plugins for the runtime's tests: connectors, transformations and predicates with real config definitions.
import {
  addConfigError,
  Config,
  type ConfigValidation,
  type ConnectRecord,
  DataError,
  defineConfig,
  type PluginDescriptor,
  type Predicate,
  RetriableError,
  SinkConnector,
  type SinkTask,
  SourceConnector,
  type SourceTask,
  type TaskClass,
  type Transformation,
} from "@tributary/api";
import { discoverPlugins } from "../src/plugin/discover-plugins.js";
import type { PluginRegistry } from "../src/plugin/plugin-registry.js";

export const LinesSourceConfig = defineConfig({
  file: Config.string({ optional: true, importance: "HIGH", documentation: "File to read." }),
  topic: Config.string({ nonEmpty: true, importance: "HIGH", documentation: "Topic to write to." }),
  "api.password": Config.password({ optional: true, documentation: "A secret." }),
});

export class LinesSourceConnector extends SourceConnector {
  version() {
    return "1.0.0";
  }
  config() {
    return LinesSourceConfig;
  }
  start() {}
  taskClass(): TaskClass<SourceTask> {
    throw new Error("not used in these tests");
  }
  taskConfigs() {
    return [];
  }
  stop() {}
  /** Refuses a file named "forbidden", a check across keys a definition cannot express. */
  override validate(props: Readonly<Record<string, string>>): ConfigValidation {
    const result = this.config().validate(props);
    return props.file === "forbidden"
      ? addConfigError(result, "file", "The file forbidden may not be read.")
      : result;
  }
}

export const LinesSinkConfig = defineConfig({
  file: Config.string({ optional: true, importance: "HIGH", documentation: "File to append to." }),
});

export class LinesSinkConnector extends SinkConnector {
  version() {
    return "1.0.0";
  }
  config() {
    return LinesSinkConfig;
  }
  start() {}
  taskClass(): TaskClass<SinkTask> {
    throw new Error("not used in these tests");
  }
  taskConfigs() {
    return [];
  }
  stop() {}
}

const SuffixConfig = defineConfig({
  suffix: Config.string({ nonEmpty: true, documentation: "Appended to the topic." }),
});

/** Appends `suffix` to the topic; records every props map it was configured with. */
export class AppendTopic implements Transformation<ConnectRecord> {
  static configured: Readonly<Record<string, unknown>>[] = [];
  static closed = 0;
  #suffix = "";
  configure(props: Readonly<Record<string, unknown>>) {
    AppendTopic.configured.push(props);
    this.#suffix = SuffixConfig.parse(props).suffix;
  }
  apply(record: ConnectRecord) {
    return record.newRecord({ topic: `${record.topic}${this.#suffix}` });
  }
  config() {
    return SuffixConfig;
  }
  close() {
    AppendTopic.closed++;
  }
}

/** Drops every record. */
export class DropAll implements Transformation<ConnectRecord> {
  configure() {}
  apply() {
    return null;
  }
  config() {
    return defineConfig({});
  }
  close() {}
}

/** Fails every record with the kind of error `mode` names: data, retriable or plain. */
export class Explode implements Transformation<ConnectRecord> {
  #mode = "data";
  configure(props: Readonly<Record<string, unknown>>) {
    this.#mode = String(props.mode ?? "data");
  }
  apply(record: ConnectRecord): ConnectRecord {
    if (this.#mode === "retriable") throw new RetriableError(`temporarily unable to handle ${record.topic}`);
    if (this.#mode === "plain") throw new TypeError("a bug");
    throw new DataError(`no field "id" in the value of ${record.topic}`);
  }
  config() {
    return defineConfig({ mode: Config.enum(["data", "retriable", "plain"], { default: "data" }) });
  }
  close() {}
}

const TopicIsConfig = defineConfig({
  topic: Config.string({ nonEmpty: true, documentation: "The topic to match." }),
});

/** True for records of `topic`. */
export class TopicIs implements Predicate<ConnectRecord> {
  static configured: Readonly<Record<string, unknown>>[] = [];
  #topic = "";
  configure(props: Readonly<Record<string, unknown>>) {
    TopicIs.configured.push(props);
    this.#topic = TopicIsConfig.parse(props).topic;
  }
  test(record: ConnectRecord) {
    return record.topic === this.#topic;
  }
  config() {
    return TopicIsConfig;
  }
  close() {}
}

export const testPlugins: readonly PluginDescriptor[] = [
  {
    type: "source",
    className: "@test/lines/LinesSourceConnector",
    aliases: ["com.example.LinesSourceConnector"],
    version: "1.0.0",
    create: () => new LinesSourceConnector(),
  },
  {
    type: "sink",
    className: "@test/lines/LinesSinkConnector",
    version: "1.0.0",
    create: () => new LinesSinkConnector(),
  },
  {
    type: "transformation",
    className: "@test/smt/AppendTopic",
    version: "1.0.0",
    create: () => new AppendTopic(),
  },
  { type: "transformation", className: "@test/smt/DropAll", version: "1.0.0", create: () => new DropAll() },
  { type: "transformation", className: "@test/smt/Explode", version: "1.0.0", create: () => new Explode() },
  { type: "predicate", className: "@test/smt/TopicIs", version: "1.0.0", create: () => new TopicIs() },
];

/** The built-in plugins and the test plugins, without scanning node_modules. */
export async function testRegistry(): Promise<PluginRegistry> {
  const registry = await discoverPlugins({ searchFrom: [] });
  for (const descriptor of testPlugins) registry.register(descriptor, "@test");
  return registry;
}
