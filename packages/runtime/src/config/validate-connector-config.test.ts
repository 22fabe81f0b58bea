// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are config provider references, not templates.
import { ConfigError, NotFoundError } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { testRegistry } from "../../test/fake-plugins.js";
import { validateConnectorConfig } from "./validate-connector-config.js";

const registry = await testRegistry();

function byName(infos: Awaited<ReturnType<typeof validateConnectorConfig>>) {
  return new Map(infos.configs.map((config) => [config.value.name, config]));
}

describe("validateConnectorConfig", () => {
  it("lists the keys in Kafka's order: common, transforms, predicates, the connector's own, then converters", async () => {
    const infos = await validateConnectorConfig(
      {
        name: "lines",
        "connector.class": "LinesSource",
        topic: "t",
        transforms: "t",
        "transforms.t.type": "AppendTopic",
        "transforms.t.suffix": "-x",
        "transforms.t.predicate": "p",
        predicates: "p",
        "predicates.p.type": "TopicIs",
        "predicates.p.topic": "t",
        "value.converter": "Json",
        "value.converter.schemas.enable": "false",
      },
      registry,
    );
    expect(infos.name).toBe("LinesSource");
    expect(infos.error_count).toBe(0);
    const names = infos.configs.map((config) => config.value.name);
    expect(names.slice(0, 8)).toEqual([
      "name",
      "connector.class",
      "tasks.max",
      "key.converter",
      "value.converter",
      "header.converter",
      "transforms",
      "predicates",
    ]);
    const order = (name: string) => names.indexOf(name);
    expect(order("errors.tolerance")).toBeLessThan(order("exactly.once.support"));
    expect(order("offsets.storage.topic")).toBeLessThan(order("transforms.t.type"));
    expect(names.slice(order("transforms.t.type"), order("transforms.t.type") + 6)).toEqual([
      "transforms.t.type",
      "transforms.t.predicate",
      "transforms.t.negate",
      "transforms.t.suffix",
      "predicates.p.type",
      "predicates.p.topic",
    ]);
    expect(names.slice(order("predicates.p.topic") + 1, order("predicates.p.topic") + 4)).toEqual([
      "file",
      "topic",
      "api.password",
    ]);
    expect(names.slice(order("api.password") + 1)).toEqual([
      "value.converter.converter.type",
      "value.converter.schemas.enable",
      "value.converter.schemas.cache.size",
      "value.converter.decimal.format",
      "value.converter.replace.null.with.default",
    ]);
    expect(infos.groups).toEqual(
      expect.arrayContaining(["Common", "Transforms: t", "Predicates: p", "Schemas"]),
    );

    const configs = byName(infos);
    expect(JSON.parse(JSON.stringify(configs.get("transforms.t.suffix")))).toEqual({
      definition: {
        name: "transforms.t.suffix",
        type: "STRING",
        required: true,
        default_value: null,
        importance: "MEDIUM",
        documentation: "Appended to the topic.",
        group: "Transforms: t",
        width: "NONE",
        display_name: "suffix",
        dependents: [],
        order: 3,
      },
      value: { name: "transforms.t.suffix", value: "-x", recommended_values: [], errors: [], visible: true },
    });
    expect(configs.get("transforms.t.type")?.definition).toMatchObject({
      group: "Transforms: t",
      order: 0,
      type: "CLASS",
    });
    const recommended = configs.get("transforms.t.type")?.value.recommended_values;
    expect(recommended).toEqual(
      expect.arrayContaining(["@test/smt/AppendTopic", "@test/smt/DropAll", "@test/smt/Explode"]),
    );
    expect(recommended).not.toContain("@test/smt/TopicIs");
    expect(configs.get("value.converter.converter.type")?.value.value).toBe("value");
    expect(configs.get("value.converter.schemas.enable")?.value.value).toBe("false");
  });

  it("reports the sink checks, the connector's own checks and the converters' settings", async () => {
    const sink = await validateConnectorConfig(
      {
        name: "out",
        "connector.class": "LinesSink",
        "errors.deadletterqueue.topic.name": "dlq",
        "topics.regex": "d.*",
        "key.converter": "org.apache.kafka.connect.storage.StringConverter",
        "key.converter.converter.encoding": "no-such-charset",
        transforms: "boom",
        "transforms.boom.type": "Nothing",
      },
      registry,
    );
    const configs = byName(sink);
    expect(configs.get("topics.regex")?.value.errors).toEqual([
      'The dead letter queue topic "dlq" (errors.deadletterqueue.topic.name) must not match the regular expression of the topics the connector reads (topics.regex=d.*).',
    ]);
    expect(configs.get("transforms.boom.type")?.value.errors).toEqual([
      expect.stringMatching(
        /^Invalid value "Nothing" for configuration transforms.boom.type: No transformation is named "Nothing"/,
      ),
    ]);
    expect(configs.get("key.converter.converter.encoding")?.value.errors).toHaveLength(1);
    expect(sink.error_count).toBe(3);

    const source = await validateConnectorConfig(
      { name: "lines", "connector.class": "com.example.LinesSourceConnector", file: "forbidden" },
      registry,
    );
    expect(source.name).toBe("com.example.LinesSourceConnector");
    expect(byName(source).get("file")?.value.errors).toEqual(["The file forbidden may not be read."]);
    expect(byName(source).get("topic")?.value.errors).toEqual([
      'Missing required configuration "topic" which has no default value.',
    ]);
    expect(source.error_count).toBe(2);
  });

  it("resolves config providers for checking but never shows what they resolved to", async () => {
    process.env.TRIBUTARY_VALIDATE_SECRET = "hunter2";
    process.env.TRIBUTARY_VALIDATE_FILE = "/data/in.txt";
    process.env.TRIBUTARY_VALIDATE_TASKS = "lots-of-hunter2";
    const infos = await validateConnectorConfig(
      {
        name: "lines",
        "connector.class": "LinesSource",
        topic: "t",
        "api.password": "${env:TRIBUTARY_VALIDATE_SECRET}",
        file: "${env:TRIBUTARY_VALIDATE_FILE}",
        "tasks.max": "${env:TRIBUTARY_VALIDATE_TASKS}",
      },
      registry,
    );
    const configs = byName(infos);
    expect(configs.get("api.password")?.value.value).toBe("[hidden]");
    expect(configs.get("file")?.value.value).toBe("${env:TRIBUTARY_VALIDATE_FILE}");
    expect(configs.get("tasks.max")?.value.errors).toEqual([
      'Invalid value "${env:TRIBUTARY_VALIDATE_TASKS}" for configuration tasks.max: Not a number of type INT: expected a whole number from -2147483648 to 2147483647',
    ]);
    const text = JSON.stringify(infos);
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("/data/in.txt");
  });

  it("fails without a connector class, or with an unknown one", async () => {
    await expect(validateConnectorConfig({ name: "x" }, registry)).rejects.toThrow(ConfigError);
    await expect(
      validateConnectorConfig({ name: "x", "connector.class": "LinesSorce" }, registry),
    ).rejects.toThrow(NotFoundError);
    await expect(
      validateConnectorConfig(
        { name: "x", "connector.class": "LinesSource", a: "${env:TRIBUTARY_UNSET_VARIABLE}" },
        registry,
      ),
    ).rejects.toThrow(/Config "a" refers to \$\{env:TRIBUTARY_UNSET_VARIABLE\}/);
  });
});
