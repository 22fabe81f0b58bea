import type { Static } from "@sinclair/typebox";
import { describe, expectTypeOf, it } from "vitest";
import { Config } from "./config-builders.js";
import { type ConfigDef, type ConfigType, defineConfig } from "./define-config.js";
import type { Password } from "./password.js";

const JsonConverterConfig = defineConfig({
  "schemas.enable": Config.boolean({
    default: true,
    importance: "HIGH",
    documentation: "Whether to embed schemas.",
  }),
  "schemas.cache.size": Config.int({ default: 1000, minimum: 0, importance: "HIGH" }),
  "decimal.format": Config.enum(["BASE64", "NUMERIC"], { default: "BASE64", caseInsensitive: true }),
  "converter.type": Config.enum(["key", "value", "header"], { importance: "LOW" }),
  topics: Config.list({ default: [] }),
  "connection.password": Config.password({ importance: "HIGH" }),
  "batch.size": Config.long({ default: 100 }),
  ratio: Config.double({ default: 0.5, validate: (ratio) => (ratio > 0.9 ? "Too high" : undefined) }),
  tag: Config.string({ optional: true }),
  flag: Config.short(),
  "connector.class": Config.class({ optional: true }),
});

describe("ConfigType", () => {
  it("gives the static type of the parsed configuration", () => {
    expectTypeOf<ConfigType<typeof JsonConverterConfig>>().toEqualTypeOf<{
      readonly "schemas.enable": boolean;
      readonly "schemas.cache.size": number;
      readonly "decimal.format": "BASE64" | "NUMERIC";
      readonly "converter.type": "key" | "value" | "header";
      readonly topics: readonly string[];
      readonly "connection.password": Password;
      readonly "batch.size": number;
      readonly ratio: number;
      readonly tag: string | undefined;
      readonly flag: number;
      readonly "connector.class": string | undefined;
    }>();
    expectTypeOf(JsonConverterConfig.parse).returns.toEqualTypeOf<ConfigType<typeof JsonConverterConfig>>();
    expectTypeOf(JsonConverterConfig).toExtend<ConfigDef<unknown>>();
  });

  it("gives each builder's parsed type through TypeBox's Static", () => {
    const size = Config.int();
    const list = Config.list({ optional: true });
    const mode = Config.enum(["a", "b"]);
    expectTypeOf<Static<typeof size>>().toEqualTypeOf<number>();
    expectTypeOf<Static<typeof list>>().toEqualTypeOf<readonly string[] | undefined>();
    expectTypeOf<Static<typeof mode>>().toEqualTypeOf<"a" | "b">();
  });

  it("checks defaults and validators against the key's type", () => {
    // @ts-expect-error a default must be one of the declared values
    Config.enum(["a", "b"], { default: "c" });
    // @ts-expect-error an INT default is a number
    Config.int({ default: "5" });
    // @ts-expect-error a validator receives the parsed type
    Config.string({ validate: (value: number) => (value > 1 ? undefined : "small") });
    Config.password({ validate: (secret) => (secret.value().length < 8 ? "Too short" : undefined) });
  });
});
