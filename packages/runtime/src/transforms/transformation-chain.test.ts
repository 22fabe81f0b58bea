import {
  ConfigError,
  type ConnectError,
  DataError,
  hasErrorCode,
  RetriableError,
  SourceRecord,
} from "@tributary/api";
import { describe, expect, it } from "vitest";
import { AppendTopic, TopicIs, testRegistry } from "../../test/fake-plugins.js";
import { ConnectorConfig } from "../config/connector-config.js";
import { TransformationChain } from "./transformation-chain.js";

const registry = await testRegistry();

function record(topic: string): SourceRecord {
  return new SourceRecord({ sourcePartition: { file: "f" }, sourceOffset: { line: 1 }, topic, value: "v" });
}

const base = { name: "lines", "connector.class": "LinesSource", topic: "t" };

describe("TransformationChain", () => {
  it("applies the transformations in order, each where its predicate says", () => {
    AppendTopic.configured = [];
    TopicIs.configured = [];
    const config = ConnectorConfig.parse(
      {
        ...base,
        transforms: "first, second",
        "transforms.first.type": "AppendTopic",
        "transforms.first.suffix": "-1",
        "transforms.second.type": "@test/smt/AppendTopic",
        "transforms.second.suffix": "-2",
        "transforms.second.predicate": "isOrders",
        predicates: "isOrders",
        "predicates.isOrders.type": "TopicIs",
        "predicates.isOrders.topic": "orders-1",
      },
      registry,
    );
    const chain = TransformationChain.fromConfig<SourceRecord>(config, registry);
    expect(chain.apply(record("orders"))?.topic).toBe("orders-1-2");
    expect(chain.apply(record("users"))?.topic).toBe("users-1");
    expect(
      chain.stages.map((stage) => [stage.alias, stage.className, stage.predicate?.alias, stage.negate]),
    ).toEqual([
      ["first", "@test/smt/AppendTopic", undefined, false],
      ["second", "@test/smt/AppendTopic", "isOrders", false],
    ]);
    // Each plugin sees its own settings without the prefix; predicate and negate are the worker's.
    expect(AppendTopic.configured).toEqual([
      { type: "AppendTopic", suffix: "-1" },
      { type: "@test/smt/AppendTopic", suffix: "-2" },
    ]);
    expect(TopicIs.configured).toEqual([{ type: "TopicIs", topic: "orders-1" }]);
  });

  it("applies a negated transformation to the records its predicate refuses", () => {
    const chain = TransformationChain.fromConfig<SourceRecord>(
      {
        transforms: "t",
        "transforms.t.type": "AppendTopic",
        "transforms.t.suffix": "-x",
        "transforms.t.predicate": "p",
        "transforms.t.negate": "true",
        predicates: "p",
        "predicates.p.type": "TopicIs",
        "predicates.p.topic": "orders",
      },
      registry,
    );
    expect(chain.apply(record("orders"))?.topic).toBe("orders");
    expect(chain.apply(record("users"))?.topic).toBe("users-x");
  });

  it("stops at a transformation that drops the record", () => {
    const chain = TransformationChain.fromConfig<SourceRecord>(
      { transforms: "drop,boom", "transforms.drop.type": "DropAll", "transforms.boom.type": "Explode" },
      registry,
    );
    expect(chain.apply(record("orders"))).toBeNull();
    expect(TransformationChain.fromConfig<SourceRecord>({}, registry).apply(record("a"))?.topic).toBe("a");
  });

  it("names the failing alias and stage, keeping the kind of error", () => {
    const chainFor = (mode: string) =>
      TransformationChain.fromConfig<SourceRecord>(
        {
          transforms: "ok,boom",
          "transforms.ok.type": "AppendTopic",
          "transforms.ok.suffix": "-1",
          "transforms.boom.type": "Explode",
          "transforms.boom.mode": mode,
        },
        registry,
      );
    const failure = (mode: string) => {
      try {
        chainFor(mode).apply(record("orders"));
      } catch (error) {
        return error as ConnectError;
      }
      throw new Error("expected a failure");
    };
    const data = failure("data");
    expect(data).toBeInstanceOf(DataError);
    expect(data.message).toBe(
      'Transformation "boom" (@test/smt/Explode, stage 2 of 2) failed: no field "id" in the value of orders-1',
    );
    expect(data.cause).toBeInstanceOf(DataError);
    expect(failure("retriable")).toBeInstanceOf(RetriableError);
    const plain = failure("plain");
    expect(plain.retriable).toBe(false);
    expect(hasErrorCode(plain, "DATA")).toBe(false);
    expect(plain.message).toBe('Transformation "boom" (@test/smt/Explode, stage 2 of 2) failed: a bug');
  });

  it("refuses a bad config, naming the key, and closes what it had created", () => {
    AppendTopic.closed = 0;
    const build = (props: Record<string, string>) => () =>
      TransformationChain.fromConfig(
        { transforms: "a,b", "transforms.a.type": "AppendTopic", "transforms.a.suffix": "-a", ...props },
        registry,
      );
    expect(build({ "transforms.b.type": "Apendtopic" })).toThrow(ConfigError);
    expect(build({ "transforms.b.type": "Apendtopic" })).toThrow(
      /^Invalid value "Apendtopic" for configuration transforms.b.type: No transformation is named "Apendtopic". Did you mean: AppendTopic/,
    );
    expect(AppendTopic.closed).toBe(2);
    expect(build({ "transforms.b.type": "DropAll", "transforms.b.predicate": "p" })).toThrow(
      'transforms.b.predicate is "p", which is not listed in predicates: add it to predicates and set predicates.p.type.',
    );
    expect(build({ "transforms.b.type": "AppendTopic" })).toThrow(
      /^@test\/smt\/AppendTopic refused its settings \(transforms.b.\*\): Missing required configuration "suffix"/,
    );
    expect(build({ "transforms.b.type": "DropAll", "transforms.b.negate": "true" })).toThrow(
      "transforms.b.negate is set but transforms.b.predicate is not",
    );
  });

  it("closes every transformation", async () => {
    AppendTopic.closed = 0;
    const chain = TransformationChain.fromConfig(
      {
        transforms: "a,b",
        "transforms.a.type": "AppendTopic",
        "transforms.a.suffix": "-a",
        "transforms.b.type": "AppendTopic",
        "transforms.b.suffix": "-b",
      },
      registry,
    );
    await chain.close();
    expect(AppendTopic.closed).toBe(2);
  });
});
