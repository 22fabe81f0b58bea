import { ConfigValidationError, NotFoundError } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { testRegistry } from "../../test/fake-plugins.js";
import { ConnectorConfig } from "./connector-config.js";

const registry = await testRegistry();

const source = { name: "lines", "connector.class": "LinesSource", topic: "lines" };
const sink = { name: "out", "connector.class": "@test/lines/LinesSinkConnector", topics: "lines" };

describe("ConnectorConfig.parse", () => {
  it("resolves the connector and applies Kafka's defaults", () => {
    const config = ConnectorConfig.parse(source, registry);
    expect(config.type).toBe("source");
    expect(config.connector.className).toBe("@test/lines/LinesSourceConnector");
    expect(config.name).toBe("lines");
    expect(config.tasksMax).toBe(1);
    expect(config.transforms).toEqual([]);
    expect(config.errorHandling).toEqual({
      retryTimeoutMs: 0,
      retryDelayMaxMs: 60000,
      tolerance: "none",
      logEnable: false,
      logIncludeMessages: false,
    });
    expect(config.get("exactly.once.support")).toBe("requested");
    expect(config.topics).toEqual([]);
  });

  it("reads the error handling keys and a sink's topics", () => {
    const config = ConnectorConfig.parse(
      new Map(
        Object.entries({
          ...sink,
          topics: "a, b",
          "tasks.max": "3",
          "errors.tolerance": "ALL",
          "errors.retry.timeout": "-1",
          "errors.retry.delay.max.ms": "5000",
          "errors.log.enable": "true",
          "errors.log.include.messages": "true",
        }),
      ),
      registry,
    );
    expect(config.type).toBe("sink");
    expect(config.tasksMax).toBe(3);
    expect(config.topics).toEqual(["a", "b"]);
    expect(config.topicsRegex).toBeUndefined();
    expect(config.errorHandling).toEqual({
      retryTimeoutMs: -1,
      retryDelayMaxMs: 5000,
      tolerance: "all",
      logEnable: true,
      logIncludeMessages: true,
    });
    const regex = ConnectorConfig.parse({ ...sink, topics: "", "topics.regex": "orders-.*" }, registry);
    expect(regex.topicsRegex?.test("orders-eu")).toBe(true);
    expect(regex.topicsRegex?.test("x-orders-eu")).toBe(false);
  });

  it("refuses an unknown connector with close matches", () => {
    expect(() => ConnectorConfig.parse({ ...source, "connector.class": "LineSource" }, registry)).toThrow(
      NotFoundError,
    );
    expect(() => ConnectorConfig.parse({ ...source, "connector.class": "LineSource" }, registry)).toThrow(
      /Did you mean: LinesSource \(@test\/lines\/LinesSourceConnector\)/,
    );
    expect(() => ConnectorConfig.parse({ name: "x" }, registry)).toThrow(
      'Missing required configuration "connector.class" which has no default value.',
    );
  });

  it("checks a sink's topics, the transformations and predicates, and lists every problem", () => {
    const attempt = () =>
      ConnectorConfig.parse(
        {
          ...sink,
          "topics.regex": "x.*",
          "tasks.max": "0",
          transforms: "route,boom",
          "transforms.route.type": "AppendTopic",
          "transforms.route.negate": "true",
          "transforms.boom.type": "Exploed",
          "value.converter": "Jsonn",
        },
        registry,
      );
    expect(attempt).toThrow(ConfigValidationError);
    let problems: readonly { key: string; message: string }[] = [];
    try {
      attempt();
    } catch (error) {
      problems = (error as ConfigValidationError).problems;
    }
    expect(problems.map((problem) => problem.key)).toEqual([
      "tasks.max",
      "value.converter",
      "topics",
      "topics.regex",
      "transforms.route.type",
      "transforms.route.suffix",
      "transforms.boom.type",
    ]);
    expect(problems.map((problem) => problem.message)).toEqual([
      "Invalid value 0 for configuration tasks.max: Value must be at least 1",
      expect.stringMatching(
        /^Invalid value "Jsonn" for configuration value.converter: No converter is named "Jsonn". Did you mean: Json /,
      ),
      "topics and topics.regex are mutually exclusive, but both are set: keep only one of them.",
      "topics and topics.regex are mutually exclusive, but both are set: keep only one of them.",
      "transforms.route.negate is set but transforms.route.predicate is not: name the predicate to negate, or remove transforms.route.negate.",
      'Missing required configuration "transforms.route.suffix" which has no default value.',
      expect.stringMatching(
        /^Invalid value "Exploed" for configuration transforms.boom.type: No transformation is named "Exploed". Did you mean: Explode/,
      ),
    ]);
  });

  it("refuses a predicate alias that is not listed in predicates and a DLQ topic the sink reads", () => {
    expect(() =>
      ConnectorConfig.parse(
        {
          ...sink,
          transforms: "t",
          "transforms.t.type": "DropAll",
          "transforms.t.predicate": "isOrders",
          "errors.deadletterqueue.topic.name": "lines",
        },
        registry,
      ),
    ).toThrow(
      [
        "The configuration has 2 errors:",
        '  - The dead letter queue topic "lines" (errors.deadletterqueue.topic.name) must not be one of the topics the connector reads (topics=lines).',
        '  - The predicate alias "isOrders" is not listed in predicates: add it to predicates and set predicates.isOrders.type.',
      ].join("\n"),
    );
  });

  it("gives converters and transformations their prefixed settings as written", () => {
    const config = ConnectorConfig.parse(
      { ...source, "value.converter": "Json", "value.converter.schemas.enable": "false" },
      registry,
    );
    expect(config.originalsWithPrefix("value.converter.")).toEqual({ "schemas.enable": "false" });
  });
});
