import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { Config } from "./config-builders.js";
import { toConfigInfos } from "./config-infos.js";
import { ConfigValidationError } from "./config-validation-error.js";
import { defineConfig } from "./define-config.js";
import { Password } from "./password.js";
import { redactConfig, renderConfig } from "./redact-config.js";

const SECRET = "hunter2-very-secret";

const Db = defineConfig({
  user: Config.string({ default: "admin" }),
  password: Config.password({ nonEmpty: true, importance: "HIGH", documentation: "The database password." }),
  "ssl.keystore.password": Config.password({ default: SECRET, validate: () => undefined }),
  port: Config.int({ default: 5432 }),
});

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return error instanceof Error
      ? `${error.message}\n${inspect(error)}\n${JSON.stringify(error)}`
      : String(error);
  }
  throw new Error("expected an error");
}

describe("Password", () => {
  it("shows [hidden] through every conversion and gives the secret only through value()", () => {
    const password = new Password(SECRET);
    expect(String(password)).toBe("[hidden]");
    expect(`${password}`).toBe("[hidden]");
    expect(JSON.stringify({ password })).toBe('{"password":"[hidden]"}');
    expect(inspect(password)).toBe("[hidden]");
    expect(inspect({ nested: { password } }, { depth: 5 })).not.toContain(SECRET);
    expect(Object.keys(password)).toEqual([]);
    expect(password.value()).toBe(SECRET);
  });

  it("compares by secret and is recognised across copies by its brand", () => {
    expect(new Password("a").equals(new Password("a"))).toBe(true);
    expect(new Password("a").equals(new Password("b"))).toBe(false);
    expect(new Password("a").equals("a")).toBe(false);
    expect(Password.isPassword(new Password("a"))).toBe(true);
    expect(Password.isPassword({ value: () => "a" })).toBe(false);
  });
});

describe("secrets in configurations", () => {
  it("never appear in a parsed config's JSON, String or util.inspect output", () => {
    const config = Db.parse({ password: ` ${SECRET} ` });
    expect(config.password.value()).toBe(SECRET);
    expect(config["ssl.keystore.password"].value()).toBe(SECRET);
    expect(JSON.stringify(config)).not.toContain(SECRET);
    expect(JSON.stringify(config)).toContain('"password":"[hidden]"');
    expect(String(config.password)).toBe("[hidden]");
    expect(inspect(config, { depth: 10 })).not.toContain(SECRET);
    expect(inspect(Db, { depth: 10, showHidden: true })).not.toContain(SECRET);
    expect(JSON.stringify(Db.definitions)).not.toContain(SECRET);
  });

  it("never appear in error messages, problems or inspected errors", () => {
    const wrongType = messageOf(() => Db.parse({ password: 12345678 }));
    expect(wrongType).toContain(
      "Invalid value [hidden] for configuration password: Expected value to be a string",
    );
    expect(wrongType).not.toContain("12345678");

    const empty = messageOf(() => Db.parse({ password: "   " }));
    expect(empty).toContain("Invalid value [hidden] for configuration password: String must be non-empty");

    const leaky = defineConfig({ token: Config.password({ validate: () => "Too short" }) });
    const error = messageOf(() => leaky.parse({ token: SECRET }));
    expect(error).toContain("Invalid value [hidden] for configuration token: Too short");
    expect(error).not.toContain(SECRET);
    try {
      leaky.parse({ token: SECRET });
    } catch (thrown) {
      expect(thrown).toBeInstanceOf(ConfigValidationError);
      expect(JSON.stringify((thrown as ConfigValidationError).problems)).not.toContain(SECRET);
    }
  });

  it("never appear in validation results, as value or default", () => {
    const infos = toConfigInfos("com.example.Db", Db.validate({ password: SECRET }));
    const json = JSON.stringify(infos);
    expect(json).not.toContain(SECRET);
    const [, password, keystore] = infos.configs;
    expect(password?.value.value).toBe("[hidden]");
    expect(keystore?.definition?.default_value).toBe("[hidden]");
    expect(keystore?.value.value).toBe("[hidden]");
  });

  it("never appear in redacted or rendered configs", () => {
    const config = Db.parse({ password: SECRET });
    expect(JSON.stringify(redactConfig(config, Db))).not.toContain(SECRET);
    expect(renderConfig({ password: SECRET, user: "me" }, Db)).toBe("\tpassword = [hidden]\n\tuser = me");
  });
});
