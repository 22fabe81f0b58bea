import { Ajv } from "ajv";
import { describe, expect, it, vi } from "vitest";
import { ConfigError, hasErrorCode } from "../errors/connect-error.js";
import { Config } from "./config-builders.js";
import { ConfigValidationError } from "./config-validation-error.js";
import { defineConfig } from "./define-config.js";
import { Password } from "./password.js";

const Converter = defineConfig({
  "schemas.enable": Config.boolean({
    default: true,
    importance: "HIGH",
    documentation: "Whether to embed schemas.",
  }),
  "schemas.cache.size": Config.int({ default: 1000, minimum: 0, maximum: 100_000, importance: "HIGH" }),
  "decimal.format": Config.enum(["BASE64", "NUMERIC"], { default: "BASE64", caseInsensitive: true }),
  "converter.type": Config.enum(["key", "value", "header"], { importance: "LOW" }),
  topics: Config.list({ default: [] }),
  "connection.password": Config.password({ optional: true }),
  "batch.size": Config.long({ default: 500 }),
  ratio: Config.double({ default: 0.5, minimum: 0, maximum: 1 }),
  tag: Config.string({ default: "none", nonEmpty: true }),
  flag: Config.short({ default: 1 }),
  "connector.class": Config.class({ optional: true }),
});

function errorOf(run: () => unknown): ConfigValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigValidationError) return error;
    throw error;
  }
  throw new Error("expected a ConfigValidationError");
}

describe("defineConfig().parse", () => {
  it("parses strings from a properties file into typed values, with defaults for absent keys", () => {
    const config = Converter.parse({
      "schemas.enable": "FALSE",
      "schemas.cache.size": " 42 ",
      "decimal.format": "numeric",
      "converter.type": "value",
      topics: "a, b,c",
      "batch.size": "9007199254740991",
      ratio: "0.25",
      flag: "-3",
      "connector.class": "com.example.Sink",
    });
    expect(config).toEqual({
      "schemas.enable": false,
      "schemas.cache.size": 42,
      "decimal.format": "NUMERIC",
      "converter.type": "value",
      topics: ["a", "b", "c"],
      "connection.password": undefined,
      "batch.size": Number.MAX_SAFE_INTEGER,
      ratio: 0.25,
      tag: "none",
      flag: -3,
      "connector.class": "com.example.Sink",
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("parses JSON values: numbers for numeric keys, arrays for lists, booleans", () => {
    const config = Converter.parse({
      "schemas.enable": false,
      "schemas.cache.size": 7,
      "converter.type": "key",
      topics: ["x", "y"],
      ratio: 1,
    });
    expect(config["schemas.enable"]).toBe(false);
    expect(config["schemas.cache.size"]).toBe(7);
    expect(config.topics).toEqual(["x", "y"]);
    expect(config.ratio).toBe(1);
    expect(config["decimal.format"]).toBe("BASE64");
  });

  it("ignores keys it does not declare", () => {
    const config = Converter.parse({ "converter.type": "key", "tasks.max": "3", "other.thing": {} });
    expect(Object.keys(config)).toEqual(Converter.keys);
  });

  it("reports a missing required key in Kafka's words", () => {
    expect(() => Converter.parse({})).toThrow(
      'Missing required configuration "converter.type" which has no default value.',
    );
  });

  it("collects every problem into one ConfigError that lists them and exposes them as data", () => {
    const error = errorOf(() =>
      Converter.parse({
        "schemas.cache.size": "-1",
        ratio: "2",
        tag: "  ",
        "decimal.format": "hex",
        flag: "x",
      }),
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(hasErrorCode(error, "CONFIG")).toBe(true);
    expect(error.problems.map((problem) => problem.key)).toEqual([
      "schemas.cache.size",
      "decimal.format",
      "converter.type",
      "ratio",
      "tag",
      "flag",
    ]);
    expect(error.problems[0]).toEqual({
      key: "schemas.cache.size",
      value: "-1",
      reason: "Value must be at least 0",
      message: "Invalid value -1 for configuration schemas.cache.size: Value must be at least 0",
    });
    expect(error.message).toContain("The configuration has 6 errors:");
    expect(error.message).toContain(
      'Invalid value "hex" for configuration decimal.format: String must be one of (case insensitive): BASE64, NUMERIC',
    );
    expect(error.message).toContain(
      'Missing required configuration "converter.type" which has no default value.',
    );
    expect(error.message).toContain("Invalid value 2 for configuration ratio: Value must be no more than 1");
    expect(error.message).toContain('Invalid value "" for configuration tag: String must be non-empty');
    expect(error.message).toContain('Invalid value "x" for configuration flag: Not a number of type SHORT');
  });

  it("checks case-sensitive one-of keys exactly", () => {
    expect(() => Converter.parse({ "converter.type": "KEY" })).toThrow(
      'Invalid value "KEY" for configuration converter.type: String must be one of: key, value, header',
    );
  });

  it("refuses null for keys that are not optional, and reads null as undefined for optional ones", () => {
    expect(() => Converter.parse({ "converter.type": "key", tag: null })).toThrow(
      "Invalid value null for configuration tag: Value must be non-null (leave the key out to use its default)",
    );
    const config = Converter.parse({ "converter.type": "key", "connector.class": null });
    expect(config["connector.class"]).toBeUndefined();
  });

  it("checks list items against the allowed ones", () => {
    const def = defineConfig({ modes: Config.list({ allowedItems: ["read", "write"], default: ["read"] }) });
    expect(def.parse({ modes: "write, read" }).modes).toEqual(["write", "read"]);
    expect(() => def.parse({ modes: "read,delete" })).toThrow(
      'Invalid value ["read", "delete"] for configuration modes: Item "delete" is not allowed: list items must be one of: read, write',
    );
  });

  it("runs custom validators after the built-in checks, stopping at the first message (composite)", () => {
    const calls: string[] = [];
    const def = defineConfig({
      pattern: Config.string({
        validate: [
          (value) => {
            calls.push(`first ${value}`);
            return value.includes("(") && !value.includes(")") ? "Unbalanced parenthesis" : undefined;
          },
          (value) => {
            calls.push(`second ${value}`);
            if (value === "boom") throw new Error("Validator failed on purpose");
            return undefined;
          },
        ],
      }),
      port: Config.int({ minimum: 1, validate: (port) => (port === 7 ? "Port 7 is reserved" : undefined) }),
    });
    expect(def.parse({ pattern: "a(b)", port: "80" })).toEqual({ pattern: "a(b)", port: 80 });
    expect(() => def.parse({ pattern: "a(b", port: "7" })).toThrow(
      /pattern: Unbalanced parenthesis\n.*Invalid value 7 for configuration port: Port 7 is reserved/,
    );
    expect(calls).toEqual(["first a(b)", "second a(b)", "first a(b"]);
    expect(() => def.parse({ pattern: "boom", port: "0" })).toThrow(
      /Invalid value "boom" for configuration pattern: Validator failed on purpose\n.*port: Value must be at least 1/,
    );
  });

  it("reads only the keys under a prefix, stripped, and names them with the prefix in errors", () => {
    const props = {
      "value.converter": "JsonConverter",
      "value.converter.converter.type": "value",
      "value.converter.schemas.enable": "false",
      "key.converter.schemas.enable": "not-a-boolean",
      "converter.type": "ignored without the prefix",
    };
    const config = Converter.parse(props, { prefix: "value.converter." });
    expect(config["converter.type"]).toBe("value");
    expect(config["schemas.enable"]).toBe(false);
    expect(() => Converter.parse(props, { prefix: "key.converter." })).toThrow(
      /Invalid value "not-a-boolean" for configuration key\.converter\.schemas\.enable: Expected value to be either true or false\n.*Missing required configuration "key\.converter\.converter\.type"/,
    );
  });

  it("picks only the declared keys, raw", () => {
    const props = { "converter.type": "key", ratio: 0.1, "tasks.max": "1", "value.converter.tag": "t" };
    expect(Converter.pick(props)).toEqual({ "converter.type": "key", ratio: 0.1 });
    expect(Converter.pick(props, { prefix: "value.converter." })).toEqual({ tag: "t" });
  });

  it("compiles its ajv validator once per definition, not per call", () => {
    const compile = vi.spyOn(Ajv.prototype, "compile");
    try {
      const def = defineConfig({ size: Config.int({ default: 1, minimum: 0 }) });
      for (let i = 0; i < 5; i++) def.parse({ size: String(i) });
      def.validate({ size: "-1" });
      expect(compile).toHaveBeenCalledTimes(1);
    } finally {
      compile.mockRestore();
    }
  });
});

describe("defineConfig", () => {
  it("describes its keys in declaration order with their metadata", () => {
    const [first] = Converter.definitions;
    expect(Converter.keys.slice(0, 3)).toEqual(["schemas.enable", "schemas.cache.size", "decimal.format"]);
    expect(first).toMatchObject({
      name: "schemas.enable",
      type: "BOOLEAN",
      required: false,
      hasDefault: true,
      defaultValue: true,
      importance: "HIGH",
      documentation: "Whether to embed schemas.",
      width: "NONE",
    });
    expect(Converter.definitions.find((key) => key.name === "converter.type")?.required).toBe(true);
    expect(Converter.has("topics")).toBe(true);
    expect(Converter.has("tasks.max")).toBe(false);
  });

  it("refuses invalid defaults, undeclared dependents and keys not built with Config", () => {
    expect(() => defineConfig({ size: Config.int({ default: -1, minimum: 0 }) })).toThrow(
      "Invalid default value -1 for configuration size: Value must be at least 0",
    );
    expect(() => defineConfig({ size: Config.int({ default: 1.5 }) })).toThrow(
      /Invalid default value 1.5 for configuration size: Not a number of type INT/,
    );
    expect(() => defineConfig({ a: Config.boolean({ default: true, dependents: ["b"] }) })).toThrow(
      'Configuration a names "b" as a dependent, but "b" is not declared',
    );
    expect(() => defineConfig({ a: { type: "string" } as never })).toThrow(
      /not declared with a Config\.\* builder/,
    );
    expect(() => Config.int({ minimum: 5, maximum: 1 })).toThrow(/minimum 5 is greater than maximum 1/);
  });

  it("keeps a password default hidden but usable", () => {
    const def = defineConfig({ secret: Config.password({ default: "changeit" }) });
    const { secret } = def.parse({});
    expect(Password.isPassword(secret) && secret.value()).toBe("changeit");
    expect(String(def.definitions[0]?.defaultValue)).toBe("[hidden]");
  });
});
