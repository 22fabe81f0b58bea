import { describe, expect, it } from "vitest";
import { Config } from "./config-builders.js";
import { addConfigError, toConfigInfos } from "./config-infos.js";
import { defineConfig } from "./define-config.js";

const Common = defineConfig({
  name: Config.string({
    nonEmpty: true,
    importance: "HIGH",
    group: "Common",
    orderInGroup: 1,
    width: "MEDIUM",
  }),
  "tasks.max": Config.int({ default: 1, minimum: 1, importance: "HIGH", group: "Common", orderInGroup: 2 }),
  topics: Config.list({ default: [], group: "Common", orderInGroup: 3, displayName: "Topics" }),
});

const Mask = defineConfig({
  fields: Config.list({ importance: "HIGH", documentation: "Fields to mask." }),
  replacement: Config.string({ optional: true, group: "Replacement" }),
});

describe("ConfigDef.validate and toConfigInfos", () => {
  it("writes Kafka's ConfigInfos JSON, field for field", () => {
    const infos = toConfigInfos("com.example.FileSink", Common.validate({ name: "sink", topics: "a,b" }));
    expect(JSON.parse(JSON.stringify(infos))).toEqual({
      name: "com.example.FileSink",
      error_count: 0,
      groups: ["Common"],
      configs: [
        {
          definition: {
            name: "name",
            type: "STRING",
            required: true,
            default_value: null,
            importance: "HIGH",
            documentation: null,
            group: "Common",
            width: "MEDIUM",
            display_name: "name",
            dependents: [],
            order: 1,
          },
          value: { name: "name", value: "sink", recommended_values: [], errors: [], visible: true },
        },
        {
          definition: {
            name: "tasks.max",
            type: "INT",
            required: false,
            default_value: "1",
            importance: "HIGH",
            documentation: null,
            group: "Common",
            width: "NONE",
            display_name: "tasks.max",
            dependents: [],
            order: 2,
          },
          value: { name: "tasks.max", value: "1", recommended_values: [], errors: [], visible: true },
        },
        {
          definition: expect.objectContaining({ name: "topics", type: "LIST", default_value: "", order: 3 }),
          value: { name: "topics", value: "a,b", recommended_values: [], errors: [], visible: true },
        },
      ],
    });
    expect(Object.keys(infos.configs[0]?.definition ?? {}).at(-1)).toBe("order");
  });

  it("counts errors, shows null for a value it could not parse and the parsed value for one out of range", () => {
    const validation = Common.validate({ "tasks.max": "0", topics: ["x"], extra: "ignored" });
    const infos = toConfigInfos("c", validation);
    expect(infos.error_count).toBe(2);
    expect(infos.configs.map((config) => config.value.errors)).toEqual([
      ['Missing required configuration "name" which has no default value.'],
      ["Invalid value 0 for configuration tasks.max: Value must be at least 1"],
      [],
    ]);
    expect(infos.configs[0]?.value.value).toBeNull();
    expect(infos.configs[1]?.value.value).toBe("0");
    expect(
      toConfigInfos("c", Common.validate({ name: "n", "tasks.max": "many" })).configs[1]?.value.value,
    ).toBeNull();
  });

  it("renders values and defaults as Kafka's convertToString does", () => {
    const def = defineConfig({
      ratio: Config.double({ default: 1 }),
      half: Config.double({ default: 0.5 }),
      big: Config.long({ default: 123456789 }),
      on: Config.boolean({ default: false }),
      none: Config.string({ optional: true }),
      mode: Config.enum(["fast", "safe"], { default: "safe" }),
    });
    const [ratio, half, big, on, none, mode] = def.validate({}).configs;
    expect(ratio?.definition?.default_value).toBe("1.0");
    expect(half?.value.value).toBe("0.5");
    expect(big?.value.value).toBe("123456789");
    expect(on?.definition?.default_value).toBe("false");
    expect(none?.definition).toMatchObject({ required: false, default_value: null });
    expect(none?.value.value).toBeNull();
    expect(mode?.value.recommended_values).toEqual(["fast", "safe"]);
  });

  it("merges the validations of several definitions, embedding a transform's keys under its prefix and group", () => {
    const props = {
      name: "c1",
      transforms: "mask",
      "transforms.mask.fields": "ssn, card",
      "transforms.mask.replacement": "",
    };
    const infos = toConfigInfos(
      "com.example.Source",
      Common.validate(props),
      Mask.validate(props, { prefix: "transforms.mask.", group: "Transforms: mask" }),
    );
    expect(infos.groups).toEqual(["Common", "Transforms: mask", "Transforms: mask: Replacement"]);
    expect(infos.configs.map((config) => config.value.name)).toEqual([
      "name",
      "tasks.max",
      "topics",
      "transforms.mask.fields",
      "transforms.mask.replacement",
    ]);
    const [fields, replacement] = infos.configs.slice(3);
    expect(fields?.definition).toMatchObject({ group: "Transforms: mask", order: 1, display_name: "fields" });
    expect(fields?.value.value).toBe("ssn,card");
    expect(replacement?.definition).toMatchObject({ group: "Transforms: mask: Replacement", order: 2 });
    expect(infos.error_count).toBe(0);

    const missing = Mask.validate({}, { prefix: "transforms.mask." });
    expect(missing.configs[0]?.value.errors).toEqual([
      'Missing required configuration "transforms.mask.fields" which has no default value.',
    ]);
  });

  it("lets a later validation override a key of an earlier one, keeping its position", () => {
    const Own = defineConfig({
      topics: Config.list({ importance: "HIGH", documentation: "Topics to read." }),
    });
    const infos = toConfigInfos("c", Common.validate({ name: "n" }), Own.validate({}));
    expect(infos.configs.map((config) => config.value.name)).toEqual(["name", "tasks.max", "topics"]);
    expect(infos.configs[2]?.definition?.documentation).toBe("Topics to read.");
    expect(infos.error_count).toBe(1);
  });

  it("adds errors for checks across keys, also on keys no definition declares", () => {
    const validation = Common.validate({ name: "n", topics: "a" });
    const withErrors = addConfigError(
      addConfigError(validation, "topics", "topics and topics.regex are exclusive; set only one"),
      "topics.regex",
      "topics and topics.regex are exclusive; set only one",
    );
    expect(validation.errorCount).toBe(0);
    expect(withErrors.errorCount).toBe(2);
    expect(withErrors.configs[2]?.value.errors).toEqual([
      "topics and topics.regex are exclusive; set only one",
    ]);
    expect(withErrors.configs[3]).toEqual({
      definition: null,
      value: {
        name: "topics.regex",
        value: null,
        recommended_values: [],
        errors: ["topics and topics.regex are exclusive; set only one"],
        visible: true,
      },
    });
  });

  it("computes visibility from the other parsed values and shows static recommendations", () => {
    const def = defineConfig({
      "ssl.enabled": Config.boolean({ default: false, dependents: ["ssl.protocol"] }),
      "ssl.protocol": Config.string({
        default: "TLSv1.3",
        recommendedValues: ["TLSv1.2", "TLSv1.3"],
        visible: (config) => config["ssl.enabled"] === true,
      }),
      "ssl.ciphers": Config.list({
        optional: true,
        recommendedValues: ["A", "B"],
        visible: () => {
          throw new Error("no cipher list available");
        },
      }),
    });
    const off = def.validate({});
    expect(off.configs[1]?.value).toMatchObject({
      visible: false,
      recommended_values: ["TLSv1.2", "TLSv1.3"],
    });
    expect(off.configs[0]?.definition?.dependents).toEqual(["ssl.protocol"]);
    expect(def.validate({ "ssl.enabled": "true" }).configs[1]?.value.visible).toBe(true);
    expect(off.configs[2]?.value.errors).toEqual([
      "Could not decide whether ssl.ciphers is visible: no cipher list available",
    ]);
    expect(off.configs[2]?.value.recommended_values).toEqual(["A", "B"]);
  });
});
