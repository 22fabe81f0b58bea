import { Config, ConfigValidationError, defineConfig } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { withCrossChecks } from "./cross-checked-config.js";

const definition = withCrossChecks(
  defineConfig({
    "static.field": Config.string({ optional: true }),
    "static.value": Config.string({ optional: true }),
    size: Config.int({ default: 1, minimum: 0 }),
  }),
  (config) =>
    config["static.field"] !== undefined && config["static.value"] === undefined
      ? [{ key: "static.value", value: undefined, reason: "set static.value when static.field is set." }]
      : [],
);

describe("withCrossChecks", () => {
  it("parses as the definition does when the check passes", () => {
    expect(definition.parse({ "static.field": "a", "static.value": "b" })).toEqual({
      "static.field": "a",
      "static.value": "b",
      size: 1,
    });
    expect(definition.keys).toEqual(["static.field", "static.value", "size"]);
    expect(definition.has("size")).toBe(true);
    expect(definition.pick({ size: "2", other: 1 })).toEqual({ size: "2" });
  });

  it("throws the check's problems from parse, naming the key with its prefix", () => {
    expect(() => definition.parse({ "static.field": "a" })).toThrow(ConfigValidationError);
    try {
      definition.parse({ "t.static.field": "a" }, { prefix: "t." });
    } catch (error) {
      expect((error as ConfigValidationError).problems).toEqual([
        {
          key: "t.static.value",
          value: undefined,
          reason: "set static.value when static.field is set.",
          message:
            "Invalid value null for configuration t.static.value: set static.value when static.field is set.",
        },
      ]);
    }
    expect.assertions(2);
  });

  it("adds the check's problems to validation results, once the keys parse on their own", () => {
    const validation = definition.validate({ "static.field": "a" });
    expect(validation.errorCount).toBe(1);
    const entry = validation.configs.find((config) => config.value.name === "static.value");
    expect(entry?.value.errors).toEqual([
      "Invalid value null for configuration static.value: set static.value when static.field is set.",
    ]);
    // A key that does not parse is reported alone; the cross check waits for it.
    expect(definition.validate({ "static.field": "a", size: "-1" }).errorCount).toBe(1);
    expect(definition.validate({}).errorCount).toBe(0);
  });
});
